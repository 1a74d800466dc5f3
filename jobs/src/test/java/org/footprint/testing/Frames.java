package org.footprint.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
import org.apache.spark.sql.execution.joins.BaseJoinExec;
import org.apache.spark.sql.execution.joins.BroadcastNestedLoopJoinExec;
import org.apache.spark.sql.execution.joins.CartesianProductExec;
import org.apache.spark.sql.execution.joins.HashJoin;
import org.apache.spark.sql.execution.joins.SortMergeJoinExec;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A few rows built in code for a step's test: {@code Frames.of(spark, "job_key STRING, gpu_count DOUBLE",
 * row("a", 2.0), row("b", 0.0))}, then {@code Frames.byKey(step(df), "job_key").get("a")}. Java lists in a row
 * become Spark arrays, nested {@link Row}s structs. Also: rows and values by key, counts per value, and the physical
 * operators of a plan, to assert a plan's shape on its nodes ({@link #executedOperators}, {@link #find}).
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

  /** The rows of {@code df} by a key made of each row ({@code r -> cluster + "/" + day}); keys must be unique. */
  public static Map<String, Row> byKey(Dataset<Row> df, Function<Row, String> key) {
    Map<String, Row> out = new LinkedHashMap<>();
    for (Row r : df.collectAsList()) {
      String k = key.apply(r);
      if (out.put(k, r) != null) {
        throw new IllegalStateException("key " + k + " is not unique");
      }
    }
    return out;
  }

  /** Like {@link #byKey(Dataset, String)} where a key may repeat: the first row collected of each key. */
  public static Map<String, Row> firstByKey(Dataset<Row> df, String keyColumn) {
    Map<String, Row> out = new LinkedHashMap<>();
    for (Row r : df.collectAsList()) {
      out.putIfAbsent(String.valueOf((Object) r.getAs(keyColumn)), r);
    }
    return out;
  }

  /** {@code valueColumn} by the string value of {@code keyColumn} (which must be unique). */
  public static <T> Map<String, T> values(Dataset<Row> df, String keyColumn, String valueColumn) {
    Map<String, T> out = new LinkedHashMap<>();
    for (Row r : df.select(keyColumn, valueColumn).collectAsList()) {
      String key = String.valueOf(r.get(0));
      @SuppressWarnings("unchecked")
      T value = (T) r.get(1);
      if (out.containsKey(key)) {
        throw new IllegalStateException(keyColumn + " " + key + " is not unique");
      }
      out.put(key, value);
    }
    return out;
  }

  /** Rows per value of {@code column}: {@code groupBy(column).count()} as a map. */
  public static Map<String, Long> countBy(Dataset<Row> df, String column) {
    return values(df.groupBy(column).count(), column, "count");
  }

  /** {@code sum(valueColumn)} per value of {@code keyColumn} (a LONG column: counts). */
  public static Map<String, Long> sumBy(Dataset<Row> df, String keyColumn, String valueColumn) {
    return values(df.groupBy(keyColumn).agg(sum(valueColumn).as("total")), keyColumn, "total");
  }

  /**
   * Every physical operator of {@code df}'s plan as it stands: the planned one, or, once an action has run, the
   * one that ran (AQE's final plan: the adaptive node's current plan, its query stages), with the plans of cached
   * relations and subqueries it reads. Run an action first ({@link #executedOperators}) to see what AQE chose.
   */
  public static List<SparkPlan> operators(Dataset<?> df) {
    List<SparkPlan> out = new ArrayList<>();
    collect(df.queryExecution().executedPlan(), out, Collections.newSetFromMap(new IdentityHashMap<>()));
    return out;
  }

  /** Runs {@code df} (collects it) and returns the operators of the plan that ran: AQE's final plan. */
  public static List<SparkPlan> executedOperators(Dataset<?> df) {
    df.collectAsList();
    return operators(df);
  }

  /** The operators of one class (a join type, an exchange) among {@code operators}. */
  public static <T> List<T> find(List<SparkPlan> operators, Class<T> type) {
    return operators.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The join operators that compare every pair of rows: a cartesian product or a (broadcast) nested-loop join. */
  public static List<SparkPlan> pairwiseJoins(List<SparkPlan> operators) {
    return operators.stream().filter(p -> p instanceof CartesianProductExec || p instanceof BroadcastNestedLoopJoinExec)
        .toList();
  }

  /** The joins on equal keys: sort-merge, broadcast hash or shuffled hash. */
  public static List<SparkPlan> equiJoins(List<SparkPlan> operators) {
    return operators.stream().filter(p -> p instanceof SortMergeJoinExec || p instanceof HashJoin).toList();
  }

  /** The names of a join's keys on one side ({@code cluster}, {@code match_key}, ...). */
  public static List<String> keyNames(BaseJoinExec join, boolean left) {
    List<String> out = new ArrayList<>();
    for (Expression e : CollectionConverters.asJava(left ? join.leftKeys() : join.rightKeys())) {
      out.add(e instanceof NamedExpression n ? n.name() : e.sql());
    }
    return out;
  }

  private static void collect(SparkPlan p, List<SparkPlan> out, Set<SparkPlan> seen) {
    if (p == null || !seen.add(p)) {
      return;
    }
    out.add(p);
    if (p instanceof AdaptiveSparkPlanExec a) {
      collect(a.executedPlan(), out, seen);
    } else if (p instanceof QueryStageExec q) {
      collect(q.plan(), out, seen);
    } else if (p instanceof InMemoryTableScanExec m) {
      collect(m.relation().cachedPlan(), out, seen);
    }
    CollectionConverters.asJava(p.children()).forEach(c -> collect(c, out, seen));
    CollectionConverters.asJava(p.subqueries()).forEach(c -> collect(c, out, seen));
  }

  /** An instant as a Spark TIMESTAMP value: "2025-01-01T10:30:00Z". */
  public static Timestamp utc(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  public static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(new ArrayList<>(list)).toList();
  }
}
