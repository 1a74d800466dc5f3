package org.footprint.source.kubernetes;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.footprint.io.PerFileRows;
import org.footprint.source.InputRecord;

/**
 * Dump files → rows through the per-file frame ({@link PerFileRows}): each file is parsed whole, as one stream, by
 * one task, so line numbers are exact and a list's items are never all held at once; an unreadable file is one
 * reject (line 0 = the whole file) and the other files are read as usual.
 */
final class PerFileReader {
  /**
   * One object (or problem) of a file → one row, or null for an object that is not a record of this reader
   * (a Service in a pods list); a static method reference, so it ships to executors.
   */
  interface RowMaker extends Serializable {
    Row make(String cluster, String file, KubeObject o);
  }

  private PerFileReader() {}

  static Dataset<Row> read(SparkSession spark, String cluster, List<String> files, StructType schema,
      RowMaker maker) {
    return PerFileRows.files(spark, schema, files,
        path -> {
          KubeObjects objects = KubeObjects.open(path);
          return PerFileRows.rows(objects, o -> maker.make(cluster, path, o), objects);
        },
        (path, e) -> maker.make(cluster, path, KubeObject.problem(0, InputRecord.unreadable(e), null)));
  }
}
