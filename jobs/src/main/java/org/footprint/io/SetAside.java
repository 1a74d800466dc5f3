package org.footprint.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.AccumulatorV2;

/**
 * The few rows a parse sets aside while it streams its records: rejects and skip tallies. Later tables want them,
 * and filtering them out of the parsed records' cache at write time reads the whole cache again (at 1 M allocations
 * gigabytes, most of it spilled to disk and deserialized at ~8 µs a row) to find a handful.
 *
 * <p>Each parse task ({@link PerFileRows}) copies the rows its reader marks ({@link #kinds}) and hands them to
 * the driver with its result, through an accumulator keyed by the task's partition: a partition parsed twice (a
 * retried task, a cache block computed again) replaces its rows instead of adding them a second time. A task
 * reports only when it has read its inputs to the end, and stops copying past {@link #MAX_ROWS} rows or
 * {@link #MAX_BYTES} of text: then {@link #rows} says the copy is not whole and the caller filters the cache as
 * before (a garbage input of millions of rejected lines is not collected on the driver).
 */
public final class SetAside implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Rows one task copies at most (a typical export has a handful of rejects). */
  static final int MAX_ROWS = 20_000;
  /** Characters one task copies at most: rejects carry their raw line (up to 2,000 characters). */
  static final long MAX_BYTES = 8L << 20;

  /** Which rows to set aside. */
  @FunctionalInterface
  public interface Keep extends Serializable {
    boolean test(Row row);
  }

  private final Keep keep;
  private final Reports reports;
  /** Partitions reading into this (on the driver): each reader's partitions get their own range. */
  private transient int expected;

  private SetAside(Keep keep, Reports reports) {
    this.keep = keep;
    this.reports = reports;
  }

  /** Rows whose {@code kind} column (of {@code schema}) is one of {@code kinds}. */
  public static SetAside kinds(SparkSession spark, StructType schema, String... kinds) {
    int index = schema.fieldIndex("kind");
    Set<String> set = Set.of(kinds);
    Reports reports = new Reports();
    // unnamed: a named accumulator's value is shown per stage in the UI and the event log
    spark.sparkContext().register(reports);
    return new SetAside(row -> set.contains(row.getString(index)), reports);
  }

  /** Reserves {@code partitions} partition numbers for one read; returns the first (on the driver). */
  int expect(int partitions) {
    int base = expected;
    expected += partitions;
    return base;
  }

  /**
   * The rows set aside by every partition, as a local dataset of {@code schema}; null when some partition has not
   * reported (not parsed yet, or not to its end) or copied too much: then the caller reads its cache.
   */
  public Dataset<Row> rows(SparkSession spark, StructType schema) {
    Map<Integer, Report> byPartition = reports.value();
    List<Row> all = new ArrayList<>();
    for (int p = 0; p < expected; p++) {
      Report r = byPartition.get(p);
      if (r == null || r.overflow()) {
        return null;
      }
      all.addAll(r.rows());
    }
    return spark.createDataFrame(all, schema);
  }

  /** {@code rows} unchanged, with the marked ones copied; partition {@code partition} reports at their end. */
  Iterator<Row> watch(int partition, Iterator<Row> rows) {
    return new Watched(partition, rows);
  }

  private final class Watched implements Iterator<Row> {
    private final int partition;
    private final Iterator<Row> rows;
    private final List<Row> kept = new ArrayList<>();
    private long chars;
    private boolean overflow;
    private boolean reported;

    Watched(int partition, Iterator<Row> rows) {
      this.partition = partition;
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      boolean more = rows.hasNext();
      if (!more && !reported) {
        reported = true;
        reports.add(new Report(partition, overflow ? List.of() : kept, overflow));
      }
      return more;
    }

    @Override
    public Row next() {
      Row r = rows.next();
      if (!overflow && keep.test(r)) {
        kept.add(r);
        chars += size(r);
        if (kept.size() > MAX_ROWS || chars > MAX_BYTES) {
          overflow = true;
          kept.clear();
        }
      }
      return r;
    }
  }

  private static long size(Row r) {
    long n = 0;
    for (int i = 0; i < r.size(); i++) {
      n += r.get(i) instanceof String s ? s.length() : 8;
    }
    return n;
  }

  /** What one partition set aside. */
  record Report(int partition, List<Row> rows, boolean overflow) implements Serializable {}

  /**
   * Reports by partition; a partition reporting again replaces its earlier report. Spark registers an accumulator
   * with its task before this class's own field is read back (Java deserializes the superclass first), and a
   * heartbeat may read it in between (docs/operations.md, "A Spark NullPointerException in the log"): so a map
   * not yet there reads as empty.
   */
  static final class Reports extends AccumulatorV2<Report, Map<Integer, Report>> {
    private static final long serialVersionUID = 1L;
    private HashMap<Integer, Report> byPartition = new HashMap<>();

    private HashMap<Integer, Report> map() {
      if (byPartition == null) {
        byPartition = new HashMap<>();
      }
      return byPartition;
    }

    @Override
    public synchronized boolean isZero() {
      return map().isEmpty();
    }

    @Override
    public synchronized Reports copy() {
      Reports c = new Reports();
      c.byPartition.putAll(map());
      return c;
    }

    @Override
    public synchronized void reset() {
      map().clear();
    }

    @Override
    public synchronized void add(Report r) {
      map().put(r.partition(), r);
    }

    @Override
    public synchronized void merge(AccumulatorV2<Report, Map<Integer, Report>> other) {
      map().putAll(other.value());
    }

    @Override
    public synchronized Map<Integer, Report> value() {
      return new HashMap<>(map());
    }
  }
}
