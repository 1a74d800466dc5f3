package org.footprint.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A few rows built in code for a step's test: {@code Frames.of(spark, "job_key STRING, gpu_count DOUBLE",
 * row("a", 2.0), row("b", 0.0))}, then {@code Frames.byKey(step(df), "job_key").get("a")}. Java lists in a row
 * become Spark arrays, nested {@link Row}s structs.
 */
public final class Frames {
  private Frames() {}

  /** A DataFrame of {@code rows} with the schema of a Spark DDL string. */
  public static Dataset<Row> of(SparkSession spark, String ddl, Row... rows) {
    return of(spark, StructType.fromDDL(ddl), rows);
  }

  public static Dataset<Row> of(SparkSession spark, StructType schema, Row... rows) {
    return spark.createDataFrame(Arrays.asList(rows), schema);
  }

  /**
   * {@code df} with the columns of {@code schema} in its order: those {@code df} lacks as nulls of their type. A
   * test gives the few columns a step reads and fills the rest of a wide table (usage, jobs) with this.
   */
  public static Dataset<Row> fill(Dataset<Row> df, StructType schema) {
    List<String> have = Arrays.asList(df.columns());
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      cols.add((have.contains(f.name()) ? col(f.name()).cast(f.dataType()) : lit(null).cast(f.dataType()))
          .as(f.name()));
    }
    return df.select(cols.toArray(new Column[0]));
  }

  /** One row; a {@link List} value becomes the Scala sequence Spark takes for an array column. */
  public static Row row(Object... values) {
    Object[] v = values.clone();
    for (int i = 0; i < v.length; i++) {
      if (v[i] instanceof List<?> list) {
        v[i] = seq(list);
      }
    }
    return RowFactory.create(v);
  }

  /** The rows of {@code df} by the string value of {@code keyColumn} (which must be unique). */
  public static Map<String, Row> byKey(Dataset<Row> df, String keyColumn) {
    Map<String, Row> out = new LinkedHashMap<>();
    for (Row r : df.collectAsList()) {
      Object key = r.getAs(keyColumn);
      if (out.put(String.valueOf(key), r) != null) {
        throw new IllegalStateException(keyColumn + " " + key + " is not unique");
      }
    }
    return out;
  }

  /** An instant as a Spark TIMESTAMP value: "2025-01-01T10:30:00Z". */
  public static Timestamp utc(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  public static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(new ArrayList<>(list)).toList();
  }
}
