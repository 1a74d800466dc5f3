package org.footprint.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.try_divide;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.model.Schemas;

/**
 * reconciliation: per cluster and day with meter readings, the metered facility kWh against what footprint
 * accounts for: the jobs' facility energy that fell in the day (each job's energy spread evenly over its run,
 * {@link JobDays}) and the idle capacity's energy (by_cluster_day; null without capacity). The remainder is what
 * neither explains (storage, network, login nodes, cooling beyond the PUE, model error); its share of the metered
 * energy is how far the per-job numbers are from the bill.
 */
public final class Reconciliation {
  private Reconciliation() {}

  /**
   * @param readings meter_readings rows
   * @param byClusterDay by_cluster_day rows (idle energy), possibly empty
   */
  public static Dataset<Row> apply(Dataset<Row> readings, Dataset<Row> jobs, Dataset<Row> byClusterDay,
      String zone) {
    Dataset<Row> metered = readings.withColumn("day", "UTC".equals(zone) ? to_date(col("at_utc"))
        : to_date(from_utc_timestamp(col("at_utc"), lit(zone))))
        .groupBy("cluster", "day")
        .agg(sum("kwh").as("metered_kwh"), count(lit(1)).as("meter_intervals"));
    Dataset<Row> attributed = JobDays.of(jobs.join(metered.select("cluster").distinct(), "cluster"), zone)
        .groupBy("cluster", "day").agg(sum("energy_kwh").as("attributed_kwh"));
    Dataset<Row> idle = byClusterDay.select(col("cluster"), col("day"), col("idle_energy_kwh").as("idle_kwh"));
    Dataset<Row> out = metered
        .join(attributed, new String[] {"cluster", "day"}, "left")
        .join(idle, new String[] {"cluster", "day"}, "left")
        .withColumn("attributed_kwh", coalesce(col("attributed_kwh"), lit(0.0)))
        .withColumn("unexplained_kwh", col("metered_kwh").minus(col("attributed_kwh"))
            .minus(coalesce(col("idle_kwh"), lit(0.0))))
        .withColumn("unexplained_share", try_divide(col("unexplained_kwh"), col("metered_kwh")))
        .orderBy("cluster", "day");
    return Schemas.conform(out, "reconciliation");
  }
}
