package org.footprint.source.power;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

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
    try {
      LocalDateTime plain = plainLocal(t);
      if (plain != null) {
        return plain;
      }
      String iso = t.replace('/', '-');
      if (iso.length() > 10 && iso.charAt(10) == ' ') {
        iso = iso.substring(0, 10) + 'T' + iso.substring(11);
      }
      if (iso.endsWith("Z") || WITH_OFFSET.matcher(iso).matches()) {
        return OffsetDateTime.parse(OFFSET_NO_COLON.matcher(iso).replaceFirst("$1:$2")).toInstant();
      }
      return LocalDateTime.parse(iso);
    } catch (DateTimeException e) {
      throw new PowerValueException("timestamp '" + t + "' is not yyyy/MM/dd HH:mm:ss.SSS");
    }
  }

  private static final int[] TEN_POW = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
  private static final Pattern WITH_OFFSET = Pattern.compile(".*T.*[+-]\\d\\d:?\\d\\d$");
  private static final Pattern OFFSET_NO_COLON = Pattern.compile("([+-]\\d\\d)(\\d\\d)$");

  /**
   * The form nvidia-smi prints on every line, {@code yyyy/MM/dd HH:mm:ss[.fraction]} (or with {@code -} and
   * {@code T}), read by position: the general parse (a regex and a java.time formatter) was the largest cost of
   * reading a year of logs. Null for any other shape, which the general parse then reads or rejects.
   *
   * @throws DateTimeException for fields out of range (month 13), as the general parse would
   */
  static LocalDateTime plainLocal(String t) {
    int n = t.length();
    if (n < 19 || n == 20 || n > 29) {
      return null;
    }
    char d1 = t.charAt(4);
    char d2 = t.charAt(7);
    char sep = t.charAt(10);
    if ((d1 != '/' && d1 != '-') || (d2 != '/' && d2 != '-') || (sep != ' ' && sep != 'T')
        || t.charAt(13) != ':' || t.charAt(16) != ':' || (n > 19 && t.charAt(19) != '.')) {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    int fraction = n > 19 ? digits(t, 20, n) : 0;
    if ((year | month | day | hour | minute | second | fraction) < 0) {
      return null;
    }
    // n − 20 fraction digits, scaled to nanoseconds (9 digits)
    int nanos = n > 19 ? fraction * TEN_POW[29 - n] : 0;
    return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
  }

  /** The decimal number in t[from, to), or -1 when a character is not a digit. */
  private static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
