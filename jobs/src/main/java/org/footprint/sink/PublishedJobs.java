package org.footprint.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.footprint.aggregate.Aggregates;
import org.footprint.io.HadoopFs;
import org.footprint.model.Schemas;
import org.footprint.io.CacheScope;
import org.footprint.report.ReportWriter;

/**
 * The jobs table as it will be once the staged run is committed — every day in DIR, not only this run's — which
 * the summaries, by_day and the report are computed from before anything is swapped in: the staged jobs of the
 * run, plus, for a windowed run, the published jobs of the days outside its window.
 */
final class PublishedJobs {
  private PublishedJobs() {}

  /**
   * Read back even after a full run, whose cached jobs hold the same rows: a query over the cached table still
   * carries the whole pipeline's plan, and planning the summaries over it took longer than the read. Only the
   * columns the summaries and the report read are cached: the wide text columns (nodes, notes, warnings) were
   * most of the cost of caching the whole table. Kept (a checkpoint) until {@code cache} is closed.
   *
   * @param windowDays the days the run replaces; null: the run replaces every day
   */
  static Dataset<Row> readCached(SparkSession spark, OutputCommitter commit, List<LocalDate> windowDays,
      CacheScope cache) {
    Set<String> needed = new LinkedHashSet<>(Aggregates.COLUMNS);
    needed.addAll(ReportWriter.JOB_COLUMNS);
    Column[] columns = needed.stream().map(functions::col).toArray(Column[]::new);
    Dataset<Row> jobs = read(spark, new TableSink(commit.stagingDir()).tablePath("jobs"));
    if (windowDays != null) {
      Dataset<Row> kept = read(spark, new TableSink(commit.outDir()).tablePath("jobs"));
      if (!windowDays.isEmpty()) {
        kept = kept.filter(not(col("day").isin(windowDays.stream().map(Date::valueOf).toArray())));
      }
      jobs = kept.unionByName(jobs);
    }
    return cache.cut(jobs.select(columns));
  }

  /** A jobs table folder; one that does not exist (nothing published yet) reads as no rows. */
  private static Dataset<Row> read(SparkSession spark, String path) {
    try {
      if (!HadoopFs.of(new Path(path)).exists(new Path(path))) {
        return spark.createDataFrame(List.of(), Schemas.of("jobs"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for " + path, e);
    }
    // a previous run in this session may have cached the same path: its listing is stale after a commit
    spark.catalog().refreshByPath(path);
    return spark.read().schema(Schemas.of("jobs")).parquet(path);
  }
}
