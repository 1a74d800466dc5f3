package org.footprint.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** whatif: bound and validated; the marginal signal needs a marginal series. */
class WhatifConfTest {
  @TempDir
  Path dir;

  private FootprintConf load(String whatif) throws IOException {
    Files.writeString(dir.resolve("in.txt"), "JobID|State\n");
    Path p = dir.resolve("c.yaml");
    Files.writeString(p, """
        clusters:
          a: { time_zone: Europe/Berlin, region: DE, pue: 1.2 }
        inputs:
          - { type: sacct, cluster: a, path: in.txt }
        gpu_profiles: %s
        carbon:
          fallback_g_per_kwh: { DE: 380 }
        whatif: %s
        """.formatted(TestPaths.fixture("gpu-profiles.csv"), whatif));
    return ConfLoader.load(p.toString(), Map.of());
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
    FootprintConf c = ConfLoader.load(TestPaths.repo().resolve("conf/footprint.yaml").toString(), Map.of());
    assertThat(c.whatif.signal).isEqualTo("average");
    assertThat(c.whatif.nonDeferrablePartitions).containsExactly("interactive");
    // the sample exports' QoS is "normal" throughout (the text ones have no QOS column): none is listed
    assertThat(c.whatif.nonDeferrableQos).isEmpty();
  }
}
