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
import org.footprint.conf.Site;
import org.footprint.io.CacheScope;
import org.footprint.model.Columns;

/**
 * The sampled method: where a job's GPUs have power samples ({@link SampledEnergy}), their energy is the
 * integral of the samples over the covered part of the run plus the model for the uncovered rest (gaps,
 * unlogged nodes); CPU and memory stay modelled. Band: ± power.measured_band on the sampled part, the utilisation
 * band on the modelled rest. A job with samples gets this {@link EnergyEstimate#candidate} (used when no meter
 * measured it) and the sampled_* columns of {@link SampledEnergy#integrate}, sampled_hours among them: carbon
 * follows the job's own power profile with it.
 */
public final class SampledMethod {
  public static final String SAMPLED = "sampled";
  /** This method's {@link EnergyEstimate#candidate}: null where the job's GPUs have no samples. */
  public static final String CANDIDATE_COLUMN = "sampled_estimate";

  private SampledMethod() {}

  /**
   * @param jobs after {@link EnergyModel}: job_key, the columns {@link SampledEnergy#integrate} matches on, and the
   *     modelled power columns
   * @param samples gpu_samples, or null when the run has none (the sampled columns are then null)
   * @param cache keeps the integrated samples for the run: read twice, by the energy and by the carbon that follows
   *     the hours
   */
  public static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> samples, Site site, CacheScope cache) {
    if (samples == null) {
      return jobs.withColumn("sampled_energy_kwh", lit(null).cast("double"))
          .withColumn("sampled_coverage", lit(null).cast("double"))
          .withColumn("sampled_gpu_util", lit(null).cast("double"))
          .withColumn("sample_count", lit(null).cast("long"))
          .withColumn("sampled_match", lit(null).cast("string"))
          .withColumn(Columns.SAMPLED_HOURS, lit(null).cast("array<struct<hour_utc:timestamp,kwh:double>>"))
          .withColumn(CANDIDATE_COLUMN, EnergyEstimate.noCandidate());
    }
    Site.Power p = site.power();
    Dataset<Row> sampled = cache.cut(
        SampledEnergy.integrate(jobs, samples, p.sampleMaxGapS(), p.sampleDownsampleS()));
    double band = p.measuredBand();
    Column coverage = coalesce(col("sampled_coverage"), lit(0.0));
    Column applies = col("gpu_count").gt(0).and(coverage.gt(0));
    Column hours = col("duration_s").divide(3600.0);
    Column uncovered = lit(1.0).minus(coverage);
    Column cpuAndMemoryKwh = col("cpu_power_w").plus(col("mem_power_w")).multiply(hours).divide(1000.0);
    Column sampledKwh = coalesce(col("sampled_energy_kwh"), lit(0.0));
    // the uncovered rest is modelled with the utilisation the samples measured, when the sacct export had none
    // (unless method.gpu_util_source is default: then no measured utilisation is used, sampled or reported)
    Column utilFromSamples = site.method().utilMeasured()
        ? when(col(Columns.GPU_UTIL_METHOD).equalTo("default"), col("sampled_gpu_util"))
        : lit(null).cast("double");
    Column restGpuW = when(utilFromSamples.isNotNull(),
        col("gpu_count").multiply(col(EnergyModel.GPU_IDLE_W).plus(col("sampled_gpu_util")
            .multiply(col(EnergyModel.GPU_TDP_W).minus(col(EnergyModel.GPU_IDLE_W)))))).otherwise(col("gpu_power_w"));
    Column it = sampledKwh.plus(restGpuW.multiply(hours).divide(1000.0).multiply(uncovered)).plus(cpuAndMemoryKwh);
    Column low = sampledKwh.multiply(1 - band)
        .plus(col(EnergyModel.GPU_POWER_LOW_W).multiply(hours).divide(1000.0).multiply(uncovered))
        .plus(cpuAndMemoryKwh);
    Column high = sampledKwh.multiply(1 + band)
        .plus(col(EnergyModel.GPU_POWER_HIGH_W).multiply(hours).divide(1000.0).multiply(uncovered))
        .plus(cpuAndMemoryKwh);
    Column note = concat(lit("GPU power samples ("), col("sampled_match"), lit(", coverage "),
        format_number(coverage.multiply(100), 1), lit("%) + modelled rest"));
    return jobs.join(sampled, Columns.JOB_KEY, "left")
        .withColumn(CANDIDATE_COLUMN, when(applies,
            EnergyEstimate.candidate(SAMPLED, it, low, high, coverage, note, utilFromSamples)));
  }
}
