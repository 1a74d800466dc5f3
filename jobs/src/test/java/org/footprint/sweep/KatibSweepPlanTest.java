package org.footprint.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.model.Schemas;
import org.footprint.pipeline.FootprintRun;
import org.footprint.pipeline.RunOptions;
import org.footprint.sink.RunTables;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Katib experiment specs carried into by_sweep (fixtures/katib-sweeps, numbers in sweeps.yaml): what the spec
 * plans next to what ran, and an experiment without a trial pod yet kept with zero usage.
 */
class KatibSweepPlanTest extends SparkTestBase {
  private static final double E = 1e-9;
  private static RunTables tables;
  private static Map<String, Row> sweeps;

  @BeforeAll
  static void run() {
    FootprintConf conf = ConfLoader.load(TestPaths.fixture("katib-sweeps/sweeps.yaml").toString(), Map.of());
    tables = new FootprintRun(spark, conf, new RunOptions()).compute();
    sweeps = Frames.byKey(tables.bySweep(), "sweep_id");
  }

  @Test
  void everyExperimentHasARowTheOneWithoutPodsToo() {
    assertThat(sweeps).containsOnlyKeys("katib:vision/tune", "katib:speech/later");
    assertThat(tables.bySweep().schema().fieldNames()).containsExactly(Schemas.of("by_sweep").fieldNames());
    // four pods, all of "tune": the spec-only experiment adds no job
    assertThat(tables.jobs().count()).isEqualTo(4);
  }

  @Test
  void plannedTrialsNextToTheTrialsThatRan() {
    Row tune = sweeps.get("katib:vision/tune");
    assertThat(tune.<Integer>getAs("planned_trials")).isEqualTo(4);
    assertThat(tune.<Integer>getAs("parallel_trials")).isEqualTo(2);
    assertThat(tune.<Integer>getAs("max_failed_trials")).isEqualTo(1);
    assertThat(tune.<Double>getAs("gpus_per_trial")).isEqualTo(2.0);
    // tune-t1 once, tune-t2 as a failed pod and its retry: 2 trials ran, 3 trial jobs, 1 of them failed; the
    // suggestion pod is neither
    assertThat(tune.<Long>getAs("run_trials")).isEqualTo(2L);
    assertThat(tune.<Long>getAs("trials")).isEqualTo(3L);
    assertThat(tune.<Long>getAs("failed_trials")).isEqualTo(1L);
    assertThat((String) tune.getAs("sweep_kind")).isEqualTo("hpo");
    assertThat((String) tune.getAs("user")).isEqualTo("alice");
    assertThat((String) tune.getAs("project")).isEqualTo("imaging");
    // trials: 2 boards × (50 + 0.8 × 250) W = 500 W over 1 + 0.5 + 1 h = 1.25 kWh; suggestion 2 cores × 10 W × 3 h
    // = 0.06 kWh; × PUE 1.5 = 1.965 kWh; × 500 g/kWh = 0.9825 kg
    assertThat(tune.<Double>getAs("gpu_hours")).isCloseTo(5.0, within(E));
    assertThat(tune.<Double>getAs("energy_kwh")).isCloseTo(1.965, within(E));
    assertThat(tune.<Double>getAs("co2e_kg")).isCloseTo(0.9825, within(E));
  }

  @Test
  void anExperimentWithoutTrialPodsHasZeroUsageAndItsPlan() {
    Row later = sweeps.get("katib:speech/later");
    assertThat((String) later.getAs("sweep_kind")).isEqualTo("nas"); // enas
    assertThat((String) later.getAs("cluster")).isEqualTo("kx");
    // attributed by the namespace rules, as its pods would be (owners.csv: speech → bob, asr)
    assertThat((String) later.getAs("user")).isEqualTo("bob");
    assertThat((String) later.getAs("project")).isEqualTo("asr");
    assertThat(later.<Integer>getAs("planned_trials")).isEqualTo(10);
    assertThat(later.<Integer>getAs("parallel_trials")).isEqualTo(3);
    assertThat(later.<Integer>getAs("max_failed_trials")).isEqualTo(2);
    // master 1 board + 2 workers × one 3g.20gb slice of a 7-slice TESTMIG board
    assertThat(later.<Double>getAs("gpus_per_trial")).isCloseTo(1 + 2 * 3.0 / 7, within(E));
    assertThat(later.<Long>getAs("run_trials")).isZero();
    assertThat(later.<Long>getAs("trials")).isZero();
    assertThat(later.<Long>getAs("failed_trials")).isZero();
    for (String c : new String[] {"gpu_hours", "energy_kwh", "co2e_kg", "co2e_low_kg", "co2e_high_kg",
        "co2e_market_kg", "embodied_co2e_kg", "total_co2e_kg"}) {
      assertThat(later.<Double>getAs(c)).as(c).isZero();
    }
    assertThat(later.isNullAt(later.fieldIndex("first_start_utc"))).isTrue();
    assertThat(later.isNullAt(later.fieldIndex("search_overhead_factor"))).isTrue();
  }
}
