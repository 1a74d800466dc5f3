package org.footprint.io;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Cuts line-oriented input files into {@link TextSplit}s so that one large file (a year of sacct in one export)
 * is parsed by several tasks, not one. Files up to {@code splitBytes} stay whole. A large file's ranges are first
 * scanned by one cheap Spark job — lines owned and the last header line, per range — so that every split knows
 * its first line number and the header in effect; that costs one extra read of the large files only.
 *
 * <p>A format whose lines depend on more than the header (power logs: boards told apart by their position in a
 * sampling round, a clock that resolves the repeated hour of a DST fall-back from the times before it) says which
 * lines do ({@link HeaderTest#signature}, {@link HeaderTest#binds}); the ranges of a file from its start through
 * the last range holding such a line are then read by one task, as the whole file would be, so a cut never
 * changes a record.
 */
public final class TextSplits {
  /** Recognises a format's header line; shipped to executors. */
  public interface HeaderTest extends Serializable {
    /** An ASCII text every header line contains (case-insensitive): lines without it are not decoded. */
    String marker();

    /** @param line without BOM and CR */
    boolean isHeader(String path, String line);

    /** Texts one of which every header line contains (case-insensitive); by default {@link #marker()} alone. */
    default List<String> markers() {
      return List.of(marker());
    }

    /** Whether any line may depend on lines before it other than through the header: only then are lines decoded. */
    default boolean statefulLines() {
      return false;
    }

    /**
     * What a non-header line (without BOM and CR) holds that may tie it to the lines before it, in a form small
     * enough to collect per range and judge under a header not yet known ({@link #binds}); null: it stands alone.
     */
    default Long signature(String path, String line) {
      return null;
    }

    /**
     * Whether a line of this signature, read under {@code header} (null: no header line before it), must be read
     * by the task that read the file's start.
     */
    default boolean binds(String path, String header, long signature) {
      return false;
    }
  }

  /** Most distinct signatures a range keeps for its lines before its first header; more bind the range. */
  static final int MAX_OPEN_SIGNATURES = 64;

  /**
   * What one range holds: how many lines begin in it, and the last header line among them (or null); for stateful
   * formats, whether a line after one of its headers binds it to the file's start, and the distinct signatures of
   * its lines before its first header (judged once the header in effect there is known).
   */
  public record Scan(long lines, String lastHeader, boolean binds, Set<Long> open) implements Serializable {
    public Scan(long lines, String lastHeader) {
      this(lines, lastHeader, false, Set.of());
    }
  }

  private TextSplits() {}

  public static List<TextSplit> plan(SparkSession spark, List<String> paths, long splitBytes, HeaderTest header) {
    return plan(spark, paths, splitBytes, header, path -> true);
  }

  /**
   * @param splittable whether a large file may be cut (on the driver: a JSON-lines stream may, one JSON document
   *     may not)
   */
  public static List<TextSplit> plan(SparkSession spark, List<String> paths, long splitBytes, HeaderTest header,
      Predicate<String> splittable) {
    List<TextSplit> out = new ArrayList<>();
    List<TextSplit> ranges = new ArrayList<>();
    for (String path : paths) {
      long length = HadoopFs.length(path);
      if (splitBytes <= 0 || length <= splitBytes || !splittable.test(path)) {
        out.add(TextSplit.whole(path, length));
      } else {
        ranges.addAll(ranges(path, length, splitBytes));
      }
    }
    if (!ranges.isEmpty()) {
      List<Scan> scans = JavaSparkContext.fromSparkContext(spark.sparkContext())
          .parallelize(ranges, ranges.size()).map(r -> scan(r, header)).collect();
      out.addAll(number(ranges, scans, header));
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

  /** {@link #number(List, List, HeaderTest)} for a format whose lines depend on the header alone. */
  public static List<TextSplit> number(List<TextSplit> ranges, List<Scan> scans) {
    return number(ranges, scans, null);
  }

  /**
   * Gives each range its first line number and the header before it, from the scans of the ranges before it in
   * the same file; a file's ranges from its start through its last bound range become one split read from the
   * start. {@code ranges} are in file order, files one after the other.
   *
   * @param test judges the scans' open signatures; null: nothing binds
   */
  public static List<TextSplit> number(List<TextSplit> ranges, List<Scan> scans, HeaderTest test) {
    List<TextSplit> out = new ArrayList<>();
    int from = 0;
    while (from < ranges.size()) {
      String file = ranges.get(from).path();
      int to = from;
      while (to < ranges.size() && ranges.get(to).path().equals(file)) {
        to++;
      }
      out.addAll(numberFile(ranges.subList(from, to), scans.subList(from, to), test));
      from = to;
    }
    return out;
  }

  /** The splits of one file's ranges. */
  private static List<TextSplit> numberFile(List<TextSplit> ranges, List<Scan> scans, HeaderTest test) {
    long[] firstLine = new long[ranges.size()];
    String[] header = new String[ranges.size()];
    int lastBound = -1;
    long line = 1;
    String h = null;
    for (int i = 0; i < ranges.size(); i++) {
      firstLine[i] = line;
      header[i] = h;
      Scan s = scans.get(i);
      if (s.binds() || test != null && bindsAtStart(ranges.get(i).path(), h, s.open(), test)) {
        lastBound = i;
      }
      line += s.lines();
      if (s.lastHeader() != null) {
        h = s.lastHeader();
      }
    }
    List<TextSplit> out = new ArrayList<>();
    int first = 0;
    if (lastBound > 0) {
      TextSplit a = ranges.get(0);
      out.add(new TextSplit(a.path(), a.start(), ranges.get(lastBound).end(), 1, null));
      first = lastBound + 1;
    }
    for (int i = first; i < ranges.size(); i++) {
      out.add(ranges.get(i).numbered(firstLine[i], header[i]));
    }
    return out;
  }

  private static boolean bindsAtStart(String path, String header, Set<Long> open, HeaderTest test) {
    for (long signature : open) {
      if (test.binds(path, header, signature)) {
        return true;
      }
    }
    return false;
  }

  /** Counts the lines a range owns, finds its last header line and, for stateful formats, what binds it. */
  public static Scan scan(TextSplit range, HeaderTest header) throws IOException {
    long lines = 0;
    String last = null;
    boolean seenHeader = false;
    boolean binds = false;
    Set<Long> open = new HashSet<>();
    List<String> markers = header.markers();
    boolean stateful = header.statefulLines();
    try (SplitLines in = new SplitLines(range)) {
      while (in.next()) {
        lines++;
        String text = null;
        if (containsAny(in, markers)) {
          text = clean(in.text(), in.lineStart());
          if (header.isHeader(range.path(), text)) {
            last = text;
            seenHeader = true;
            continue;
          }
        }
        if (!stateful || binds) {
          continue;
        }
        Long signature = header.signature(range.path(), text != null ? text : clean(in.text(), in.lineStart()));
        if (signature == null) {
          continue;
        }
        if (seenHeader) {
          binds = header.binds(range.path(), last, signature);
        } else if (open.add(signature) && open.size() > MAX_OPEN_SIGNATURES) {
          binds = true;
        }
      }
    }
    return new Scan(lines, last, binds, binds ? Set.of() : Set.copyOf(open));
  }

  private static boolean containsAny(SplitLines in, List<String> markers) {
    for (String m : markers) {
      if (in.containsIgnoreCase(m)) {
        return true;
      }
    }
    return false;
  }

  /** A line as the line readers see it: no CR at the end, no BOM at the file's start. */
  public static String clean(String line, long offset) {
    String s = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    return offset == 0 && s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

}
