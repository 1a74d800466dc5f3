package org.footprint.pipeline;

import org.footprint.sink.RunTables;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.joins.BroadcastHashJoinExec;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on a hand-made sacct export (fixtures/sacct_fixture.txt) whose every number was worked
 * out by hand: profiles TESTGPU 300 W TDP / 50 W idle, TESTMIG 350/0 with 7 slices, CPU 10 W/core,
 * memory 0.5 W/GB, PUE 1.5, default GPU util 0.8 (band 0.5-1.0), hourly intensity ZZ 10:00Z 100,
 * 11:00Z 200, 12:00Z 300 g/kWh, annual fallback 500. Times in the export are Europe/Berlin (CET, UTC+1).
 */
class FixturePipelineTest extends SparkTestBase {
  private static final double WH = 1e-6; // kWh compared to the milli-Wh
  private static final double G = 1e-6; // kg compared to the milligram
  private static RunTables tables;
  private static List<Dataset<?>> cuts;
  private static Map<String, Row> jobs;

  @BeforeAll
  static void run() {
    FootprintConf conf = ConfLoader.load(TestPaths.fixture("fixture.yaml").toString(), Map.of());
    FootprintRun run = new FootprintRun(spark, conf, new RunOptions());
    tables = run.compute();
    cuts = run.cache().cutFrom();
    jobs = Frames.byKey(tables.jobs(), "job_id");
  }

  @Test
  void everyAllocationThatEndedIsAJob() {
    assertThat(jobs.keySet()).containsExactlyInAnyOrder("1001", "1002", "1003", "500_3", "500_4", "1005", "1007",
        "1014");
  }

  @Test
  void gpuJobWithMeasuredUtilisationFromItsBatchStep() {
    // 2 boards at util 120/2 = 60 %: 2 × (50 + 0.6 × 250) = 400 W; CPU 4 × 10 × (4 h cpu / (2 h × 4)) = 20 W;
    // memory 16 × 0.5 = 8 W; 428 W × 2 h = 0.856 kWh IT, × 1.5 = 1.284 kWh
    Row a = jobs.get("1001");
    assertThat((double) a.getAs("gpu_util")).isCloseTo(0.6, within(1e-12));
    assertThat((String) a.getAs("gpu_util_method")).isEqualTo("measured");
    assertThat((double) a.getAs("cpu_usage")).isCloseTo(0.5, within(1e-12));
    assertThat((double) a.getAs("energy_it_kwh")).isCloseTo(0.856, within(WH));
    assertThat((double) a.getAs("energy_kwh")).isCloseTo(1.284, within(WH));
    // band: util 0.5 → 350 W, 0.7 → 450 W
    assertThat((double) a.getAs("energy_low_kwh")).isCloseTo((350 + 28) * 2 / 1000.0 * 1.5, within(WH));
    assertThat((double) a.getAs("energy_high_kwh")).isCloseTo((450 + 28) * 2 / 1000.0 * 1.5, within(WH));
    // 10:30-12:30Z: ¼ at 100, ½ at 200, ¼ at 300 → 200 g/kWh → 0.2568 kg
    assertThat((double) a.getAs("intensity_g_per_kwh")).isCloseTo(200.0, within(1e-9));
    assertThat((double) a.getAs("co2e_kg")).isCloseTo(0.2568, within(G));
    assertThat((String) a.getAs("intensity_method")).isEqualTo("hourly");
    assertThat((double) a.getAs("gpu_count")).isEqualTo(2.0); // typed + untyped gres: counted once
    assertThat((String) a.getAs("gpu_model")).isEqualTo("TESTGPU");
    assertThat((String) a.getAs("gpu_model_rule")).isEqualTo("gres_type");
    assertThat((double) a.getAs("gpu_hours")).isCloseTo(4.0, within(1e-12));
    assertThat((double) a.getAs("cost_low_usd")).isCloseTo(2.0, within(1e-12));
    assertThat((double) a.getAs("cost_high_usd")).isCloseTo(6.0, within(1e-12));
    assertThat(a.getAs("start_utc").toString()).isEqualTo("2026-03-02 10:30:00.0");
  }

  @Test
  void cpuJobHalfInHourlyDataHalfOnFallback() {
    // 8 × 10 W (usage unknown → 1.0) + 32 × 0.5 W = 96 W × 1 h × 1.5 = 0.144 kWh;
    // 12:30-13:00Z at 300, 13:00-13:30Z no data → annual 500: mean 400 g/kWh → 0.0576 kg
    Row b = jobs.get("1002");
    assertThat((double) b.getAs("energy_kwh")).isCloseTo(0.144, within(WH));
    assertThat((double) b.getAs("co2e_kg")).isCloseTo(0.0576, within(G));
    assertThat((String) b.getAs("intensity_method")).isEqualTo("mixed");
    assertThat((double) b.getAs("intensity_hourly_share")).isCloseTo(0.5, within(1e-12));
    assertThat((double) b.getAs("co2e_low_kg")).isCloseTo(0.0576, within(G)); // no GPU: no band
    assertThat((double) b.getAs("gpu_hours")).isZero();
    assertThat((double) b.getAs("cost_high_usd")).isZero();
  }

  @Test
  void migSlicesAreFractionsOfABoard() {
    // 2 × 3g.20gb = 6/7 of a TESTMIG board; util default 0.8 → 6/7 × 0.8 × 350 = 240 W; CPU 2 × 10 × 1 = 20 W
    Row c = jobs.get("1003");
    assertThat((double) c.getAs("gpu_count")).isCloseTo(6.0 / 7, within(1e-12));
    assertThat((String) c.getAs("gpu_model")).isEqualTo("TESTMIG");
    assertThat((double) c.getAs("gpu_power_w")).isCloseTo(240.0, within(1e-9));
    assertThat((double) c.getAs("energy_kwh")).isCloseTo(0.39, within(WH));
    assertThat((double) c.getAs("co2e_kg")).isCloseTo(0.078, within(G));
    assertThat((double) c.getAs("co2e_low_kg")).isCloseTo(0.051, within(G));
    assertThat((double) c.getAs("co2e_high_kg")).isCloseTo(0.096, within(G));
  }

  @Test
  void arrayTasksFormAnHpoSweepAndTheCommentRuleANasSweep() {
    assertThat((String) jobs.get("500_3").getAs("sweep_id")).isEqualTo("testc/500");
    assertThat((String) jobs.get("500_4").getAs("sweep_kind")).isEqualTo("hpo");
    assertThat((String) jobs.get("1005").getAs("sweep_id")).isEqualTo("nas:cellA");
    assertThat((String) jobs.get("1005").getAs("sweep_kind")).isEqualTo("nas");
    assertThat((String) jobs.get("1001").getAs("sweep_kind")).isEqualTo("single");
    // untyped gres in partition gpu → TESTGPU at util 0.8: 250 W + 1 × 10 × 0.5 + 4 × 0.5 = 257 W; 1 h at 100
    assertThat((double) jobs.get("500_3").getAs("energy_kwh")).isCloseTo(0.3855, within(WH));
    assertThat((double) jobs.get("500_3").getAs("co2e_kg")).isCloseTo(0.03855, within(G));
    assertThat((String) jobs.get("500_3").getAs("gpu_model_rule")).isEqualTo("partition");

    Map<String, Row> sweeps = Frames.byKey(tables.bySweep(), "sweep_id");
    assertThat(sweeps).containsOnlyKeys("testc/500", "nas:cellA");
    Row hpo = sweeps.get("testc/500");
    assertThat(hpo.<Long>getAs("trials")).isEqualTo(2L);
    assertThat(hpo.<Long>getAs("failed_trials")).isEqualTo(1L);
    // every array task is one trial; no sweep tool's spec plans a Slurm array here
    assertThat(hpo.<Long>getAs("run_trials")).isEqualTo(2L);
    assertThat(hpo.isNullAt(hpo.fieldIndex("planned_trials"))).isTrue();
    assertThat(hpo.isNullAt(hpo.fieldIndex("gpus_per_trial"))).isTrue();
    assertThat((double) hpo.getAs("co2e_kg")).isCloseTo(0.0771, within(G));
    assertThat(sweeps.get("nas:cellA").<Long>getAs("failed_trials")).isEqualTo(1L); // TIMEOUT
    // 1 GPU via alias "tg": 250 W + 10 W + 2 W = 262 W × 0.5 h × 1.5 = 0.1965 kWh at 100 g
    assertThat((double) sweeps.get("nas:cellA").getAs("co2e_kg")).isCloseTo(0.01965, within(G));
  }

  @Test
  void searchTotalsSplitSingleHpoNas() {
    Map<String, Row> all = Frames.byKey(tables.searchTotals().filter(col("project").equalTo("*")), "kind");
    assertThat(all).containsOnlyKeys("single", "hpo", "nas");
    double total = 0.2568 + 0.0576 + 0.078 + 2 * 0.03855 + 0.01965 + 0.0393 + 0.0045;
    assertThat((double) all.get("hpo").getAs("co2e_kg")).isCloseTo(0.0771, within(G));
    assertThat((double) all.get("nas").getAs("co2e_kg")).isCloseTo(0.01965, within(G));
    assertThat((double) all.get("single").getAs("co2e_kg"))
        .isCloseTo(total - 0.0771 - 0.01965, within(G));
    assertThat((double) all.get("hpo").getAs("share_of_co2e")).isCloseTo(0.0771 / total, within(1e-9));
    assertThat(all.get("single").<Long>getAs("jobs")).isEqualTo(5L);
  }

  @Test
  void unknownGpuTypeAndPartitionFallBackToTheClusterDefaultWithWarnings() {
    Row g = jobs.get("1007");
    assertThat((String) g.getAs("gpu_model")).isEqualTo("TESTGPU");
    assertThat((String) g.getAs("gpu_model_rule")).isEqualTo("cluster_default");
    assertThat((String) g.getAs("warnings"))
        .isEqualTo("unknown_gpu_type:weird;unknown_partition:legacy;gpu_model_defaulted:TESTGPU");
    assertThat((double) g.getAs("energy_kwh")).isCloseTo(0.393, within(WH));
    assertThat((String) jobs.get("1001").getAs("warnings")).isNull();
  }

  @Test
  void pipeInsideJobNameIsRejoined() {
    Row p = jobs.get("1014");
    assertThat((String) p.getAs("name")).isEqualTo("a|b");
    assertThat((String) p.getAs("user")).isEqualTo("fay");
    assertThat((String) p.getAs("notes")).contains("rejoined '|' inside JobName");
    assertThat((double) p.getAs("co2e_kg")).isCloseTo(0.0045, within(G));
  }

  @Test
  void failedJobsAreCountedAsWaste() {
    Map<String, Row> users = Frames.byKey(tables.byUser(), "user");
    assertThat((double) users.get("cat").getAs("failed_co2e_kg")).isCloseTo(0.03855, within(G));
    assertThat(users.get("cat").<Long>getAs("failed_jobs")).isEqualTo(1L);
    assertThat((double) users.get("cat").getAs("hpo_co2e_kg")).isCloseTo(0.0771, within(G));
    Map<String, Row> projects = Frames.byKey(tables.byProject(), "project");
    assertThat((double) projects.get("proj2").getAs("nas_co2e_kg")).isCloseTo(0.01965, within(G));
    assertThat((double) projects.get("proj1").getAs("co2e_kg"))
        .isCloseTo(0.2568 + 0.078 + 2 * 0.03855, within(G));
  }

  @Test
  void everyRejectHasFileLineAndReason() {
    Map<Long, String> reasons = new HashMap<>();
    Map<Long, String> raws = new HashMap<>();
    for (Row r : tables.rejects().collectAsList()) {
      assertThat((String) r.getAs("file")).endsWith("sacct_fixture.txt");
      reasons.put(r.getAs("line"), r.getAs("reason"));
      raws.put(r.getAs("line"), r.getAs("raw"));
    }
    // an unreadable line keeps its text; an orphan step is named by its job and step
    assertThat(raws.get(15L)).isEqualTo("1010|1010|x|ann");
    assertThat(raws.get(18L)).isEqualTo("1013.batch");
    assertThat(reasons).hasSize(4);
    assertThat(reasons.get(15L)).isEqualTo("line has 4 fields where the header has 22 (truncated line?)");
    assertThat(reasons.get(16L)).startsWith("bad Start '2026-03-0X11:00:00'");
    assertThat(reasons.get(17L)).isEqualTo("unknown State 'EXPLODED'");
    assertThat(reasons.get(18L)).startsWith("step row without its allocation row (job 1013");
  }

  @Test
  void skippedJobsSayWhy() {
    Map<String, String> skipped = Frames.values(tables.skipped(), "job_id", "reason");
    assertThat(skipped).containsOnlyKeys("1008", "1009", "500_[5-9%2]");
    assertThat(skipped.get("1008")).startsWith("not ended (RUNNING)");
    assertThat(skipped.get("1009")).isEqualTo("PENDING: never ran");
    assertThat(skipped.get("500_[5-9%2]")).startsWith("array tasks not started yet");
  }

  @Test
  void runSummaryReconcilesEveryLine() {
    List<Row> rows = tables.runSummary().filter(col("source").equalTo("slurm")).collectAsList();
    assertThat(rows).hasSize(1);
    Row s = rows.get(0);
    assertThat(s.<Long>getAs("records_read")).isEqualTo(18L);
    assertThat(s.<Long>getAs("jobs")).isEqualTo(8L);
    assertThat(s.<Long>getAs("merged")).isEqualTo(3L);
    assertThat(s.<Long>getAs("skipped")).isEqualTo(3L);
    assertThat(s.<Long>getAs("rejected")).isEqualTo(4L);
    assertThat(s.<Long>getAs("warnings")).isEqualTo(1L);
    assertThat((double) s.getAs("energy_share_modelled")).isEqualTo(1.0);
    Row intensity = tables.runSummary().filter(col("source").equalTo("intensity")).first();
    assertThat(intensity.<Long>getAs("jobs")).isEqualTo(3L);
    assertThat(intensity.<Long>getAs("rejected")).isZero();
  }

  @Test
  void noCartesianOrNestedLoopJoinInThePlan() {
    // the jobs table is a cut (one node): the joins are in the plans that computed it and the cuts before it
    List<SparkPlan> plan = new ArrayList<>();
    cuts.forEach(d -> plan.addAll(Frames.operators(d)));
    assertThat(cuts).hasSizeGreaterThanOrEqualTo(3);
    assertThat(Frames.pairwiseJoins(plan)).isEmpty();
    assertThat(Frames.find(plan, BroadcastHashJoinExec.class)).isNotEmpty();
  }


}
