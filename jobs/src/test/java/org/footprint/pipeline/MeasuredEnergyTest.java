package org.footprint.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.SparkPlan;
import org.footprint.sink.RunTables;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ConsumedEnergyRaw in its configured scope (fixtures/measured.yaml): node scope (ipmi, PUE 1.5, max 2 kW per
 * node) and cpu scope (rapl, PUE 1.0, GPUs modelled at TESTGPU 50 + 0.8 × 250 = 250 W).
 */
class MeasuredEnergyTest extends SparkTestBase {
  private static Map<String, Row> jobs;
  private static RunTables tables;
  private static List<Dataset<?>> cuts;

  @BeforeAll
  static void run() {
    FootprintConf conf = ConfLoader.load(TestPaths.fixture("measured.yaml").toString(), Map.of());
    FootprintRun run = new FootprintRun(spark, conf, new RunOptions());
    tables = run.compute();
    cuts = run.cache().cutFrom();
    jobs = Frames.byKey(tables.jobs(), "job_id");
  }

  @Test
  void exclusiveNodeEnergyIsUsedAsMeasured() {
    Row j = jobs.get("1"); // 3.6 MJ = 1 kWh on a node it had alone; × PUE 1.5
    assertThat((String) j.getAs("energy_method")).isEqualTo("measured");
    assertThat((double) j.getAs("energy_it_kwh")).isCloseTo(1.0, within(1e-12));
    assertThat((double) j.getAs("energy_kwh")).isCloseTo(1.5, within(1e-12));
    assertThat((double) j.getAs("energy_low_kwh")).isCloseTo(1.5 * 0.95, within(1e-12));
    assertThat((double) j.getAs("energy_high_kwh")).isCloseTo(1.5 * 1.05, within(1e-12));
    assertThat((double) j.getAs("energy_coverage")).isEqualTo(1.0);
    assertThat((double) j.getAs("co2e_kg")).isCloseTo(0.15, within(1e-12));
    assertThat((String) j.getAs("energy_note")).isEqualTo("ConsumedEnergyRaw (node)");
  }

  @Test
  void sharedZeroAndAbsurdReadingsFallBackToTheModelAndSayWhy() {
    for (String id : new String[] {"2", "3"}) { // overlap 10:30-11:00 on n2
      assertThat((String) jobs.get(id).getAs("energy_method")).isEqualTo("modelled");
      assertThat((String) jobs.get(id).getAs("energy_note")).startsWith("ConsumedEnergyRaw not used: node shared");
      // modelled: 4 cores × 10 W × 1 h × 1.5
      assertThat((double) jobs.get(id).getAs("energy_kwh")).isCloseTo(0.06, within(1e-12));
    }
    assertThat((String) jobs.get("4").getAs("energy_note")).contains("meter error"); // 2.5 MWh in an hour
    assertThat((String) jobs.get("5").getAs("energy_note")).isEqualTo("ConsumedEnergyRaw 0: not used");
    // job 7 overlaps the RUNNING job 6 on n5: still shared, though 6 is not a job yet
    assertThat((String) jobs.get("7").getAs("energy_method")).isEqualTo("modelled");
    Row s = tables.runSummary().filter(col("cluster").equalTo("ipmi")).first();
    assertThat(s.<Long>getAs("measured_unused")).isEqualTo(5L);
    assertThat((double) s.getAs("energy_share_measured")).isCloseTo(1.5 / (1.5 + 4 * 0.06 + 0.01), within(1e-12));
  }

  @Test
  void raplMeasuresCpuAndDramSoGpusStayModelled() {
    Row j = jobs.get("9"); // 0.5 kWh measured + 1 GPU × 250 W × 1 h = 0.75 kWh, PUE 1.0
    assertThat((String) j.getAs("energy_method")).isEqualTo("measured");
    assertThat((double) j.getAs("energy_kwh")).isCloseTo(0.75, within(1e-12));
    // band: 0.5 ± 5 % plus the GPU's utilisation band 0.5 → 175 W, 1.0 → 300 W
    assertThat((double) j.getAs("energy_low_kwh")).isCloseTo(0.475 + 0.175, within(1e-12));
    assertThat((double) j.getAs("energy_high_kwh")).isCloseTo(0.525 + 0.300, within(1e-12));
  }

  @Test
  void theSharedNodeCheckIsAnEquiJoin() {
    // the jobs table is a cut (one node): its joins are in the plans behind the run's cuts
    List<SparkPlan> plan = new ArrayList<>();
    cuts.forEach(d -> plan.addAll(Frames.operators(d)));
    assertThat(Frames.pairwiseJoins(plan)).isEmpty();
    assertThat(Frames.equiJoins(plan)).isNotEmpty();
  }
}
