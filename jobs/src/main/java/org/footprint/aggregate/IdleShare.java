package org.footprint.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.footprint.model.Schemas;

/**
 * {@code idle.share: proportional}: each project's (or user's) part of the idle capacity, as separate
 * {@code idle_kwh} and {@code idle_co2e_kg} columns of by_project and by_user, never added to the jobs' own numbers.
 * Per cluster and day, a key gets the day's idle energy and CO2e (by_cluster_day) in proportion to its share of the
 * GPU-hours jobs held in that cluster that day (each job clipped to the day); a cluster-day nobody held a GPU on
 * keeps its idle footprint unallocated.
 */
public final class IdleShare {
  private IdleShare() {}

  /** The summary table ({@code by_project} keyed by project, {@code by_user} by user) with its idle columns filled. */
  public static Dataset<Row> attach(Dataset<Row> summary, String table, String key, Dataset<Row> jobs,
      Dataset<Row> byClusterDay, String zone) {
    Dataset<Row> held = JobDays.of(jobs.withColumn("project", col(key)), zone)
        .filter(col("gpu_hours").gt(0))
        .groupBy("cluster", "day", "project").agg(sum("gpu_hours").as("held"));
    Dataset<Row> shares = held
        .withColumn("share", col("held").divide(sum("held").over(Window.partitionBy("cluster", "day"))))
        .join(byClusterDay.select("cluster", "day", "idle_energy_kwh", "idle_co2e_kg"),
            new String[] {"cluster", "day"})
        .groupBy(col("project").as(key))
        .agg(sum(col("share").multiply(col("idle_energy_kwh"))).as("i_kwh"),
            sum(col("share").multiply(col("idle_co2e_kg"))).as("i_co2e"));
    Dataset<Row> out = summary.join(shares, summary.col(key).eqNullSafe(shares.col(key)), "left")
        .drop(shares.col(key))
        .withColumn("idle_kwh", col("i_kwh"))
        .withColumn("idle_co2e_kg", col("i_co2e"))
        .orderBy(col("co2e_kg").desc(), col(key));
    return Schemas.conform(out, table);
  }
}
