package org.footprint.energy;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.io.CacheScope;
import org.footprint.source.power.PowerInput;
import org.footprint.source.power.PowerSampleReader;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;

/** SampledEnergy on hand-made series whose integrals are known exactly. Energies in joules: kWh × 3.6e6. */
class SampledEnergyTest extends SparkTestBase {
  private static final double J = 1e-6; // tolerance in joules after the kWh round trip

  private static Map<String, Row> integrate(SampleData d, double maxGapS, double downsampleS) {
    return Frames.byKey(SampledEnergy.integrate(d.jobs(spark), d.samples(spark), maxGapS, downsampleS),
        r -> r.getString(0));
  }

  private static double joules(Row r) {
    return r.<Double>getAs("sampled_energy_kwh") * 3.6e6;
  }

  private static double coverage(Row r) {
    return r.getAs("sampled_coverage");
  }

  @Test
  void trapezoidRuleIsExactAndClipsByInterpolation() {
    SampleData d = new SampleData()
        .power("n1", 0, 0, 100.0, 0.5).power("n1", 0, 60, 200.0, 0.75).power("n1", 0, 120, 300.0, 1.0)
        .job("whole", 0, 120, 1, "n1")
        .job("middle", 30, 90, 1, "n1")
        .job("before-first-sample", -60, 60, 1, "n1");
    Map<String, Row> r = integrate(d, 120, 0);
    // (100+200)/2 W × 60 s + (200+300)/2 W × 60 s = 24,000 J = 6.667 Wh
    assertThat(joules(r.get("whole"))).isCloseTo(24_000, within(J));
    assertThat(r.get("whole").<Double>getAs("sampled_energy_kwh")).isCloseTo(24_000 / 3.6e6, within(1e-15));
    assertThat(coverage(r.get("whole"))).isEqualTo(1.0);
    assertThat(r.get("whole").<Long>getAs("sample_count")).isEqualTo(3);
    assertThat(r.get("whole").<Double>getAs("sampled_gpu_util")).isCloseTo(0.75, within(1e-12));
    assertThat(r.get("whole").<String>getAs("sampled_match")).isEqualTo("node_share");
    // 30..90 s: the power at the edges is interpolated (150 W, 250 W): 30 × 175 + 30 × 225 = 12,000 J
    assertThat(joules(r.get("middle"))).isCloseTo(12_000, within(J));
    assertThat(coverage(r.get("middle"))).isEqualTo(1.0);
    assertThat(r.get("middle").<Long>getAs("sample_count")).isEqualTo(1);
    // the first minute has no samples before it: not covered, not invented
    assertThat(joules(r.get("before-first-sample"))).isCloseTo(9_000, within(J));
    assertThat(coverage(r.get("before-first-sample"))).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void hourlyProfileSplitsAnIntervalAtTheHourExactly() {
    // samples 10:59:30 and 11:00:30 (100 W, 200 W): 150 W at 11:00:00
    SampleData d = new SampleData().power("n1", 0, 3570, 100.0, null).power("n1", 0, 3630, 200.0, null)
        .job("across", 3570, 3630, 1, "n1");
    Row r = integrate(d, 120, 0).get("across");
    List<Row> hours = r.getList(r.fieldIndex("sampled_hours"));
    assertThat(hours).hasSize(2);
    assertThat(hours.get(0).<Timestamp>getAs("hour_utc")).isEqualTo(SampleData.at(0));
    assertThat(hours.get(0).<Double>getAs("kwh") * 3.6e6).isCloseTo(30 * 125.0, within(J));
    assertThat(hours.get(1).<Timestamp>getAs("hour_utc")).isEqualTo(SampleData.at(3600));
    assertThat(hours.get(1).<Double>getAs("kwh") * 3.6e6).isCloseTo(30 * 175.0, within(J));
    assertThat(joules(r)).isCloseTo(9_000, within(J));
  }

  @Test
  void energyCountersArePreferredAndResetsHandled() {
    SampleData d = new SampleData()
        // counter and power: the counter says 12 kJ where the power trapezoid would say 7.5 kJ
        .sample("na", 0, 0, 100.0, 1_000_000.0, null, null, null)
        .sample("na", 0, 60, 150.0, 13_000_000.0, null, null, null)
        // counter went down: driver reloaded → this interval from the power readings, 60 × (150+350)/2
        .sample("na", 0, 120, 350.0, 3_000_000.0, null, null, null)
        .sample("na", 0, 180, 100.0, 9_000_000.0, null, null, null)
        // counter only: the reset interval gets the post-reset value (3 kJ since the reload), a lower bound
        .sample("nb", 0, 0, null, 1_000_000.0, null, null, null)
        .sample("nb", 0, 60, null, 13_000_000.0, null, null, null)
        .sample("nb", 0, 120, null, 3_000_000.0, null, null, null)
        .sample("nb", 0, 180, null, 9_000_000.0, null, null, null)
        .job("a", 0, 180, 1, "na")
        .job("a-from-30s", 30, 180, 1, "na")
        .job("b", 0, 180, 1, "nb");
    Map<String, Row> r = integrate(d, 120, 0);
    assertThat(joules(r.get("a"))).isCloseTo(12_000 + 15_000 + 6_000, within(J));
    // a counter interval cut by the job start counts pro rata of time: half of 12 kJ
    assertThat(joules(r.get("a-from-30s"))).isCloseTo(6_000 + 15_000 + 6_000, within(J));
    assertThat(joules(r.get("b"))).isCloseTo(12_000 + 3_000 + 6_000, within(J));
    assertThat(coverage(r.get("b"))).isEqualTo(1.0);
  }

  @Test
  void gapsLongerThanMaxGapAreNotCoveredAndNaSamplesAreSkipped() {
    SampleData d = new SampleData();
    for (int t = 0; t <= 300; t += 60) {
      d.power("n3", 0, t, t == 120 ? null : 200.0, 0.9); // [N/A] at 120 s
    }
    for (int t = 900; t <= 1200; t += 60) { // nvidia-smi was down 300 s .. 900 s: a 10-minute gap
      d.power("n3", 0, t, 200.0, 0.9);
    }
    d.job("j", 0, 1200, 1, "n3");
    Row lenient = integrate(d, 120, 0).get("j");
    // covered: 0..300 (the [N/A] leaves a 120 s interval, still <= maxGap) and 900..1200
    assertThat(coverage(lenient)).isCloseTo(600.0 / 1200, within(1e-12));
    assertThat(joules(lenient)).isCloseTo(600 * 200.0, within(J));
    assertThat(lenient.<Long>getAs("sample_count")).isEqualTo(11); // the [N/A] sample has no reading
    Row strict = integrate(d, 100, 0).get("j");
    assertThat(coverage(strict)).isCloseTo(480.0 / 1200, within(1e-12));
    assertThat(joules(strict)).isCloseTo(480 * 200.0, within(J));
  }

  @Test
  void jobsSharingANodeGetTheirShareOfItsBoards() {
    SampleData d = new SampleData()
        .constant("n4", 0, 0, 3600, 60, 300, null, null).constant("n4", 1, 0, 3600, 60, 300, null, null)
        .constant("n4", 2, 0, 3600, 60, 50, null, null).constant("n4", 3, 0, 3600, 60, 50, null, null)
        .job("one-gpu", 0, 3600, 1, "n4")
        .job("two-gpus-half-hour", 0, 1800, 2, "n4")
        .job("exclusive", 0, 3600, 8, "n4")
        .job("two-nodes-one-logged", 0, 3600, 2, "n4", "n5")
        .job("cpu-only", 0, 3600, 0, "n4")
        .job("elsewhere", 0, 3600, 1, "n9");
    Map<String, Row> r = integrate(d, 120, 0);
    // node power 700 W; 1 of 4 boards → 175 W
    assertThat(joules(r.get("one-gpu"))).isCloseTo(175 * 3600.0, within(J));
    assertThat(joules(r.get("two-gpus-half-hour"))).isCloseTo(350 * 1800.0, within(J));
    assertThat(r.get("two-gpus-half-hour").<Long>getAs("sample_count")).isEqualTo(31 * 4);
    assertThat(joules(r.get("exclusive"))).isCloseTo(700 * 3600.0, within(J)); // share capped at 1
    assertThat(coverage(r.get("one-gpu"))).isEqualTo(1.0);
    // 1 GPU per node; n5 has no samples: half the job is not covered
    assertThat(joules(r.get("two-nodes-one-logged"))).isCloseTo(175 * 3600.0, within(J));
    assertThat(coverage(r.get("two-nodes-one-logged"))).isCloseTo(0.5, within(1e-12));
    assertThat(r.get("two-gpus-half-hour").<String>getAs("sampled_match")).isEqualTo("node_share");
    for (String none : List.of("cpu-only", "elsewhere")) {
      Row x = r.get(none);
      assertThat(x.<Double>getAs("sampled_energy_kwh")).as(none).isNull();
      assertThat(coverage(x)).as(none).isZero();
      assertThat(x.<Long>getAs("sample_count")).as(none).isZero();
      assertThat(x.getList(x.fieldIndex("sampled_hours"))).as(none).isEmpty();
    }
    assertThat(r.get("cpu-only").<String>getAs("sampled_match")).isNull();
  }

  @Test
  void podsMatchTheirDcgmLabelsAndShareTimeSlicedBoards() {
    SampleData d = new SampleData()
        .constant("k1", 0, 0, 600, 15, 300, "trainer-0", "ml")
        .constant("k1", 1, 0, 600, 15, 200, "trainer-0", "other") // same pod name, another namespace
        .constant("k1", 2, 0, 600, 15, 60, null, null) // idle board, no pod
        .constant("k1", 3, 0, 600, 15, 240, "a", "ml") // time-sliced between two pods
        .constant("k1", 3, 0, 600, 15, 240, "b", "ml")
        .pod("ml/trainer-0", "ml", "trainer-0", "k1", 0, 600, 1)
        .pod("ml/a", "ml", "a", "k1", 0, 600, 1)
        .pod("ml/late", "ml", "late", "k1", 0, 600, 1);
    Map<String, Row> r = integrate(d, 120, 0);
    assertThat(joules(r.get("ml/trainer-0"))).isCloseTo(300 * 600.0, within(J));
    assertThat(coverage(r.get("ml/trainer-0"))).isEqualTo(1.0);
    assertThat(r.get("ml/trainer-0").<String>getAs("sampled_match")).isEqualTo("pod");
    assertThat(joules(r.get("ml/a"))).isCloseTo(120 * 600.0, within(J));
    assertThat(r.get("ml/late").<Long>getAs("sample_count")).isZero();
  }

  @Test
  void aTimeSlicedBoardReadTwiceStillCountsEachPodOnce() {
    // pods a and b share board 3; a's scrape was read twice (every a sample duplicated), c is another board
    SampleData d = new SampleData()
        .constant("k1", 3, 0, 600, 15, 240, "a", "ml")
        .constant("k1", 3, 0, 600, 15, 240, "a", "ml")
        .constant("k1", 3, 0, 600, 15, 240, "b", "ml")
        .constant("k1", 4, 0, 600, 15, 90, "c", "ml")
        .pod("ml/a", "ml", "a", "k1", 0, 600, 1)
        .pod("ml/b", "ml", "b", "k1", 0, 600, 1)
        .pod("ml/c", "ml", "c", "k1", 0, 600, 1);
    Map<String, Row> r = integrate(d, 120, 0);
    assertThat(joules(r.get("ml/a"))).isCloseTo(120 * 600.0, within(J));
    assertThat(joules(r.get("ml/b"))).isCloseTo(120 * 600.0, within(J));
    assertThat(joules(r.get("ml/c"))).isCloseTo(90 * 600.0, within(J));
    assertThat(coverage(r.get("ml/a"))).isEqualTo(1.0);
  }

  @Test
  void podAndCounterResetFromADcgmScrapeFile() {
    PowerSampleReader.Result read = PowerSampleReader.read(spark, Map.of(
        TestPaths.fixture("power/dcgm/k8s-gpu-1.prom").toString(), new PowerInput("c", "dcgm", "UTC", null, null)), new CacheScope());
    SampleData d = new SampleData();
    // the scrapes are at 2026-10-27T10:00:00Z, :15, :30; T0 is 2026-10-20T10:00:00Z
    double week = 7 * 86400;
    d.pod("ml/train-0", "ml", "train-0", "k8s-gpu-1", week, week + 30, 1);
    d.job("node-job", week, week + 30, 1, "k8s-gpu-1");
    Map<String, Row> r = Frames.byKey(SampledEnergy.integrate(d.jobs(spark), read.samples(), 120, 0),
        x -> x.getString(0));
    // counter deltas: 4,575 J + 4,725 J
    assertThat(joules(r.get("ml/train-0"))).isCloseTo(9_300, within(J));
    assertThat(r.get("ml/train-0").<Double>getAs("sampled_gpu_util")).isCloseTo(0.96, within(1e-12));
    // a Slurm job on the node gets the boards no pod label claims, here board 1 alone: 900 J from the counter,
    // then a driver reload: 60 W × 15 s from the power readings
    assertThat(joules(r.get("node-job"))).isCloseTo(900 + 900, within(J));
    assertThat(r.get("node-job").<String>getAs("sampled_match")).isEqualTo("node_share");
  }

  @Test
  void downsamplingChangesEnergyByAMeasuredSmallAmount() {
    // 15 s samples of a fluctuating board: 250 W ± 100 W with a 10-minute period plus 60 s bursts to 400 W
    SampleData d = new SampleData();
    for (int t = -900; t <= 8100; t += 15) {
      double w = 250 + 100 * Math.sin(2 * Math.PI * t / 600.0) + ((t / 60) % 7 == 0 ? 150 : 0);
      d.power("n6", 0, t, w, 0.8);
    }
    d.job("j", 100, 7000, 1, "n6");
    double exact = joules(integrate(d, 120, 0).get("j"));
    Map<Double, Double> rel = new LinkedHashMap<>();
    for (double ds : new double[] {60, 300}) {
      Row r = integrate(d, 120, ds).get("j");
      rel.put(ds, joules(r) / exact - 1);
      assertThat(coverage(r)).isEqualTo(1.0);
    }
    System.out.printf("downsampling effect on a 15 s series (exact %.1f J): 60 s %+.4f%%, 300 s %+.4f%%%n", exact,
        rel.get(60.0) * 100, rel.get(300.0) * 100);
    assertThat(Math.abs(rel.get(60.0))).isLessThan(0.005);
    assertThat(Math.abs(rel.get(300.0))).isLessThan(0.02);
  }

  @Test
  void emptyInputsGiveOneRowPerJob() {
    SampleData d = new SampleData().job("j", 0, 60, 1, "n1");
    Dataset<Row> out = SampledEnergy.integrate(d.jobs(spark), d.samples(spark), 120, 0);
    assertThat(out.columns()).containsExactly("job_key", "sampled_energy_kwh", "sampled_coverage",
        "sampled_gpu_util", "sample_count", "sampled_hours", "sampled_match");
    assertThat(out.filter(col("sample_count").equalTo(0)).count()).isEqualTo(1);
  }
}
