package org.footprint.io;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Cuts line-oriented input files into {@link TextSplit}s so that one large file (a year of sacct in one export)
 * is parsed by several tasks, not one. Files up to {@code splitBytes} stay whole. A large file's ranges are first
 * scanned by one cheap Spark job — lines owned and the last header line, per range — so that every split knows
 * its first line number and the header in effect; that costs one extra read of the large files only.
 */
public final class TextSplits {
  /** Recognises a format's header line; shipped to executors. */
  public interface HeaderTest extends Serializable {
    /** An ASCII text every header line contains (case-insensitive): lines without it are not decoded. */
    String marker();

    /** @param line without BOM and CR */
    boolean isHeader(String path, String line);
  }

  /** What one range holds: how many lines begin in it, and the last header line among them (or null). */
  public record Scan(long lines, String lastHeader) implements Serializable {}

  private TextSplits() {}

  public static List<TextSplit> plan(SparkSession spark, List<String> paths, long splitBytes, HeaderTest header) {
    List<TextSplit> out = new ArrayList<>();
    List<TextSplit> ranges = new ArrayList<>();
    for (String path : paths) {
      long length = HadoopFs.length(path);
      if (splitBytes <= 0 || length <= splitBytes) {
        out.add(TextSplit.whole(path, length));
      } else {
        ranges.addAll(ranges(path, length, splitBytes));
      }
    }
    if (!ranges.isEmpty()) {
      List<Scan> scans = JavaSparkContext.fromSparkContext(spark.sparkContext())
          .parallelize(ranges, ranges.size()).map(r -> scan(r, header)).collect();
      out.addAll(number(ranges, scans));
    }
    return out;
  }

  /** A file's ranges of about equal size, the last one up to the file's end. */
  public static List<TextSplit> ranges(String path, long length, long splitBytes) {
    int n = (int) Math.max(1, (length + splitBytes - 1) / splitBytes);
    long size = (length + n - 1) / n;
    List<TextSplit> out = new ArrayList<>();
    for (long start = 0; start < length; start += size) {
      out.add(new TextSplit(path, start, Math.min(length, start + size), 0, null));
    }
    return out;
  }

  /**
   * Gives each range its first line number and the header before it, from the scans of the ranges before it in
   * the same file. {@code ranges} are in file order, files one after the other.
   */
  public static List<TextSplit> number(List<TextSplit> ranges, List<Scan> scans) {
    List<TextSplit> out = new ArrayList<>();
    String file = null;
    long line = 1;
    String header = null;
    for (int i = 0; i < ranges.size(); i++) {
      TextSplit r = ranges.get(i);
      if (!r.path().equals(file)) {
        file = r.path();
        line = 1;
        header = null;
      }
      out.add(r.numbered(line, header));
      line += scans.get(i).lines();
      if (scans.get(i).lastHeader() != null) {
        header = scans.get(i).lastHeader();
      }
    }
    return out;
  }

  /** Counts the lines a range owns and finds its last header line. */
  public static Scan scan(TextSplit range, HeaderTest header) throws IOException {
    long lines = 0;
    String last = null;
    try (SplitLines in = new SplitLines(range)) {
      while (in.next()) {
        lines++;
        if (in.containsIgnoreCase(header.marker())) {
          String text = clean(in.text(), in.lineStart());
          if (header.isHeader(range.path(), text)) {
            last = text;
          }
        }
      }
    }
    return new Scan(lines, last);
  }

  /** A line as the line readers see it: no CR at the end, no BOM at the file's start. */
  static String clean(String line, long offset) {
    String s = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    return offset == 0 && s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

}
