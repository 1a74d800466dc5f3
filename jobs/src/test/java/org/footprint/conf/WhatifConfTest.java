package org.footprint.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.footprint.testing.TestConfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** whatif: bound and validated; the marginal signal needs a marginal series. */
class WhatifConfTest {
  @TempDir
  Path dir;

  private FootprintConf load(String whatif) throws IOException {
    return TestConfs.load(dir, TestConfs.minimal("whatif: " + whatif + "\n"), Map.of());
  }

  @Test
  void listsBind() throws IOException {
    WhatifConf w = load("{ signal: average, interactive_names: [shell], non_deferrable_partitions: [debug],"
        + " non_deferrable_qos: [urgent] }").whatif;
    assertThat(w.interactiveNames).containsExactly("shell");
    assertThat(w.nonDeferrablePartitions).containsExactly("debug");
    assertThat(w.nonDeferrableQos).containsExactly("urgent");
    assertThat(load("{ signal: average }").whatif.nonDeferrableQos).isEmpty(); // default: no QoS listed
  }

  @Test
  void theMarginalSignalNeedsAMarginalSeries() {
    assertThatThrownBy(() -> load("{ signal: marginal }"))
        .hasMessage("whatif.signal: marginal needs a marginal series (carbon.marginal.path)");
    assertThatThrownBy(() -> load("{ signal: cleanest }"))
        .hasMessage("whatif.signal: 'cleanest' is not average or marginal");
  }

  @Test
  void theRepositoryConfShiftsAgainstTheAverageAndKeepsInteractiveJobsInPlace() {
    FootprintConf c = TestConfs.repository(Map.of());
    assertThat(c.whatif.signal).isEqualTo("average");
    assertThat(c.whatif.nonDeferrablePartitions).containsExactly("interactive");
    // the sample exports' QoS is "normal" throughout (the text ones have no QOS column): none is listed
    assertThat(c.whatif.nonDeferrableQos).isEmpty();
  }
}
