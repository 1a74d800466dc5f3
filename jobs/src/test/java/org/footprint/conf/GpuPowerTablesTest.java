package org.footprint.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.footprint.testing.TestConfs;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU power tables in the shapes other tools publish them — ML CO2 Impact's gpus.csv and experiment-impact-tracker's
 * tdp.csv — on their own and layered over conf/gpu-profiles.csv, names translated by conf/gpu-aliases.csv, idle
 * at gpu_tables.idle_share_of_tdp × TDP. The files are small ones of the same shape written here.
 */
class GpuPowerTablesTest {
  /** ML CO2 Impact's header as published: a leading space in " TFLOPS16", cpu and tpu rows among the GPUs. */
  static final String MLCO2 = """
      name,type,tdp_watts,TFLOPS32, TFLOPS16,GFLOPS32/W,GFLOPS16/W,memory,source
      A100 PCIe 40/80GB,gpu,250,,312,,,40,https://www.nvidia.com/a100-datasheet.pdf
      GTX 1080,gpu,180,8,0.13,44.44,0.72,8,techpowerup.com
      T4,gpu,70,8.141,65.13,116.3,930,16, https://www.nvidia.com/t4-datasheet.pdf
      Tesla V100-SXM2-16GB,gpu,250,16.35,32.71,65.4,130.84,16,https://www.techpowerup.com/gpu-specs/c3471
      Tesla V100-SXM2-32GB,gpu,300,15,30,50,100,32,https://www.techpowerup.com/gpu-specs/c3185
      TPUv3 Chip,tpu,283,45,90,160,320,128,average consumption - not TDP
      Intel Xeon Gold 6148,cpu,150,NaN,NaN,NaN,NaN,NaN,https://ark.intel.com/
      """;
  /** experiment-impact-tracker's shape: two sources joined by | in one field, no line end after the last row. */
  static final String EIT = "name,tdp,source\n"
      + "Tesla V100,300,techpowerup.com|https://raw.githubusercontent.com/mlco2/impact/master/data/gpus.csv\n"
      + "NVIDIA V100 PCIe,250,https://en.wikipedia.org/wiki/List_of_Nvidia_graphics_processing_units\n"
      + "TPU3,200,https://www.nextplatform.com/|https://raw.githubusercontent.com/mlco2/impact/master/data/gpus.csv";

  @TempDir
  Path dir;

  private String file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p.toString();
  }

  private static FootprintConf conf(String profiles, List<String> tables) {
    FootprintConf c = new FootprintConf();
    c.gpuProfiles = profiles;
    c.gpuTables.paths = tables;
    c.gpuTables.aliases = TestPaths.repo().resolve("conf/gpu-aliases.csv").toString();
    return c;
  }

  private static String ours() {
    return TestPaths.repo().resolve("conf/gpu-profiles.csv").toString();
  }

  private static void power(GpuProfiles g, String model, double tdp, double idle) {
    GpuProfiles.Profile p = g.byModel().get(model);
    assertThat(p).as(model).isNotNull();
    assertThat(p.tdpW()).as(model + " TDP").isEqualTo(tdp);
    assertThat(p.idleW()).as(model + " idle").isCloseTo(idle, within(1e-9));
  }

  @Test
  void mlCo2ImpactTableOnItsOwnNamesBoardsByTheirTableNames() throws IOException {
    GpuProfiles g = GpuProfiles.load(conf(file("gpus.csv", MLCO2), List.of()));
    // gpu rows only, in file order
    assertThat(g.byModel().keySet()).containsExactly("A100 PCIe 40/80GB", "GTX 1080", "T4", "Tesla V100-SXM2-16GB",
        "Tesla V100-SXM2-32GB");
    power(g, "A100 PCIe 40/80GB", 250, 25);
    power(g, "T4", 70, 7);
    power(g, "Tesla V100-SXM2-16GB", 250, 25);
    assertThat(g.byModel().get("T4").migSlices()).isZero();
    // gres types and node labels reach them through gpu-aliases.csv; a board it does not list by its own name
    assertThat(g.aliasToModel()).containsEntry("a100_pcie", "A100 PCIe 40/80GB")
        .containsEntry("a100_80_pcie", "A100 PCIe 40/80GB").containsEntry("nvidia-a100-80gb-pcie", "A100 PCIe 40/80GB")
        .containsEntry("v100", "Tesla V100-SXM2-32GB").containsEntry("v100_16", "Tesla V100-SXM2-16GB")
        .containsEntry("nvidia-tesla-t4", "T4").containsEntry("gtx 1080", "GTX 1080")
        .doesNotContainKey("tpuv3 chip").doesNotContainKey("intel xeon gold 6148");
    assertThat(g.byModel().get("T4").source()).isEqualTo("ML CO2 Impact gpus.csv: "
        + "https://www.nvidia.com/t4-datasheet.pdf; idle 10 % of TDP assumed (gpu_tables.idle_share_of_tdp)");
  }

  @Test
  void mlCo2ImpactTableLayeredOverOursGivesItsTdpToTheBoardsItsNamesName() throws IOException {
    GpuProfiles g = GpuProfiles.load(conf(ours(), List.of(file("gpus.csv", MLCO2))));
    // one row for both A100 PCIe boards: both take 250 W, idle 25 W; their MIG slices stay
    power(g, "A100-PCIE-40GB", 250, 25);
    power(g, "A100-PCIE-80GB", 250, 25);
    assertThat(g.byModel().get("A100-PCIE-80GB").migSlices()).isEqualTo(7);
    power(g, "V100-SXM2-32GB", 300, 30);
    power(g, "V100-SXM2-16GB", 250, 25);
    power(g, "T4", 70, 7);
    // boards the table does not have keep ours
    power(g, "A100-SXM4-80GB", 400, 55);
    power(g, "H100-SXM5-80GB", 700, 70);
    // names keep pointing where they did; the table's own name joins the first board it named
    assertThat(g.aliasToModel()).containsEntry("a100_80_pcie", "A100-PCIE-80GB").containsEntry("v100", "V100-SXM2-32GB")
        .containsEntry("a100 pcie 40/80gb", "A100-PCIE-40GB").containsEntry("tesla v100-sxm2-16gb", "V100-SXM2-16GB");
    // a board only the table knows is added under its table name
    power(g, "GTX 1080", 180, 18);
    assertThat(g.byModel().get("V100-SXM2-32GB").source()).startsWith("ML CO2 Impact gpus.csv: ");
  }

  @Test
  void experimentImpactTrackerTableKeepsItsJoinedSourcesAndItsLastUnendedLine() throws IOException {
    GpuProfiles g = GpuProfiles.load(conf(ours(), List.of(file("tdp.csv", EIT))));
    // "Tesla V100" names both SXM2 boards in gpu-aliases.csv
    power(g, "V100-SXM2-32GB", 300, 30);
    power(g, "V100-SXM2-16GB", 300, 30);
    power(g, "V100-PCIE-32GB", 250, 25);
    power(g, "TPU3", 200, 20);
    assertThat(g.aliasToModel()).containsEntry("nvidia v100 pcie", "V100-PCIE-32GB")
        .containsEntry("tesla v100", "V100-SXM2-32GB");
    assertThat(g.byModel().get("V100-SXM2-16GB").source()).isEqualTo("experiment-impact-tracker tdp.csv: "
        + "techpowerup.com | https://raw.githubusercontent.com/mlco2/impact/master/data/gpus.csv; idle 10 % of TDP"
        + " assumed (gpu_tables.idle_share_of_tdp)");
  }

  @Test
  void theIdleShareIsAConfKey() throws IOException {
    FootprintConf c = conf(ours(), List.of(file("tdp.csv", EIT)));
    c.gpuTables.idleShareOfTdp = 0.2;
    GpuProfiles g = GpuProfiles.load(c);
    power(g, "V100-PCIE-32GB", 250, 50);
    assertThat(g.byModel().get("V100-PCIE-32GB").source()).contains("idle 20 % of TDP assumed");
  }

  @Test
  void aMalformedRowIsNamedByFileAndLine() throws IOException {
    String bad = file("gpus.csv", MLCO2.replace("T4,gpu,70,", "T4,gpu,seventy,"));
    assertThatThrownBy(() -> GpuProfiles.load(conf(ours(), List.of(bad))))
        .isInstanceOf(ConfException.class)
        .hasMessage("gpu_profiles " + bad + " line 4: column tdp_watts is not a number: 'seventy'");
    // the last line of a file without a line end is still its own line
    String cut = file("tdp.csv", EIT + "\nTitan V");
    assertThatThrownBy(() -> GpuProfiles.load(conf(ours(), List.of(cut))))
        .isInstanceOf(ConfException.class)
        .hasMessage("gpu_profiles " + cut + " line 5: 1 field where the header has 3");
    String zero = file("zero.csv", "name,tdp,source\nT4,0,x\n");
    assertThatThrownBy(() -> GpuProfiles.load(conf(ours(), List.of(zero))))
        .hasMessage("gpu_profiles " + zero + " line 2: need a TDP > 0 for T4");
  }

  @Test
  void twoRowsOfOneTableForTheSameBoardAreAnError() throws IOException {
    String twice = file("tdp.csv", "name,tdp,source\nTesla V100,300,a\nTesla V100-SXM2-32GB,250,b\n");
    assertThatThrownBy(() -> GpuProfiles.load(conf(ours(), List.of(twice))))
        .isInstanceOf(ConfException.class)
        .hasMessageContaining("gpu_profiles " + twice + " line 3: Tesla V100-SXM2-32GB names board V100-SXM2-32GB,"
            + " which gpu_profiles " + twice + " line 2 already gave power to");
  }

  @Test
  void aHeaderOfNoKnownFormatSaysWhichItKnows() throws IOException {
    String other = file("other.csv", "Name,Watts\nT4,70\n");
    assertThatThrownBy(() -> GpuProfiles.load(conf(other, List.of())))
        .isInstanceOf(ConfException.class)
        .hasMessageContaining("gpu_profiles " + other + ": header [name, watts] is none of")
        .hasMessageContaining("name,type,tdp_watts").hasMessageContaining("name,tdp,source");
  }

  @Test
  void theConfNamesTheTablesAndValidatesThem() throws IOException {
    file("tdp.csv", EIT);
    // with the repository's GPU profiles, not the fixture's
    String yaml = TestConfs.minimal("gpu_tables:\n  paths: [tdp.csv]\n  aliases: %s\n"
        .formatted(TestPaths.repo().resolve("conf/gpu-aliases.csv"))).replace(TestConfs.profiles(), ours());
    Path p = TestConfs.write(dir, yaml);
    FootprintConf c = ConfLoader.load(p.toString(), Map.of("gpu_tables.idle_share_of_tdp", "0.12"));
    GpuProfiles g = GpuProfiles.load(c);
    power(g, "V100-PCIE-32GB", 250, 30);
    assertThat(g.byModel().get("V100-PCIE-32GB").source()).contains("; idle 12 % of TDP assumed");
    assertThatThrownBy(() -> ConfLoader.load(p.toString(), Map.of("gpu_tables.idle_share_of_tdp", "1.5")))
        .hasMessageContaining("gpu_tables.idle_share_of_tdp: 1.5 is not a share between 0 and 1");
    assertThatThrownBy(() -> ConfLoader.load(p.toString(), Map.of("gpu_tables.paths", "[nope.csv]")))
        .hasMessageContaining("gpu_tables.paths.0");
  }

  @Test
  void theRepositoryAliasTableNamesOnlyBoardsOurProfilesKnowOrNewOnes() {
    // every alias the table gives that our profiles know points at one board per table name
    GpuProfiles g = GpuProfiles.load(conf(ours(), List.of()));
    assertThat(g.aliasToModel()).containsEntry("tesla v100-sxm2-16gb", "V100-SXM2-16GB")
        .containsEntry("tesla v100-sxm2-32gb", "V100-SXM2-32GB");
  }
}
