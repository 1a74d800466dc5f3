package org.footprint.source.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Numbers and texts of {@code sacct --json}, whichever way the Slurm version wrote them.
 *
 * <p>The old OpenAPI plugin (dbv0.0.37) writes plain numbers, {@code null} for "no value" and sometimes Slurm's raw
 * sentinels (NO_VAL 4294967294 for 32-bit fields, NO_VAL64 as -2 or 18446744073709551614 for 64-bit ones). The
 * data_parser plugins (v0.0.39+) wrap many numbers as {@code {"set":true,"infinite":false,"number":N}}, and which
 * fields are wrapped changed from version to version (v0.0.43 wraps step times, v0.0.40 does not). So every number
 * is read through {@link #longValue}, which accepts both forms: {@code set=false} and {@code infinite=true} are
 * "no value" (null), never 0.
 */
final class JsonNumbers {
  /** Slurm's 32-bit NO_VAL and INFINITE: "no value" in uint32 fields written plain. */
  static final long NO_VAL = 0xFFFF_FFFEL;
  static final long INFINITE = 0xFFFF_FFFFL;

  private JsonNumbers() {}

  /**
   * The whole number in {@code n}, plain or wrapped; null when absent. A value beyond the long range (NO_VAL64 and
   * INFINITE64 written as unsigned) is a sentinel, so null too. Digits in a string are accepted (meta.slurm.version
   * writes "23"); anything else is refused with the field name.
   */
  static Long longValue(JsonNode n, String field) {
    JsonNode v = unwrap(n);
    if (v == null) {
      return null;
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() ? v.longValue() : null;
    }
    if (v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
        && Math.abs(v.doubleValue()) < 9.0e15) {
      return (long) v.doubleValue();
    }
    if (v.isTextual()) {
      String s = v.textValue().trim();
      if (s.isEmpty()) {
        return null;
      }
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new SlurmFieldException(field, s, "expected a whole number");
      }
    }
    throw new SlurmFieldException(field, v.toString(), "expected a whole number or {set,infinite,number}");
  }

  /** A uint32 field: like {@link #longValue}, and Slurm's NO_VAL / INFINITE written plain are absent too. */
  static Long uint32(JsonNode n, String field) {
    Long v = longValue(n, field);
    return v == null || v == NO_VAL || v == INFINITE ? null : v;
  }

  /** Epoch seconds → instant; 0 (Slurm's "unknown", e.g. the end of a running job) and absent → null. */
  static Instant epoch(JsonNode n, String field) {
    Long v = uint32(n, field);
    if (v == null || v == 0) {
      return null;
    }
    if (v < 0) {
      throw new SlurmFieldException(field, v.toString(), "negative epoch seconds");
    }
    return Instant.ofEpochSecond(v);
  }

  /**
   * CPU time {@code {"seconds":S,"microseconds":U}} in seconds; null when the seconds are absent.
   * (S·10⁶ + U) / 10⁶ is one correctly rounded division, so 630 s + 553000 µs is exactly the double the
   * parsable2 reader gets from {@code 10:30.553}.
   */
  static Double cpuSeconds(JsonNode n, String field) {
    if (n == null || !n.isObject()) {
      return null;
    }
    Long s = longValue(n.get("seconds"), field + ".seconds");
    if (s == null) {
      return null;
    }
    Long us = longValue(n.get("microseconds"), field + ".microseconds");
    if (s < 0 || (us != null && us < 0)) {
      throw new SlurmFieldException(field, n.toString(), "negative CPU time");
    }
    return (s * 1_000_000L + (us == null ? 0 : us)) / 1e6;
  }

  /**
   * Text of a field, or null. Trimmed, and sacct's placeholders for "no value" ({@code None}, {@code Unknown},
   * {@code (null)}, empty) read as null exactly as the parsable2 reader reads them, so that both exports of the
   * same job give the same record.
   */
  static String text(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode() || n.isContainerNode()) {
      return null;
    }
    String s = n.asText().trim();
    return s.isEmpty() || s.equals("None") || s.equals("Unknown") || s.equals("(null)") ? null : s;
  }

  /** The number inside a wrapper, the node itself when plain, null when absent. */
  private static JsonNode unwrap(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isObject() && (n.has("set") || n.has("number"))) {
      if (!n.path("set").asBoolean(true) || n.path("infinite").asBoolean(false)) {
        return null;
      }
      JsonNode v = n.get("number");
      return v == null || v.isNull() ? null : v;
    }
    return n;
  }
}
