package org.footprint.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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
 * Flexible start and pause-and-resume against hand-computed values. Region R has hourly values for every hour of
 * 2025-01-01 UTC and no later: 500 g/kWh, except 03:00 and 04:00 at 100 (the cleanest two-hour window starts at
 * 03:00). Region P, the same day: 100 g/kWh except one dirty hour, 01:00 at 900. Jobs draw 2 kWh, but the
 * three-hour job in P draws 3 kWh (1 kWh per hour).
 */
class ShiftingCounterfactualTest extends SparkTestBase {
  private static final StructType JOBS = StructType.fromDDL("job_key STRING, region STRING, start_utc TIMESTAMP,"
      + " end_utc TIMESTAMP, energy_kwh DOUBLE");
  private static Map<String, Row> out;

  @BeforeAll
  static void run() {
    List<Row> slots = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      slots.add(RowFactory.create("R", ts(String.format("%02d:00", h)), 3600, h == 3 || h == 4 ? 100.0 : 500.0, 0.0));
      slots.add(RowFactory.create("P", ts(String.format("%02d:00", h)), 3600, h == 1 ? 900.0 : 100.0, 0.0));
    }
    List<Row> jobs = List.of(job("two-hours", "R", "00:00", "02:00"), job("near-the-end", "R", "22:00", "23:30"),
        job("no-series", "Q", "00:00", "02:00"),
        RowFactory.create("three-hours", "P", ts("00:00"), ts("03:00"), 3.0));
    Dataset<Row> result = ShiftingCounterfactual.apply(spark.createDataFrame(jobs, JOBS),
        spark.createDataFrame(slots, Schemas.of("intensity_slots")), Map.of("*", 300.0));
    out = new HashMap<>();
    for (Row r : result.collectAsList()) {
      out.put(r.getAs("job_key"), r);
    }
  }

  @Test
  void aTwoHourJobShiftsToTheCleanestTwoHours() {
    Row r = out.get("two-hours");
    // best start 03:00: 2 kWh × 100 g/kWh = 0.2 kg, in the 6 h and the 12 h window
    assertThat((double) r.getAs("shift_co2e_kg_6h")).isCloseTo(0.2, within(1e-9));
    assertThat((Timestamp) r.getAs("shift_best_start_utc_6h")).isEqualTo(ts("03:00"));
    assertThat((double) r.getAs("shift_co2e_kg_12h")).isCloseTo(0.2, within(1e-9));
    // a 24 h window would start as late as 24:00 and end at 02:00 the next day, past the data
    assertThat((Object) r.getAs("shift_co2e_kg_24h")).isNull();
    assertThat((String) r.getAs("shift_note")).isEqualTo("series_does_not_cover_24h_window");
    // at flat power now: 2 × 500 = 1.0 kg; avoidable against the largest covered window (12 h): 0.8 kg
    assertThat((double) r.getAs("avoidable_co2e_kg")).isCloseTo(0.8, within(1e-9));
  }

  @Test
  void pauseAndResumeTakesTheCleanestHoursWithinTheSlack() {
    Row r = out.get("two-hours");
    // 25 %: 00:00-02:30, all at 500 → 1.0 kg; 50 %: 00:00-03:00, still 1.0
    assertThat((double) r.getAs("pause_co2e_kg_25pct")).isCloseTo(1.0, within(1e-9));
    assertThat((double) r.getAs("pause_co2e_kg_50pct")).isCloseTo(1.0, within(1e-9));
    // 100 %: 00:00-04:00, 03:00 at 100 and one hour at 500 → 1 kWh × 0.1 + 1 kWh × 0.5 = 0.6 kg
    assertThat((double) r.getAs("pause_co2e_kg_100pct")).isCloseTo(0.6, within(1e-9));
  }

  @Test
  void aThreeHourJobPausesOverTheDirtyHour() {
    Row r = out.get("three-hours");
    // 25 %: [00:00, 03:45]: the clean 00:00, 02:00 and 45 min of 03:00 (2.75 h at 100), then 15 min of the dirty
    // 01:00 at 900: 2.75 kWh × 0.1 + 0.25 kWh × 0.9 = 0.5 kg
    assertThat((double) r.getAs("pause_co2e_kg_25pct")).isCloseTo(0.5, within(1e-9));
    // 50 %: [00:00, 04:30]: 00:00, 02:00, 03:00 are enough, the dirty hour is skipped: 3 kWh × 0.1 = 0.3 kg
    assertThat((double) r.getAs("pause_co2e_kg_50pct")).isCloseTo(0.3, within(1e-9));
    assertThat((double) r.getAs("pause_co2e_kg_100pct")).isCloseTo(0.3, within(1e-9));
    // shifted: the first clean three hours start at 02:00 (0.3 kg); as run: 0.1 + 0.9 + 0.1 = 1.1 kg
    assertThat((double) r.getAs("shift_co2e_kg_6h")).isCloseTo(0.3, within(1e-9));
    assertThat((Timestamp) r.getAs("shift_best_start_utc_6h")).isEqualTo(ts("02:00"));
    assertThat((double) r.getAs("avoidable_co2e_kg")).isCloseTo(0.8, within(1e-9));
    assertThat((String) r.getAs("whatif_signal")).isEqualTo("average");
  }

  @Test
  void windowsPastTheEndOfTheDataAreNull() {
    Row r = out.get("near-the-end");
    assertThat((Object) r.getAs("shift_co2e_kg_6h")).isNull();
    assertThat((Object) r.getAs("shift_best_start_utc_6h")).isNull();
    assertThat((String) r.getAs("shift_note")).isEqualTo("series_does_not_cover_6h_window");
    assertThat((Object) r.getAs("avoidable_co2e_kg")).isNull();
    // 25 %: 22:00-23:52:30 lies within the data: 2 kWh at 500
    assertThat((double) r.getAs("pause_co2e_kg_25pct")).isCloseTo(1.0, within(1e-9));
    assertThat((Object) r.getAs("pause_co2e_kg_100pct")).isNull();
  }

  @Test
  void aRegionWithoutSeriesSaysSo() {
    Row r = out.get("no-series");
    assertThat((String) r.getAs("shift_note")).isEqualTo("no_intensity_series");
    assertThat((Object) r.getAs("whatif_signal")).isNull();
    assertThat((Object) r.getAs("shift_co2e_kg_6h")).isNull();
    assertThat((Object) r.getAs("pause_co2e_kg_25pct")).isNull();
  }

  private static Row job(String key, String region, String from, String to) {
    return RowFactory.create(key, region, ts(from), ts(to), 2.0);
  }

  private static Timestamp ts(String hhmm) {
    return Timestamp.from(Instant.parse("2025-01-01T" + hhmm + ":00Z"));
  }
}
