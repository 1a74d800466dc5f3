package org.footprint.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.carbon.HourlyIntensityJoin;
import org.footprint.carbon.RegionResolver;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.energy.CostModel;
import org.footprint.energy.EnergyModel;
import org.footprint.energy.GpuModelResolver;
import org.footprint.energy.MeasuredEnergy;
import org.footprint.energy.SampledEnergy;
import org.footprint.energy.SampledMethod;
import org.footprint.model.Schemas;
import org.footprint.sweep.SweepClassifier;

/**
 * Canonical usage rows (any source) → the jobs table: GPU model, modelled energy, measured energy where usable,
 * region, sweep, carbon, cost.
 */
public final class JobFootprint {
  private JobFootprint() {}

  /**
   * @param samples GPU power samples (schemas/gpu_samples.ddl), or null when the run has none
   * @param intensity carbon intensity at each region's native grain (schemas/intensity_slots.ddl)
   * @param cached receives what this caches, for the caller to release when the run is done
   */
  public static Dataset<Row> apply(Dataset<Row> usage, Dataset<Row> occupancy, Dataset<Row> samples,
      Dataset<Row> intensity, FootprintConf conf, GpuProfiles profiles,
      java.util.function.Consumer<Dataset<Row>> cached) {
    Dataset<Row> df = usage.withColumn("job_key", concat_ws("|", col("source"), col("cluster"), col("job_id"),
        coalesce(col("job_id_raw"), lit("")), col("start_utc").cast("string")));
    if (samples != null || MeasuredEnergy.anyMeasuring(conf)) {
      // the per-job side results (shared nodes, sampled energy, the sampled hours' intensity) are joined back on
      // job_key: partitioned by it once, the wide job rows stay in place and only the narrow sides are shuffled
      // (each join shuffled every job row again: two to three exchanges of the widest rows in the pipeline)
      df = df.repartition(col("job_key"));
    }
    df = GpuModelResolver.apply(df, conf, profiles);
    df = EnergyModel.apply(df, conf, profiles);
    df = MeasuredEnergy.apply(df, occupancy, conf);
    Dataset<Row> sampled = null;
    if (samples != null) {
      // read twice (the energy, then the hours' carbon weights): cached, so the samples are integrated once
      sampled = SampledEnergy.integrate(df, samples, conf.power.sampleMaxGapS, conf.power.sampleDownsampleS)
          .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
      cached.accept(sampled);
    }
    df = SampledMethod.apply(df, sampled, conf);
    df = RegionResolver.apply(df, conf);
    df = SweepClassifier.apply(df, conf.sweeps);
    df = HourlyIntensityJoin.apply(df, intensity, conf.carbon.fallbackGPerKwh, sampled != null);
    df = CostModel.apply(df, conf.prices);
    df = df.withColumn("failed", col("state").notEqual("COMPLETED"))
        .withColumn("nodes", concat_ws(",", col("nodes")))
        .withColumn("day", Days.day(col("end_utc"), conf.output.dayZone));
    df = org.footprint.carbon.EmbodiedEmissions.apply(df, conf.clusters); // scope 3, after co2e_kg
    return Schemas.conform(df, "jobs");
  }
}
