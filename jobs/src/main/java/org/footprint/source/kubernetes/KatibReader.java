package org.footprint.source.kubernetes;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Katib Experiments and Trials as JSON ({@code kubectl get experiments.kubeflow.org,trials.kubeflow.org -A -o json})
 * or YAML (the specs teams keep in git: several documents, comments) → {@link KatibRecord} rows, one Spark task
 * per file. Like nodes, they describe the pods rather than being records: only a file's problems count.
 */
public final class KatibReader {
  private KatibReader() {}

  public static Dataset<Row> read(SparkSession spark, String cluster, List<String> files) {
    return PerFileReader.read(spark, cluster, files, KatibRecord.SCHEMA, KatibReader::row);
  }

  static Row row(String cluster, String file, KubeObject o) {
    KatibRecord r = KatibParser.parse(cluster, file, o);
    return r == null ? null : r.toRow();
  }
}
