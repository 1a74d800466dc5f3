package org.footprint.pipeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What one run is asked to do beyond the conf: output folder, day window, extra inputs from the command line. */
public final class RunOptions {
  public String outDir = "out";
  public LocalDate from;
  public LocalDate to;
  /** extra sacct exports (files, folders or globs) for {@link #cluster}. */
  public List<String> slurm = new ArrayList<>();
  /** extra intensity files, format {@link #intensityFormat} ("auto": by extension and header). */
  public List<String> intensity = new ArrayList<>();
  public String intensityFormat = "auto";
  public String cluster;
  /** field order for headerless extra sacct exports. */
  public List<String> fields;
  public String delimiter;
  /** publish even when the quality gate refuses the run (its problems are still printed). */
  public boolean publishAnyway;
  /** break a stale lock on the output that cannot be proven dead (another host's, or older than the limit). */
  public boolean forceUnlock;
  /** phase lines for people watching a run; silent in tests. */
  public Progress progress = Progress.silent();
}
