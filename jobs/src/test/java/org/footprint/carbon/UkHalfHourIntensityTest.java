package org.footprint.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.footprint.source.intensity.IntensityLoader;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A UK Carbon Intensity API response read by the loader and priced by the join, against hand-computed values.
 * fixtures/carbon/gb-half-hours.json, 2026-03-10 (g/kWh): 09:00 60, 09:30 64, 10:00 70, 10:30 71 (actuals), 11:00 70
 * and 11:30 72 (forecasts: {@code "actual": null}); the GB annual fallback is 200.
 */
class UkHalfHourIntensityTest extends SparkTestBase {
  private static final StructType JOBS = StructType.fromDDL("job_key STRING, region STRING, start_utc TIMESTAMP,"
      + " end_utc TIMESTAMP, energy_kwh DOUBLE, energy_low_kwh DOUBLE, energy_high_kwh DOUBLE,"
      + " energy_method STRING, energy_it_kwh DOUBLE, sampled_hours ARRAY<STRUCT<hour_utc: TIMESTAMP, kwh: DOUBLE>>");
  private static Map<String, Row> out;

  @BeforeAll
  static void run() {
    IntensityLoader.Loaded loaded = IntensityLoader.load(spark, List.of(new IntensityLoader.Input(
        "uk-carbon-intensity-json", List.of(TestPaths.fixture("carbon/gb-half-hours.json").toString()))), "lifecycle");
    List<Row> jobs = new ArrayList<>(List.of(
        job("actuals-only", "09:15", "10:15"),
        job("across-the-hour", "10:30", "11:30"),
        job("forecast-only", "11:00", "12:00"),
        job("forecast-then-fallback", "11:30", "12:30"),
        RowFactory.create("sampled", "GB", ts("10:30"), ts("11:30"), 4.0, 3.0, 5.0, "sampled", 4.0,
            scala.jdk.javaapi.CollectionConverters.asScala(List.of(RowFactory.create(ts("10:00"), 1.0),
                RowFactory.create(ts("11:00"), 3.0))).toSeq())));
    out = new HashMap<>();
    for (Row r : HourlyIntensityJoin.apply(spark.createDataFrame(jobs, JOBS), loaded.slots(),
        Map.of("GB", 200.0, "*", 500.0), true).collectAsList()) {
      out.put(r.getAs("job_key"), r);
    }
  }

  @Test
  void halfHoursKeepTheirResolutionInTheIntegral() {
    // 30 min at 71 + 30 min at 70: 70.5 (the hourly means, 70.5 and 71, would give 70.75)
    expectIntensity("across-the-hour", 70.5);
    // 15 min at 60, 30 at 64, 15 at 70: 3,870 / 60 = 64.5 (hourly means 62 and 70.5: 64.125)
    expectIntensity("actuals-only", 64.5);
    expectIntensity("forecast-only", 71.0);
    // 30 min at 72, then 30 min at the annual 200 (hourly: 71 instead of 72, 135.5)
    expectIntensity("forecast-then-fallback", 136.0);
    // 1 kWh sampled in the 10:00 hour, all of it in the 10:30 half hour the job ran (71), 3 kWh in the 11:00
    // hour, in its 11:00 half hour (70): (71 + 210) / 4 = 70.25 (hourly means: (70.5 + 3 × 71) / 4 = 70.875)
    expectIntensity("sampled", 70.25);
    assertThat((double) out.get("across-the-hour").getAs("co2e_kg")).isCloseTo(2.0 * 70.5 / 1000, within(1e-15));
  }

  @Test
  void theLoaderKeepsTheHalfHoursForTheJoinAndPublishesHours() {
    IntensityLoader.Loaded loaded = IntensityLoader.load(spark, List.of(new IntensityLoader.Input(
        "uk-carbon-intensity-json", List.of(TestPaths.fixture("carbon/gb-half-hours.json").toString()))), "direct");
    List<Row> slots = loaded.slots().orderBy("slot_start_utc").collectAsList();
    assertThat(slots).extracting(r -> r.<Integer>getAs("slot_s")).containsOnly(1800);
    assertThat(slots).extracting(r -> r.<Double>getAs("g_per_kwh")).containsExactly(60.0, 64.0, 70.0, 71.0, 70.0,
        72.0);
    assertThat(slots).extracting(r -> r.<Double>getAs("forecast_fraction")).containsExactly(0.0, 0.0, 0.0, 0.0,
        1.0, 1.0);
    List<Row> hours = loaded.hourly().orderBy("hour_utc").collectAsList();
    assertThat(hours).extracting(r -> r.<Double>getAs("g_per_kwh")).containsExactly(62.0, 70.5, 71.0);
    assertThat(hours).extracting(r -> r.<Double>getAs("forecast_fraction")).containsExactly(0.0, 0.0, 1.0);
    assertThat(loaded.hourlyValues()).isEqualTo(3);
  }

  @Test
  void jobsPricedWithForecastValuesSaySo() {
    expectLabels("actuals-only", "hourly", 0.0, 1.0);
    expectLabels("across-the-hour", "hourly-forecast", 0.5, 1.0);
    expectLabels("forecast-only", "hourly-forecast", 1.0, 1.0);
    // 30 min of forecast, then 30 min after the data: the annual fallback
    expectLabels("forecast-then-fallback", "mixed-forecast", 0.5, 0.5);
    // 3 of its 4 kWh sampled in the 11:00 hour, which is forecast
    expectLabels("sampled", "hourly-forecast", 0.75, 1.0);
  }

  private static void expectLabels(String job, String method, double forecastShare, double hourlyShare) {
    Row r = out.get(job);
    assertThat((String) r.getAs("intensity_method")).as(job + " method").isEqualTo(method);
    assertThat((double) r.getAs("intensity_forecast_share")).as(job + " forecast").isCloseTo(forecastShare,
        within(1e-12));
    assertThat((double) r.getAs("intensity_hourly_share")).as(job + " hourly").isCloseTo(hourlyShare,
        within(1e-12));
  }

  private static void expectIntensity(String job, double gPerKwh) {
    assertThat((double) out.get(job).getAs("intensity_g_per_kwh")).as(job).isCloseTo(gPerKwh, within(1e-9));
  }

  private static Row job(String key, String start, String end) {
    return RowFactory.create(key, "GB", ts(start), ts(end), 2.0, 1.0, 3.0, "modelled", 2.0, null);
  }

  private static Timestamp ts(String hhmm) {
    String day = hhmm.compareTo("24") < 0 ? "2026-03-10T" : "2026-03-11T";
    return Timestamp.from(Instant.parse(day + hhmm + ":00Z"));
  }
}
