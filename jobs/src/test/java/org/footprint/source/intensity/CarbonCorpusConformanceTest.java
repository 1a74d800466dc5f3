package org.footprint.source.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.footprint.source.intensity.HourlyIntensity.HourlyValue;
import org.junit.jupiter.api.Test;

/**
 * Reads the real published files in place (never copied into the repo: licences and provenance live in
 * shared/corpus/SOURCES.md). Expected figures were checked against the files themselves.
 */
class CarbonCorpusConformanceTest {

  private static Path corpus(String name) {
    String repo = System.getProperty("footprint.repo");
    Path dir = repo == null ? null : Path.of(repo).resolve("../shared/corpus/carbon").normalize();
    boolean present = dir != null && Files.isDirectory(dir);
    String reason = "carbon corpus not found at " + dir + " (system property footprint.repo=" + repo
        + "); skipping conformance test";
    if (!present) {
      System.out.println(reason);
    }
    assumeTrue(present, reason);
    return dir.resolve(name);
  }

  private static Reader open(Path file) throws IOException {
    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }

  @Test
  void ukCarbonIntensityDay() throws IOException {
    Path file = corpus("2023-03-14T0331Z.json");
    Collected c;
    try (Reader in = open(file)) {
      c = Collected.read(new UkCarbonIntensityJson(), file.toString(), in, "lifecycle");
    }

    assertThat(c.rejects()).isEmpty();
    assertThat(c.points()).hasSize(48);
    assertThat(c.points()).allSatisfy(p -> {
      assertThat(p.zone()).isEqualTo("GB");
      assertThat(p.periodMinutes()).isEqualTo(30);
      assertThat(p.signal()).isEqualTo("direct");
    });
    List<IntensityPoint> actual = c.points().stream().filter(p -> !p.estimated()).toList();
    assertThat(actual).hasSize(47);
    double mean = actual.stream().mapToDouble(IntensityPoint::gPerKwh).average().orElseThrow();
    assertThat(Math.round(mean * 1000) / 1000.0).isEqualTo(63.787);
    assertThat(c.points().get(47)).isEqualTo(new IntensityPoint("GB", Instant.parse("2023-03-14T03:00:00Z"), 30,
        68, "direct", "carbonintensity.org.uk forecast", true, true));
    assertThat(c.points().stream().filter(IntensityPoint::forecast)).hasSize(1);

    // 03:30Z to 03:30Z next day touches 25 clock hours, not 24: a half hour at each end.
    List<HourlyValue> hourly = HourlyIntensity.toHourly(c.points());
    assertThat(hourly).hasSize(25);
    assertThat(hourly.stream().filter(h -> h.coveredFraction() == 1.0)).hasSize(23);
    assertThat(hourly.get(0)).isEqualTo(new HourlyValue("GB", Instant.parse("2023-03-13T03:00:00Z"), 64.0,
        "direct", "carbonintensity.org.uk actual", false, 0.5));
    assertThat(hourly.get(1).gPerKwh()).isEqualTo((56 + 58) / 2.0);
    assertThat(hourly.get(24).estimated()).isTrue();
    assertThat(hourly.get(24).coveredFraction()).isEqualTo(0.5);
    // the last half hour has no actual yet: the hour's value is all forecast
    assertThat(hourly.get(24).forecastFraction()).isEqualTo(1.0);
    assertThat(hourly.get(23).forecastFraction()).isEqualTo(0.0);
  }
}
