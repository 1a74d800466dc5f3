package org.footprint.source.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each zone's native grain: the coarsest of 1 h, 30, 15, 5 min on which all its points start and end. */
class IntensitySlotsTest {
  private static IntensityPoint point(String zone, String start, int minutes, double g) {
    return new IntensityPoint(zone, Instant.parse(start), minutes, g, "direct", "test", false);
  }

  @Test
  void eachZoneKeepsTheGrainOfItsSource() {
    Map<String, Integer> grain = IntensitySlots.nativeGrain(List.of(
        point("DE", "2026-03-10T10:00:00Z", 60, 300),
        point("DE", "2026-03-10T11:00:00Z", 60, 310),
        point("GB", "2026-03-10T10:00:00Z", 30, 70),
        point("GB", "2026-03-10T10:30:00Z", 30, 71),
        point("IN", "2026-03-10T10:30:00Z", 60, 700), // hours of a +05:30 local clock
        point("CAISO", "2026-03-10T10:05:00Z", 5, 250),
        point("ODD", "2026-03-10T10:07:00Z", 60, 400)));
    assertThat(grain).containsExactly(Map.entry("CAISO", 300), Map.entry("DE", 3600), Map.entry("GB", 1800),
        Map.entry("IN", 1800), Map.entry("ODD", 300));
  }

  @Test
  void pointsOffTheGridAreTimeWeightedIntoFiveMinuteSlots() {
    List<IntensitySlots.Slot> slots = IntensitySlots.atNativeGrain(List.of(
        point("ODD", "2026-03-10T10:07:00Z", 60, 400), point("ODD", "2026-03-10T11:07:00Z", 60, 100)));
    // 10:05-10:10 holds 3 min of the first point; 11:05-11:10 2 min of the first and 3 of the second
    assertThat(slots).hasSize(25).allSatisfy(s -> assertThat(s.seconds()).isEqualTo(300));
    assertThat(slots.get(0).start()).isEqualTo(Instant.parse("2026-03-10T10:05:00Z"));
    assertThat(slots.get(0).coveredFraction()).isCloseTo(0.6, within(1e-12));
    assertThat(slots.get(12).start()).isEqualTo(Instant.parse("2026-03-10T11:05:00Z"));
    assertThat(slots.get(12).gPerKwh()).isCloseTo((2 * 400 + 3 * 100) / 5.0, within(1e-12));
  }

  @Test
  void forecastPointsMarkTheirShareOfASlot() {
    List<IntensitySlots.Slot> hours = IntensitySlots.resample(List.of(
        point("GB", "2026-03-10T10:00:00Z", 30, 70),
        new IntensityPoint("GB", Instant.parse("2026-03-10T10:30:00Z"), 30, 72, "direct", "f", true, true)),
        zone -> 3600);
    assertThat(hours).singleElement().satisfies(h -> {
      assertThat(h.gPerKwh()).isEqualTo(71.0);
      assertThat(h.forecastFraction()).isEqualTo(0.5);
    });
  }
}
