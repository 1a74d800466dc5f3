package org.footprint.carbon;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The marginal signal: each job priced a second time, with the marginal emission rate of its region over the hours
 * it ran, by the same running-integral step table and the same two (region, slot) equi-joins as the average signal
 * ({@link HourlyIntensityJoin}), energy spread evenly over the run. There is no annual fallback for a marginal
 * rate: a job the series does not cover for its whole run gets null, not a mixture.
 */
public final class MarginalSignal {
  /** The columns HourlyIntensityJoin writes, kept aside while it runs again on the marginal series. */
  private static final List<String> AVERAGE = List.of("intensity_g_per_kwh", "intensity_hourly_share",
      "intensity_forecast_share", "intensity_method", "co2e_kg", "co2e_low_kg", "co2e_high_kg");
  private static final double EPS = 1e-9;
  /**
   * The marginal series' step table fallback: 0 everywhere, so that uncovered time adds nothing to the integral and
   * lowers the covered share below 1.
   */
  public static final Map<String, Double> FALLBACK = Map.of("*", 0.0);

  private MarginalSignal() {}

  /**
   * @param jobs needs region, start_utc, end_utc, energy_kwh (and what HourlyIntensityJoin needs)
   * @param marginal schemas/intensity_slots.ddl rows of the marginal series, or null for none
   * @return jobs with marginal_g_per_kwh and co2e_marginal_kg (null where the series does not cover the run)
   */
  public static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> marginal) {
    return apply(jobs, marginal == null ? null : IntensitySteps.of(marginal, FALLBACK));
  }

  /** As above, with the marginal series' step table (built with {@link #FALLBACK}), or null for none. */
  public static Dataset<Row> apply(Dataset<Row> jobs, IntensitySteps marginal) {
    if (marginal == null) {
      return jobs.withColumn("marginal_g_per_kwh", lit(null).cast("double"))
          .withColumn("co2e_marginal_kg", lit(null).cast("double"));
    }
    Dataset<Row> df = jobs;
    for (String c : AVERAGE) {
      df = df.withColumnRenamed(c, "_avg_" + c);
    }
    df = HourlyIntensityJoin.apply(df, marginal, FALLBACK, false);
    df = df.withColumn("marginal_g_per_kwh", when(col("intensity_hourly_share").geq(1 - EPS),
            col("intensity_g_per_kwh")))
        .withColumn("co2e_marginal_kg", col("energy_kwh").multiply(col("marginal_g_per_kwh")).divide(1000.0))
        .drop(AVERAGE.toArray(new String[0]));
    for (String c : AVERAGE) {
      df = df.withColumnRenamed("_avg_" + c, c);
    }
    return df;
  }
}
