package org.footprint.sink;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.footprint.conf.FootprintConf;

/**
 * Decides, after a run is staged and before anything is swapped into {@code --out}, whether the run may replace
 * what is published. A nightly cron does not read the output: a night whose export was cut off, written with
 * another delimiter, or emptied must fail loudly and leave yesterday's good numbers in place. The rules:
 * <ol>
 *   <li>nothing usable: job records (slurm, kubernetes) were read, some rejected, and no job came out of them;</li>
 *   <li>too many rejects: one source and cluster rejected more than {@code quality.max_reject_share} (per source
 *       overridable) of the records it read;</li>
 *   <li>too few records: a source and cluster with input files read fewer than {@code quality.min_records}
 *       (default 1): an empty night is an error;</li>
 *   <li>empty inputs: an input file held no record at all (empty or header-only export), unless
 *       {@code quality.<source>.allow_empty: true};</li>
 *   <li>too many skipped: skipped / records read above {@code quality.max_skipped_share} (off unless set);</li>
 *   <li>an empty night erases published days: a published day that had jobs would have none after this run,
 *       while an input file of the run held no records (empty or header-only) or the run made no job at all.</li>
 * </ol>
 * Every limit has a default under {@code quality:} and a per-source override under {@code quality.<source>:}.
 * Pure: the facts come in as plain values ({@link QualityFacts} gathers them from a staged run), so the rules
 * are tested with counts built in code.
 */
public final class QualityGate {
  /** One run_summary row as the gate reads it: "power" for both power formats, cluster null for intensity. */
  public record SourceCounts(String source, String cluster, long files, long recordsRead, long jobs, long skipped,
      long rejected) {
    /** A row of a source that had input files, without skipped records. */
    public SourceCounts(String source, String cluster, long recordsRead, long jobs, long rejected) {
      this(source, cluster, 1, recordsRead, jobs, 0, rejected);
    }

    String key() {
      return cluster == null ? source : source + "/" + cluster;
    }
  }

  /** One reject code of one source and cluster, with the first line it was seen at and that line's reason. */
  public record ReasonCount(String source, String cluster, String code, long count, String exampleFile,
      long exampleLine, String exampleReason) {
    /** {@code field_count 12 (sacct_2026-03-03.txt:2)}, with the reason sentence after the line when asked. */
    public String describe(boolean withReason) {
      String why = !withReason || exampleReason == null ? ""
          : ": " + (exampleReason.length() <= REASON_SHOWN ? exampleReason
              : exampleReason.substring(0, REASON_SHOWN) + "…");
      return code + " " + count + " (" + fileName(exampleFile) + ":" + exampleLine + why + ")";
    }

    boolean of(SourceCounts s) {
      return s.source().equals(source) && Objects.equals(s.cluster(), cluster);
    }
  }

  /**
   * What the staged run would publish. {@code emptyInputs}: per "source/cluster", input files that held no
   * records; {@code daysEmptied}: published days with jobs that this run would leave without any.
   */
  public record Facts(List<SourceCounts> sources, List<ReasonCount> topReasons, Map<String, List<String>> emptyInputs,
      List<LocalDate> daysEmptied) {}

  /** The broken rules, one sentence each; publishing is allowed when there are none. */
  public record Verdict(List<String> problems) {
    public boolean publish() {
      return problems.isEmpty();
    }
  }

  /** Sources whose records become jobs (power and intensity only support them). */
  private static final List<String> JOB_SOURCES = List.of("slurm", "kubernetes");
  /** Reasons named per broken limit: enough to see what went wrong without flooding the one line. */
  private static final int REASONS_SHOWN = 3;
  /** Characters of the most frequent reason's sentence in the line: it says what to do (e.g. which --delimiter). */
  private static final int REASON_SHOWN = 160;

  private final FootprintConf.QualityConf limits;

  public QualityGate(FootprintConf.QualityConf limits) {
    this.limits = limits;
  }

  public Verdict judge(Facts f) {
    List<String> problems = new ArrayList<>();
    long read = 0;
    long rejected = 0;
    long jobs = 0;
    for (SourceCounts s : f.sources()) {
      if (JOB_SOURCES.contains(s.source())) {
        read += s.recordsRead();
        rejected += s.rejected();
        jobs += s.jobs();
      }
    }
    for (SourceCounts s : f.sources()) {
      double limit = limits.maxRejectShare(s.source());
      if (s.recordsRead() > 0 && (double) s.rejected() / s.recordsRead() > limit) {
        problems.add(String.format(Locale.ROOT, "%s rejected %d of %d records (%.1f%%, limit %.1f%%)", s.key(),
            s.rejected(), s.recordsRead(), 100.0 * s.rejected() / s.recordsRead(), 100 * limit)
            + reasons(f.topReasons(), s));
      }
      List<String> empty = f.emptyInputs().getOrDefault(s.key(), List.of());
      boolean allowEmpty = limits.allowEmpty(s.source());
      long min = limits.minRecords(s.source());
      if (s.files() > 0 && s.recordsRead() < min && !(allowEmpty && s.recordsRead() == 0)) {
        problems.add(s.key() + " read " + s.recordsRead() + " record" + (s.recordsRead() == 1 ? "" : "s") + " from "
            + s.files() + " file" + (s.files() == 1 ? "" : "s") + ", fewer than min_records " + min
            + (empty.isEmpty() ? "" : "; " + heldNone(s, empty)));
      } else if (!empty.isEmpty() && !allowEmpty) {
        problems.add(s.key() + ": " + heldNone(s, empty));
      }
      Double skippedLimit = limits.maxSkippedShare(s.source());
      if (skippedLimit != null && s.recordsRead() > 0 && (double) s.skipped() / s.recordsRead() > skippedLimit) {
        problems.add(String.format(Locale.ROOT, "%s skipped %d of %d records (%.1f%%, limit %.1f%%"
            + " max_skipped_share): see the skipped table", s.key(), s.skipped(), s.recordsRead(),
            100.0 * s.skipped() / s.recordsRead(), 100 * skippedLimit));
      }
    }
    boolean noJobs = jobs == 0 && rejected > 0;
    if (noJobs) {
      // the sources' own lines (above) already name the reasons when a limit is broken too
      problems.add(0, "no jobs: " + rejected + " of " + read + " records read were rejected"
          + (problems.isEmpty() ? reasons(f.topReasons(), null) : ""));
    }
    // (a run refused for making no jobs is not told again that it would empty days)
    if (!f.daysEmptied().isEmpty() && (!f.emptyInputs().isEmpty() || (jobs == 0 && !noJobs))) {
      String why = f.emptyInputs().isEmpty() ? "this run made no jobs"
          : "input files held no records (empty or header-only): " + emptyFiles(f.emptyInputs());
      problems.add("published day(s) " + days(f.daysEmptied()) + " would lose all their jobs; " + why);
    }
    return new Verdict(problems);
  }

  /**
   * Judges and, when a rule is broken, discards the staging folder and throws {@link QualityGateRefusal} — unless
   * {@code publishAnyway}, when the problems are only reported through {@code warn}.
   */
  public void enforce(Facts f, boolean publishAnyway, OutputCommitter commit, Consumer<String> warn) {
    Verdict v = judge(f);
    if (v.publish()) {
      return;
    }
    if (publishAnyway) {
      warn.accept("quality gate: publishing anyway (--publish-anyway): " + String.join("; ", v.problems()));
      return;
    }
    String kept = FailedRun.keep(commit, v.problems());
    commit.cleanUp();
    StringBuilder m = new StringBuilder("quality gate: nothing published, " + commit.outDir() + " left as it was:");
    for (String p : v.problems()) {
      m.append("\n  - ").append(p);
    }
    m.append(kept == null ? "\n" : "\nThe staged run_summary and rejects are in " + kept + ". ");
    throw new QualityGateRefusal(m + "Fix the input, or rerun with --publish-anyway to publish it regardless.");
  }

  private static String heldNone(SourceCounts s, List<String> files) {
    List<String> names = files.stream().map(QualityGate::fileName).limit(REASONS_SHOWN).toList();
    return files.size() + " input file" + (files.size() == 1 ? "" : "s") + " held no records (empty or header-only): "
        + String.join(", ", names) + (files.size() > names.size() ? " and " + (files.size() - names.size())
        + " more" : "") + " (quality." + s.source() + ".allow_empty: true accepts them)";
  }

  private static String reasons(List<ReasonCount> top, SourceCounts of) {
    List<String> shown = new ArrayList<>();
    for (ReasonCount r : top) {
      if ((of == null || r.of(of)) && shown.size() < REASONS_SHOWN) {
        shown.add(r.describe(shown.isEmpty()));
      }
    }
    return shown.isEmpty() ? "" : ": " + String.join(", ", shown);
  }

  private static String emptyFiles(Map<String, List<String>> empty) {
    List<String> out = new ArrayList<>();
    empty.forEach((key, files) -> {
      List<String> names = files.stream().map(QualityGate::fileName).limit(REASONS_SHOWN).toList();
      out.add(key + " " + String.join(", ", names) + (files.size() > names.size()
          ? " and " + (files.size() - names.size()) + " more" : ""));
    });
    return String.join("; ", out);
  }

  private static String days(List<LocalDate> days) {
    return days.size() <= 3 ? days.stream().map(LocalDate::toString).reduce((a, b) -> a + ", " + b).orElse("")
        : days.get(0) + " .. " + days.get(days.size() - 1) + " (" + days.size() + " days)";
  }

  /** The last path segment: the example locates the line, the source and cluster say which folder. */
  static String fileName(String path) {
    if (path == null) {
      return "?";
    }
    int slash = path.lastIndexOf('/');
    return slash >= 0 ? path.substring(slash + 1) : path;
  }
}
