package org.footprint.carbon;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.model.Literals;

/**
 * Prices each job's energy with the carbon intensity of the hours it ran in. A job is exploded into the UTC
 * epoch-hours it overlaps (a 3-day job: 72 rows), each weighted by its overlap seconds ÷ duration; the hours
 * are equi-joined on (region, hour) with the broadcast hourly table; hours without data take the region's
 * annual fallback. Energy is assumed even over the run (the modelled method has no power profile).
 */
public final class HourlyIntensityJoin {
  public static final String HOURLY = "hourly";
  public static final String FALLBACK = "fallback";
  public static final String MIXED = "mixed";
  private static final double EPS = 1e-9;

  private HourlyIntensityJoin() {}

  /**
   * @param jobs needs job_key, region, start_utc, end_utc, energy_kwh, energy_low_kwh, energy_high_kwh
   * @param hourly schemas/intensity_hourly.ddl
   * @param fallback annual g/kWh per region, with "*" for any other region
   */
  /**
   * Sampled jobs: an hour's share of the energy follows the job's own measured GPU energy in that hour plus an
   * even share of the rest (CPU, memory, gaps), instead of an even spread. Equi-join on (job, hour).
   */
  private static Dataset<Row> followSamples(Dataset<Row> jobs, Dataset<Row> hours) {
    if (!java.util.Arrays.asList(jobs.columns()).contains("sampled_hours")) {
      return hours;
    }
    Dataset<Row> sampled = jobs.filter(col("energy_method").equalTo("sampled"))
        .select(col("job_key").as("sk"), col("energy_it_kwh").as("it"),
            explode(col("sampled_hours")).as("sh"))
        .select(col("sk"), col("it"), col("sh.hour_utc").as("sh_hour"), col("sh.kwh").as("sh_kwh"));
    Dataset<Row> totals = sampled.groupBy("sk").agg(org.apache.spark.sql.functions.sum("sh_kwh").as("s_total"),
        org.apache.spark.sql.functions.first("it").as("it_total"));
    Dataset<Row> withTotals = hours.join(totals, hours.col("job_key").equalTo(totals.col("sk")), "left").drop("sk");
    Dataset<Row> joined = withTotals.join(sampled.select("sk", "sh_hour", "sh_kwh"),
        withTotals.col("job_key").equalTo(col("sk")).and(withTotals.col("hour_utc").equalTo(col("sh_hour"))), "left")
        .drop("sk", "sh_hour");
    Column rest = greatest(lit(0.0), col("it_total").minus(col("s_total")));
    Column total = col("s_total").plus(rest);
    return joined.withColumn("weight", when(col("s_total").isNotNull().and(total.gt(0)),
            coalesce(col("sh_kwh"), lit(0.0)).plus(rest.multiply(col("weight"))).divide(total))
        .otherwise(col("weight")))
        .drop("s_total", "it_total", "sh_kwh");
  }

  public static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> hourly, Map<String, Double> fallback) {
    Column startS = unix_seconds(col("start_utc"));
    Column endS = unix_seconds(col("end_utc"));
    Column firstHour = floor(startS.divide(3600));
    Column lastHour = greatest(firstHour, ceil(endS.divide(3600)).minus(1));

    Dataset<Row> hours = jobs
        .select(col("job_key"), col("region"), startS.as("s"), endS.as("e"),
            explode(sequence(firstHour, lastHour)).as("h"))
        .withColumn("hs", col("h").multiply(3600))
        .withColumn("overlap", least(col("e"), col("hs").plus(3600)).minus(greatest(col("s"), col("hs"))))
        .withColumn("weight", when(col("e").gt(col("s")), col("overlap").divide(col("e").minus(col("s"))))
            .otherwise(lit(1.0)))
        .withColumn("hour_utc", timestamp_seconds(col("hs")));
    hours = followSamples(jobs, hours);

    Dataset<Row> intensity = hourly.select(col("region"), col("hour_utc"), col("g_per_kwh"));
    Column annual = coalesce(try_element_at(Literals.doubleMap(fallback), col("region")),
        lit(fallback.getOrDefault("*", null)).cast("double"));
    Dataset<Row> perJob = hours
        .join(broadcast(intensity), hours.col("region").equalTo(intensity.col("region"))
            .and(hours.col("hour_utc").equalTo(intensity.col("hour_utc"))), "left")
        .select(hours.col("job_key"), hours.col("region"), col("weight"), col("g_per_kwh"))
        .withColumn("ci", coalesce(col("g_per_kwh"), annual))
        .groupBy("job_key")
        .agg(sum(col("weight").multiply(col("ci"))).as("intensity_g_per_kwh"),
            sum(when(col("g_per_kwh").isNotNull(), col("weight")).otherwise(lit(0.0))).as("hourly_share"));

    Column share = least(lit(1.0), col("hourly_share"));
    return jobs.join(perJob, "job_key")
        .withColumn("intensity_hourly_share", when(share.gt(1 - EPS), lit(1.0)).otherwise(share))
        .withColumn("intensity_method", when(share.gt(1 - EPS), lit(HOURLY))
            .when(share.lt(EPS), lit(FALLBACK)).otherwise(lit(MIXED)))
        .withColumn("co2e_kg", col("energy_kwh").multiply(col("intensity_g_per_kwh")).divide(1000.0))
        .withColumn("co2e_low_kg", col("energy_low_kwh").multiply(col("intensity_g_per_kwh")).divide(1000.0))
        .withColumn("co2e_high_kg", col("energy_high_kwh").multiply(col("intensity_g_per_kwh")).divide(1000.0))
        .drop("hourly_share");
  }
}
