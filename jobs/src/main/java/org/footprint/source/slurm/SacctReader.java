package org.footprint.source.slurm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.io.PerFileRows;
import org.footprint.io.SetAside;
import org.footprint.io.SplitLines;
import org.footprint.io.TextSplit;
import org.footprint.io.TextSplits;
import org.footprint.source.InputRecord;

/**
 * Reads sacct exports into {@link SacctRecord} rows, streamed by {@link SacctFileParser}. Files larger than
 * Spark's {@code spark.sql.files.maxPartitionBytes} (128 MiB unless set) are cut into byte ranges read by
 * separate tasks, each knowing its first line number and the file's header ({@link TextSplits}), so a year in one
 * export is parsed in parallel and rejects keep their exact line. Files and ranges are packed by size into a few
 * tasks per core, because a year of daily exports is thousands of small files and a task per file would make
 * every later stage thousands of tasks wide ({@link PerFileRows}).
 */
public final class SacctReader {
  private SacctReader() {}

  /** @param files file path → how to read it (cluster, zone, fields, delimiter) */
  public static Dataset<Row> read(SparkSession spark, Map<String, SacctInput> files) {
    return read(spark, files, null);
  }

  /** The same, the parse copying the rows {@code aside} marks for the driver (null: none). */
  public static Dataset<Row> read(SparkSession spark, Map<String, SacctInput> files, SetAside aside) {
    Map<String, SacctInput> specs = Map.copyOf(files);
    long splitBytes = spark.sessionState().conf().filesMaxPartitionBytes();
    List<TextSplit> splits = TextSplits.plan(spark, new ArrayList<>(files.keySet()), splitBytes, new Header(specs));
    int tasks = Math.max(PerFileRows.defaultGroups(spark), (int) splits.stream().filter(s -> s.start() > 0).count() + 1);
    return PerFileRows.read(spark, SacctRecord.SCHEMA, splits, TextSplit::length, tasks,
        split -> parse(split, specs.get(split.path())),
        (split, e) -> SacctRecord.reject(specs.get(split.path()).cluster(), split.path(), 0, null,
            InputRecord.unreadable(e)).toRow(), aside);
  }

  /** The records of one split (or whole file), as rows; the file is closed when its last line is read. */
  static Iterator<Row> parse(TextSplit split, SacctInput input) throws IOException {
    SplitLines in = new SplitLines(split);
    return PerFileRows.rows(new SacctFileParser(split.path(), in, split.firstLine(), split.header(), input),
        SacctRecord::toRow, in);
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
