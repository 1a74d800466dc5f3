package org.footprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.sink.RunTables;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;

/**
 * {@code method: strubell} (fixtures/strubell-preset) on one job whose cluster has its own PUE 1.3 and a 380 g/kWh
 * grid: Strubell et al. 2019's p_t = 1.58 · t · (p_c + p_r + g · p_g) / 1000 and 0.954 lbs CO2e per kWh.
 * <pre>
 *   job 5001: 4 × V100 (TDP 300 W, idle 35 W), 10 h, 16 cores, TotalCPU 80 h, 64 GiB, gres/gpuutil 200 (50 %)
 *   g · p_g = 4 × (35 + 0.5 × (300 − 35)) = 670 W
 *   p_c     = 16 cores × 12 W × 80 h / (10 h × 16) = 96 W
 *   p_r     = 64 GiB × 0.3725 W/GB = 23.84 W
 *   p_t     = 1.58 × 10 × (96 + 23.84 + 670) / 1000 = 12.479472 kWh
 *   CO2e    = 0.954 × 12.479472 = 11.905416 lbs = 11.905416 × 0.45359237 = 5.400206 kg
 * </pre>
 */
class StrubellPresetTest extends SparkTestBase {
  private static final double KG_PER_LB = 0.45359237;

  @Test
  void oneJobIsPricedAsStrubellEtAlWouldWhateverTheClustersPueAndGrid() {
    FootprintConf conf = ConfLoader.load(TestPaths.fixture("strubell-preset/strubell-preset.yaml").toString(),
        Map.of());
    RunTables t = new FootprintRun(spark, conf, new RunOptions()).compute();
    List<Row> jobs = t.jobs().collectAsList();
    assertThat(jobs).hasSize(1);
    Row bert = jobs.get(0);

    double itW = 96 + 23.84 + 670;
    double pt = 1.58 * 10 * itW / 1000;
    assertThat(pt).isCloseTo(12.479472, within(1e-9));
    assertThat(bert.<Double>getAs("gpu_power_w")).isCloseTo(670, within(1e-9));
    assertThat(bert.<Double>getAs("cpu_power_w")).isCloseTo(96, within(1e-9));
    assertThat(bert.<Double>getAs("mem_power_w")).isCloseTo(23.84, within(1e-9));
    assertThat(bert.<Double>getAs("pue")).isEqualTo(1.58);
    assertThat(bert.<Double>getAs("energy_kwh")).isCloseTo(pt, within(1e-9));

    double lbs = 0.954 * pt;
    assertThat(lbs).isCloseTo(11.905416, within(1e-6));
    assertThat(bert.<Double>getAs("co2e_kg")).isCloseTo(lbs * KG_PER_LB, within(1e-9));
    assertThat(bert.<Double>getAs("co2e_kg")).isCloseTo(5.400206, within(1e-6));
    assertThat(bert.<Double>getAs("intensity_g_per_kwh")).isCloseTo(432.72712098, within(1e-9));
    assertThat(bert.<String>getAs("intensity_method")).isEqualTo("fallback");
    assertThat(bert.<String>getAs("gpu_util_method")).isEqualTo("measured");
    assertThat(bert.<String>getAs("method")).isEqualTo("strubell");

    Row slurm = t.runSummary().collectAsList().stream().filter(r -> "slurm".equals(r.getAs("source")))
        .findFirst().orElseThrow();
    assertThat(slurm.<String>getAs("method")).isEqualTo("strubell");
  }
}
