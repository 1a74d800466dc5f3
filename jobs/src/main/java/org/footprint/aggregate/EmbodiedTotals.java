package org.footprint.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The embodied (scope 3) columns of every summary: the jobs' embodied_co2e_kg and its band summed, and
 * total_co2e_kg = operational co2e_kg + embodied. Days published before embodied existed read as null and add 0.
 */
public final class EmbodiedTotals {
  public static final List<String> COLUMNS = List.of("embodied_co2e_kg", "embodied_co2e_low_kg",
      "embodied_co2e_high_kg");

  private EmbodiedTotals() {}

  public static Column kg() {
    return sumOf("embodied_co2e_kg");
  }

  public static Column lowKg() {
    return sumOf("embodied_co2e_low_kg");
  }

  public static Column highKg() {
    return sumOf("embodied_co2e_high_kg");
  }

  public static List<Column> sums() {
    return List.of(kg(), lowKg(), highKg());
  }

  /** After the aggregation: total_co2e_kg from the summed operational and embodied columns. */
  public static Dataset<Row> withTotal(Dataset<Row> agg) {
    return agg.withColumn("total_co2e_kg", col("co2e_kg").plus(col("embodied_co2e_kg")));
  }

  private static Column sumOf(String c) {
    return coalesce(sum(col(c)), lit(0.0)).as(c);
  }
}
