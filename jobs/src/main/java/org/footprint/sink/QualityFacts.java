package org.footprint.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.io.SmallQuery;
import org.footprint.model.Schemas;
import org.footprint.source.power.PowerInput;

/**
 * Gathers what {@link QualityGate} judges from a staged run: the run_summary rows (already on the driver), the
 * most frequent reject codes per source and cluster (one small aggregation of the staged rejects), and which
 * published days the swap would empty (two folder listings). Nothing here reads the jobs.
 */
public final class QualityFacts {
  /** Reject codes kept per source and cluster: the gate names three, the console summary a few more overall. */
  static final int TOP_PER_SOURCE = 3;

  private QualityFacts() {}

  /**
   * @param runSummary the staged run_summary rows
   * @param emptyInputs per "source/cluster", input files that held no records
   * @param windowDays the days a windowed run replaces; null for a full run, which replaces every day
   */
  public static QualityGate.Facts collect(SparkSession spark, List<Row> runSummary,
      Map<String, List<String>> emptyInputs, OutputCommitter commit, List<LocalDate> windowDays) {
    List<QualityGate.SourceCounts> sources = new ArrayList<>();
    for (Row r : runSummary) {
      sources.add(new QualityGate.SourceCounts(r.getAs("source"), r.getAs("cluster"), r.<Long>getAs("files"),
          r.<Long>getAs("records_read"), r.<Long>getAs("jobs"), r.<Long>getAs("skipped"), r.<Long>getAs("rejected")));
    }
    Dataset<Row> rejects = spark.read().schema(Schemas.of("rejects"))
        .parquet(new Path(commit.stagingDir(), "tables/rejects").toString());
    return new QualityGate.Facts(sources, topReasons(rejects), emptyInputs, daysEmptied(commit, windowDays));
  }

  /**
   * The most frequent codes of each source and cluster, most frequent first, each with its first file:line. One
   * aggregation in Spark (a row per source, cluster and code); ranking those few rows is done here, not by a window
   * and a sort that would cost Spark jobs of their own.
   */
  static List<QualityGate.ReasonCount> topReasons(Dataset<Row> rejects) {
    // run_summary counts both power formats as one source, "power"
    Dataset<Row> counted = rejects
        .withColumn("source", when(col("source").isin(PowerInput.NVIDIA_SMI, PowerInput.DCGM), lit("power"))
            .otherwise(col("source")))
        .groupBy("source", "cluster", "reason_code")
        .agg(count(lit(1)).as("n"), min(struct(col("file"), col("line"), col("reason"))).as("first"));
    List<QualityGate.ReasonCount> all = new ArrayList<>();
    // one Spark job: under adaptive execution the aggregation's shuffle is a job of its own
    for (Row r : SmallQuery.collect(counted)) {
      Row first = r.getAs("first");
      all.add(new QualityGate.ReasonCount(r.getAs("source"), r.getAs("cluster"), r.getAs("reason_code"),
          r.<Long>getAs("n"), first.getString(0), first.getLong(1), first.getString(2)));
    }
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
