package org.footprint.sink;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.footprint.aggregate.Aggregates;
import org.footprint.model.Schemas;
import org.footprint.report.ReportWriter;

/** The published jobs table (every day in DIR, not only this run's), as the summaries and the report read it. */
final class PublishedJobs {
  private PublishedJobs() {}

  /**
   * Read back even after a full run, whose cached jobs hold the same rows: a query over the cached table still
   * carries the whole pipeline's plan, and planning the summaries over it took longer than the read. Only the
   * columns the summaries and the report read are cached: the wide text columns (nodes, notes, warnings) were
   * most of the cost of caching the whole table. The caller unpersists.
   */
  static Dataset<Row> readCached(SparkSession spark, TableSink published) {
    // a previous run in this session may have cached the same path: its listing is stale after the swap
    spark.catalog().refreshByPath(published.tablePath("jobs"));
    Set<String> needed = new LinkedHashSet<>(Aggregates.COLUMNS);
    needed.addAll(ReportWriter.JOB_COLUMNS);
    return spark.read().schema(Schemas.of("jobs")).parquet(published.tablePath("jobs"))
        .select(needed.stream().map(functions::col).toArray(Column[]::new)).cache();
  }
}
