package org.footprint.source.slurm;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Objects;

/**
 * Start/End/Submit timestamps and the job interval they describe.
 *
 * <p>sacct prints local time of the cluster as {@code %FT%T} with no offset; sites may export with {@code TZ=UTC}
 * or a {@code SLURM_TIME_FORMAT} that adds {@code %z}. So the zone is configuration, explicit offsets win, and
 * across DST the wall-clock End−Start can be an hour off: ElapsedRaw is the truth for the duration (docs/formats.md).
 * Hand-parsed at fixed positions: this runs for every row.
 */
public final class SlurmTimes {

  private static final String FORMAT =
      "expected YYYY-MM-DDTHH:MM:SS (or a space for T), optionally followed by Z, +HHMM or +HH:MM";

  private SlurmTimes() {}

  /**
   * The resolved job interval. {@code end} is null (and {@code durationSeconds} 0) only when neither End nor
   * ElapsedRaw is known, e.g. a running job read without ElapsedRaw. {@code note} says what was inferred or
   * disagreed (DST choices, end computed from start+elapsed), null when the inputs agreed.
   */
  public record Interval(Instant start, Instant end, long durationSeconds, String note, boolean startEstimated)
      implements Serializable {

    public Interval(Instant start, Instant end, long durationSeconds, String note) {
      this(start, end, durationSeconds, note, false);
    }

    /** False when the duration is unknown (no End and no ElapsedRaw). */
    public boolean durationKnown() {
      return end != null;
    }
  }

  /**
   * Parses a sacct timestamp; null for {@code Unknown} (0/INFINITE, e.g. End of a running job), {@code None}
   * (NO_VAL), {@code 0} and blank. {@code zone} is the cluster's zone, used only when the value has no offset.
   */
  public static SlurmTime parse(String value, ZoneId zone) {
    if (value == null) {
      return null;
    }
    String s = value.trim();
    if (s.isEmpty() || s.equals("Unknown") || s.equals("None") || s.equals("0")) {
      return null;
    }
    if (s.length() < 19
        || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      throw new SlurmFieldException("time", value, FORMAT);
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.of(num(s, 0, 4, value), num(s, 5, 7, value), num(s, 8, 10, value),
          num(s, 11, 13, value), num(s, 14, 16, value), num(s, 17, 19, value));
    } catch (DateTimeException e) {
      throw new SlurmFieldException("time", value, "no such date or time (" + e.getMessage() + ")");
    }
    int pos = 19;
    if (pos < s.length() && s.charAt(pos) == ' ') {
      pos++; // "%F %T %z"
    }
    if (pos == s.length()) {
      if (pos != 19) {
        throw new SlurmFieldException("time", value, FORMAT);
      }
      return local(local, Objects.requireNonNull(zone, "zone is needed for a time without offset"));
    }
    ZoneOffset offset = offset(s, pos, value);
    return SlurmTime.exact(local.toInstant(offset), true);
  }

  private static SlurmTime local(LocalDateTime local, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> valid = rules.getValidOffsets(local);
    if (valid.size() == 1) {
      return SlurmTime.exact(local.toInstant(valid.get(0)), false);
    }
    ZoneOffsetTransition t = rules.getTransition(local);
    if (valid.isEmpty()) {
      // gap: the clock never showed this time; java.time moves it forward by the gap length, i.e. reads it
      // with the offset in force before the transition
      return new SlurmTime(local.toInstant(t.getOffsetBefore()), local.toInstant(t.getOffsetBefore()), true, false);
    }
    Instant a = local.toInstant(t.getOffsetBefore());
    Instant b = local.toInstant(t.getOffsetAfter());
    return a.isBefore(b) ? new SlurmTime(a, b, false, false) : new SlurmTime(b, a, false, false);
  }

  private static ZoneOffset offset(String s, int pos, String value) {
    char sign = s.charAt(pos);
    if (sign == 'Z' && pos + 1 == s.length()) {
      return ZoneOffset.UTC;
    }
    if (sign != '+' && sign != '-') {
      throw new SlurmFieldException("time", value, FORMAT);
    }
    int rest = s.length() - pos - 1;
    int hh;
    int mm = 0;
    if (rest == 2) {
      hh = num(s, pos + 1, pos + 3, value);
    } else if (rest == 4) {
      hh = num(s, pos + 1, pos + 3, value);
      mm = num(s, pos + 3, pos + 5, value);
    } else if (rest == 5 && s.charAt(pos + 3) == ':') {
      hh = num(s, pos + 1, pos + 3, value);
      mm = num(s, pos + 4, pos + 6, value);
    } else {
      throw new SlurmFieldException("time", value, FORMAT);
    }
    try {
      return sign == '+' ? ZoneOffset.ofHoursMinutes(hh, mm) : ZoneOffset.ofHoursMinutes(-hh, -mm);
    } catch (DateTimeException e) {
      throw new SlurmFieldException("time", value, "offset out of range (" + e.getMessage() + ")");
    }
  }

  private static int num(String s, int from, int to, String value) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new SlurmFieldException("time", value, FORMAT);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * Combines Start, End and ElapsedRaw into one interval.
   *
   * <ul>
   *   <li>duration = elapsed when known (ElapsedRaw is the truth), else End−Start over the candidates giving the
   *       smallest non-negative value;</li>
   *   <li>an ambiguous start takes the candidate for which some End candidate − start == elapsed, else the
   *       earlier;</li>
   *   <li>with elapsed known, end = start + elapsed; a note records when that disagrees with the parsed End
   *       (wrong zone, DST, or suspended time: Slurm's elapsed excludes time spent suspended);</li>
   *   <li>no start, elapsed 0: the job never started (cancelled while pending): null, whatever End says;</li>
   *   <li>no start but End and elapsed: start = End − elapsed;</li>
   *   <li>no start and no End but elapsed and Submit (exports made for Green Algorithms ask for no Start or
   *       End): the job ran, so it is placed at Submit, the earliest it can have started, and flagged
   *       {@code startEstimated};</li>
   *   <li>null when neither a start nor (End and elapsed) nor (Submit and elapsed) is known.</li>
   * </ul>
   *
   * @throws SlurmFieldException when elapsed is negative, or (without elapsed) End is before Start
   */
  public static Interval resolve(SlurmTime start, SlurmTime end, Long elapsedSeconds) {
    return resolve(start, end, elapsedSeconds, null);
  }

  /** As {@link #resolve(SlurmTime, SlurmTime, Long)}, with Submit to place a job whose export has no Start/End. */
  public static Interval resolve(SlurmTime start, SlurmTime end, Long elapsedSeconds, Instant submit) {
    if (elapsedSeconds != null && elapsedSeconds < 0) {
      throw new SlurmFieldException("ElapsedRaw", elapsedSeconds.toString(), "negative duration");
    }
    Note note = new Note();
    if (start == null) {
      if (elapsedSeconds == null || elapsedSeconds == 0) {
        return null; // never started, or nothing to place it with
      }
      if (end == null) {
        if (submit == null) {
          return null;
        }
        return new Interval(submit, submit.plusSeconds(elapsedSeconds), elapsedSeconds,
            "start estimated: no Start or End in the export, placed at Submit (the earliest it can have started)",
            true);
      }
      note.add("start from End-ElapsedRaw");
      describe(end, "End", note);
      if (end.ambiguous()) {
        note.add("End in DST overlap: took the earlier reading");
      }
      Instant e = end.earlier();
      return new Interval(e.minusSeconds(elapsedSeconds), e, elapsedSeconds, note.text());
    }
    describe(start, "Start", note);
    if (elapsedSeconds != null) {
      long elapsed = elapsedSeconds;
      Instant s = start.earlier();
      if (start.ambiguous() && end != null) {
        boolean earlierFits = fits(start.earlier(), end, elapsed);
        boolean laterFits = fits(start.later(), end, elapsed);
        if (laterFits && !earlierFits) {
          s = start.later();
        }
        note.add(earlierFits != laterFits ? "Start in DST overlap: chose the reading matching ElapsedRaw"
            : "Start in DST overlap: took the earlier reading");
      } else if (start.ambiguous()) {
        note.add("Start in DST overlap: took the earlier reading");
      }
      Instant e = s.plusSeconds(elapsed);
      if (end == null) {
        note.add("End unknown: end from start+elapsed (provisional if the job is still running)");
      } else if (!e.equals(end.earlier()) && !e.equals(end.later())) {
        long diff = closestDiff(s, end, elapsed);
        boolean dstLike = Math.abs(diff) <= 7_200 && diff % 1_800 == 0;
        note.add("end from start+elapsed; " + (dstLike ? "DST: " : "")
            + "End-Start differs from ElapsedRaw by " + diff + " s");
      }
      return new Interval(s, e, elapsed, note.text());
    }
    if (end == null) {
      note.add("no End and no ElapsedRaw: duration unknown");
      return new Interval(start.earlier(), null, 0, note.text());
    }
    describe(end, "End", note);
    Instant bestS = null;
    Instant bestE = null;
    long best = Long.MAX_VALUE;
    for (Instant s : new Instant[] {start.earlier(), start.later()}) {
      for (Instant e : new Instant[] {end.earlier(), end.later()}) {
        long d = Duration.between(s, e).getSeconds();
        if (d >= 0 && d < best) {
          best = d;
          bestS = s;
          bestE = e;
        }
      }
    }
    if (bestS == null) {
      throw new SlurmFieldException("End", end.earlier().toString(), "before Start " + start.later());
    }
    note.add("no ElapsedRaw: duration from End-Start");
    return new Interval(bestS, bestE, best, note.text());
  }

  private static boolean fits(Instant s, SlurmTime end, long elapsed) {
    return Duration.between(s, end.earlier()).getSeconds() == elapsed
        || Duration.between(s, end.later()).getSeconds() == elapsed;
  }

  /** (End − start) − elapsed for the End candidate nearest to start + elapsed. */
  private static long closestDiff(Instant s, SlurmTime end, long elapsed) {
    long a = Duration.between(s, end.earlier()).getSeconds() - elapsed;
    long b = Duration.between(s, end.later()).getSeconds() - elapsed;
    return Math.abs(a) <= Math.abs(b) ? a : b;
  }

  private static void describe(SlurmTime t, String name, Note note) {
    if (t.gap()) {
      note.add(name + " in DST gap: shifted forward");
    }
  }

  /** Tiny "; "-joined accumulator; no allocation when nothing is noted. */
  private static final class Note {
    private StringBuilder sb;

    void add(String s) {
      if (sb == null) {
        sb = new StringBuilder(s);
      } else {
        sb.append("; ").append(s);
      }
    }

    String text() {
      return sb == null ? null : sb.toString();
    }
  }
}
