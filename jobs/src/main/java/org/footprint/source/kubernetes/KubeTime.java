package org.footprint.source.kubernetes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** RFC 3339 time stamps as the API server writes them ({@code 2026-10-28T09:14:03Z}, offsets and fractions too). */
final class KubeTime {
  private KubeTime() {}

  /** null for absent or JSON null; IllegalArgumentException naming the field for anything unreadable. */
  static Instant parse(String field, String text) {
    if (text == null || text.isEmpty() || text.equals("null")) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": not an RFC 3339 time stamp: '" + text + "'");
    }
  }

  static Instant max(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
