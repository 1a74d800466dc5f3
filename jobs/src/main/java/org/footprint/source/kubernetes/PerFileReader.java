package org.footprint.source.kubernetes;

import java.io.IOException;
import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.footprint.io.FileByFile;
import org.footprint.io.FileGroups;

/**
 * Dump files → rows, as the sacct reader does it: each file is parsed whole, as one stream, by one task, so line
 * numbers are exact and a list's items are never all held at once; files are packed by size into a few tasks per
 * core ({@link FileGroups}), because months of nightly dumps are many files.
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
    if (files.isEmpty()) {
      return spark.createDataFrame(Collections.<Row>emptyList(), schema);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<List<String>> groups = FileGroups.bySize(List.copyOf(files), jsc.defaultParallelism() * 3);
    JavaRDD<Row> rows = jsc.parallelize(groups, groups.size())
        .flatMap(group -> new FileByFile<>(group, path -> rows(cluster, path, maker)));
    return spark.createDataFrame(rows, schema);
  }

  static Iterator<Row> rows(String cluster, String path, RowMaker maker) {
    KubeObjects objects;
    try {
      objects = KubeObjects.open(path);
    } catch (IOException e) {
      // an unreadable file is one reject (line 0 = the whole file); the other files are read as usual
      Row r = maker.make(cluster, path, KubeObject.problem(0, "cannot read file: " + e.getMessage(), null));
      return r == null ? Collections.emptyIterator() : List.of(r).iterator();
    }
    return new Iterator<>() {
      private Row pending;

      @Override
      public boolean hasNext() {
        while (pending == null && objects.hasNext()) {
          pending = maker.make(cluster, path, objects.next());
        }
        return pending != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row r = pending;
        pending = null;
        return r;
      }
    };
  }
}
