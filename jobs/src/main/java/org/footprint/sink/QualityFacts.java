package org.footprint.sink;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.aggregate.RejectReasons;
import org.footprint.io.SmallQuery;
import org.footprint.model.Schemas;
import org.footprint.source.power.PowerInput;

/**
 * Gathers what {@link QualityGate} judges from a staged run: the run_summary rows (already on the driver), the
 * most frequent reject codes per source and cluster (from one small aggregation of the staged rejects, which the
 * report reads too), and which published days the swap would empty (two folder listings). Nothing here reads the
 * jobs.
 */
public final class QualityFacts {
  /** Reject codes kept per source and cluster: the gate names three, the console summary a few more overall. */
  static final int TOP_PER_SOURCE = 3;

  private QualityFacts() {}

  /**
   * The staged rejects per source, cluster and reason code ({@link RejectReasons}): one small aggregation, which
   * the gate ({@link #collect}) and the report's data quality section both read.
   */
  public static List<Row> rejectReasons(SparkSession spark, OutputCommitter commit) {
    Dataset<Row> rejects = spark.read().schema(Schemas.of("rejects"))
        .parquet(new Path(commit.stagingDir(), "tables/rejects").toString());
    // one Spark job: under adaptive execution the aggregation's shuffle is a job of its own
    return SmallQuery.collect(RejectReasons.of(rejects));
  }

  /**
   * @param runSummary the staged run_summary rows
   * @param rejectReasons the staged rejects' {@link #rejectReasons}
   * @param emptyInputs per "source/cluster", input files that held no records
   * @param windowDays the days a windowed run replaces; null for a full run, which replaces every day
   */
  public static QualityGate.Facts collect(List<Row> runSummary, List<Row> rejectReasons,
      Map<String, List<String>> emptyInputs, OutputCommitter commit, List<LocalDate> windowDays) {
    List<QualityGate.SourceCounts> sources = new ArrayList<>();
    for (Row r : runSummary) {
      sources.add(new QualityGate.SourceCounts(r.getAs("source"), r.getAs("cluster"), r.<Long>getAs("files"),
          r.<Long>getAs("records_read"), r.<Long>getAs("jobs"), r.<Long>getAs("skipped"), r.<Long>getAs("rejected")));
    }
    return new QualityGate.Facts(sources, topReasons(rejectReasons), emptyInputs, daysEmptied(commit, windowDays));
  }

  /** {@link #topReasons(List)} of a rejects table (one Spark job). */
  static List<QualityGate.ReasonCount> topReasons(Dataset<Row> rejects) {
    return topReasons(SmallQuery.collect(RejectReasons.of(rejects)));
  }

  /**
   * The most frequent codes of each source and cluster, most frequent first, each with its first file:line. From
   * the rows of {@link RejectReasons} (a row per source, cluster and code), the power formats counted as one
   * source, "power", as run_summary counts them; ranking those few rows is done here, not by a window and a sort
   * that would cost Spark jobs of their own.
   */
  static List<QualityGate.ReasonCount> topReasons(List<Row> perCode) {
    // (source, cluster, code) → count and the least example, as Spark's min(struct(file, line, reason)) picks it
    Map<List<String>, QualityGate.ReasonCount> merged = new LinkedHashMap<>();
    for (Row r : perCode) {
      String source = r.getAs("source");
      if (PowerInput.NVIDIA_SMI.equals(source) || PowerInput.DCGM.equals(source)) {
        source = "power";
      }
      QualityGate.ReasonCount c = new QualityGate.ReasonCount(source, r.getAs("cluster"), r.getAs("reason_code"),
          r.<Long>getAs("records"), r.getAs("file"), r.<Long>getAs("line"), r.getAs("reason"));
      merged.merge(Arrays.asList(c.source(), c.cluster(), c.code()), c, (a, b) -> {
        QualityGate.ReasonCount first = EXAMPLE_ORDER.compare(a, b) <= 0 ? a : b;
        return new QualityGate.ReasonCount(a.source(), a.cluster(), a.code(), a.count() + b.count(),
            first.exampleFile(), first.exampleLine(), first.exampleReason());
      });
    }
    List<QualityGate.ReasonCount> all = new ArrayList<>(merged.values());
    // Spark's ascending order: nulls first
    Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
    Comparator<QualityGate.ReasonCount> frequent = Comparator
        .comparingLong(QualityGate.ReasonCount::count).reversed();
    all.sort(frequent.thenComparing(QualityGate.ReasonCount::code, text));
    Map<List<String>, Integer> kept = new HashMap<>();
    List<QualityGate.ReasonCount> out = new ArrayList<>();
    for (QualityGate.ReasonCount c : all) {
      if (kept.merge(Arrays.asList(c.source(), c.cluster()), 1, Integer::sum) <= TOP_PER_SOURCE) {
        out.add(c);
      }
    }
    out.sort(frequent.thenComparing(QualityGate.ReasonCount::source, text)
        .thenComparing(QualityGate.ReasonCount::cluster, text).thenComparing(QualityGate.ReasonCount::code, text));
    return out;
  }

  /** Spark's order of strings: their UTF-8 bytes, unsigned (Java's compareTo differs past U+FFFF). */
  private static final Comparator<String> UTF8 = (a, b) -> Arrays.compareUnsigned(
      a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  /** The order of min(struct(file, line, reason)): the three are never null in the rejects table. */
  private static final Comparator<QualityGate.ReasonCount> EXAMPLE_ORDER = Comparator
      .comparing(QualityGate.ReasonCount::exampleFile, UTF8)
      .thenComparingLong(QualityGate.ReasonCount::exampleLine)
      .thenComparing(QualityGate.ReasonCount::exampleReason, UTF8);

  /** Published days of the jobs table that had jobs and would have none once this run is swapped in. */
  static List<LocalDate> daysEmptied(OutputCommitter commit, List<LocalDate> windowDays) {
    Set<String> staged = new HashSet<>(commit.stagedDays("tables/jobs"));
    List<LocalDate> out = new ArrayList<>();
    for (String part : commit.publishedDays("tables/jobs")) {
      LocalDate day = day(part);
      boolean replaced = windowDays == null || (day != null && windowDays.contains(day));
      if (day != null && replaced && !staged.contains(part)) {
        out.add(day);
      }
    }
    out.sort(null);
    return out;
  }

  private static LocalDate day(String partition) {
    try {
      return LocalDate.parse(partition.substring("day=".length()));
    } catch (DateTimeParseException e) {
      return null; // not a day folder footprint wrote
    }
  }
}
