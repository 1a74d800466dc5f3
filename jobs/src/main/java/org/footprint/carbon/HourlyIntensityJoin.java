package org.footprint.carbon;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.energy.SampledMethod;
import org.footprint.model.Columns;
import org.footprint.model.Literals;

/**
 * Prices each job's energy with the carbon intensity of the time it ran: the time-weighted mean of the region's
 * values over [start, end] (slots without a value take the region's annual fallback), energy assumed even over the
 * run. Each region is integrated at its source's own grain — hours for Electricity Maps, half hours for the UK
 * Carbon Intensity API — not averaged to clock hours first: a GB job from 10:30 to 11:30 takes the 10:30 and 11:00
 * half hours, not the means of the 10:00 and 11:00 hours. Computed from running integrals of the step function
 * ({@link IntensitySteps}): partial first slot + (integral to the last slot − integral to the second) + partial
 * last slot, ÷ duration. That is two broadcast equi-joins on (region, slot) per job whatever its length, where
 * exploding a job into its hours made a 3-day job 72 rows and needed a shuffle to sum them back. Sampled jobs
 * weight the hours by their own power profile.
 *
 * <p>Forecast values (a source's forecast used where it has published no actual yet, as the UK Carbon Intensity
 * API's latest slots) are integrated the same way: {@code intensity_forecast_share} is the share of the job's energy
 * priced with them, and {@code intensity_method} then ends in {@value #FORECAST_SUFFIX}, so that a number that will
 * change once the actuals are out is never presented as final.
 */
public final class HourlyIntensityJoin {
  public static final String HOURLY = "hourly";
  public static final String FALLBACK = "fallback";
  public static final String MIXED = "mixed";
  /**
   * Appended to {@link #HOURLY} or {@link #MIXED} when part of the job's energy was priced with forecast values
   * (a source's forecast standing in for an actual it has not published yet): {@code hourly-forecast}.
   */
  public static final String FORECAST_SUFFIX = "-forecast";
  private static final double EPS = 1e-9;

  private HourlyIntensityJoin() {}

  /**
   * Sampled jobs: an hour's share of the energy follows the job's own measured GPU energy in that hour plus an
   * even share of the rest (CPU, memory, gaps), instead of an even spread. With S the sampled kWh by hour and R
   * the rest, the intensity is (Σ S_h·ci_h + R·even) / (ΣS + R): only the sampled hours are exploded and looked
   * up. Where the region's grain is finer than the hour (half hours), an hour's sampled energy is spread over the
   * slots of the part of the hour the job ran, in proportion to time (the profile says nothing finer); at an
   * hourly grain that is the hour itself, whole. (The join back shuffles every job: runs without power samples
   * skip it.)
   */
  private static Dataset<Row> followSamples(Dataset<Row> jobs, Dataset<Row> steps) {
    Column hourStart = unix_seconds(col("sampled_hour.hour_utc"));
    Column pieceStart = greatest(col("job_start_s"), hourStart);
    Column pieceEnd = least(col("job_end_s"), hourStart.plus(3600));
    Column grain = col("grain_s");
    Column firstSlot = floor(col("piece_start_s").divide(grain));
    Column slots = sequence(firstSlot, greatest(firstSlot, ceil(col("piece_end_s").divide(grain)).minus(1)));
    // the slot's part of the job's time in that hour: 1 for the only slot of an hourly region
    Column part = when(col("piece_end_s").gt(col("piece_start_s")),
        least(col("piece_end_s"), col("sampled_slot").plus(1).multiply(grain))
            .minus(greatest(col("piece_start_s"), col("sampled_slot").multiply(grain)))
            .divide(col("piece_end_s").minus(col("piece_start_s"))))
        .otherwise(lit(1.0));
    Dataset<Row> sampled = jobs
        .filter(col(Columns.ENERGY_METHOD).equalTo(SampledMethod.SAMPLED)
            .and(col(Columns.SAMPLED_HOURS).isNotNull()))
        .select(col(Columns.JOB_KEY).as("sampled_job_key"), col(Columns.REGION).as("sampled_region"),
            col("annual_g_per_kwh").as("sampled_annual_g_per_kwh"), col("job_start_s"), col("job_end_s"),
            col("grain_s"), explode(col(Columns.SAMPLED_HOURS)).as("sampled_hour"))
        .select(col("sampled_job_key"), col("sampled_region"), col("sampled_annual_g_per_kwh"), col("grain_s"),
            pieceStart.as("piece_start_s"), pieceEnd.as("piece_end_s"), col("sampled_hour.kwh").as("hour_kwh"))
        .withColumn("sampled_slot", explode(slots))
        .withColumn("slot_kwh", col("hour_kwh").multiply(part));
    Dataset<Row> table = steps.select(col("region").as("step_region"), col("slot").as("step_slot"),
        col("ci").as("step_ci"), col("has").as("step_has"), col("fc").as("step_fc"));
    Column slotKwh = col("slot_kwh");
    Dataset<Row> perJob = sampled
        .join(broadcast(table), col("sampled_region").equalTo(col("step_region"))
            .and(col("sampled_slot").equalTo(col("step_slot"))), "left")
        .groupBy("sampled_job_key")
        .agg(sum(slotKwh).as("sampled_kwh"),
            sum(slotKwh.multiply(coalesce(col("step_ci"), col("sampled_annual_g_per_kwh")))).as("sampled_kwh_g"),
            sum(slotKwh.multiply(coalesce(col("step_has"), lit(0.0)))).as("sampled_kwh_hourly"),
            sum(slotKwh.multiply(coalesce(col("step_fc"), lit(0.0)))).as("sampled_kwh_forecast"));
    Dataset<Row> joined = jobs.join(perJob, jobs.col(Columns.JOB_KEY).equalTo(perJob.col("sampled_job_key")), "left")
        .drop("sampled_job_key");
    Column rest = greatest(lit(0.0), col(Columns.ENERGY_IT_KWH).minus(col("sampled_kwh")));
    Column total = col("sampled_kwh").plus(rest);
    Column follows = col("sampled_kwh").isNotNull().and(total.gt(0));
    return joined
        .withColumn(Columns.INTENSITY_G_PER_KWH, when(follows,
            col("sampled_kwh_g").plus(rest.multiply(col(Columns.INTENSITY_G_PER_KWH))).divide(total))
            .otherwise(col(Columns.INTENSITY_G_PER_KWH)))
        .withColumn("hourly_share", when(follows,
            col("sampled_kwh_hourly").plus(rest.multiply(col("hourly_share"))).divide(total))
            .otherwise(col("hourly_share")))
        .withColumn("forecast_share", when(follows,
            col("sampled_kwh_forecast").plus(rest.multiply(col("forecast_share"))).divide(total))
            .otherwise(col("forecast_share")))
        .drop("sampled_kwh", "sampled_kwh_g", "sampled_kwh_hourly", "sampled_kwh_forecast");
  }

  /**
   * @param jobs needs job_key, region, start_utc, end_utc, energy_kwh, energy_low_kwh, energy_high_kwh
   * @param slots schemas/intensity_slots.ddl: each region at its native grain (hours, half hours...)
   * @param fallback annual g/kWh per region, with "*" for any other region
   * @param followSamples whether sampled jobs (energy_method sampled, sampled_hours) weight hours by their profile
   */
  public static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> slots, Map<String, Double> fallback,
      boolean followSamples) {
    return apply(jobs, IntensitySteps.of(jobs.sparkSession(), slots, fallback), fallback, followSamples);
  }

  /** As above, with the series' step table the run already built (with the same fallback). */
  public static Dataset<Row> apply(Dataset<Row> jobs, IntensitySteps steps, Map<String, Double> fallback,
      boolean followSamples) {
    Column startS = unix_seconds(col("start_utc"));
    Column endS = unix_seconds(col("end_utc"));
    // start_slot, end_slot: the slots (of the region's grain, grain_s) holding the start and the end
    Column grain = col("grain_s");
    Column slotOfStart = floor(startS.divide(grain));
    Dataset<Row> df = jobs
        .withColumn("job_start_s", startS).withColumn("job_end_s", endS)
        .withColumn("region_span", try_element_at(steps.spanLiteral(), col(Columns.REGION)))
        .withColumn("grain_s", coalesce(col("region_span.grain"), lit(IntensitySteps.DEFAULT_GRAIN_S)))
        .withColumn("start_slot", slotOfStart)
        .withColumn("end_slot", greatest(slotOfStart, ceil(endS.divide(grain)).minus(1)))
        .withColumn("annual_g_per_kwh", annual(fallback));
    df = lookup(df, steps.table, "start_slot", "at_start_");
    df = lookup(df, steps.table, "end_slot", "at_end_");

    Column startSlot = col("start_slot");
    Column endSlot = col("end_slot");
    Column first = col("region_span.first");
    Column last = col("region_span.last");
    Column annual = col("annual_g_per_kwh");
    Column ciStart = coalesce(col("at_start_ci"), annual);
    Column ciEnd = coalesce(col("at_end_ci"), annual);
    Column hasStart = coalesce(col("at_start_has"), lit(0.0));
    Column hasEnd = coalesce(col("at_end_has"), lit(0.0));
    // integrals from the region's first slot to the end of the start slot and to the start of the end slot;
    // outside the region's span the intensity is the fallback (and has no value), so the integral continues linearly
    Column cumAfterStart = when(startSlot.lt(first), startSlot.plus(1).minus(first).multiply(grain).multiply(annual))
        .when(startSlot.gt(last),
            col("region_span.total").plus(startSlot.minus(last).multiply(grain).multiply(annual)))
        .otherwise(col("at_start_cum").plus(col("at_start_ci").multiply(grain)));
    Column cumBeforeEnd = when(endSlot.lt(first), endSlot.minus(first).multiply(grain).multiply(annual))
        .when(endSlot.gt(last),
            col("region_span.total").plus(endSlot.minus(last).minus(1).multiply(grain).multiply(annual)))
        .otherwise(col("at_end_cum"));
    Column hasAfterStart = when(startSlot.lt(first), lit(0.0)).when(startSlot.gt(last), col("region_span.total_has"))
        .otherwise(col("at_start_cum_has").plus(col("at_start_has").multiply(grain)));
    Column hasBeforeEnd = when(endSlot.lt(first), lit(0.0)).when(endSlot.gt(last), col("region_span.total_has"))
        .otherwise(col("at_end_cum_has"));
    Column fcStart = coalesce(col("at_start_fc"), lit(0.0));
    Column fcEnd = coalesce(col("at_end_fc"), lit(0.0));
    Column fcAfterStart = when(startSlot.lt(first), lit(0.0)).when(startSlot.gt(last), col("region_span.total_fc"))
        .otherwise(col("at_start_cum_fc").plus(col("at_start_fc").multiply(grain)));
    Column fcBeforeEnd = when(endSlot.lt(first), lit(0.0)).when(endSlot.gt(last), col("region_span.total_fc"))
        .otherwise(col("at_end_cum_fc"));
    Column start = col("job_start_s");
    Column end = col("job_end_s");
    Column inStartSlot = least(end, startSlot.plus(1).multiply(grain)).minus(start);
    Column inEndSlot = end.minus(endSlot.multiply(grain));
    Column duration = end.minus(start);
    Column multiHour = endSlot.gt(startSlot).and(col("region_span").isNotNull());
    // one slot (most jobs), or a region without any value: that slot's intensity (or the fallback)
    Column evenCi = when(multiHour, inStartSlot.multiply(ciStart).plus(cumBeforeEnd.minus(cumAfterStart))
        .plus(inEndSlot.multiply(ciEnd)).divide(duration))
        .otherwise(ciStart);
    Column evenShare = when(multiHour, inStartSlot.multiply(hasStart).plus(hasBeforeEnd.minus(hasAfterStart))
        .plus(inEndSlot.multiply(hasEnd)).divide(duration))
        .otherwise(hasStart);
    // the share of the energy priced with forecast values: the integral of fc, as has above
    Column evenForecast = when(multiHour, inStartSlot.multiply(fcStart).plus(fcBeforeEnd.minus(fcAfterStart))
        .plus(inEndSlot.multiply(fcEnd)).divide(duration))
        .otherwise(fcStart);
    df = df.withColumn(Columns.INTENSITY_G_PER_KWH, evenCi).withColumn("hourly_share", evenShare)
        .withColumn("forecast_share", evenForecast);
    if (followSamples) {
      df = followSamples(df, steps.table);
    }

    Column share = least(lit(1.0), col("hourly_share"));
    Column forecastShare = least(share, greatest(lit(0.0), col("forecast_share")));
    Column method = when(share.gt(1 - EPS), lit(HOURLY)).when(share.lt(EPS), lit(FALLBACK)).otherwise(lit(MIXED));
    Column intensity = col(Columns.INTENSITY_G_PER_KWH);
    return df
        .withColumn("intensity_hourly_share", when(share.gt(1 - EPS), lit(1.0)).otherwise(share))
        .withColumn("intensity_forecast_share", when(forecastShare.lt(EPS), lit(0.0)).otherwise(forecastShare))
        .withColumn("intensity_method", when(col("intensity_forecast_share").gt(0),
            concat(method, lit(FORECAST_SUFFIX))).otherwise(method))
        .withColumn(Columns.CO2E_KG, col(Columns.ENERGY_KWH).multiply(intensity).divide(1000.0))
        .withColumn(Columns.CO2E_LOW_KG, col(Columns.ENERGY_LOW_KWH).multiply(intensity).divide(1000.0))
        .withColumn(Columns.CO2E_HIGH_KG, col(Columns.ENERGY_HIGH_KWH).multiply(intensity).divide(1000.0))
        .drop("job_start_s", "job_end_s", "grain_s", "start_slot", "end_slot", "region_span", "annual_g_per_kwh",
            "hourly_share", "forecast_share")
        .drop(stepColumns("at_start_"))
        .drop(stepColumns("at_end_"));
  }

  /** Left broadcast equi-join of the step table on (region, slot = df[slotCol]); its columns get the prefix. */
  private static Dataset<Row> lookup(Dataset<Row> df, Dataset<Row> steps, String slotCol, String prefix) {
    Dataset<Row> t = steps.select(col("region").as(prefix + "region"), col("slot").as(prefix + "slot"),
        col("ci").as(prefix + "ci"), col("has").as(prefix + "has"), col("fc").as(prefix + "fc"),
        col("cum").as(prefix + "cum"), col("cum_has").as(prefix + "cum_has"), col("cum_fc").as(prefix + "cum_fc"));
    return df.join(broadcast(t), df.col(Columns.REGION).equalTo(t.col(prefix + "region"))
            .and(df.col(slotCol).equalTo(t.col(prefix + "slot"))), "left")
        .drop(prefix + "region", prefix + "slot");
  }

  /** The columns {@link #lookup} added with this prefix. */
  private static String[] stepColumns(String prefix) {
    return Stream.of("ci", "has", "fc", "cum", "cum_has", "cum_fc").map(c -> prefix + c)
        .toArray(String[]::new);
  }

  private static Column annual(Map<String, Double> fallback) {
    return coalesce(try_element_at(Literals.doubleMap(fallback), col(Columns.REGION)),
        lit(fallback.getOrDefault("*", null)).cast("double"));
  }
}
