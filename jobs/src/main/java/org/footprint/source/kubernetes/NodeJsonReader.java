package org.footprint.source.kubernetes;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Node dumps ({@code kubectl get nodes -o json}) → {@link NodeRecord} rows, one Spark task per file. Nodes are
 * reference data for the pods, not records of their own: only a file's problems count (as rejects).
 */
public final class NodeJsonReader {
  private NodeJsonReader() {}

  public static Dataset<Row> read(SparkSession spark, String cluster, List<String> files) {
    return PerFileReader.read(spark, cluster, files, NodeRecord.SCHEMA, NodeJsonReader::row);
  }

  static Row row(String cluster, String file, KubeObject o) {
    NodeRecord r = NodeParser.parse(cluster, file, o);
    return r == null ? null : r.toRow();
  }
}
