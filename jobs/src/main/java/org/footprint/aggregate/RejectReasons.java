package org.footprint.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rejects per source, cluster and reason code, each with its first example (the least file, line and reason):
 * a few rows, which the quality gate judges and the report's data quality section lists. One aggregation, collected
 * once by the publisher for both.
 */
public final class RejectReasons {
  private RejectReasons() {}

  /** Columns: source, cluster, reason_code, records, file, line, reason (the example's). */
  public static Dataset<Row> of(Dataset<Row> rejects) {
    return rejects.groupBy("source", "cluster", "reason_code").agg(count(lit(1)).as("records"),
            min(struct(col("file"), col("line"), col("reason"))).as("example"))
        .select(col("source"), col("cluster"), col("reason_code"), col("records"), col("example.file").as("file"),
            col("example.line").as("line"), col("example.reason").as("reason"));
  }
}
