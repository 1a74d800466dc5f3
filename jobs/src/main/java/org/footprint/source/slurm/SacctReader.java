package org.footprint.source.slurm;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.io.FileByFile;
import org.footprint.io.FileGroups;
import org.footprint.io.SplitLines;
import org.footprint.io.TextSplit;
import org.footprint.io.TextSplits;

/**
 * Reads sacct exports into {@link SacctRecord} rows, streamed by {@link SacctFileParser}. Files larger than
 * Spark's {@code spark.sql.files.maxPartitionBytes} (128 MiB unless set) are cut into byte ranges read by
 * separate tasks, each knowing its first line number and the file's header ({@link TextSplits}), so a year in one
 * export is parsed in parallel and rejects keep their exact line. Files and ranges are packed by size into a few
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
    long splitBytes = spark.sessionState().conf().filesMaxPartitionBytes();
    List<TextSplit> splits = TextSplits.plan(spark, paths, splitBytes, new Header(specs));
    int tasks = Math.max(jsc.defaultParallelism() * 3, (int) splits.stream().filter(s -> s.start() > 0).count() + 1);
    List<List<TextSplit>> groups = FileGroups.bySize(splits, TextSplit::length, tasks);
    JavaRDD<Row> rows = jsc.parallelize(groups, groups.size())
        .flatMap(group -> new FileByFile<>(group, split -> parse(split, specs.get(split.path()))));
    return spark.createDataFrame(rows, SacctRecord.SCHEMA);
  }

  /** The records of one split (or whole file), as rows; the file is closed when its last line is read. */
  static Iterator<Row> parse(TextSplit split, SacctInput input) {
    SplitLines in;
    try {
      in = new SplitLines(split);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("reading " + split.path(), e);
    }
    SacctFileParser parser = new SacctFileParser(split.path(), in, split.firstLine(), split.header(), input);
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

  /** sacct header lines, split by each file's own delimiter. */
  record Header(Map<String, SacctInput> specs) implements TextSplits.HeaderTest {
    @Override
    public String marker() {
      return "jobid";
    }

    @Override
    public boolean isHeader(String path, String line) {
      return SacctFileParser.isHeaderLine(line, specs.get(path).delimiterOrDefault());
    }
  }
}
