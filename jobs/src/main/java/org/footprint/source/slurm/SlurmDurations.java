package org.footprint.source.slurm;

/**
 * Durations as sacct prints them.
 *
 * <p>{@code Elapsed} (and Timelimit-like columns) come from Slurm's {@code secs2time_str}: {@code HH:MM:SS} or
 * {@code D-HH:MM:SS}. The shorter forms of Slurm's time syntax (sacct(1) "time formats": {@code MM:SS},
 * {@code D-HH}, {@code D-HH:MM}) are accepted too. CPU-time columns (TotalCPU, UserCPU, SystemCPU, TRES usage
 * {@code cpu=}) come from sacct's {@code _elapsed_time}, which prints {@code MM:SS.mmm} below one hour, so those
 * carry fractions: {@code [D-][HH:]MM:SS[.mmm]}.
 *
 * <p>A bare number is refused: in Slurm's input syntax it means minutes, in the *Raw columns seconds, and sacct
 * never prints it for these columns, so guessing would silently be off by 60x. Minutes and seconds must be below
 * 60 and hours below 24 after a day part; the leading field is unbounded ({@code 100:00:00} = 100 h), since
 * other tools print long durations that way. Hand-parsed: called per row inside Spark tasks.
 */
public final class SlurmDurations {

  private static final String ELAPSED_FORMAT = "expected [D-]HH:MM:SS, MM:SS, D-HH or D-HH:MM";
  private static final String CPU_FORMAT = "expected [D-][HH:]MM:SS[.mmm]";
  private static final int MAX_DIGITS = 9; // keeps day/hour arithmetic far from long overflow

  private SlurmDurations() {}

  /** Whole seconds of an Elapsed-style value; null for blank, {@code INVALID} (negative) or {@code Unknown}. */
  public static Long elapsedSeconds(String value) {
    return elapsedSeconds("Elapsed", value);
  }

  /** CPU seconds of a TotalCPU-style value: {@code 00:15.057} = 15.057, {@code 1-02:03:04} = 93784. */
  public static Double cpuSeconds(String value) {
    return cpuSeconds("CPU time", value);
  }

  static Long elapsedSeconds(String field, String value) {
    String s = trimToNull(value);
    if (s == null) {
      return null;
    }
    int dash = s.indexOf('-');
    long days = 0;
    int pos = 0;
    if (dash >= 0) {
      days = field(field, s, 0, dash, Long.MAX_VALUE, ELAPSED_FORMAT);
      pos = dash + 1;
    }
    int c1 = s.indexOf(':', pos);
    int c2 = c1 < 0 ? -1 : s.indexOf(':', c1 + 1);
    if (c2 >= 0 && s.indexOf(':', c2 + 1) >= 0) {
      throw new SlurmFieldException(field, value, ELAPSED_FORMAT);
    }
    long h = 0;
    long m = 0;
    long sec = 0;
    if (dash >= 0) {
      // D-HH, D-HH:MM, D-HH:MM:SS
      int hEnd = c1 < 0 ? s.length() : c1;
      h = field(field, s, pos, hEnd, 23, ELAPSED_FORMAT);
      if (c1 >= 0) {
        int mEnd = c2 < 0 ? s.length() : c2;
        m = field(field, s, c1 + 1, mEnd, 59, ELAPSED_FORMAT);
        if (c2 >= 0) {
          sec = field(field, s, c2 + 1, s.length(), 59, ELAPSED_FORMAT);
        }
      }
    } else if (c2 >= 0) {
      // HH:MM:SS
      h = field(field, s, 0, c1, Long.MAX_VALUE, ELAPSED_FORMAT);
      m = field(field, s, c1 + 1, c2, 59, ELAPSED_FORMAT);
      sec = field(field, s, c2 + 1, s.length(), 59, ELAPSED_FORMAT);
    } else if (c1 >= 0) {
      // MM:SS
      m = field(field, s, 0, c1, Long.MAX_VALUE, ELAPSED_FORMAT);
      sec = field(field, s, c1 + 1, s.length(), 59, ELAPSED_FORMAT);
    } else {
      boolean bareNumber = s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
      throw new SlurmFieldException(field, value, bareNumber ? ELAPSED_FORMAT + " (a bare number is ambiguous)"
          : ELAPSED_FORMAT);
    }
    return days * 86_400 + h * 3_600 + m * 60 + sec;
  }

  static Double cpuSeconds(String field, String value) {
    String s = trimToNull(value);
    if (s == null) {
      return null;
    }
    int dash = s.indexOf('-');
    long days = 0;
    int pos = 0;
    if (dash >= 0) {
      days = field(field, s, 0, dash, Long.MAX_VALUE, CPU_FORMAT);
      pos = dash + 1;
    }
    int c1 = s.indexOf(':', pos);
    int c2 = c1 < 0 ? -1 : s.indexOf(':', c1 + 1);
    if (c1 < 0 || (c2 >= 0 && s.indexOf(':', c2 + 1) >= 0)) {
      throw new SlurmFieldException(field, value, CPU_FORMAT);
    }
    if (dash >= 0 && c2 < 0) {
      // "1-03:04" would be D-HH:MM in Slurm's input syntax but D-MM:SS here: sacct never prints it, refuse it
      throw new SlurmFieldException(field, value, CPU_FORMAT + " (hours required after a day part)");
    }
    long h = 0;
    int mStart = pos;
    if (c2 >= 0) {
      h = field(field, s, pos, c1, dash >= 0 ? 23 : Long.MAX_VALUE, CPU_FORMAT);
      mStart = c1 + 1;
    }
    int mEnd = c2 >= 0 ? c2 : c1;
    long m = field(field, s, mStart, mEnd, c2 >= 0 ? 59 : Long.MAX_VALUE, CPU_FORMAT);
    int secStart = mEnd + 1;
    int dot = s.indexOf('.', secStart);
    int secEnd = dot < 0 ? s.length() : dot;
    long sec = field(field, s, secStart, secEnd, 59, CPU_FORMAT);
    long whole = days * 86_400 + h * 3_600 + m * 60 + sec;
    if (dot < 0) {
      return (double) whole;
    }
    // (whole * 10^k + fraction) / 10^k: both operands exact, so "22:53.824" gives exactly 1373.824
    int k = s.length() - dot - 1;
    long frac = field(field, s, dot + 1, s.length(), Long.MAX_VALUE, CPU_FORMAT);
    long scale = 1;
    for (int i = 0; i < k; i++) {
      scale *= 10;
    }
    return (whole * (double) scale + frac) / scale;
  }

  private static String trimToNull(String value) {
    if (value == null) {
      return null;
    }
    String s = value.trim();
    if (s.isEmpty() || s.equals("INVALID") || s.equals("Unknown")) {
      return null;
    }
    return s;
  }

  /** Digits s[from,to) as a number no larger than max. */
  private static long field(String field, String s, int from, int to, long max, String expected) {
    if (from >= to || to - from > MAX_DIGITS) {
      throw new SlurmFieldException(field, s, expected);
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new SlurmFieldException(field, s, expected);
      }
      v = v * 10 + (c - '0');
    }
    if (v > max) {
      throw new SlurmFieldException(field, s, expected + " (" + s.substring(from, to) + " is out of range)");
    }
    return v;
  }
}
