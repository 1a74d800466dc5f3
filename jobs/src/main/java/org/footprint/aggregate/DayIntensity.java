package org.footprint.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The intensity a day's idle energy is priced at: idle capacity draws the same power every hour, so its emissions
 * are its energy × the mean of the day's hourly intensities of the region, hours without a value at the region's
 * annual fallback. {@code intensity_method}: hourly (every hour known), hourly+fallback, fallback (none known).
 */
final class DayIntensity {
  private DayIntensity() {}

  /** Adds intensity_g_per_kwh and intensity_method to rows with region, day, day_hours and fallback. */
  static Dataset<Row> attach(Dataset<Row> rows, Dataset<Row> hourly, String zone) {
    Column known;
    Column sumG;
    Dataset<Row> withHours = rows;
    if (hourly != null) {
      Column localHour = "UTC".equals(zone) ? col("hour_utc") : from_utc_timestamp(col("hour_utc"), lit(zone));
      Dataset<Row> perDay = hourly.select(col("region").as("i_region"), to_date(localHour).as("i_day"),
              col("g_per_kwh"))
          .groupBy("i_region", "i_day").agg(count(lit(1)).as("i_hours"), sum("g_per_kwh").as("i_sum"));
      withHours = rows.join(perDay, rows.col("region").equalTo(perDay.col("i_region"))
          .and(rows.col("day").equalTo(perDay.col("i_day"))), "left").drop("i_region", "i_day");
      known = least(coalesce(col("i_hours").cast("double"), lit(0.0)), col("day_hours"));
      sumG = coalesce(col("i_sum"), lit(0.0));
    } else {
      known = lit(0.0);
      sumG = lit(0.0);
      withHours = rows.withColumn("i_hours", lit(0L)).withColumn("i_sum", lit(0.0));
    }
    Column intensity = sumG.plus(col("day_hours").minus(known).multiply(col("fallback"))).divide(col("day_hours"));
    Column method = when(known.equalTo(0.0), lit("fallback"))
        .when(known.geq(col("day_hours")), lit("hourly")).otherwise(lit("hourly+fallback"));
    return withHours.withColumn("intensity_g_per_kwh", intensity)
        .withColumn("intensity_method", method)
        .drop("i_hours", "i_sum");
  }
}
