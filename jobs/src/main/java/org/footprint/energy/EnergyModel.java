package org.footprint.energy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.model.Literals;

/**
 * The modelled energy method (Green Algorithms / Cloud Carbon Footprint style):
 * GPU W = boards × (idle + util × (TDP − idle)); CPU W = cores × W/core × usage; memory W = GiB × W/GB;
 * IT kWh = W × hours / 1000; facility kWh = IT kWh × PUE. The band comes from the utilisation band: the
 * configured low/high when utilisation is unknown, ± power.gpu_util_measured_band around a measured one.
 */
public final class EnergyModel {
  public static final String MODELLED = "modelled";

  private EnergyModel() {}

  public static Dataset<Row> apply(Dataset<Row> withModel, FootprintConf conf, GpuProfiles profiles) {
    FootprintConf.PowerConf p = conf.power;
    Map<String, Double> tdp = new LinkedHashMap<>();
    Map<String, Double> idle = new LinkedHashMap<>();
    profiles.byModel().forEach((m, pr) -> {
      tdp.put(m, pr.tdpW());
      idle.put(m, pr.idleW());
    });
    Map<String, Double> pue = new LinkedHashMap<>();
    Map<String, Double> clusterCpuW = new LinkedHashMap<>();
    Map<String, Double> partitionCpuW = new LinkedHashMap<>();
    conf.clusters.forEach((name, c) -> {
      pue.put(name, c.pue);
      if (c.cpuWattsPerCore != null) {
        clusterCpuW.put(name, c.cpuWattsPerCore);
      }
      c.partitions.forEach((part, pc) -> {
        if (pc != null && pc.cpuWattsPerCore != null) {
          partitionCpuW.put(name + "/" + part, pc.cpuWattsPerCore);
        }
      });
    });

    Column hours = col("duration_s").divide(3600.0);
    // the source's utilisation, kept apart from the one the model uses (which may be the default)
    Column reported = col("gpu_util_reported");
    Column measured = reported.isNotNull();
    Column util = coalesce(reported, lit(p.gpuUtilDefault));
    Column utilLow = when(measured, greatest(lit(0.0), reported.minus(p.gpuUtilMeasuredBand)))
        .otherwise(lit(p.gpuUtilLow));
    Column utilHigh = when(measured, least(lit(1.0), reported.plus(p.gpuUtilMeasuredBand)))
        .otherwise(lit(p.gpuUtilHigh));
    Column tdpW = try_element_at(Literals.doubleMap(tdp), col("gpu_model"));
    Column idleW = try_element_at(Literals.doubleMap(idle), col("gpu_model"));
    Column boards = coalesce(col("gpu_count"), lit(0.0));
    Column cores = coalesce(col("cpu_count"), lit(0.0));
    Column cpuW = coalesce(
        try_element_at(Literals.doubleMap(partitionCpuW), concat(col("cluster"), lit("/"), coalesce(col("partition"), lit("")))),
        try_element_at(Literals.doubleMap(clusterCpuW), col("cluster")),
        lit(p.cpuWattsPerCore));
    // usage = TotalCPU / (elapsed × cores), capped at 1; unknown (no TotalCPU, zero duration) → default
    Column cpuUsage = coalesce(
        least(lit(1.0), try_divide(col("cpu_seconds"), col("duration_s").multiply(cores))),
        lit(p.cpuUsageDefault));

    return withModel
        .withColumnRenamed("gpu_util", "gpu_util_reported")
        .withColumn("gpu_util_method", when(col("gpu_count").gt(0),
            when(measured, lit("measured")).otherwise(lit("default"))))
        .withColumn("gpu_util", when(col("gpu_count").gt(0), util))
        .withColumn("cpu_usage", cpuUsage)
        .withColumn("pue", try_element_at(Literals.doubleMap(pue), col("cluster")))
        .withColumn("gpu_power_w", gpuWatts(boards, idleW, tdpW, util))
        .withColumn("gpu_power_low_w", gpuWatts(boards, idleW, tdpW, utilLow))
        .withColumn("gpu_power_high_w", gpuWatts(boards, idleW, tdpW, utilHigh))
        .withColumn("cpu_power_w", cores.multiply(cpuW).multiply(cpuUsage))
        .withColumn("mem_power_w", coalesce(col("mem_gb"), lit(0.0)).multiply(p.memoryWattsPerGb))
        .withColumn("gpu_hours", boards.multiply(hours))
        .withColumn("energy_it_kwh", kwh(col("gpu_power_w"), hours))
        .withColumn("energy_kwh", col("energy_it_kwh").multiply(col("pue")))
        .withColumn("energy_low_kwh", kwh(col("gpu_power_low_w"), hours).multiply(col("pue")))
        .withColumn("energy_high_kwh", kwh(col("gpu_power_high_w"), hours).multiply(col("pue")))
        // kept so a later method can re-model the uncovered rest of a job with a measured utilisation
        .withColumn("gpu_idle_w", coalesce(idleW, lit(0.0)))
        .withColumn("gpu_tdp_w", coalesce(tdpW, lit(0.0)))
        .withColumn("energy_method", lit(MODELLED))
        .withColumn("energy_coverage", lit(0.0))
        .drop("gpu_util_reported");
  }

  private static Column gpuWatts(Column boards, Column idle, Column tdp, Column util) {
    return when(boards.gt(0), boards.multiply(idle.plus(util.multiply(tdp.minus(idle))))).otherwise(lit(0.0));
  }

  private static Column kwh(Column gpuW, Column hours) {
    return gpuW.plus(col("cpu_power_w")).plus(col("mem_power_w")).multiply(hours).divide(1000.0);
  }
}
