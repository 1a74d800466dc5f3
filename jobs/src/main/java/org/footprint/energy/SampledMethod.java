package org.footprint.energy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.FootprintConf;

/**
 * The sampled method: where a job's GPUs have power samples ({@link SampledEnergy}), their energy is the
 * integral of the samples over the covered part of the run plus the model for the uncovered rest (gaps,
 * unlogged nodes); CPU and memory stay modelled. Applies to jobs no meter measured (the measured method comes
 * first). Band: ± power.measured_band on the sampled part, the utilisation band on the modelled rest.
 */
public final class SampledMethod {
  public static final String SAMPLED = "sampled";

  private SampledMethod() {}

  /** @param sampled SampledEnergy.integrate output (job_key, sampled_*), or null when there are no samples */
  public static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> sampled, FootprintConf conf) {
    if (sampled == null) {
      return jobs.withColumn("sampled_energy_kwh", lit(null).cast("double"))
          .withColumn("sampled_coverage", lit(null).cast("double"))
          .withColumn("sampled_gpu_util", lit(null).cast("double"))
          .withColumn("sample_count", lit(null).cast("long"))
          .withColumn("sampled_match", lit(null).cast("string"))
          .withColumn("sampled_hours", lit(null).cast("array<struct<hour_utc:timestamp,kwh:double>>"));
    }
    double band = conf.power.measuredBand;
    Column cov = coalesce(col("sampled_coverage"), lit(0.0));
    Column use = col("energy_method").equalTo(EnergyModel.MODELLED).and(col("gpu_count").gt(0)).and(cov.gt(0));
    Column hours = col("duration_s").divide(3600.0);
    Column rest = lit(1.0).minus(cov);
    Column other = col("cpu_power_w").plus(col("mem_power_w")).multiply(hours).divide(1000.0);
    Column s = coalesce(col("sampled_energy_kwh"), lit(0.0));
    // the uncovered rest is modelled with the utilisation the samples measured, when the sacct export had none
    Column restGpuW = when(col("gpu_util_method").equalTo("default").and(col("sampled_gpu_util").isNotNull()),
        col("gpu_count").multiply(col("gpu_idle_w").plus(col("sampled_gpu_util")
            .multiply(col("gpu_tdp_w").minus(col("gpu_idle_w")))))).otherwise(col("gpu_power_w"));
    Column it = s.plus(restGpuW.multiply(hours).divide(1000.0).multiply(rest)).plus(other);
    Column low = s.multiply(1 - band).plus(col("gpu_power_low_w").multiply(hours).divide(1000.0).multiply(rest))
        .plus(other);
    Column high = s.multiply(1 + band).plus(col("gpu_power_high_w").multiply(hours).divide(1000.0).multiply(rest))
        .plus(other);
    return jobs.join(sampled, "job_key", "left")
        .withColumn("energy_it_kwh", when(use, it).otherwise(col("energy_it_kwh")))
        .withColumn("energy_kwh", when(use, it.multiply(col("pue"))).otherwise(col("energy_kwh")))
        .withColumn("energy_low_kwh", when(use, low.multiply(col("pue"))).otherwise(col("energy_low_kwh")))
        .withColumn("energy_high_kwh", when(use, high.multiply(col("pue"))).otherwise(col("energy_high_kwh")))
        .withColumn("energy_note", when(use, concat(lit("GPU power samples ("), col("sampled_match"),
            lit(", coverage "), format_number(cov.multiply(100), 1), lit("%) + modelled rest")))
            .otherwise(col("energy_note")))
        .withColumn("energy_coverage", when(use, cov).otherwise(col("energy_coverage")))
        .withColumn("gpu_util_method", when(use.and(col("gpu_util_method").equalTo("default"))
            .and(col("sampled_gpu_util").isNotNull()), lit("sampled")).otherwise(col("gpu_util_method")))
        .withColumn("gpu_util", when(use.and(col("gpu_util_method").equalTo("sampled")), col("sampled_gpu_util"))
            .otherwise(col("gpu_util")))
        .withColumn("energy_method", when(use, lit(SAMPLED)).otherwise(col("energy_method")));
  }
}
