package org.footprint.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.footprint.model.Schemas;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The marginal signal against hand-computed values. Region R has marginal rates for 10:00 (500), 11:00 (700) and
 * 13:00 (400) on 2025-01-01 UTC, none for 12:00 and none after 14:00.
 */
class MarginalSignalTest extends SparkTestBase {
  private static final StructType JOBS = StructType.fromDDL("job_key STRING, region STRING, start_utc TIMESTAMP,"
      + " end_utc TIMESTAMP, energy_kwh DOUBLE, energy_low_kwh DOUBLE, energy_high_kwh DOUBLE,"
      + " intensity_g_per_kwh DOUBLE, co2e_kg DOUBLE, co2e_low_kg DOUBLE, co2e_high_kg DOUBLE,"
      + " intensity_method STRING, intensity_hourly_share DOUBLE, intensity_forecast_share DOUBLE");
  private static Map<String, Row> out;

  @BeforeAll
  static void run() {
    List<Row> slots = List.of(slot("10:00", 500), slot("11:00", 700), slot("13:00", 400));
    List<Row> jobs = List.of(job("covered", "R", "10:30", "11:30"), job("one-hour", "R", "13:00", "14:00"),
        job("over-the-gap", "R", "11:30", "12:30"), job("past-the-end", "R", "13:30", "14:30"),
        job("other-region", "Q", "10:00", "11:00"));
    Dataset<Row> result = MarginalSignal.apply(spark.createDataFrame(jobs, JOBS),
        spark.createDataFrame(slots, Schemas.of("intensity_slots")));
    out = new HashMap<>();
    for (Row r : result.collectAsList()) {
      out.put(r.getAs("job_key"), r);
    }
  }

  @Test
  void aCoveredJobIsPricedWithTheTimeWeightedMarginalRate() {
    // 30 min at 500 + 30 min at 700 = 600 g/kWh; 2 kWh → 1.2 kg
    assertThat((double) out.get("covered").getAs("marginal_g_per_kwh")).isCloseTo(600.0, within(1e-9));
    assertThat((double) out.get("covered").getAs("co2e_marginal_kg")).isCloseTo(1.2, within(1e-9));
    assertThat((double) out.get("one-hour").getAs("co2e_marginal_kg")).isCloseTo(0.8, within(1e-9));
  }

  @Test
  void aJobTheSeriesDoesNotCoverWhollyIsNull() {
    for (String k : List.of("over-the-gap", "past-the-end", "other-region")) {
      assertThat((Object) out.get(k).getAs("co2e_marginal_kg")).as(k).isNull();
      assertThat((Object) out.get(k).getAs("marginal_g_per_kwh")).as(k).isNull();
    }
  }

  @Test
  void theAverageSignalsColumnsAreKept() {
    Row r = out.get("covered");
    assertThat((double) r.getAs("co2e_kg")).isEqualTo(0.7);
    assertThat((double) r.getAs("intensity_g_per_kwh")).isEqualTo(350.0);
    assertThat((String) r.getAs("intensity_method")).isEqualTo("hourly");
    assertThat(r.schema().fieldNames()).doesNotContain("_avg_co2e_kg", "_h1");
  }

  @Test
  void withoutASeriesTheColumnsAreNull() {
    Row r = MarginalSignal.apply(spark.createDataFrame(List.of(job("covered", "R", "10:30", "11:30")), JOBS),
        (Dataset<Row>) null).first();
    assertThat((Object) r.getAs("co2e_marginal_kg")).isNull();
  }

  private static Row job(String key, String region, String from, String to) {
    return RowFactory.create(key, region, ts(from), ts(to), 2.0, 1.0, 3.0, 350.0, 0.7, 0.35, 1.05, "hourly", 1.0,
        0.0);
  }

  private static Row slot(String hhmm, double g) {
    return RowFactory.create("R", ts(hhmm), 3600, g, 0.0);
  }

  private static Timestamp ts(String hhmm) {
    return Timestamp.from(Instant.parse("2025-01-01T" + hhmm + ":00Z"));
  }
}
