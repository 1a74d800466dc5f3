package org.footprint.pipeline;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line per phase of a run, with the time since the run started, so a person can follow a long nightly
 * run without reading Spark's log. Spark's own console progress bar shows the stages inside each phase.
 * While a run records its statistics, each phase is also timed ({@link PhaseTimes}, written to run_stats.json).
 */
public final class Progress {
  private final PrintStream out;
  private final long t0 = System.nanoTime();
  private volatile PhaseTimes times;

  private Progress(PrintStream out) {
    this.out = out;
  }

  public static Progress to(PrintStream out) {
    return new Progress(out);
  }

  public static Progress silent() {
    return new Progress(null);
  }

  /** A phase named by its message (run_stats.json then keys it by the whole message). */
  public void phase(String what) {
    phase(what, what);
  }

  /** A phase: {@code name} is its stable key in run_stats.json, {@code what} the line a person reads. */
  public void phase(String name, String what) {
    PhaseTimes t = times;
    if (t != null) {
      t.begin(name);
    }
    line(what);
  }

  /** A line within the current phase (no new phase starts). */
  public void line(String what) {
    if (out != null) {
      out.println(String.format(Locale.ROOT, "footprint [%7.1f s] %s", (System.nanoTime() - t0) / 1e9, what));
      out.flush();
    }
  }

  /** Phases announced from now on are timed in {@code t}; null stops timing. */
  void timeIn(PhaseTimes t) {
    this.times = t;
  }
}
