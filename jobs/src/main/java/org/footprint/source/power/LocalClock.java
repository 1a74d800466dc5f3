package org.footprint.source.power;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Turns the local wall-clock times of one chronological log into instants. Unambiguous times are plain
 * conversions. In the repeated hour of a DST fall-back a time has two readings; a log runs forward, so the
 * first (summer) reading is kept until the clock has visibly gone back — the reading would fall more than a
 * minute before the previous sample — and the second (standard) reading from then on. A file that starts inside
 * the repeated hour cannot be told apart and gets the first reading. Times in a spring-forward gap, which a
 * clock never prints, are shifted forward by the gap (java.time's rule).
 */
final class LocalClock {
  /** Lines of one sampling round carry slightly different times; a step back smaller than this is jitter. */
  private static final long JITTER_S = 60;

  private final ZoneId zone;
  private Instant previous;

  LocalClock(ZoneId zone) {
    this.zone = zone;
  }

  Instant toInstant(LocalDateTime local) {
    List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
    Instant t;
    if (offsets.size() == 2) {
      Instant first = local.toInstant(offsets.get(0));
      Instant second = local.toInstant(offsets.get(1));
      boolean wentBack = previous != null && first.isBefore(previous.minusSeconds(JITTER_S))
          && !second.isBefore(previous.minusSeconds(JITTER_S));
      t = wentBack ? second : first;
    } else {
      t = ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }
    return seen(t);
  }

  /** Times with an explicit offset need no guess but still move the clock. */
  Instant seen(Instant t) {
    if (previous == null || t.isAfter(previous)) {
      previous = t;
    }
    return t;
  }
}
