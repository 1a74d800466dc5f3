package org.footprint.sink;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.aggregate.Aggregates;
import org.footprint.aggregate.SmallQuery;
import org.footprint.aggregate.SummaryRows;

/**
 * Stages by_user, by_project, by_sweep and search_totals: each aggregated once over the jobs as they will be
 * published and collected as one small query (they are small), then written to Parquet and CSV from those rows.
 * Written from the aggregation directly, each table cost its query twice (Parquet, then CSV), a range-sort sample
 * per write and a job per adaptive stage: 30 Spark jobs for the four on the sample logs.
 */
final class SummaryTables {
  /** The summary tables, in the order they are staged and committed. */
  static final List<String> NAMES = List.of("by_user", "by_project", "by_sweep", "search_totals");

  private SummaryTables() {}

  static SummaryRows stage(Dataset<Row> allJobs, Dataset<Row> sweepSpecs, TableSink staged) {
    return new SummaryRows(
        stage("by_user", Aggregates.byUser(allJobs), staged),
        stage("by_project", Aggregates.byProject(allJobs), staged),
        stage("by_sweep", Aggregates.bySweep(allJobs, sweepSpecs), staged),
        stage("search_totals", Aggregates.searchTotals(allJobs), staged));
  }

  private static List<Row> stage(String name, Dataset<Row> summary, TableSink staged) {
    summary.sparkSession().sparkContext().setJobDescription("aggregate " + name);
    List<Row> rows = SmallQuery.collect(summary);
    staged.smallTable(summary.sparkSession(), name, rows, summary.schema());
    return rows;
  }
}
