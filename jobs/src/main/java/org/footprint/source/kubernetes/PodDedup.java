package org.footprint.source.kubernetes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Many snapshots show the same pod: one run is one {@code metadata.uid} (a pod recreated under the same name
 * gets a new uid, so it is another run). Of a uid's records the most final one is kept: ended (Succeeded/Failed)
 * over deleted over started over pending, then the latest container finish, then the latest snapshot; the
 * others are merged into it.
 */
final class PodDedup {
  record Folded(Dataset<Row> kept, Dataset<Row> merged) {}

  private PodDedup() {}

  /**
   * Adds {@code snapshot_utc}: the latest time stamp anywhere in the record's file. kubectl does not write when
   * it ran, so this is the best lower bound of the snapshot time ("still running at" this instant).
   */
  static Dataset<Row> withSnapshotTime(Dataset<Row> pods) {
    return pods.withColumn("snapshot_utc", max(col("seen_utc")).over(Window.partitionBy(col("cluster"), col("file"))));
  }

  static Folded fold(Dataset<Row> pods) {
    Column finality = when(col("phase").isin("Succeeded", "Failed"), lit(3))
        .when(col("deletion_utc").isNotNull(), lit(2))
        .when(col("start_utc").isNotNull(), lit(1))
        .otherwise(lit(0));
    Dataset<Row> ranked = pods.withColumn("rn", row_number().over(Window.partitionBy(col("cluster"), col("uid"))
        .orderBy(finality.desc(), col("finished_utc").desc_nulls_last(), col("seen_utc").desc_nulls_last(),
            col("file"), col("line"))));
    return new Folded(ranked.filter(col("rn").equalTo(1)).drop("rn"), ranked.filter(col("rn").gt(1)).drop("rn"));
  }
}
