package org.footprint.source.kubernetes;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.footprint.io.PerFileRows;
import org.footprint.io.SplitLines;
import org.footprint.io.TextSplit;
import org.footprint.io.TextSplits;
import org.footprint.source.InputRecord;

/**
 * Dump files → rows through the per-file frame ({@link PerFileRows}): each file is parsed as one stream by one
 * task, so line numbers are exact and a list's items are never all held at once; an unreadable file is one reject
 * (line 0 = the whole file) and the other files are read as usual. A JSON-lines stream larger than Spark's
 * {@code spark.sql.files.maxPartitionBytes} is cut into byte ranges read by separate tasks ({@link TextSplits}),
 * each knowing its first line number; a JSON document (a List, pretty-printed objects) or YAML is read whole.
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
    long splitBytes = spark.sessionState().conf().filesMaxPartitionBytes();
    List<TextSplit> splits = TextSplits.plan(spark, files, splitBytes, NO_HEADER, KubeObjects::isJsonLines);
    Set<String> cut = splits.stream().filter(s -> s.start() > 0).map(TextSplit::path).collect(Collectors.toSet());
    int tasks = Math.max(PerFileRows.defaultGroups(spark), (int) splits.stream().filter(s -> s.start() > 0).count() + 1);
    return PerFileRows.read(spark, schema, splits, TextSplit::length, tasks,
        split -> {
          KubeObjects objects = open(split, cut.contains(split.path()));
          return PerFileRows.rows(objects, o -> maker.make(cluster, split.path(), o), objects);
        },
        (split, e) -> maker.make(cluster, split.path(), KubeObject.problem(0, InputRecord.unreadable(e), null)));
  }

  /** A whole file, or one range of a JSON-lines file that was cut. */
  static KubeObjects open(TextSplit split, boolean range) throws IOException {
    if (!range) {
      return KubeObjects.open(split.path());
    }
    SplitLines in = new SplitLines(split);
    return KubeObjects.jsonLines(() -> in.next() ? TextSplits.clean(in.text(), in.lineStart()) : null, in,
        split.firstLine());
  }

  /** JSON lines have no header line. */
  static final TextSplits.HeaderTest NO_HEADER = new TextSplits.HeaderTest() {
    @Override
    public String marker() {
      return "\n"; // no line holds one: no line is decoded to look for a header
    }

    @Override
    public boolean isHeader(String path, String line) {
      return false;
    }
  };
}
