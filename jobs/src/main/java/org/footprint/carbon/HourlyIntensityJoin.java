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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
    Column hourStart = unix_seconds(col("sh.hour_utc"));
    Column a = greatest(col("_s"), hourStart);
    Column b = least(col("_e"), hourStart.plus(3600));
    Column g = col("_g");
    Column firstSlot = floor(col("a").divide(g));
    Column slots = sequence(firstSlot, greatest(firstSlot, ceil(col("b").divide(g)).minus(1)));
    // the slot's part of the job's time in that hour: 1 for the only slot of an hourly region
    Column part = when(col("b").gt(col("a")), least(col("b"), col("sslot").plus(1).multiply(g))
        .minus(greatest(col("a"), col("sslot").multiply(g))).divide(col("b").minus(col("a")))).otherwise(lit(1.0));
    Dataset<Row> sampled = jobs.filter(col("energy_method").equalTo("sampled").and(col("sampled_hours").isNotNull()))
        .select(col("job_key").as("sk"), col("region").as("sr"), col("_fb").as("sfb"), col("_s"), col("_e"),
            col("_g"), explode(col("sampled_hours")).as("sh"))
        .select(col("sk"), col("sr"), col("sfb"), col("_g"), a.as("a"), b.as("b"), col("sh.kwh").as("hkwh"))
        .withColumn("sslot", explode(slots))
        .withColumn("skwh", col("hkwh").multiply(part));
    Dataset<Row> t = steps.select(col("region").as("tr"), col("slot").as("tslot"), col("ci").as("tci"),
        col("has").as("thas"), col("fc").as("tfc"));
    Dataset<Row> perJob = sampled
        .join(broadcast(t), col("sr").equalTo(col("tr")).and(col("sslot").equalTo(col("tslot"))), "left")
        .groupBy("sk")
        .agg(sum("skwh").as("s_total"),
            sum(col("skwh").multiply(coalesce(col("tci"), col("sfb")))).as("s_ci"),
            sum(col("skwh").multiply(coalesce(col("thas"), lit(0.0)))).as("s_has"),
            sum(col("skwh").multiply(coalesce(col("tfc"), lit(0.0)))).as("s_fc"));
    Dataset<Row> joined = jobs.join(perJob, jobs.col("job_key").equalTo(perJob.col("sk")), "left").drop("sk");
    Column rest = greatest(lit(0.0), col("energy_it_kwh").minus(col("s_total")));
    Column total = col("s_total").plus(rest);
    Column follows = col("s_total").isNotNull().and(total.gt(0));
    return joined
        .withColumn("intensity_g_per_kwh", when(follows,
            col("s_ci").plus(rest.multiply(col("intensity_g_per_kwh"))).divide(total))
            .otherwise(col("intensity_g_per_kwh")))
        .withColumn("_share", when(follows, col("s_has").plus(rest.multiply(col("_share"))).divide(total))
            .otherwise(col("_share")))
        .withColumn("_fshare", when(follows, col("s_fc").plus(rest.multiply(col("_fshare"))).divide(total))
            .otherwise(col("_fshare")))
        .drop("s_total", "s_ci", "s_has", "s_fc");
  }

  /**
   * @param jobs needs job_key, region, start_utc, end_utc, energy_kwh, energy_low_kwh, energy_high_kwh
   * @param slots schemas/intensity_slots.ddl: each region at its native grain (hours, half hours...)
   * @param fallback annual g/kWh per region, with "*" for any other region
   * @param followSamples whether sampled jobs (energy_method sampled, sampled_hours) weight hours by their profile
   */
  public static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> slots, Map<String, Double> fallback,
      boolean followSamples) {
    IntensitySteps steps = IntensitySteps.of(jobs.sparkSession(), slots, fallback);
    Column startS = unix_seconds(col("start_utc"));
    Column endS = unix_seconds(col("end_utc"));
    // _h1, _h2: the slots (of the region's grain _g) holding the start and the end
    Column g = col("_g");
    Column firstSlot = floor(startS.divide(g));
    Dataset<Row> df = jobs
        .withColumn("_s", startS).withColumn("_e", endS)
        .withColumn("_span", try_element_at(steps.spanLiteral(), col("region")))
        .withColumn("_g", coalesce(col("_span.grain"), lit(IntensitySteps.DEFAULT_GRAIN_S)))
        .withColumn("_h1", firstSlot)
        .withColumn("_h2", greatest(firstSlot, ceil(endS.divide(g)).minus(1)))
        .withColumn("_fb", annual(fallback));
    df = lookup(df, steps.table, "_h1", "_1");
    df = lookup(df, steps.table, "_h2", "_2");

    Column h1 = col("_h1");
    Column h2 = col("_h2");
    Column first = col("_span.first");
    Column last = col("_span.last");
    Column fb = col("_fb");
    Column ci1 = coalesce(col("_1ci"), fb);
    Column ci2 = coalesce(col("_2ci"), fb);
    Column has1 = coalesce(col("_1has"), lit(0.0));
    Column has2 = coalesce(col("_2has"), lit(0.0));
    // integrals from the region's first slot to the start of slot h1+1 and of slot h2; outside the region's span
    // the intensity is the fallback (and has no value), so the integral continues linearly
    Column cumAfter1 = when(h1.lt(first), h1.plus(1).minus(first).multiply(g).multiply(fb))
        .when(h1.gt(last), col("_span.total").plus(h1.minus(last).multiply(g).multiply(fb)))
        .otherwise(col("_1cum").plus(col("_1ci").multiply(g)));
    Column cumBefore2 = when(h2.lt(first), h2.minus(first).multiply(g).multiply(fb))
        .when(h2.gt(last), col("_span.total").plus(h2.minus(last).minus(1).multiply(g).multiply(fb)))
        .otherwise(col("_2cum"));
    Column hasAfter1 = when(h1.lt(first), lit(0.0)).when(h1.gt(last), col("_span.total_has"))
        .otherwise(col("_1cum_has").plus(col("_1has").multiply(g)));
    Column hasBefore2 = when(h2.lt(first), lit(0.0)).when(h2.gt(last), col("_span.total_has"))
        .otherwise(col("_2cum_has"));
    Column fc1 = coalesce(col("_1fc"), lit(0.0));
    Column fc2 = coalesce(col("_2fc"), lit(0.0));
    Column fcAfter1 = when(h1.lt(first), lit(0.0)).when(h1.gt(last), col("_span.total_fc"))
        .otherwise(col("_1cum_fc").plus(col("_1fc").multiply(g)));
    Column fcBefore2 = when(h2.lt(first), lit(0.0)).when(h2.gt(last), col("_span.total_fc"))
        .otherwise(col("_2cum_fc"));
    Column s = col("_s");
    Column e = col("_e");
    Column ov1 = least(e, h1.plus(1).multiply(g)).minus(s);
    Column ov2 = e.minus(h2.multiply(g));
    Column duration = e.minus(s);
    Column multiHour = h2.gt(h1).and(col("_span").isNotNull());
    // one slot (most jobs), or a region without any value: that slot's intensity (or the fallback)
    Column evenCi = when(multiHour,
        ov1.multiply(ci1).plus(cumBefore2.minus(cumAfter1)).plus(ov2.multiply(ci2)).divide(duration))
        .otherwise(ci1);
    Column evenShare = when(multiHour,
        ov1.multiply(has1).plus(hasBefore2.minus(hasAfter1)).plus(ov2.multiply(has2)).divide(duration))
        .otherwise(has1);
    // the share of the energy priced with forecast values: the integral of fc, as has above
    Column evenForecast = when(multiHour,
        ov1.multiply(fc1).plus(fcBefore2.minus(fcAfter1)).plus(ov2.multiply(fc2)).divide(duration))
        .otherwise(fc1);
    df = df.withColumn("intensity_g_per_kwh", evenCi).withColumn("_share", evenShare)
        .withColumn("_fshare", evenForecast);
    if (followSamples) {
      df = followSamples(df, steps.table);
    }

    Column share = least(lit(1.0), col("_share"));
    Column forecastShare = least(share, greatest(lit(0.0), col("_fshare")));
    Column method = when(share.gt(1 - EPS), lit(HOURLY)).when(share.lt(EPS), lit(FALLBACK)).otherwise(lit(MIXED));
    return df
        .withColumn("intensity_hourly_share", when(share.gt(1 - EPS), lit(1.0)).otherwise(share))
        .withColumn("intensity_forecast_share", when(forecastShare.lt(EPS), lit(0.0)).otherwise(forecastShare))
        .withColumn("intensity_method", when(col("intensity_forecast_share").gt(0),
            concat(method, lit(FORECAST_SUFFIX))).otherwise(method))
        .withColumn("co2e_kg", col("energy_kwh").multiply(col("intensity_g_per_kwh")).divide(1000.0))
        .withColumn("co2e_low_kg", col("energy_low_kwh").multiply(col("intensity_g_per_kwh")).divide(1000.0))
        .withColumn("co2e_high_kg", col("energy_high_kwh").multiply(col("intensity_g_per_kwh")).divide(1000.0))
        .drop("_s", "_e", "_g", "_h1", "_h2", "_span", "_fb", "_share", "_fshare",
            "_1ci", "_1has", "_1fc", "_1cum", "_1cum_has", "_1cum_fc",
            "_2ci", "_2has", "_2fc", "_2cum", "_2cum_has", "_2cum_fc");
  }

  /** Left broadcast equi-join of the step table on (region, slot = df[slotCol]); its columns get the prefix. */
  private static Dataset<Row> lookup(Dataset<Row> df, Dataset<Row> steps, String slotCol, String prefix) {
    Dataset<Row> t = steps.select(col("region").as(prefix + "region"), col("slot").as(prefix + "slot"),
        col("ci").as(prefix + "ci"), col("has").as(prefix + "has"), col("fc").as(prefix + "fc"),
        col("cum").as(prefix + "cum"), col("cum_has").as(prefix + "cum_has"), col("cum_fc").as(prefix + "cum_fc"));
    return df.join(broadcast(t), df.col("region").equalTo(t.col(prefix + "region"))
            .and(df.col(slotCol).equalTo(t.col(prefix + "slot"))), "left")
        .drop(prefix + "region", prefix + "slot");
  }

  private static Column annual(Map<String, Double> fallback) {
    return coalesce(try_element_at(Literals.doubleMap(fallback), col("region")),
        lit(fallback.getOrDefault("*", null)).cast("double"));
  }
}
