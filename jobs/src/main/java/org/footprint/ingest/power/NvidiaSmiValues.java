package org.footprint.ingest.power;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Values as nvidia-smi prints them: {@code 71.23 W}, {@code 45 %} (or bare numbers with {@code nounits}),
 * and bracketed placeholders for what the board cannot report ({@code [N/A]}, {@code [Not Supported]},
 * {@code [Unknown Error]}, {@code [GPU is lost]}), which are missing values, not errors.
 */
final class NvidiaSmiValues {
  private NvidiaSmiValues() {}

  /** A placeholder instead of a value: the field is unknown at this sample, the line is still a sample. */
  static boolean missing(String v) {
    String t = v.trim();
    return t.isEmpty() || (t.startsWith("[") && t.endsWith("]")) || t.equalsIgnoreCase("N/A");
  }

  /** A number with an optional unit after it ({@code 71.23 W}); null for a placeholder. */
  static Double number(String field, String v) throws PowerValueException {
    if (missing(v)) {
      return null;
    }
    String t = v.trim();
    int space = t.indexOf(' ');
    String num = space < 0 ? t : t.substring(0, space);
    if (num.endsWith("%") || num.endsWith("W")) {
      num = num.substring(0, num.length() - 1); // "45%" without the space some wrappers write
    }
    try {
      double d = Double.parseDouble(num);
      if (!Double.isFinite(d)) {
        throw new PowerValueException(field + " '" + t + "' is not a finite number");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new PowerValueException(field + " '" + t + "' is not a number");
    }
  }

  static Double watts(String field, String v) throws PowerValueException {
    Double w = number(field, v);
    if (w != null && w < 0) {
      throw new PowerValueException(field + " '" + v.trim() + "' is negative");
    }
    return w;
  }

  /** utilization.gpu in percent → share 0-1. */
  static Double percentShare(String field, String v) throws PowerValueException {
    Double p = number(field, v);
    if (p == null) {
      return null;
    }
    if (p < 0 || p > 100) {
      throw new PowerValueException(field + " '" + v.trim() + "' is not a percentage (0-100)");
    }
    return p / 100.0;
  }

  static Integer index(String v) throws PowerValueException {
    if (missing(v)) {
      return null;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      throw new PowerValueException("index '" + v.trim() + "' is not a GPU index");
    }
  }

  static String text(String v) {
    return missing(v) ? null : v.trim();
  }

  /**
   * nvidia-smi's {@code 2026/10/20 14:03:12.345} (local wall clock, no offset), also with {@code -} and a
   * {@code T}; an explicit offset ({@code Z}, {@code +02:00}) some wrappers add is returned as such.
   */
  static Object timestamp(String v) throws PowerValueException {
    String t = v.trim();
    if (missing(t)) {
      throw new PowerValueException("timestamp is missing ('" + t + "')");
    }
    String iso = t.replace('/', '-');
    if (iso.length() > 10 && iso.charAt(10) == ' ') {
      iso = iso.substring(0, 10) + 'T' + iso.substring(11);
    }
    try {
      if (iso.endsWith("Z") || iso.matches(".*T.*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(iso.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant();
      }
      return LocalDateTime.parse(iso);
    } catch (DateTimeParseException e) {
      throw new PowerValueException("timestamp '" + t + "' is not yyyy/MM/dd HH:mm:ss.SSS");
    }
  }
}
