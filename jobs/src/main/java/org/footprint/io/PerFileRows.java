package org.footprint.io;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The frame of every per-file reader: files (or byte ranges of files) → groups of about equal size
 * ({@link FileGroups}) → one Spark task per group → each input opened only when reached and streamed
 * ({@link FileByFile}) → rows. Each input is parsed whole by one task, so line numbers and a format's header state
 * are exact; packing keeps a year of nightly files to a few tasks per core instead of thousands.
 *
 * <p>One policy for inputs that cannot be read: an I/O error opening an input, or while reading it, ends that
 * input with the reader's {@link Unreadable} row (a reject naming the error) and the task goes on with the next
 * input. Rows read before an error mid-file are kept.
 */
public final class PerFileRows {
  /** One input's rows, opened on an executor; the iterator may be {@link AutoCloseable}: it is closed at its end. */
  @FunctionalInterface
  public interface Opener<I> extends Serializable {
    Iterator<Row> open(I input) throws IOException;
  }

  /** The row that stands for an input that could not be read (or not to its end), from the I/O error; null: none. */
  @FunctionalInterface
  public interface Unreadable<I> extends Serializable {
    Row row(I input, IOException error);
  }

  private PerFileRows() {}

  /** Tasks for the inputs of one reader: a few per core, enough to balance, few enough for narrow later stages. */
  public static int defaultGroups(SparkSession spark) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).defaultParallelism() * 3;
  }

  /** Whole files, grouped by their length. */
  public static Dataset<Row> files(SparkSession spark, StructType schema, List<String> files, Opener<String> open,
      Unreadable<String> unreadable) {
    return files(spark, schema, files, open, unreadable, null);
  }

  /** Whole files, the rows {@code aside} marks copied for the driver (null: none). */
  public static Dataset<Row> files(SparkSession spark, StructType schema, List<String> files, Opener<String> open,
      Unreadable<String> unreadable, SetAside aside) {
    return read(spark, schema, files, HadoopFs::length, defaultGroups(spark), open, unreadable, aside);
  }

  /**
   * @param size an input's size in bytes (on the driver, for grouping)
   * @param maxGroups most tasks (fewer when there are fewer inputs)
   */
  public static <I extends Serializable> Dataset<Row> read(SparkSession spark, StructType schema, List<I> inputs,
      ToLongFunction<I> size, int maxGroups, Opener<I> open, Unreadable<I> unreadable) {
    return read(spark, schema, inputs, size, maxGroups, open, unreadable, null);
  }

  /** The same, each task copying the rows {@code aside} marks for the driver (null: none). */
  public static <I extends Serializable> Dataset<Row> read(SparkSession spark, StructType schema, List<I> inputs,
      ToLongFunction<I> size, int maxGroups, Opener<I> open, Unreadable<I> unreadable, SetAside aside) {
    if (inputs.isEmpty()) {
      return spark.createDataFrame(Collections.<Row>emptyList(), schema);
    }
    List<List<I>> groups = FileGroups.bySize(List.copyOf(inputs), size, maxGroups);
    JavaRDD<List<I>> tasks = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(groups, groups.size());
    JavaRDD<Row> rows;
    if (aside == null) {
      rows = tasks.flatMap(group -> new FileByFile<>(group, in -> guarded(in, open, unreadable)));
    } else {
      int base = aside.expect(groups.size());
      // one group per partition (parallelize with as many slices as groups)
      rows = tasks.mapPartitionsWithIndex((index, group) -> aside.watch(base + index,
          group.hasNext() ? new FileByFile<>(group.next(), in -> guarded(in, open, unreadable))
              : Collections.emptyIterator()), true);
    }
    return spark.createDataFrame(rows, schema);
  }

  /** One input's rows, an I/O error turned into its unreadable row. */
  static <I> Iterator<Row> guarded(I input, Opener<I> open, Unreadable<I> unreadable) {
    try {
      return new Guarded<>(input, open.open(input), unreadable);
    } catch (IOException e) {
      return single(unreadable.row(input, e));
    } catch (UncheckedIOException e) {
      return single(unreadable.row(input, unwrap(e)));
    }
  }

  private static Iterator<Row> single(Row row) {
    return row == null ? Collections.emptyIterator() : List.of(row).iterator();
  }

  /**
   * A reader's records as rows, streamed from {@code in}; null rows (records that are not rows of this reader)
   * are left out. The result closes {@code in} when the frame closes it.
   */
  public static <T> Iterator<Row> rows(Iterator<T> records, Function<T, Row> toRow, AutoCloseable in) {
    return new Mapped<>(records, toRow, in);
  }

  /** The I/O error with the context an UncheckedIOException added ("reading F at line N"). */
  private static IOException unwrap(UncheckedIOException e) {
    IOException cause = e.getCause();
    String context = e.getMessage();
    if (context == null || cause.getMessage() == null || context.equals(cause.toString())) {
      return cause;
    }
    return new IOException(context + ": " + cause.getMessage(), cause);
  }

  private static void close(Object o) {
    if (o instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // a read stream: nothing to recover
      }
    }
  }

  private static final class Guarded<I> implements Iterator<Row> {
    private final I input;
    private final Iterator<Row> rows;
    private final Unreadable<I> unreadable;
    private Row failed;
    private boolean done;

    Guarded(I input, Iterator<Row> rows, Unreadable<I> unreadable) {
      this.input = input;
      this.rows = rows;
      this.unreadable = unreadable;
    }

    @Override
    public boolean hasNext() {
      if (failed != null) {
        return true;
      }
      if (done) {
        return false;
      }
      try {
        if (rows.hasNext()) {
          return true;
        }
      } catch (UncheckedIOException e) {
        failed = unreadable.row(input, unwrap(e));
      }
      done = true;
      close(rows);
      return failed != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (failed != null) {
        Row r = failed;
        failed = null;
        return r;
      }
      try {
        return rows.next();
      } catch (UncheckedIOException e) {
        done = true;
        close(rows);
        Row r = unreadable.row(input, unwrap(e));
        if (r == null) {
          throw new NoSuchElementException();
        }
        return r;
      }
    }
  }

  private static final class Mapped<T> implements Iterator<Row>, AutoCloseable {
    private final Iterator<T> records;
    private final Function<T, Row> toRow;
    private final AutoCloseable in;
    private Row pending;

    Mapped(Iterator<T> records, Function<T, Row> toRow, AutoCloseable in) {
      this.records = records;
      this.toRow = toRow;
      this.in = in;
    }

    @Override
    public boolean hasNext() {
      while (pending == null && records.hasNext()) {
        pending = toRow.apply(records.next());
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

    @Override
    public void close() throws Exception {
      if (in != null) {
        in.close();
      }
    }
  }
}
