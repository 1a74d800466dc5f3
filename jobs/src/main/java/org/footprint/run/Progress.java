package org.footprint.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line per phase of a run, with the time since the run started, so a person can follow a long nightly
 * run without reading Spark's log. Spark's own console progress bar shows the stages inside each phase.
 */
public final class Progress {
  private final PrintStream out;
  private final long t0 = System.nanoTime();

  private Progress(PrintStream out) {
    this.out = out;
  }

  public static Progress to(PrintStream out) {
    return new Progress(out);
  }

  public static Progress silent() {
    return new Progress(null);
  }

  public void phase(String what) {
    if (out != null) {
      out.println(String.format(Locale.ROOT, "footprint [%7.1f s] %s", (System.nanoTime() - t0) / 1e9, what));
      out.flush();
    }
  }
}
