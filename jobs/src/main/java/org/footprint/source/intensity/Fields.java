package org.footprint.source.intensity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/** Field parsers shared by the readers; each failure names the column so a reject says what to fix. */
final class Fields {

  private Fields() {}

  /** A required, non-blank text field. */
  static String text(String value, String column) throws BadRow {
    if (value == null) {
      throw new BadRow("missing \"" + column + "\"");
    }
    if (value.isBlank()) {
      throw new BadRow("empty \"" + column + "\"");
    }
    return value.trim();
  }

  /**
   * A carbon intensity in g/kWh. BigDecimal rather than Double.parseDouble, which would also accept
   * "NaN", "Infinity" and "12d"; a negative intensity is a data error, not a value.
   */
  static double intensity(String value, String column) throws BadRow {
    String text = text(value, column);
    double g;
    try {
      g = new BigDecimal(text).doubleValue();
    } catch (NumberFormatException e) {
      throw new BadRow("\"" + column + "\" is not a number: '" + text + "'");
    }
    if (!Double.isFinite(g) || g < 0) {
      throw new BadRow("\"" + column + "\" is not a valid intensity: '" + text + "'");
    }
    return g;
  }

  /**
   * A UTC date-time. Accepts Electricity Maps' {@code 2021-01-01 00:00:00}, ISO with or without seconds,
   * with {@code Z} or an offset; a value without offset is UTC because every column read with this says so.
   */
  static Instant instant(String value, String column) throws BadRow {
    String text = text(value, column);
    String iso = text.length() > 10 && text.charAt(10) == ' '
        ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    try {
      TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
      return t instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new BadRow("\"" + column + "\" is not a date-time: '" + text + "'");
    }
  }
}
