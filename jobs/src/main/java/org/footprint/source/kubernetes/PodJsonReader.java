package org.footprint.source.kubernetes;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Pod dumps ({@code kubectl get pods -A -o json}, JSON lines, watch streams) → {@link PodRecord} rows,
 * one Spark task per file. Every object in a file becomes exactly one row: a pod, another kind, or a reject.
 */
public final class PodJsonReader {
  private PodJsonReader() {}

  public static Dataset<Row> read(SparkSession spark, String cluster, List<String> files) {
    return PerFileReader.read(spark, cluster, files, PodRecord.SCHEMA, PodJsonReader::row);
  }

  static Row row(String cluster, String file, KubeObject o) {
    return PodParser.parse(cluster, file, o).toRow();
  }
}
