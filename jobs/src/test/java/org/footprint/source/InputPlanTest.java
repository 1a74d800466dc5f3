package org.footprint.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.footprint.conf.ConfException;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.InputSpec;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs planned in one place: one file named by two inputs is read once when they agree, a conf error naming both
 * when they do not; command-line inputs replace the conf's of the same kind unless --also-conf-inputs.
 */
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
    assertThatThrownBy(() -> InputPlan.of(c))
        .isInstanceOf(ConfException.class)
        .hasMessageContaining("sacct_2026-11-02.txt is named by two inputs that read it differently")
        .hasMessageContaining("inputs[0] (sacct, cluster a)")
        .hasMessageContaining("inputs[1] (sacct, cluster b)");
  }

  @Test
  void theCommandLineClaimingAConfFileForAnotherClusterIsAnErrorWhenBothAreRead() throws IOException {
    FootprintConf c = conf("""
          - { type: sacct, cluster: a, path: "*.txt" }
        """);
    List<InputSpec> cli = InputPlan.fromFlag(c, InputSpec.Type.SACCT, dir.resolve("sacct_2026-11-02.txt").toString(),
        "b", InputSpec.Options.NONE);
    assertThatThrownBy(() -> InputPlan.of(c, cli, true)).isInstanceOf(ConfException.class)
        .hasMessageContaining("inputs[0] (sacct, cluster a) and --slurm ");
    // without --also-conf-inputs the command line's export replaces the conf's: read once, for b
    InputPlan plan = InputPlan.of(c, cli, false);
    assertThat(plan.of(InputSpec.Source.SLURM)).singleElement()
        .satisfies(s -> assertThat(s.cluster()).isEqualTo("b"));
  }

  @Test
  void overlappingGlobsThatAgreeReadTheFileOnce() throws IOException {
    FootprintConf c = conf("""
          - { type: sacct, cluster: a, path: "*.txt" }
          - { type: sacct, cluster: a, path: sacct_2026-11-02.txt }
        """);
    assertThat(InputPlan.of(c).files()).hasSize(1);
  }

  @Test
  void commandLineInputsReplaceTheConfsOfTheSameKindUnlessAlsoConfInputs() throws IOException {
    Files.writeString(dir.resolve("mine.txt"), "JobID|State\n");
    Files.writeString(dir.resolve("nodes.json"), "{}\n");
    Files.writeString(dir.resolve("export.json"), "{}\n");
    FootprintConf c = conf("""
          - { type: sacct, cluster: a, path: sacct_2026-11-02.txt }
          - { type: sacct-json, cluster: a, path: export.json }
          - { type: kubectl-nodes, cluster: a, path: nodes.json }
        """);
    List<InputSpec> cli = InputPlan.fromFlag(c, InputSpec.Type.SACCT, dir.resolve("mine.txt").toString(), "b",
        InputSpec.Options.NONE);

    InputPlan replaced = InputPlan.of(c, cli, false);
    // --slurm replaces both sacct formats of the conf, for every cluster; the nodes dump is another kind
    assertThat(replaced.files()).extracting(f -> f.replaceAll(".*/", "")).containsExactly("nodes.json", "mine.txt");
    assertThat(replaced.summary()).containsExactly(
        "--slurm " + dir.resolve("mine.txt") + ": 1 file (sacct, cluster b)",
        "conf: 1 input, 1 file (kubectl-nodes)",
        "not read: conf inputs[0] (sacct, cluster a), inputs[1] (sacct-json, cluster a), replaced by the command"
            + " line (--also-conf-inputs reads both)");

    InputPlan both = InputPlan.of(c, cli, true);
    assertThat(both.files()).extracting(f -> f.replaceAll(".*/", ""))
        .containsExactly("sacct_2026-11-02.txt", "export.json", "nodes.json", "mine.txt");
    assertThat(both.summary()).hasSize(2).last().isEqualTo("conf: 3 inputs, 3 files (sacct, sacct-json, kubectl-nodes)");
  }

  @Test
  void slurmSendsJsonExportsToTheJsonReaderAndNeedsAClusterOnlyWhenThereAreSeveral() throws IOException {
    FootprintConf c = conf("""
          - { type: sacct, cluster: a, path: "*.txt" }
        """);
    Files.createDirectories(dir.resolve("exports"));
    Files.writeString(dir.resolve("exports/x.json"), "{}\n");
    Files.writeString(dir.resolve("exports/y.txt"), "JobID|State\n");
    List<InputSpec> specs = InputPlan.fromFlag(c, InputSpec.Type.SACCT, dir.resolve("exports").toString(), "a",
        InputSpec.Options.NONE);
    assertThat(specs).extracting(s -> s.type() + " " + s.files().size())
        .containsExactlyInAnyOrder("sacct 1", "sacct-json 1");
    assertThatThrownBy(() -> InputPlan.fromFlag(c, InputSpec.Type.KUBECTL_PODS, "x.json", null,
        InputSpec.Options.NONE)).isInstanceOf(ConfException.class)
        .hasMessage("--pods needs --cluster NAME: which cluster the files belong to");
  }

  @Test
  void eachFileGoesToWhatItsInputSaysInInputOrder() throws IOException {
    Files.writeString(dir.resolve("b.txt"), "JobID|State\n");
    FootprintConf c = conf("""
          - { type: sacct, cluster: b, path: b.txt }
          - { type: sacct, cluster: a, path: sacct_2026-11-02.txt }
        """);
    Map<String, String> clusterOf = InputPlan.byFile(InputPlan.of(c).of(InputSpec.Source.SLURM), InputSpec::cluster);
    assertThat(clusterOf.entrySet()).extracting(e -> e.getKey().replaceAll(".*/", "") + " " + e.getValue())
        .containsExactly("b.txt b", "sacct_2026-11-02.txt a");
  }

  @Test
  void onlyTheSlurmAndKubernetesSourcesYieldJobs() {
    assertThat(Sources.JOB_SOURCES).containsExactlyInAnyOrder("slurm", "kubernetes");
  }
}
