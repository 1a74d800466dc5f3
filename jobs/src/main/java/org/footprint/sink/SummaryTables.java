package org.footprint.sink;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.footprint.io.SmallQuery;
import org.footprint.aggregate.SummaryRows;
import org.footprint.model.Schemas;

/**
 * Stages by_user, by_project, by_sweep and search_totals (Parquet and CSV) and by_day (Parquet, per day) from the
 * rows of the summaries' one aggregation ({@link org.footprint.aggregate.SummaryPass}), already on the driver:
 * each write reads those local rows, so no table runs a query of its own.
 */
final class SummaryTables {
  /** The summary tables, in the order they are staged and committed. */
  static final List<String> NAMES = List.of("by_user", "by_project", "by_sweep", "search_totals");

  private SummaryTables() {}

  static void stage(SparkSession spark, SummaryRows s, TableSink staged) {
    staged.smallTable(spark, "by_user", s.byUser(), schema("by_user"));
    staged.smallTable(spark, "by_project", s.byProject(), schema("by_project"));
    staged.smallTable(spark, "by_sweep", s.bySweep(), schema("by_sweep"));
    staged.smallTable(spark, "search_totals", s.searchTotals(), schema("search_totals"));
    // one shuffle by day of local rows: one Spark job under SmallQuery's settings
    SmallQuery.run(spark, () -> staged.parquet(spark.createDataFrame(s.byDay(), schema("by_day")), "by_day",
        "day"));
  }

  /**
   * The table's columns, every one nullable: the rows are the aggregation's, whose sums are never null where the
   * table says NOT NULL, and a required Parquet column would turn an unforeseen null into a failed write.
   */
  private static StructType schema(String table) {
    StructType s = new StructType();
    for (StructField f : Schemas.of(table).fields()) {
      s = s.add(f.name(), f.dataType(), true, f.metadata());
    }
    return s;
  }
}
