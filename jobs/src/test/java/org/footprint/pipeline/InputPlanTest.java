package org.footprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.footprint.conf.ConfException;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One file named by two inputs: read once when they agree, a conf error naming both when they do not. */
class InputPlanTest {
  @TempDir
  Path dir;

  private FootprintConf conf(String inputs) throws IOException {
    Files.writeString(dir.resolve("sacct_2026-11-02.txt"), "JobID|State\n");
    Path p = dir.resolve("c.yaml");
    Files.writeString(p, """
        clusters:
          a: { time_zone: Europe/Berlin, region: DE, pue: 1.2 }
          b: { time_zone: Europe/Berlin, region: DE, pue: 1.2 }
        inputs:
        %s
        gpu_profiles: %s
        carbon:
          fallback_g_per_kwh: { DE: 380 }
        """.formatted(inputs, TestPaths.fixture("gpu-profiles.csv")));
    return ConfLoader.load(p.toString(), Map.of());
  }

  @Test
  void aFileNamedTwiceForTwoClustersIsAnErrorNamingBoth() throws IOException {
    FootprintConf c = conf("""
          - { type: sacct, cluster: a, path: "*.txt" }
          - { type: sacct, cluster: b, path: sacct_2026-11-02.txt }
        """);
    assertThatThrownBy(() -> InputPlan.of(c, new RunOptions()))
        .isInstanceOf(ConfException.class)
        .hasMessageContaining("sacct_2026-11-02.txt is named by two inputs that read it differently")
        .hasMessageContaining("inputs[0] (sacct, cluster a)")
        .hasMessageContaining("inputs[1] (sacct, cluster b)");
  }

  @Test
  void theCommandLineClaimingAConfFileForAnotherClusterIsAnError() throws IOException {
    FootprintConf c = conf("""
          - { type: sacct, cluster: a, path: "*.txt" }
        """);
    RunOptions opts = new RunOptions();
    opts.cluster = "b";
    opts.slurm.add(dir.resolve("sacct_2026-11-02.txt").toString());
    assertThatThrownBy(() -> InputPlan.of(c, opts)).isInstanceOf(ConfException.class)
        .hasMessageContaining("inputs[0] (sacct, cluster a) and --slurm ");
  }

  @Test
  void overlappingGlobsThatAgreeReadTheFileOnce() throws IOException {
    FootprintConf c = conf("""
          - { type: sacct, cluster: a, path: "*.txt" }
          - { type: sacct, cluster: a, path: sacct_2026-11-02.txt }
        """);
    assertThat(InputPlan.of(c, new RunOptions()).sacct).hasSize(1);
  }
}
