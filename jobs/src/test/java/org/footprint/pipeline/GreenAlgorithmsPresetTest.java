package org.footprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.sink.RunTables;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code method: green-algorithms} on an export of GA4HPC's own field set (fixtures/ga4hpc: UID, User, JobID, JobName,
 * Submit, Elapsed, Partition, NNodes, NCPUS, TotalCPU, CPUTime, ReqMem, MaxRSS, WorkDir, State, Account, AllocTRES)
 * gives GA4HPC's numbers. GA4HPC, per job (its rows aggregated per JobID by the maximum of each field):
 * <pre>
 *   CPU kWh    = (TotalCPU h, or CPUTime h when TotalCPU is 0) × W per core / 1000
 *                (partition TDP per core: icelake 9.4 W; GPU partitions' TDP_CPU 12 W)
 *   GPU kWh    = Elapsed h × N (the digits of gres/gpu=N) × 400 W / 1000      (GPU partitions only; usage 100 %)
 *   memory kWh = Elapsed h × ReqMem GB (M / 1e3, K / 1e6; "c" × NCPUS) × 0.3725 W/GB / 1000
 *   energy kWh = (CPU + GPU + memory) × PUE 1.2;  carbon g = energy × CI 231 g/kWh
 * </pre>
 * Pending jobs are dropped and a job cancelled before it started has Elapsed 0, so 0 kWh in GA4HPC (footprint skips
 * it, "never started"): neither changes the totals.
 */
class GreenAlgorithmsPresetTest extends SparkTestBase {
  private static final double PUE = 1.2;
  private static final double CI_G_PER_KWH = 231;
  private static final double MEM_W_PER_GB = 0.3725;

  // 9001 align, icelake: TotalCPU 20 h (≤ CPUTime 32 h); ReqMem 32000M = 32 GB; Elapsed 2 h
  //   CPU 20 × 9.4 = 188 Wh; memory 2 × 32 × 0.3725 = 23.84 Wh; (188 + 23.84) × 1.2 = 254.208 Wh
  private static final double J9001 = (20 * 9.4 + 2 * 32 * MEM_W_PER_GB) * PUE / 1000; // 0.254208 kWh
  // 9002 sleep, icelake: TotalCPU 0, so CPUTime 8 h (8 cores × 1 h); ReqMem 16G = 16 GB; Elapsed 1 h
  //   CPU 8 × 9.4 = 75.2 Wh; memory 1 × 16 × 0.3725 = 5.96 Wh; × 1.2 = 97.392 Wh
  private static final double J9002 = (8 * 9.4 + 1 * 16 * MEM_W_PER_GB) * PUE / 1000; // 0.097392 kWh
  // 9003 train, ampere: TotalCPU 40 h; gres/gpu=2; ReqMem 128000M = 128 GB; Elapsed 3 h
  //   CPU 40 × 12 = 480 Wh; GPU 3 × 2 × 400 = 2400 Wh; memory 3 × 128 × 0.3725 = 143.04 Wh; × 1.2 = 3627.648 Wh
  private static final double J9003 = (40 * 12 + 3 * 2 * 400 + 3 * 128 * MEM_W_PER_GB) * PUE / 1000;
  // 9004 infer, mig: a 1g.10gb slice, gres/gpu=1, which GA4HPC counts as one whole GPU; TotalCPU 2 h; 20G; 4 h
  //   CPU 2 × 12 = 24 Wh; GPU 4 × 1 × 400 = 1600 Wh; memory 4 × 20 × 0.3725 = 29.8 Wh; × 1.2 = 1984.56 Wh
  private static final double J9004 = (2 * 12 + 4 * 1 * 400 + 4 * 20 * MEM_W_PER_GB) * PUE / 1000;
  // 9007 index, icelake, FAILED: TotalCPU 3 h; ReqMem 2000Mc × 8 cores = 16 GB; Elapsed 0.5 h
  //   CPU 3 × 9.4 = 28.2 Wh; memory 0.5 × 16 × 0.3725 = 2.98 Wh; × 1.2 = 37.416 Wh
  private static final double J9007 = (3 * 9.4 + 0.5 * 16 * MEM_W_PER_GB) * PUE / 1000;
  // GA4HPC's totals: 6.001224 kWh, 1386.282744 g CO2e
  private static final double TOTAL_KWH = J9001 + J9002 + J9003 + J9004 + J9007;

  private static Map<String, Row> jobs;
  private static List<Row> summary;

  @BeforeAll
  static void run() {
    FootprintConf conf = ConfLoader.load(TestPaths.fixture("ga4hpc/ga4hpc.yaml").toString(), Map.of());
    RunTables t = new FootprintRun(spark, conf, new RunOptions()).compute();
    jobs = Frames.byKey(t.jobs(), "job_id");
    summary = t.runSummary().collectAsList();
  }

  @Test
  void theHandComputedNumbersAreTheOnesWritten() {
    assertThat(TOTAL_KWH).isCloseTo(6.001224, withinPercentage(1e-9));
    assertThat(TOTAL_KWH * CI_G_PER_KWH).isCloseTo(1386.282744, withinPercentage(1e-9));
  }

  @Test
  void totalsMatchGreenAlgorithmsForHpcWithinATenthOfAPercent() {
    double kwh = jobs.values().stream().mapToDouble(r -> r.<Double>getAs("energy_kwh")).sum();
    double kg = jobs.values().stream().mapToDouble(r -> r.<Double>getAs("co2e_kg")).sum();
    assertThat(jobs).containsOnlyKeys("9001", "9002", "9003", "9004", "9007");
    assertThat(kwh).isCloseTo(TOTAL_KWH, withinPercentage(0.1));
    assertThat(kg).isCloseTo(TOTAL_KWH * CI_G_PER_KWH / 1000, withinPercentage(0.1));
  }

  @Test
  void eachJobMatchesGreenAlgorithmsForHpc() {
    Map<String, Double> expected = Map.of("9001", J9001, "9002", J9002, "9003", J9003, "9004", J9004, "9007", J9007);
    expected.forEach((id, kwh) -> {
      Row j = jobs.get(id);
      assertThat(j.<Double>getAs("energy_kwh")).as(id).isCloseTo(kwh, withinPercentage(0.1));
      assertThat(j.<Double>getAs("co2e_kg")).as(id).isCloseTo(kwh * CI_G_PER_KWH / 1000, withinPercentage(0.1));
      assertThat(j.<String>getAs("method")).as(id).isEqualTo("green-algorithms");
      assertThat(j.<String>getAs("energy_method")).as(id).isEqualTo("modelled");
      assertThat(j.<String>getAs("intensity_method")).as(id).isEqualTo("fallback");
    });
  }

  @Test
  void theRulesThatMakeTheDifferenceAreGreenAlgorithmsOnes() {
    // 1000-based memory: 32000M is 32 GB (31.25 GiB as Slurm means it)
    assertThat(jobs.get("9001").<Double>getAs("mem_gb")).isEqualTo(32.0);
    // TotalCPU 0 without steps: not recorded, CPUTime billed; flagged as a warning with a note
    Row sleep = jobs.get("9002");
    assertThat(sleep.<Double>getAs("cpu_usage")).isEqualTo(1.0);
    assertThat(sleep.<String>getAs("warnings")).contains("total_cpu_zero");
    assertThat(sleep.<String>getAs("notes")).contains("TotalCPU 0: taken as not recorded, CPUTime billed");
    // GPUs at TDP × 100 %, no idle floor: 2 × 400 W
    assertThat(jobs.get("9003").<Double>getAs("gpu_power_w")).isEqualTo(800.0);
    assertThat(jobs.get("9003").<String>getAs("gpu_util_method")).isEqualTo("default");
    // a MIG slice counted as the whole board GA4HPC sees in gres/gpu=1
    assertThat(jobs.get("9004").<Double>getAs("gpu_count")).isEqualTo(1.0);
    assertThat(jobs.get("9004").<String>getAs("gpu_model")).isEqualTo("A100-SXM4-80GB");
  }

  @Test
  void runSummarySaysWhichMethodMadeTheNumbersAndCountsTheFlaggedJob() {
    Row slurm = summary.stream().filter(r -> "slurm".equals(r.getAs("source"))).findFirst().orElseThrow();
    assertThat(slurm.<String>getAs("method")).isEqualTo("green-algorithms");
    assertThat(slurm.<Long>getAs("jobs")).isEqualTo(5L);
    // every job of this export is placed at Submit (no Start/End): all 5 warned, 9002 for its TotalCPU too
    assertThat(slurm.<Long>getAs("warnings")).isEqualTo(5L);
    assertThat(slurm.<Double>getAs("energy_kwh")).isCloseTo(TOTAL_KWH, withinPercentage(0.1));
  }
}
