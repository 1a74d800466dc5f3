package org.footprint.ingest.slurm;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads sacct exports into {@link SacctRecord} rows. One Spark task per file: a file is parsed as a stream
 * by {@link SacctFileParser}, so line numbers and the header are exact, and large sites split their exports
 * by day (as nightly {@code sacct -S/-E} runs produce) to get parallelism.
 */
public final class SacctReader {
  private SacctReader() {}

  /** @param files file path → how to read it (cluster, zone, fields, delimiter) */
  public static Dataset<Row> read(SparkSession spark, Map<String, SacctInput> files) {
    List<String> paths = new ArrayList<>(files.keySet());
    if (paths.isEmpty()) {
      return spark.createDataFrame(new ArrayList<Row>(), SacctRecord.SCHEMA);
    }
    Map<String, SacctInput> specs = Map.copyOf(files);
    JavaRDD<String> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(paths, paths.size());
    JavaRDD<Row> rows = rdd.flatMap(path -> parseFile(path, specs.get(path)));
    return spark.createDataFrame(rows, SacctRecord.SCHEMA);
  }

  static Iterator<Row> parseFile(String path, SacctInput input) throws java.io.IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(new Configuration());
    // undecodable bytes (a corrupted export) become U+FFFD on their line, which then fails to parse and
    // is rejected with its line number, instead of aborting the whole file
    BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(p),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
    SacctFileParser parser = new SacctFileParser(path, in, input);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        boolean more = parser.hasNext();
        if (!more) {
          try {
            in.close();
          } catch (java.io.IOException e) {
            // closing a read stream: nothing to recover
          }
        }
        return more;
      }

      @Override
      public Row next() {
        return parser.next().toRow();
      }
    };
  }
}
