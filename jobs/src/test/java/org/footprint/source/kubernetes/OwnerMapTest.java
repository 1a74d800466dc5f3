package org.footprint.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.footprint.conf.ConfException;
import org.junit.jupiter.api.Test;

class OwnerMapTest {
  @Test
  void headerCommentsAndOptionalProject() throws Exception {
    OwnerMap m = OwnerMap.parse("owners.csv", new StringReader(
        "\uFEFFnamespace,owner,project\n# Kubeflow Profiles\nteam-a, ann ,proj-a\nteam-b,ben\nteam-c,,only-project\n"));
    assertThat(m.owners()).containsOnly(java.util.Map.entry("team-a", "ann"), java.util.Map.entry("team-b", "ben"));
    assertThat(m.projects()).containsOnly(java.util.Map.entry("team-a", "proj-a"),
        java.util.Map.entry("team-c", "only-project"));
  }

  @Test
  void aRowWithoutOwnerColumnNamesItsLine() {
    assertThatThrownBy(() -> OwnerMap.parse("owners.csv", new StringReader("team-a,ann\nteam-b\n")))
        .isInstanceOf(ConfException.class).hasMessageContaining("owners.csv line 2");
  }
}
