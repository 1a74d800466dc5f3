package org.footprint.sink;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code csv/rejects.csv}: the rejects table for people with a spreadsheet or grep, columns in reading order
 * (where, what kind, why, what it said) and rows in file order, so reruns write the same bytes.
 */
public final class RejectsCsv {
  private RejectsCsv() {}

  /**
   * In one partition, sorted there: the CSV is one file written by one task either way, and a global sort would
   * first run a Spark job of its own to sample the range partitions' bounds.
   */
  public static Dataset<Row> of(Dataset<Row> rejects) {
    return rejects.select("source", "cluster", "file", "line", "reason_code", "reason", "raw").coalesce(1)
        .sortWithinPartitions(col("source"), col("cluster").asc_nulls_first(), col("file"), col("line"),
            col("reason"));
  }
}
