package org.footprint.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Each job cut at the days it ran on (output.day_zone): per job and day the hours it held inside the day, its GPU-
 * and node-hours there, and the share of its energy that fell in the day (its energy spread evenly over its run).
 * A job that ran from 18:00 to 06:00 is 6 h on each of two days. What allocation, reconciliation and the idle share
 * add up.
 */
final class JobDays {
  private JobDays() {}

  /** cluster, partition, project, day, gpu_hours, node_hours, energy_kwh: one row per job and day it ran on. */
  static Dataset<Row> of(Dataset<Row> jobs, String zone) {
    Column localStart = local(col("start_utc"), zone);
    Column localEnd = local(col("end_utc"), zone);
    Column nodes = has(jobs, "nodes")
        ? when(col("nodes").isNull().or(col("nodes").equalTo("")), lit(1)).otherwise(size(split(col("nodes"), ",")))
        : lit(1);
    Dataset<Row> touched = jobs.filter(col("start_utc").isNotNull().and(col("end_utc").isNotNull()))
        .select(col("cluster"), col("partition"), opt(jobs, "project", "string").as("project"),
            col("gpu_count"), nodes.as("node_count"), opt(jobs, "energy_kwh", "double").as("job_kwh"),
            col("start_utc"), col("end_utc"),
            explode(sequence(to_date(localStart), to_date(localEnd))).as("day"));
    Column dayStart = utc(col("day").cast("timestamp"), zone);
    Column dayEnd = utc(date_add(col("day"), 1).cast("timestamp"), zone);
    Column overlapS = greatest(lit(0L), unix_timestamp(least(col("end_utc"), dayEnd))
        .minus(unix_timestamp(greatest(col("start_utc"), dayStart))));
    Column durationS = unix_timestamp(col("end_utc")).minus(unix_timestamp(col("start_utc")));
    // a job of no duration: its energy on the day it ended
    Column share = when(durationS.gt(0), overlapS.divide(durationS))
        .otherwise(when(col("day").equalTo(to_date(localEnd)), lit(1.0)).otherwise(lit(0.0)));
    return touched
        .withColumn("hours", overlapS.divide(3600.0))
        .withColumn("gpu_hours", col("gpu_count").multiply(col("hours")))
        .withColumn("node_hours", col("node_count").multiply(col("hours")))
        .withColumn("energy_kwh", coalesce(col("job_kwh"), lit(0.0)).multiply(share))
        .select("cluster", "partition", "project", "day", "gpu_hours", "node_hours", "energy_kwh");
  }

  private static Column local(Column utc, String zone) {
    return "UTC".equals(zone) ? utc : from_utc_timestamp(utc, lit(zone));
  }

  private static Column utc(Column local, String zone) {
    return "UTC".equals(zone) ? local : to_utc_timestamp(local, lit(zone));
  }

  static boolean has(Dataset<Row> df, String column) {
    return Arrays.asList(df.columns()).contains(column);
  }

  private static Column opt(Dataset<Row> df, String column, String type) {
    return has(df, column) ? col(column) : lit(null).cast(type);
  }
}
