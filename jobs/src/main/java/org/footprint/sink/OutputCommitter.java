package org.footprint.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.footprint.io.HadoopFs;

/**
 * Makes a run's output visible as a whole. Everything a run publishes — the per-day and other tables, the CSVs,
 * the summaries and the report — is written under a staging folder ({@code DIR/.staging-<id>}) first; nothing in
 * {@code DIR} changes while Spark writes. Then the commit:
 * <ol>
 *   <li>the list of renames is written to the journal {@code DIR/_PUBLISHING} (atomically: a temporary file
 *       renamed into place);</li>
 *   <li>each listed path is replaced: the published one is moved aside into the staging folder, the staged one
 *       renamed into its place (or, for a window day that has no jobs any more, only moved aside);</li>
 *   <li>the journal is deleted, then the staging folder with the old versions in it.</li>
 * </ol>
 * A run killed before step 1 leaves {@code DIR} as it was (its staging folder is removed by the next run). A run
 * killed during step 2 leaves the journal: {@code DIR} then mixes two runs until the next run, which, before
 * anything else, completes the renames from the staging folder the journal names ({@link #recover}). Each rename
 * is atomic on local disk and HDFS; the renames of a commit together are not: for their short duration a reader
 * can see some paths new and others old, and the journal's presence tells that the folder is incomplete.
 */
public final class OutputCommitter {
  /** The commit journal: present only while a commit's renames are under way (or were interrupted). */
  public static final String JOURNAL = "_PUBLISHING";
  /** Inside the staging folder: the published versions moved aside by the renames, deleted with it. */
  private static final String REPLACED = ".replaced";
  private static final String STAGING_PREFIX = ".staging-";

  /** One step of a commit, as the journal lists it: {@code replace PATH} or {@code remove PATH}. */
  public record Op(boolean replace, String path) {
    String line() {
      return (replace ? "replace " : "remove ") + path;
    }

    static Op parse(String line) {
      if (line.startsWith("replace ")) {
        return new Op(true, line.substring("replace ".length()));
      }
      if (line.startsWith("remove ")) {
        return new Op(false, line.substring("remove ".length()));
      }
      throw new IllegalArgumentException("not a journal step: " + line);
    }
  }

  private final String outDir;
  private final Path staging;
  private final FileSystem fs;

  public OutputCommitter(String outDir) {
    this(outDir, STAGING_PREFIX + UUID.randomUUID());
  }

  private OutputCommitter(String outDir, String stagingName) {
    this.outDir = outDir;
    this.staging = new Path(outDir, stagingName);
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

  /** Where Spark writes this run's output before the commit. */
  public String stagingDir() {
    return staging.toString();
  }

  /** Staged partitions of a per-day table. */
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
      List<String> out = new ArrayList<>();
      for (FileStatus st : fs.listStatus(t)) {
        if (st.isDirectory() && st.getPath().getName().startsWith("day=")) {
          out.add(st.getPath().getName());
        }
      }
      out.sort(null);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the staging folder holds {@code relative} (a table folder or a file). */
  public boolean staged(String relative) {
    try {
      return fs.exists(new Path(staging, relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replace a whole table folder or a file with its staged version; nothing when it was not staged. */
  public void replace(List<Op> plan, String relative) {
    if (staged(relative)) {
      plan.add(new Op(true, relative));
    }
  }

  /**
   * Replace exactly the given day partitions ({@code day=YYYY-MM-DD}) of a per-day table: a day the run produced
   * no rows for is removed, so an emptied day does not keep stale rows. Other days stay as they are.
   */
  public void replaceDays(List<Op> plan, String relativeTable, List<LocalDate> days) {
    Set<String> published = new HashSet<>(publishedDays(relativeTable));
    for (LocalDate d : days) {
      String part = relativeTable + "/day=" + d;
      if (staged(part)) {
        plan.add(new Op(true, part));
      } else if (published.contains("day=" + d)) {
        plan.add(new Op(false, part));
      }
    }
  }

  /**
   * Replace the files of a folder one by one with the staged ones (the report's pages; other files a person put
   * there stay) and remove published files matching {@code stalePrefix} that this run did not stage (the page of
   * a project that is gone). Hidden side files (Hadoop's {@code .name.crc}) follow their file.
   */
  public void replaceFiles(List<Op> plan, String relativeDir, String stalePrefix, String last) {
    try {
      Path stagedDir = new Path(staging, relativeDir);
      Set<String> stagedNames = new HashSet<>();
      List<String> names = new ArrayList<>();
      if (fs.exists(stagedDir)) {
        for (FileStatus st : fs.listStatus(stagedDir)) {
          if (st.isFile()) {
            names.add(st.getPath().getName());
            stagedNames.add(st.getPath().getName());
          }
        }
      }
      // the index last: while the renames run, its links point at pages that are already there
      names.sort(Comparator.<String, Boolean>comparing(n -> base(n).equals(last))
          .thenComparing(Comparator.naturalOrder()));
      for (String n : names) {
        plan.add(new Op(true, relativeDir + "/" + n));
      }
      Path published = new Path(outDir, relativeDir);
      if (fs.exists(published)) {
        List<String> stale = new ArrayList<>();
        for (FileStatus st : fs.listStatus(published)) {
          String n = st.getPath().getName();
          if (st.isFile() && base(n).startsWith(stalePrefix) && !stagedNames.contains(n)) {
            stale.add(n);
          }
        }
        stale.sort(null);
        stale.forEach(n -> plan.add(new Op(false, relativeDir + "/" + n)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + relativeDir, e);
    }
  }

  /** {@code .index.html.crc} → {@code index.html}; other names as they are. */
  private static String base(String name) {
    return name.startsWith(".") && name.endsWith(".crc") ? name.substring(1, name.length() - 4) : name;
  }

  /**
   * Publishes the staged run: journal, renames, journal deleted, staging deleted (see the class comment).
   *
   * @param say where the commit is announced
   */
  public void commit(List<Op> plan, Consumer<String> say) {
    Path journal = new Path(outDir, JOURNAL);
    StringBuilder text = new StringBuilder("# footprint: a commit of " + outDir + " is under way or was interrupted;"
        + " the next run completes it from the staging folder below\n");
    text.append("staging ").append(staging.getName()).append('\n');
    text.append("started ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
    plan.forEach(op -> text.append(op.line()).append('\n'));
    AtomicFile.write(journal, text.toString().getBytes(StandardCharsets.UTF_8));
    say.accept("publishing: " + plan.size() + " renames (journal " + journal + ")");
    FaultPoint.reached("journal");
    int done = 0;
    try {
      for (Op op : plan) {
        apply(op);
        FaultPoint.reached("rename-" + (++done));
      }
      fs.delete(journal, false);
    } catch (IOException e) {
      throw new UncheckedIOException("publishing " + outDir + " (stopped after " + done + " of " + plan.size()
          + " renames; the next run completes them from " + journal + ")", e);
    }
    FaultPoint.reached("committed");
    cleanUp();
  }

  /** One step, done so that doing it again after a crash anywhere inside it finishes it. */
  private void apply(Op op) throws IOException {
    Path target = new Path(outDir, op.path());
    Path staged = new Path(staging, op.path());
    Path aside = new Path(new Path(staging, REPLACED), op.path());
    if (op.replace()) {
      if (!fs.exists(staged)) {
        return; // renamed into place before the crash
      }
      moveAside(target, aside);
      fs.mkdirs(target.getParent());
      if (!fs.rename(staged, target)) {
        throw new IOException("cannot move " + staged + " to " + target);
      }
    } else {
      moveAside(target, aside);
    }
  }

  private void moveAside(Path target, Path aside) throws IOException {
    if (!fs.exists(target)) {
      return;
    }
    if (fs.exists(aside)) {
      fs.delete(aside, true);
    }
    fs.mkdirs(aside.getParent());
    if (!fs.rename(target, aside)) {
      throw new IOException("cannot move " + target + " aside to " + aside);
    }
  }

  /**
   * Before a run under the lock: completes a commit an earlier run was killed in (journal present), then removes
   * the staging folders of killed runs. Says what it did.
   *
   * @return whether an interrupted commit was completed
   */
  public static boolean recover(String outDir, Consumer<String> say) {
    boolean rolled = rollForward(outDir, say);
    List<String> leftovers = removeLeftoverStaging(outDir);
    if (!leftovers.isEmpty()) {
      say.accept("removed staging folder(s) of interrupted runs: " + String.join(", ", leftovers));
    }
    return rolled;
  }

  /** Completes the renames of an interrupted commit; false when there was none. */
  static boolean rollForward(String outDir, Consumer<String> say) {
    Path journal = new Path(outDir, JOURNAL);
    try {
      FileSystem fs = withoutChecksums(HadoopFs.of(journal));
      if (!fs.exists(journal)) {
        return false;
      }
      String stagingName = null;
      String started = "?";
      List<Op> plan = new ArrayList<>();
      String text;
      try (var in = fs.open(journal)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("staging ")) {
          stagingName = line.substring("staging ".length()).trim();
        } else if (line.startsWith("started ")) {
          started = line.substring("started ".length()).trim();
        } else {
          plan.add(Op.parse(line));
        }
      }
      if (stagingName == null || !stagingName.startsWith(STAGING_PREFIX) || stagingName.contains("/")) {
        throw new IllegalStateException(journal + " names no staging folder: not a footprint journal?");
      }
      OutputCommitter c = new OutputCommitter(outDir, stagingName);
      if (!fs.exists(c.staging)) {
        // nothing left to complete it from (removed by hand): say so; this run's commit replaces the summaries
        fs.delete(journal, false);
        say.accept("WARNING: the publish of " + started + " in " + outDir + " was interrupted and its staging folder "
            + stagingName + " is gone: the per-day tables may mix two runs; a run without --day/--from/--to"
            + " rewrites them all");
        return true;
      }
      int left = 0;
      for (int i = 0; i < plan.size(); i++) {
        Op op = plan.get(i);
        if (!op.replace() || fs.exists(new Path(c.staging, op.path()))) {
          left++;
        }
        c.apply(op);
        FaultPoint.reached("recover-rename-" + (i + 1));
      }
      fs.delete(journal, false);
      c.cleanUp();
      say.accept("completed the interrupted publish of " + started + " in " + outDir + " (" + JOURNAL + "): "
          + left + " of " + plan.size() + " renames were left; " + outDir + " now holds that run's output");
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("completing the interrupted publish in " + outDir, e);
    }
  }

  /**
   * Staging folders of earlier runs that were killed before cleaning up (hidden, never read, but they pile up):
   * removed by the next run, which holds the output's lock, so none of them belongs to a live run. Run after
   * {@link #rollForward}: the staging folder of an interrupted commit is still needed until then.
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
      List<String> removed = new ArrayList<>();
      for (FileStatus st : fs.listStatus(out)) {
        if (st.isDirectory() && st.getPath().getName().startsWith(STAGING_PREFIX) && fs.delete(st.getPath(), true)) {
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
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  public void cleanUp() {
    try {
      fs.delete(staging, true);
    } catch (IOException e) {
      // leftover staging folders are harmless (hidden, ignored by readers) and removed by the next run
    }
  }
}
