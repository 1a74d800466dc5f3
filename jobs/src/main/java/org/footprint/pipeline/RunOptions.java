package org.footprint.pipeline;

import java.time.LocalDate;
import org.footprint.source.InputPlan;

/** What one run is asked to do beyond the conf: output folder, day window, inputs planned with the command line. */
public final class RunOptions {
  public String outDir = "out";
  public LocalDate from;
  public LocalDate to;
  /** the inputs, planned from the conf and the command line (null: the conf's inputs alone). */
  public InputPlan plan;
  /** publish even when the quality gate refuses the run (its problems are still printed). */
  public boolean publishAnyway;
  /** break a stale lock on the output that cannot be proven dead (another host's, or older than the limit). */
  public boolean forceUnlock;
  /** also print the resolved configuration (run_conf.yaml) on the progress stream. */
  public boolean verbose;
  /** phase lines for people watching a run; silent in tests. */
  public Progress progress = Progress.silent();
}
