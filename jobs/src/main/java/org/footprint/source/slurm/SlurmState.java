package org.footprint.source.slurm;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Job states as sacct prints them: full names, sometimes with a reason ({@code CANCELLED by 1300204}), or the
 * squeue abbreviations ({@code CA}, {@code CD}, ...). Failed, cancelled and timed-out jobs consumed energy too:
 * {@link #isFailure} marks waste to report, never rows to drop.
 */
public final class SlurmState {

  /** Terminal base states (immutable): the job will use no more energy. */
  public static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY",
      "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "REQUEUED", "REVOKED");

  /**
   * Live or waiting states: their Elapsed still grows. SPECIAL_EXIT is a held requeue like REQUEUE_HOLD;
   * COMPLETING is still releasing nodes.
   */
  public static final Set<String> NOT_ENDED = Set.of("PENDING", "RUNNING", "SUSPENDED", "RESIZING", "REQUEUE_HOLD",
      "REQUEUE_FED", "SIGNALING", "STAGE_OUT", "STOPPED", "COMPLETING", "CONFIGURING", "RESV_DEL_HOLD",
      "SPECIAL_EXIT");

  /** Abbreviation (squeue/sacct short form) → full name; full names map to themselves. */
  private static final Map<String, String> NAMES = new HashMap<>();

  static {
    String[][] abbrev = {
        {"BF", "BOOT_FAIL"}, {"CA", "CANCELLED"}, {"CD", "COMPLETED"}, {"CF", "CONFIGURING"},
        {"CG", "COMPLETING"}, {"DL", "DEADLINE"}, {"F", "FAILED"}, {"NF", "NODE_FAIL"},
        {"OOM", "OUT_OF_MEMORY"}, {"PD", "PENDING"}, {"PR", "PREEMPTED"}, {"R", "RUNNING"},
        {"RD", "RESV_DEL_HOLD"}, {"RF", "REQUEUE_FED"}, {"RH", "REQUEUE_HOLD"}, {"RQ", "REQUEUED"},
        {"RS", "RESIZING"}, {"RV", "REVOKED"}, {"SI", "SIGNALING"}, {"SE", "SPECIAL_EXIT"},
        {"SO", "STAGE_OUT"}, {"ST", "STOPPED"}, {"S", "SUSPENDED"}, {"TO", "TIMEOUT"}};
    for (String[] a : abbrev) {
      NAMES.put(a[0], a[1]);
    }
    for (String s : ENDED) {
      NAMES.put(s, s);
    }
    for (String s : NOT_ENDED) {
      NAMES.put(s, s);
    }
  }

  private SlurmState() {}

  /**
   * Upper-case base state: {@code CANCELLED by 1300204} → CANCELLED, {@code ca} → CANCELLED, a trailing
   * {@code +} (sacct's truncation mark in fixed-width output) is ignored. Null for blank or unknown states.
   */
  public static String base(String state) {
    if (state == null) {
      return null;
    }
    String s = state.trim();
    int space = s.indexOf(' ');
    if (space >= 0) {
      s = s.substring(0, space);
    }
    if (s.endsWith("+")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      return null;
    }
    return NAMES.get(s.toUpperCase(Locale.ROOT));
  }

  /** Terminal state (COMPLETED and every failure). Accepts a base name or anything {@link #base} reads. */
  public static boolean isEnded(String state) {
    String b = base(state);
    return b != null && ENDED.contains(b);
  }

  /** Ended, but not COMPLETED: failed, cancelled, timeout, OOM, node fail, preempted, ... */
  public static boolean isFailure(String state) {
    String b = base(state);
    return b != null && ENDED.contains(b) && !b.equals("COMPLETED");
  }

  /** Pending, running or otherwise still live (Elapsed not final). False for unknown states. */
  public static boolean isNotEnded(String state) {
    String b = base(state);
    return b != null && NOT_ENDED.contains(b);
  }
}
