package org.footprint.source.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.footprint.source.intensity.HourlyIntensity.HourlyValue;
import org.junit.jupiter.api.Test;

class HourlyIntensityTest {

  private static IntensityPoint point(String zone, String start, int minutes, double g) {
    return new IntensityPoint(zone, Instant.parse(start), minutes, g, "direct", "test", false);
  }

  @Test
  void twoHalfHoursAverageToTheHour() {
    List<HourlyValue> hourly = HourlyIntensity.toHourly(List.of(
        point("GB", "2023-03-13T04:00:00Z", 30, 100),
        point("GB", "2023-03-13T04:30:00Z", 30, 200)));

    assertThat(hourly).containsExactly(
        new HourlyValue("GB", Instant.parse("2023-03-13T04:00:00Z"), 150.0, "direct", "test", false, 1.0));
  }

  @Test
  void singleHalfHourCoversHalfTheHour() {
    assertThat(HourlyIntensity.toHourly(List.of(point("GB", "2023-03-13T03:30:00Z", 30, 64))))
        .singleElement().satisfies(v -> {
          assertThat(v.hourUtc()).isEqualTo(Instant.parse("2023-03-13T03:00:00Z"));
          assertThat(v.gPerKwh()).isEqualTo(64.0);
          assertThat(v.coveredFraction()).isEqualTo(0.5);
        });
  }

  @Test
  void unevenPiecesAreTimeWeighted() {
    List<HourlyValue> hourly = HourlyIntensity.toHourly(List.of(
        point("GB", "2023-03-13T04:00:00Z", 15, 100),
        point("GB", "2023-03-13T04:15:00Z", 30, 200)));

    assertThat(hourly).singleElement().satisfies(v -> {
      assertThat(v.gPerKwh()).isCloseTo((15 * 100 + 30 * 200) / 45.0, within(1e-9));
      assertThat(v.coveredFraction()).isEqualTo(0.75);
    });
  }

  @Test
  void duplicateZoneAndStartKeepsTheLastRead() {
    List<HourlyValue> hourly = HourlyIntensity.toHourly(List.of(
        point("SE", "2021-01-01T00:00:00Z", 60, 30),
        point("SE", "2021-01-01T00:00:00Z", 60, 45),
        new IntensityPoint("SE", Instant.parse("2021-01-01T00:00:00Z"), 60, 31, "direct", "re-export", true)));

    assertThat(hourly).containsExactly(
        new HourlyValue("SE", Instant.parse("2021-01-01T00:00:00Z"), 31.0, "direct", "re-export", true, 1.0));
  }

  @Test
  void longPeriodsSpreadOverEveryHourTheyTouch() {
    List<HourlyValue> hourly = HourlyIntensity.toHourly(List.of(point("DE", "2024-01-01T00:30:00Z", 120, 300)));

    assertThat(hourly).extracting(HourlyValue::hourUtc, HourlyValue::gPerKwh, HourlyValue::coveredFraction)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2024-01-01T00:00:00Z"), 300.0, 0.5),
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2024-01-01T01:00:00Z"), 300.0, 1.0),
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2024-01-01T02:00:00Z"), 300.0, 0.5));
  }

  @Test
  void outputSortedByZoneThenHourAndProvenanceMerged() {
    List<HourlyValue> hourly = HourlyIntensity.toHourly(List.of(
        point("SE", "2021-01-01T01:00:00Z", 60, 10),
        point("DE", "2021-01-01T01:00:00Z", 60, 300),
        new IntensityPoint("GB", Instant.parse("2021-01-01T00:30:00Z"), 30, 80, "direct", "forecast", true),
        point("GB", "2021-01-01T00:00:00Z", 30, 60),
        point("SE", "2021-01-01T00:00:00Z", 60, 12)));

    assertThat(hourly).extracting(HourlyValue::zone, HourlyValue::hourUtc).containsExactly(
        org.assertj.core.groups.Tuple.tuple("DE", Instant.parse("2021-01-01T01:00:00Z")),
        org.assertj.core.groups.Tuple.tuple("GB", Instant.parse("2021-01-01T00:00:00Z")),
        org.assertj.core.groups.Tuple.tuple("SE", Instant.parse("2021-01-01T00:00:00Z")),
        org.assertj.core.groups.Tuple.tuple("SE", Instant.parse("2021-01-01T01:00:00Z")));
    HourlyValue gb = hourly.get(1);
    assertThat(gb.gPerKwh()).isEqualTo(70.0);
    assertThat(gb.estimated()).isTrue();
    assertThat(gb.dataSource()).isEqualTo("forecast + test");
  }

  @Test
  void emptyInputGivesNoHours() {
    assertThat(HourlyIntensity.toHourly(List.of())).isEmpty();
  }
}
