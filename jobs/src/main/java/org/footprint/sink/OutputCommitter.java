package org.footprint.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.footprint.ingest.HadoopFs;

/**
 * Makes a run's output visible only once it is complete. Everything is written under a staging folder
 * ({@code DIR/.staging-<id>}) first; then each table (or each day partition of a per-day table) is swapped in
 * by renames: old → trash, staged → final, trash deleted. A crash while Spark writes leaves the previous output
 * untouched; a crash during the swap leaves at most one table or day between old and new, never half-written.
 */
public final class OutputCommitter {
  private final String outDir;
  private final Path staging;
  private final FileSystem fs;

  public OutputCommitter(String outDir) {
    this.outDir = outDir;
    this.staging = new Path(outDir, ".staging-" + UUID.randomUUID());
    try {
      this.fs = withoutChecksums(HadoopFs.of(staging));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + outDir, e);
    }
  }

  /** Where Spark writes this run's output before the swap. */
  public String stagingDir() {
    return staging.toString();
  }

  /** Replace a whole table folder (or CSV file) with its staged version; absent staged = leave the old. */
  public void swap(String relative) {
    Path staged = new Path(staging, relative);
    Path target = new Path(outDir, relative);
    try {
      if (!fs.exists(staged)) {
        return;
      }
      replace(staged, target);
    } catch (IOException e) {
      throw new UncheckedIOException("publishing " + target, e);
    }
  }

  /**
   * Replace exactly the given day partitions ({@code day=YYYY-MM-DD}) of a per-day table: a day the run
   * produced no rows for is removed, so an emptied day does not keep stale rows. Other days stay as they are.
   */
  public void swapDays(String relativeTable, List<LocalDate> days) {
    Path stagedTable = new Path(staging, relativeTable);
    Path table = new Path(outDir, relativeTable);
    try {
      fs.mkdirs(table);
      for (LocalDate d : days) {
        String part = "day=" + d;
        Path staged = new Path(stagedTable, part);
        Path target = new Path(table, part);
        if (fs.exists(staged)) {
          replace(staged, target);
        } else if (fs.exists(target)) {
          fs.delete(target, true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("publishing days of " + table, e);
    }
  }

  /** Staged partitions of a per-day table, for a full (not windowed) run: all of them replace the table. */
  public List<String> stagedDays(String relativeTable) {
    try {
      Path t = new Path(staging, relativeTable);
      if (!fs.exists(t)) {
        return List.of();
      }
      java.util.List<String> out = new java.util.ArrayList<>();
      for (FileStatus st : fs.listStatus(t)) {
        if (st.isDirectory() && st.getPath().getName().startsWith("day=")) {
          out.add(st.getPath().getName());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The day partitions of a published per-day table: Spark writes a day's folder only when it has rows, and the
   * swaps replace or remove whole days, so this is the number of days with rows, found without a Spark job.
   */
  public int publishedDays(String relativeTable) {
    try {
      Path t = new Path(outDir, relativeTable);
      if (!fs.exists(t)) {
        return 0;
      }
      int n = 0;
      for (FileStatus st : fs.listStatus(t)) {
        if (st.isDirectory() && st.getPath().getName().startsWith("day=")) {
          n++;
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + relativeTable, e);
    }
  }

  /** Local output is written by Spark with .crc side files; renames through the raw file system leave them. */
  static FileSystem withoutChecksums(FileSystem fs) {
    return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  public void cleanUp() {
    try {
      fs.delete(staging, true);
    } catch (IOException e) {
      // leftover staging folders are harmless (hidden, ignored by readers); nothing to recover
    }
  }

  private void replace(Path staged, Path target) throws IOException {
    fs.mkdirs(target.getParent());
    Path trash = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
    boolean hadOld = fs.exists(target);
    if (hadOld && !fs.rename(target, trash)) {
      throw new IOException("cannot move " + target + " aside");
    }
    if (!fs.rename(staged, target)) {
      if (hadOld) {
        fs.rename(trash, target); // put the previous good output back
      }
      throw new IOException("cannot move " + staged + " to " + target);
    }
    if (hadOld) {
      fs.delete(trash, true);
    }
  }
}
