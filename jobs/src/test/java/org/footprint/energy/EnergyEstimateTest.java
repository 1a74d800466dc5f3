package org.footprint.energy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.footprint.testing.Frames.row;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precedence, PUE and notes, on candidates given directly: every job has the modelled one (1.0 kWh, band
 * 0.8-1.2); measured (band ± 5 %) and sampled (band ± 0.1 kWh, coverage 0.75) where the row gives their kWh.
 * PUE 1.5 on cluster c, 1.2 on d.
 */
class EnergyEstimateTest extends SparkTestBase {
  private static final String JOBS = "job_key STRING, cluster STRING, gpu_util DOUBLE, gpu_util_method STRING,"
      + " measured_kwh DOUBLE, sampled_kwh DOUBLE, sampled_util DOUBLE, unused_reason STRING";
  private static final double EPS = 1e-12;
  private static Dataset<Row> out;
  private static Map<String, Row> jobs;

  @BeforeAll
  static void estimate() {
    Site site = Site.builder().cluster("c", "R", 1.5).cluster("d", "R", 1.2).build();
    Column measured = col("measured_kwh");
    Column sampled = col("sampled_kwh");
    Dataset<Row> in = Frames.of(spark, JOBS,
            row("all-three", "c", 0.8, "default", 2.0, 3.0, 0.4, null),
            row("sampled", "c", 0.8, "default", null, 3.0, 0.4, "ConsumedEnergyRaw 0: not used"),
            row("sampled-util-reported", "c", 0.6, "measured", null, 3.0, null, null),
            row("modelled-with-reason", "d", 0.8, "default", null, null, null, "ConsumedEnergyRaw 0: not used"),
            row("modelled", "d", null, null, null, null, null, null))
        .withColumn(EnergyModel.CANDIDATE_COLUMN, EnergyEstimate.candidate(EnergyModel.MODELLED, lit(1.0),
            lit(0.8), lit(1.2), lit(0.0), lit(null).cast("string"), lit(null).cast("double")))
        .withColumn(MeasuredEnergy.CANDIDATE_COLUMN, when(measured.isNotNull(), EnergyEstimate.candidate(
            MeasuredEnergy.MEASURED, measured, measured.multiply(0.95), measured.multiply(1.05), lit(1.0),
            lit("meter"), lit(null).cast("double"))))
        .withColumn(SampledMethod.CANDIDATE_COLUMN, when(sampled.isNotNull(), EnergyEstimate.candidate(
            SampledMethod.SAMPLED, sampled, sampled.minus(0.1), sampled.plus(0.1), lit(0.75), lit("samples"),
            col("sampled_util"))))
        .withColumn(MeasuredEnergy.UNUSED_REASON, col("unused_reason"));
    out = EnergyEstimate.apply(in, site);
    jobs = Frames.byKey(out, "job_key");
  }

  @Test
  void aMeterReadingComesFirst() {
    // 2.0 kWh × PUE 1.5; band 1.9 | 2.1 × 1.5
    expect("all-three", "measured", 2.0, 3.0, 2.85, 3.15, 1.0, "meter");
    assertThat((double) jobs.get("all-three").getAs("gpu_util")).isEqualTo(0.8);
    assertThat(jobs.get("all-three").<String>getAs("gpu_util_method")).isEqualTo("default");
  }

  @Test
  void thenTheSamplesWhichMayGiveTheUtilisation() {
    // 3.0 × 1.5 = 4.5; band 2.9 | 3.1 × 1.5; the note says what was used, not why the meter was not
    expect("sampled", "sampled", 3.0, 4.5, 4.35, 4.65, 0.75, "samples");
    assertThat((double) jobs.get("sampled").getAs("gpu_util")).isEqualTo(0.4);
    assertThat(jobs.get("sampled").<String>getAs("gpu_util_method")).isEqualTo("sampled");
    // the source's utilisation stays when the samples give none
    expect("sampled-util-reported", "sampled", 3.0, 4.5, 4.35, 4.65, 0.75, "samples");
    assertThat((double) jobs.get("sampled-util-reported").getAs("gpu_util")).isEqualTo(0.6);
    assertThat(jobs.get("sampled-util-reported").<String>getAs("gpu_util_method")).isEqualTo("measured");
  }

  @Test
  void elseTheModelAndWhyAReadingWasNotUsed() {
    // 1.0 × PUE 1.2; band 0.8 | 1.2 × 1.2
    expect("modelled-with-reason", "modelled", 1.0, 1.2, 0.96, 1.44, 0.0, "ConsumedEnergyRaw 0: not used");
    expect("modelled", "modelled", 1.0, 1.2, 0.96, 1.44, 0.0, null);
    assertThat(jobs.get("modelled").<Double>getAs("gpu_util")).isNull();
  }

  @Test
  void theCandidatesAndTheMethodsScratchColumnsAreDropped() {
    assertThat(out.columns()).doesNotContain(EnergyModel.CANDIDATE_COLUMN, MeasuredEnergy.CANDIDATE_COLUMN,
        SampledMethod.CANDIDATE_COLUMN, MeasuredEnergy.UNUSED_REASON);
    assertThat(out.columns()).contains("pue", "energy_it_kwh", "energy_kwh", "energy_low_kwh", "energy_high_kwh",
        "energy_method", "energy_coverage", "energy_note");
  }

  private static void expect(String key, String method, double it, double kwh, double low, double high,
      double coverage, String note) {
    Row j = jobs.get(key);
    assertThat(j.<String>getAs("energy_method")).as(key).isEqualTo(method);
    assertThat((double) j.getAs("energy_it_kwh")).as(key).isCloseTo(it, within(EPS));
    assertThat((double) j.getAs("energy_kwh")).as(key).isCloseTo(kwh, within(EPS));
    assertThat((double) j.getAs("energy_low_kwh")).as(key).isCloseTo(low, within(EPS));
    assertThat((double) j.getAs("energy_high_kwh")).as(key).isCloseTo(high, within(EPS));
    assertThat((double) j.getAs("energy_coverage")).as(key).isEqualTo(coverage);
    assertThat(j.<String>getAs("energy_note")).as(key).isEqualTo(note);
  }
}
