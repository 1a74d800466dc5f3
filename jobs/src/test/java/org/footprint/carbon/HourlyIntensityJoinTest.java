package org.footprint.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The running-integral intensity against hand-computed time-weighted means. Region R has values for 10:00 (100),
 * 11:00 (200) and 13:00 (400) on 2025-01-01 UTC, none for 12:00; its annual fallback is 300, any other region's 500.
 */
class HourlyIntensityJoinTest extends SparkTestBase {
  private static final StructType JOBS = StructType.fromDDL("job_key STRING, region STRING, start_utc TIMESTAMP,"
      + " end_utc TIMESTAMP, energy_kwh DOUBLE, energy_low_kwh DOUBLE, energy_high_kwh DOUBLE,"
      + " energy_method STRING, energy_it_kwh DOUBLE, sampled_hours ARRAY<STRUCT<hour_utc: TIMESTAMP, kwh: DOUBLE>>");
  private static final Map<String, Double> FALLBACK = Map.of("R", 300.0, "*", 500.0);
  private static Map<String, Row> out;

  @BeforeAll
  static void run() {
    List<Row> hourly = List.of(hour("10:00", 100), hour("11:00", 200), hour("13:00", 400));
    List<Row> jobs = new ArrayList<>(List.of(
        job("one-hour", "R", "10:30", "10:45"),
        job("gap-inside", "R", "10:30", "13:30"),
        job("starts-before-data", "R", "08:30", "10:30"),
        job("ends-after-data", "R", "13:30", "15:15"),
        job("all-before-data", "R", "07:00", "09:00"),
        job("region-without-data", "Q", "10:00", "14:00"),
        job("zero-duration", "R", "11:15", "11:15"),
        job("on-hour-boundaries", "R", "11:00", "13:00"),
        RowFactory.create("sampled", "R", ts("10:30"), ts("13:30"), 2.0, 1.0, 3.0, "sampled", 5.0,
            scala.jdk.javaapi.CollectionConverters.asScala(List.of(RowFactory.create(ts("10:00"), 1.0),
                RowFactory.create(ts("11:00"), 3.0))).toSeq())));
    Dataset<Row> result = HourlyIntensityJoin.apply(spark.createDataFrame(jobs, JOBS),
        spark.createDataFrame(hourly, Schemas.of("intensity_slots")), FALLBACK, true);
    out = new HashMap<>();
    for (Row r : result.collectAsList()) {
      out.put(r.getAs("job_key"), r);
    }
    // the step's own columns and nothing else: its scratch columns are dropped
    List<String> expected = new ArrayList<>(Arrays.asList(JOBS.fieldNames()));
    expected.addAll(List.of("intensity_g_per_kwh", "intensity_hourly_share", "intensity_forecast_share",
        "intensity_method", "co2e_kg", "co2e_low_kg", "co2e_high_kg"));
    assertThat(result.columns()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aJobWithinOneHourTakesThatHoursValue() {
    expect("one-hour", 100, 1.0, "hourly");
    expect("zero-duration", 200, 1.0, "hourly");
  }

  @Test
  void anHourWithoutValueInsideTheDataTakesTheFallback() {
    // 30 min × 100 + 60 × 200 + 60 × 300 (no value) + 30 × 400, over 180 min; 120 of 180 min with values
    expect("gap-inside", 45000.0 / 180, 120.0 / 180, "mixed");
    // 60 × 200 + 60 × 300 over 120 min, ending exactly on an hour
    expect("on-hour-boundaries", 250, 0.5, "mixed");
  }

  @Test
  void hoursBeforeAndAfterTheRegionsDataTakeTheFallback() {
    expect("starts-before-data", (30 * 300 + 60 * 300 + 30 * 100) / 120.0, 30.0 / 120, "mixed");
    expect("ends-after-data", (30 * 400 + 60 * 300 + 15 * 300) / 105.0, 30.0 / 105, "mixed");
    expect("all-before-data", 300, 0.0, "fallback");
    expect("region-without-data", 500, 0.0, "fallback");
  }

  @Test
  void aSampledJobWeightsItsHoursByItsOwnProfile() {
    // 1 kWh sampled at 10:00 (100), 3 kWh at 11:00 (200), 1 kWh of the 5 kWh IT energy spread evenly (250, 2/3)
    expect("sampled", (1 * 100 + 3 * 200 + 1 * 250) / 5.0, (1 + 3 + 2.0 / 3) / 5, "mixed");
  }

  @Test
  void co2eIsEnergyTimesIntensity() {
    Row r = out.get("gap-inside");
    assertThat((double) r.getAs("co2e_kg")).isCloseTo(2.0 * 250 / 1000, within(1e-12));
    assertThat((double) r.getAs("co2e_low_kg")).isCloseTo(1.0 * 250 / 1000, within(1e-12));
    assertThat((double) r.getAs("co2e_high_kg")).isCloseTo(3.0 * 250 / 1000, within(1e-12));
  }

  private static void expect(String job, double gPerKwh, double share, String method) {
    Row r = out.get(job);
    assertThat(r).as(job).isNotNull();
    assertThat((double) r.getAs("intensity_g_per_kwh")).as(job + " intensity").isCloseTo(gPerKwh, within(1e-9));
    assertThat((double) r.getAs("intensity_hourly_share")).as(job + " share").isCloseTo(share, within(1e-12));
    assertThat((String) r.getAs("intensity_method")).as(job + " method").isEqualTo(method);
  }

  private static Row job(String key, String region, String start, String end) {
    return RowFactory.create(key, region, ts(start), ts(end), 2.0, 1.0, 3.0, "modelled", 2.0, null);
  }

  private static Row hour(String hhmm, double g) {
    return RowFactory.create("R", ts(hhmm), 3600, g, 0.0);
  }

  private static Timestamp ts(String hhmm) {
    return Timestamp.from(Instant.parse("2025-01-01T" + hhmm + ":00Z"));
  }
}
