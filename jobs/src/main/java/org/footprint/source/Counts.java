package org.footprint.source;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Where every record of a source went, as {@code (source, cluster, category, n)} rows: the one way every source
 * counts for run_summary (records_read = jobs + merged + skipped + rejected). A source hands in <em>parts</em>:
 * datasets with a {@code cluster} column and any of the {@link #CATEGORIES} as long columns (one row per record
 * with a 1 or the lines it stands for, or numbers known on the driver); they are added up per cluster in one
 * aggregation, and every cluster that appears gets all six categories.
 */
public final class Counts {
  public static final String FILES = "files";
  public static final String RECORDS_READ = "records_read";
  public static final String MERGED = "merged";
  public static final String SKIPPED = "skipped";
  public static final String REJECTED = "rejected";
  /** power: samples skipped because their board could not be told apart; slurm: exports that held no record. */
  public static final String WARNED = "warned";
  public static final List<String> CATEGORIES = List.of(FILES, RECORDS_READ, MERGED, SKIPPED, REJECTED, WARNED);

  public static final StructType SCHEMA = StructType.fromDDL(
      "source STRING, cluster STRING, category STRING, n BIGINT");
  private static final StructType CLUSTER = StructType.fromDDL("cluster STRING");

  private Counts() {}

  /** The counts of one source from its parts. */
  @SafeVarargs
  public static Dataset<Row> of(String source, Dataset<Row>... parts) {
    Dataset<Row> all = parts[0];
    for (int i = 1; i < parts.length; i++) {
      all = all.unionByName(parts[i], true);
    }
    List<String> columns = Arrays.asList(all.columns());
    List<Column> sums = new ArrayList<>();
    for (String c : CATEGORIES) {
      sums.add((columns.contains(c) ? coalesce(sum(col(c)), lit(0L)) : lit(0L)).cast("long").as(c));
    }
    StringBuilder stack = new StringBuilder("stack(" + CATEGORIES.size());
    CATEGORIES.forEach(c -> stack.append(", '").append(c).append("', ").append(c));
    return all.groupBy("cluster").agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0]))
        .selectExpr("'" + source + "' as source", "cluster", stack + ") as (category, n)");
  }

  /** A 1 in {@code category} for every record. */
  public static Dataset<Row> each(Dataset<Row> records, String category) {
    return records.select(col("cluster"), lit(1L).as(category));
  }

  /** A 1 in {@code category} for every record where {@code condition} holds. */
  public static Column oneIf(Column condition, String category) {
    return when(condition, lit(1L)).otherwise(lit(0L)).as(category);
  }

  /** Numbers known on the driver (files planned, values read there) for one cluster (null: none). */
  public static Dataset<Row> known(SparkSession spark, String cluster, Map<String, Long> byCategory) {
    StructType schema = CLUSTER;
    List<Object> values = new ArrayList<>();
    values.add(cluster);
    for (Map.Entry<String, Long> e : byCategory.entrySet()) {
      schema = schema.add(e.getKey(), DataTypes.LongType);
      values.add(e.getValue());
    }
    return spark.createDataFrame(List.of(RowFactory.create(values.toArray())), schema);
  }

  /** Files per cluster, as planned: files are counted whether or not they held a record. */
  public static Dataset<Row> files(SparkSession spark, Map<String, Long> filesByCluster) {
    List<Row> rows = new ArrayList<>();
    filesByCluster.forEach((cluster, n) -> rows.add(RowFactory.create(cluster, n)));
    return spark.createDataFrame(rows, CLUSTER.add(FILES, DataTypes.LongType));
  }
}
