package org.footprint.carbon;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.WhatifConf;
import org.footprint.model.Schemas;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whatif conf: which jobs are not shifted and why, the marginal series instead of the average one, and the
 * plan of the step. Region R, 2025-01-01 UTC, every hour: average 500 g/kWh but 100 at 03:00 and 04:00; marginal
 * 800 but 200 at 05:00 and 06:00. Every job runs 00:00-02:00 and draws 2 kWh.
 */
class WhatifTest extends SparkTestBase {
  private static final StructType JOBS = StructType.fromDDL("job_key STRING, region STRING, start_utc TIMESTAMP,"
      + " end_utc TIMESTAMP, energy_kwh DOUBLE, name STRING, partition STRING, state STRING, qos STRING");
  private static Dataset<Row> avgSlots;
  private static FootprintConf.CarbonConf carbon;
  private static Map<String, Row> average;
  private static Map<String, Row> marginal;

  @BeforeAll
  static void run() {
    List<Row> avg = new ArrayList<>();
    List<Row> marg = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      avg.add(RowFactory.create("R", ts(h), 3600, h == 3 || h == 4 ? 100.0 : 500.0, 0.0));
      marg.add(RowFactory.create("R", ts(h), 3600, h == 5 || h == 6 ? 200.0 : 800.0, 0.0));
    }
    Dataset<Row> jobs = spark.createDataFrame(List.of(
        job("batch", "train", "gpu", "COMPLETED"),
        job("shell", "BASH", "gpu", "COMPLETED"),
        job("debug", "train", "debug", "FAILED"),
        job("running", "train", "gpu", "RUNNING"),
        job("urgent", "train", "gpu", "COMPLETED", "Debug"),
        job("normal-qos", "train", "gpu", "COMPLETED", "normal"),
        job("debug-both", "train", "debug", "COMPLETED", "debug")), JOBS);
    carbon = new FootprintConf.CarbonConf();
    carbon.counterfactuals = true;
    carbon.fallbackGPerKwh = Map.of("*", 300.0);
    WhatifConf whatif = new WhatifConf();
    whatif.nonDeferrablePartitions = List.of("debug");
    whatif.nonDeferrableQos = List.of("debug");
    avgSlots = spark.createDataFrame(avg, Schemas.of("intensity_slots"));
    Dataset<Row> margSlots = spark.createDataFrame(marg, Schemas.of("intensity_slots"));
    average = byKey(ShiftingCounterfactual.apply(jobs, avgSlots, margSlots, carbon, whatif));
    whatif.signal = "marginal";
    marginal = byKey(ShiftingCounterfactual.apply(jobs, avgSlots, margSlots, carbon, whatif));
  }

  @Test
  void interactiveNonDeferrableAndRunningJobsAreNotShiftedAndSayWhy() {
    assertThat((String) average.get("shell").getAs("shift_note")).isEqualTo("interactive"); // name, any case
    assertThat((String) average.get("debug").getAs("shift_note")).isEqualTo("non_deferrable_partition");
    assertThat((String) average.get("running").getAs("shift_note")).isEqualTo("running");
    // QoS names compared in any case; the partition is named first when both apply
    assertThat((String) average.get("urgent").getAs("shift_note")).isEqualTo("non_deferrable_qos");
    assertThat((String) average.get("debug-both").getAs("shift_note")).isEqualTo("non_deferrable_partition");
    for (String k : List.of("shell", "debug", "running", "urgent", "debug-both")) {
      Row r = average.get(k);
      for (String c : ShiftingCounterfactual.columns()) {
        if (!c.equals("shift_note")) {
          assertThat((Object) r.getAs(c)).as(k + " " + c).isNull();
        }
      }
    }
  }

  @Test
  void theAverageSeriesByDefault() {
    Row r = average.get("batch");
    assertThat((String) r.getAs("whatif_signal")).isEqualTo("average");
    // the series ends at 24:00: a start up to 24:00 (24 h window) would end past it
    assertThat((String) r.getAs("shift_note")).isEqualTo("series_does_not_cover_24h_window");
    assertThat((double) r.getAs("shift_co2e_kg_6h")).isCloseTo(0.2, within(1e-9)); // 2 kWh at 100 from 03:00
    assertThat((double) r.getAs("avoidable_co2e_kg")).isCloseTo(0.8, within(1e-9)); // 1.0 as run at 500
  }

  @Test
  void aQosNotListedIsShiftedLikeAnyBatchJob() {
    Row r = average.get("normal-qos");
    assertThat((String) r.getAs("shift_note")).isEqualTo("series_does_not_cover_24h_window");
    assertThat((double) r.getAs("shift_co2e_kg_6h")).isCloseTo(0.2, within(1e-9)); // 2 kWh at 100 from 03:00
    assertThat((Timestamp) r.getAs("shift_best_start_utc_6h")).isEqualTo(ts(3));
    assertThat((double) r.getAs("avoidable_co2e_kg")).isCloseTo(0.8, within(1e-9)); // 1.0 as run at 500
  }

  @Test
  void theMarginalSeriesWhenAskedFor() {
    Row r = marginal.get("batch");
    assertThat((String) r.getAs("whatif_signal")).isEqualTo("marginal");
    // best start 05:00: 2 kWh × 200 g/kWh = 0.4 kg; as run: 2 kWh × 800 = 1.6 kg
    assertThat((double) r.getAs("shift_co2e_kg_6h")).isCloseTo(0.4, within(1e-9));
    assertThat((Timestamp) r.getAs("shift_best_start_utc_6h")).isEqualTo(ts(5));
    assertThat((double) r.getAs("avoidable_co2e_kg")).isCloseTo(1.2, within(1e-9));
    // 100 % slack, [00:00, 04:00]: every hour at 800
    assertThat((double) r.getAs("pause_co2e_kg_100pct")).isCloseTo(1.6, within(1e-9));
  }

  @Test
  void theStepIsOneProjectionOfTheJobRows() {
    // jobs from a scan with starts that vary (00:00, 01:00, 02:00), not constants the optimizer would fold
    Column start = lit(ts(0).getTime() / 1000).plus(col("id").mod(3).multiply(3600));
    Dataset<Row> jobs = spark.range(1000).select(col("id").cast("string").as("job_key"), lit("R").as("region"),
        timestamp_seconds(start).as("start_utc"), timestamp_seconds(start.plus(7200)).as("end_utc"), lit(2.0).as("energy_kwh"), lit("train").as("name"),
        lit("gpu").as("partition"), lit("COMPLETED").as("state"));
    Dataset<Row> out = ShiftingCounterfactual.apply(jobs, avgSlots, null, carbon, new WhatifConf());
    String plan = out.queryExecution().executedPlan().toString();
    // the series reaches the executors as a broadcast variable, not as constants in the plan; the search is one
    // call per job (its struct is computed once, not once per column read from it)
    assertThat(plan).doesNotContain("500.0,500.0");
    assertThat(plan.split("window_search\\(", -1)).hasSize(2);
    assertThat(plan).contains("Range");
    assertThat(out.filter(col("shift_co2e_kg_6h").isNotNull()).count()).isEqualTo(1000);
    // nothing exploded, joined, grouped or shuffled: the candidates and slots are arrays in the job's own row
    assertThat(plan).doesNotContain("CartesianProduct").doesNotContain("BroadcastNestedLoopJoin")
        .doesNotContain("Join").doesNotContain("Exchange").doesNotContain("Generate").doesNotContain("Window")
        .doesNotContain("Aggregate");
  }

  private static Map<String, Row> byKey(Dataset<Row> result) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : result.collectAsList()) {
      m.put(r.getAs("job_key"), r);
    }
    return m;
  }

  private static Row job(String key, String name, String partition, String state) {
    return job(key, name, partition, state, null);
  }

  private static Row job(String key, String name, String partition, String state, String qos) {
    return RowFactory.create(key, "R", ts(0), ts(2), 2.0, name, partition, state, qos);
  }

  private static Timestamp ts(int hour) {
    return Timestamp.from(Instant.parse(String.format("2025-01-01T%02d:00:00Z", hour)));
  }
}
