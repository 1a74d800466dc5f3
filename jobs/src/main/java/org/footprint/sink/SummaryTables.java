package org.footprint.sink;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.aggregate.Aggregates;
import org.footprint.aggregate.SmallQuery;
import org.footprint.aggregate.SummaryRows;

/**
 * Publishes by_user, by_project, by_sweep and search_totals: each aggregated once over the published jobs and
 * collected as one small query (they are small), then written to Parquet and CSV from those rows and swapped in.
 * Written from the aggregation directly, each table cost its query twice (Parquet, then CSV), a range-sort sample
 * per write and a job per adaptive stage: 30 Spark jobs for the four on the sample logs.
 */
final class SummaryTables {
  private SummaryTables() {}

  static SummaryRows publish(Dataset<Row> allJobs, TableSink staged, OutputCommitter commit) {
    return new SummaryRows(
        publish("by_user", Aggregates.byUser(allJobs), staged, commit),
        publish("by_project", Aggregates.byProject(allJobs), staged, commit),
        publish("by_sweep", Aggregates.bySweep(allJobs), staged, commit),
        publish("search_totals", Aggregates.searchTotals(allJobs), staged, commit));
  }

  private static List<Row> publish(String name, Dataset<Row> summary, TableSink staged, OutputCommitter commit) {
    summary.sparkSession().sparkContext().setJobDescription("aggregate " + name);
    List<Row> rows = SmallQuery.collect(summary);
    staged.smallTable(summary.sparkSession(), name, rows, summary.schema());
    commit.swap("tables/" + name);
    commit.swap("csv/" + name + ".csv");
    return rows;
  }
}
