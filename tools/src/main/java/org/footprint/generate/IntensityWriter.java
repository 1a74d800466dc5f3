package org.footprint.generate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Hourly intensity for every generated region (the Slurm clusters' and the Kubernetes cluster's) over the period
 * plus 3 days either side, plain CSV format.
 */
final class IntensityWriter {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);

  private IntensityWriter() {}

  /** @return data rows written */
  static long write(GeneratorSpec spec, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    long from = spec.start().minusDays(3).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long hours = (spec.days() + 6) * 24L;
    long rows = 0;
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("zone,datetime_utc,gco2_per_kwh\n");
      for (String region : spec.regions()) {
        SplittableRandom r = new SplittableRandom(spec.seed() ^ region.hashCode());
        double base = switch (region) {
          case "DE" -> 380;
          case "JP-TK" -> 470;
          case "NL" -> 270;
          default -> 500;
        };
        double weather = 0;
        for (long h = 0; h < hours; h++) {
          long t = from + h * 3600;
          int hourOfDay = (int) ((t / 3600) % 24);
          weather = 0.97 * weather + r.nextDouble(-12, 12);
          double v = base + 60 * Math.sin((hourOfDay - 6) * Math.PI / 12) + weather;
          w.write(region + "," + ISO.format(Instant.ofEpochSecond(t)) + ","
              + String.format(Locale.ROOT, "%.1f", Math.max(20, v)) + "\n");
          rows++;
        }
      }
    }
    return rows;
  }
}
