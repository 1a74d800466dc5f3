package org.footprint.ingest.slurm;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.ingest.FileByFile;
import org.footprint.ingest.FileGroups;
import org.footprint.ingest.HadoopFs;

/**
 * Reads sacct exports into {@link SacctRecord} rows. Each file is parsed whole, as a stream, by one task
 * ({@link SacctFileParser}), so line numbers and the header are exact; files are packed by size into a few
 * tasks per core, because a year of daily exports is thousands of small files and a task per file would make
 * every later stage thousands of tasks wide.
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
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<List<String>> groups = FileGroups.bySize(paths, jsc.defaultParallelism() * 3);
    JavaRDD<List<String>> rdd = jsc.parallelize(groups, groups.size());
    JavaRDD<Row> rows = rdd.flatMap(group -> new FileByFile<>(group,
        path -> parseFileUnchecked(path, specs.get(path))));
    return spark.createDataFrame(rows, SacctRecord.SCHEMA);
  }

  private static Iterator<Row> parseFileUnchecked(String path, SacctInput input) {
    try {
      return parseFile(path, input);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("reading " + path, e);
    }
  }

  static Iterator<Row> parseFile(String path, SacctInput input) throws java.io.IOException {
    Path p = new Path(path);
    FileSystem fs = HadoopFs.of(p);
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
