package org.footprint.aggregate;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Rows kept on the driver column by column: doubles, longs and ints in primitive arrays, repeated text once. A
 * collected {@link Row} boxes every number (16 bytes each, plus the row's own array): a per-sweep aggregate of ~30
 * sums held 1 KB per sweep, and a year of a large centre has hundreds of thousands of sweeps. Here the same row is
 * ~300 bytes. {@link #get} builds the row again, with the same values and the kept columns' schema.
 */
final class CompactRows extends AbstractList<Row> {
  private final StructType schema;
  private final Column[] columns;
  private int size;

  /** @param keep the columns of {@code source} to keep, in this order (each must exist) */
  CompactRows(StructType source, List<String> keep) {
    StructType s = new StructType();
    columns = new Column[keep.size()];
    for (int i = 0; i < keep.size(); i++) {
      StructField f = source.apply(keep.get(i));
      s = s.add(f);
      columns[i] = Column.of(f.dataType());
    }
    schema = s;
  }

  /**
   * Appends the kept columns of {@code r} (a row with the source schema) that {@code at} places, the others null
   * until a {@link #fill}; returns the new row's index.
   */
  int add(Row r, int[] at) {
    int i = addEmpty();
    fill(i, r, at);
    return i;
  }

  private int addEmpty() {
    for (Column c : columns) {
      c.set(size, null);
    }
    return size++;
  }

  /** Sets the columns of row {@code i} (at most {@link #size()}) that {@code at} places in {@code r} (not -1). */
  void fill(int i, Row r, int[] at) {
    for (int c = 0; c < columns.length; c++) {
      if (at[c] >= 0) {
        columns[c].set(i, r.isNullAt(at[c]) ? null : r.get(at[c]));
      }
    }
  }

  /** Where each kept column named in {@code only} is in rows of {@code source}; -1 for the rest. */
  int[] positions(StructType source, List<String> only) {
    int[] at = new int[columns.length];
    for (int i = 0; i < at.length; i++) {
      String name = schema.fields()[i].name();
      at[i] = only.contains(name) ? source.fieldIndex(name) : -1;
    }
    return at;
  }

  StructType schema() {
    return schema;
  }

  @Override
  public Row get(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    Object[] cells = new Object[columns.length];
    for (int c = 0; c < cells.length; c++) {
      cells[c] = columns[c].get(i);
    }
    return new GenericRowWithSchema(cells, schema);
  }

  /** One kept column of row {@code i}, without building the row. */
  Object value(int i, int column) {
    return columns[column].get(i);
  }

  @Override
  public int size() {
    return size;
  }

  /** One column's values, grown as rows arrive. */
  private abstract static class Column {
    private final BitSet nulls = new BitSet();

    static Column of(DataType type) {
      if (type.equals(DataTypes.DoubleType)) {
        return new Doubles();
      }
      if (type.equals(DataTypes.LongType)) {
        return new Longs();
      }
      if (type.equals(DataTypes.IntegerType)) {
        return new Ints();
      }
      if (type.equals(DataTypes.StringType)) {
        return new Texts();
      }
      return new Objects();
    }

    final void set(int i, Object v) {
      if (v == null) {
        nulls.set(i);
        grow(i);
      } else {
        nulls.clear(i); // a row filled in two parts (fill) may have been null here
        put(i, v);
      }
    }

    final Object get(int i) {
      return nulls.get(i) ? null : value(i);
    }

    abstract void grow(int i);

    abstract void put(int i, Object v);

    abstract Object value(int i);

    static int capacity(int length, int i) {
      return i < length ? length : Math.max(16, Math.max(i + 1, length + (length >> 1)));
    }
  }

  private static final class Doubles extends Column {
    private double[] v = new double[0];

    @Override
    void grow(int i) {
      if (i >= v.length) { // grown by half when full: copying on every row made 0.33 M sweeps take 37 min
        v = Arrays.copyOf(v, capacity(v.length, i));
      }
    }

    @Override
    void put(int i, Object x) {
      grow(i);
      v[i] = (Double) x;
    }

    @Override
    Object value(int i) {
      return v[i];
    }
  }

  private static final class Longs extends Column {
    private long[] v = new long[0];

    @Override
    void grow(int i) {
      if (i >= v.length) { // grown by half when full: copying on every row made 0.33 M sweeps take 37 min
        v = Arrays.copyOf(v, capacity(v.length, i));
      }
    }

    @Override
    void put(int i, Object x) {
      grow(i);
      v[i] = (Long) x;
    }

    @Override
    Object value(int i) {
      return v[i];
    }
  }

  private static final class Ints extends Column {
    private int[] v = new int[0];

    @Override
    void grow(int i) {
      if (i >= v.length) { // grown by half when full: copying on every row made 0.33 M sweeps take 37 min
        v = Arrays.copyOf(v, capacity(v.length, i));
      }
    }

    @Override
    void put(int i, Object x) {
      grow(i);
      v[i] = (Integer) x;
    }

    @Override
    Object value(int i) {
      return v[i];
    }
  }

  /** Text: each distinct value held once (clusters, projects, users and kinds repeat across sweeps). */
  private static final class Texts extends Column {
    private String[] v = new String[0];
    private final Map<String, String> seen = new HashMap<>();

    @Override
    void grow(int i) {
      if (i >= v.length) { // grown by half when full: copying on every row made 0.33 M sweeps take 37 min
        v = Arrays.copyOf(v, capacity(v.length, i));
      }
    }

    @Override
    void put(int i, Object x) {
      grow(i);
      // the map stops growing at 4,096 values: unique values (sweep ids) are not worth an entry each
      String s = (String) x;
      if (seen.size() < 4096 || seen.containsKey(s)) {
        String had = seen.putIfAbsent(s, s);
        v[i] = had != null ? had : s;
      } else {
        v[i] = s;
      }
    }

    @Override
    Object value(int i) {
      return v[i];
    }
  }

  /** Anything else (timestamps, dates, structs) as the row held it. */
  private static final class Objects extends Column {
    private Object[] v = new Object[0];

    @Override
    void grow(int i) {
      if (i >= v.length) { // grown by half when full: copying on every row made 0.33 M sweeps take 37 min
        v = Arrays.copyOf(v, capacity(v.length, i));
      }
    }

    @Override
    void put(int i, Object x) {
      grow(i);
      v[i] = x;
    }

    @Override
    Object value(int i) {
      return v[i];
    }
  }
}
