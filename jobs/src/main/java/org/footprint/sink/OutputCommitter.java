package org.footprint.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.footprint.io.HadoopFs;

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

  /** The published output folder. */
  public String outDir() {
    return outDir;
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
    return dayPartitions(new Path(staging, relativeTable));
  }

  /** Day partitions of a per-day table as published now; a partition has rows (listed, no Spark job). */
  public List<String> publishedDays(String relativeTable) {
    return dayPartitions(new Path(outDir, relativeTable));
  }

  private List<String> dayPartitions(Path t) {
    try {
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
   * Staging folders of earlier runs that were killed before cleaning up (hidden, never read, but they pile up):
   * removed by the next run, which holds the output's lock, so none of them belongs to a live run.
   *
   * @return the names of the folders removed
   */
  public static List<String> removeLeftoverStaging(String outDir) {
    Path out = new Path(outDir);
    try {
      FileSystem fs = withoutChecksums(HadoopFs.of(out));
      if (!fs.exists(out)) {
        return List.of();
      }
      List<String> removed = new java.util.ArrayList<>();
      for (FileStatus st : fs.listStatus(out)) {
        if (st.isDirectory() && st.getPath().getName().startsWith(".staging-") && fs.delete(st.getPath(), true)) {
          removed.add(st.getPath().getName());
        }
      }
      removed.sort(null);
      return removed;
    } catch (IOException e) {
      throw new UncheckedIOException("cleaning leftover staging in " + outDir, e);
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
