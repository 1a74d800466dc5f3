package org.footprint.source.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.footprint.model.Reject;
import org.junit.jupiter.api.Test;

/** WattTime-style MOER exports: columns by name, lb/MWh converted, each value lasting one step of its series. */
class MarginalIntensityCsvTest {
  @Test
  void fiveMinuteMoerInPoundsPerMwh() throws IOException {
    List<Reject> rejects = new ArrayList<>();
    List<IntensityPoint> points = MarginalIntensityCsv.read("m.csv", new StringReader("""
        point_time,ba,value
        2025-01-01T10:00:00Z,CAISO_NORTH,1000
        2025-01-01T10:05:00Z,CAISO_NORTH,800
        2025-01-01T10:15:00Z,CAISO_NORTH,bad
        """), rejects);
    assertThat(points).hasSize(2);
    assertThat(points.get(0).gPerKwh()).isCloseTo(453.59237, within(1e-9)); // 1000 lb/MWh
    assertThat(points.get(0).periodMinutes()).isEqualTo(5);
    assertThat(points.get(1).periodMinutes()).isEqualTo(5); // the last value lasts one step
    assertThat(rejects).singleElement().extracting(Reject::line).isEqualTo(4L);
    assertThat(IntensitySlots.nativeGrain(points)).containsEntry("CAISO_NORTH", 300);
  }

  @Test
  void hourlyGramsPerKwhWithAGap() throws IOException {
    List<IntensityPoint> points = MarginalIntensityCsv.read("m.csv", new StringReader("""
        timestamp,region,marginal_g_per_kwh
        2025-01-01 10:00:00,DE,600
        2025-01-01 11:00:00,DE,650
        2025-01-01 13:00:00,DE,700
        """), new ArrayList<>());
    assertThat(points).extracting(IntensityPoint::periodMinutes).containsExactly(60, 60, 60);
    assertThat(points.get(2).start()).isEqualTo(Instant.parse("2025-01-01T13:00:00Z"));
    assertThat(IntensitySlots.atNativeGrain(points)).hasSize(3); // 12:00 stays without a value
  }
}
