package org.footprint.energy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.MethodConf;
import org.footprint.conf.Site;
import org.footprint.model.Columns;

/**
 * The modelled energy method (Green Algorithms / Cloud Carbon Footprint style):
 * GPU W = boards × (idle + util × (TDP − idle)); CPU W = cores × W/core × usage; memory W = GiB × W/GB;
 * IT kWh = W × hours / 1000. The band comes from the utilisation band: the configured low/high when utilisation is
 * unknown, ± power.gpu_util_measured_band around a measured one. Every job gets this candidate
 * ({@link EnergyEstimate}: the estimate when no measurement applies), and the power columns the other methods
 * re-use for what they do not measure.
 *
 * <p>Three method choices are read here and nowhere else ({@link MethodConf}): method.gpu_util_source (a reported
 * utilisation, or always the default), method.gpu_power (idle→TDP, or TDP × utilisation with no idle floor, as
 * Green Algorithms) and method.total_cpu_zero (TotalCPU 0 as zero usage, or as unrecorded: CPUTime, all cores busy).
 * A job whose CPU time reads 0 carries the warning {@value #ZERO_CPU_WARNING} and a note saying which rule billed it.
 */
public final class EnergyModel {
  public static final String MODELLED = "modelled";
  /** This method's {@link EnergyEstimate#candidate}. */
  public static final String CANDIDATE_COLUMN = "modelled_estimate";
  /** The GPUs' power at the low and high end of the utilisation band, W. */
  public static final String GPU_POWER_LOW_W = "gpu_power_low_w";
  public static final String GPU_POWER_HIGH_W = "gpu_power_high_w";
  /** The board's idle and TDP draw, W: a later method re-models the uncovered rest of a job with them. */
  public static final String GPU_IDLE_W = "gpu_idle_w";
  public static final String GPU_TDP_W = "gpu_tdp_w";
  /** Columns for the other methods only: {@link EnergyEstimate} drops them. */
  static final List<String> SCRATCH = List.of(GPU_POWER_LOW_W, GPU_POWER_HIGH_W, GPU_IDLE_W, GPU_TDP_W);
  /** The warning of a job that ran on cores for a while and whose CPU time reads 0. */
  public static final String ZERO_CPU_WARNING = "total_cpu_zero";
  private static final String NOTES = "notes";

  private EnergyModel() {}

  /** @param withModel after {@link GpuModelResolver}: gpu_model, gpu_count, cpu_count, cpu_seconds, mem_gb... */
  public static Dataset<Row> apply(Dataset<Row> withModel, Site site) {
    Site.Power p = site.power();
    MethodConf m = site.method();
    Column hours = col("duration_s").divide(3600.0);
    // the source's utilisation, kept apart from the one the model uses (which may be the default); with
    // method.gpu_util_source default a reported one is not used
    Column reported = m.utilMeasured() ? col("gpu_util_reported") : lit(null).cast("double");
    Column measured = reported.isNotNull();
    Column util = coalesce(reported, lit(p.gpuUtilDefault()));
    Column utilLow = when(measured, greatest(lit(0.0), reported.minus(p.gpuUtilMeasuredBand())))
        .otherwise(lit(p.gpuUtilLow()));
    Column utilHigh = when(measured, least(lit(1.0), reported.plus(p.gpuUtilMeasuredBand())))
        .otherwise(lit(p.gpuUtilHigh()));
    Column tdpW = site.tdpW(col(Columns.GPU_MODEL));
    // method.gpu_power tdp: power = utilisation × TDP, no idle floor (Green Algorithms)
    Column idleW = m.gpuAtTdp() ? lit(0.0) : site.idleW(col(Columns.GPU_MODEL));
    Column boards = coalesce(col("gpu_count"), lit(0.0));
    Column cores = coalesce(col("cpu_count"), lit(0.0));
    Column cpuW = site.cpuWattsPerCore(col("cluster"), col("partition"));
    // usage = TotalCPU / (elapsed × cores), capped at 1; unknown (no TotalCPU, zero duration) → default.
    // TotalCPU 0 over a run on cores: method.total_cpu_zero says whether that is zero usage or "not recorded",
    // then CPUTime (elapsed × cores, usage 1) as GA4HPC bills it
    Column zeroCpu = col("cpu_seconds").equalTo(0).and(col("duration_s").gt(0)).and(cores.gt(0));
    Column measuredUsage = least(lit(1.0), try_divide(col("cpu_seconds"), col("duration_s").multiply(cores)));
    Column cpuUsage = coalesce(
        m.zeroCpuIsUnrecorded() ? when(zeroCpu, lit(1.0)).otherwise(measuredUsage) : measuredUsage,
        lit(p.cpuUsageDefault()));
    String zeroCpuNote = m.zeroCpuIsUnrecorded()
        ? "TotalCPU 0: taken as not recorded, CPUTime billed (all cores busy; method.total_cpu_zero cputime)"
        : "TotalCPU 0: billed 0 % CPU (no CPU time recorded; method.total_cpu_zero cputime bills CPUTime)";

    return flagZeroCpu(withModel, zeroCpu, zeroCpuNote)
        .withColumnRenamed(Columns.GPU_UTIL, "gpu_util_reported")
        .withColumn(Columns.GPU_UTIL_METHOD, when(col("gpu_count").gt(0),
            when(measured, lit("measured")).otherwise(lit("default"))))
        .withColumn(Columns.GPU_UTIL, when(col("gpu_count").gt(0), util))
        .withColumn("cpu_usage", cpuUsage)
        .withColumn("gpu_power_w", gpuWatts(boards, idleW, tdpW, util))
        .withColumn(GPU_POWER_LOW_W, gpuWatts(boards, idleW, tdpW, utilLow))
        .withColumn(GPU_POWER_HIGH_W, gpuWatts(boards, idleW, tdpW, utilHigh))
        .withColumn("cpu_power_w", cores.multiply(cpuW).multiply(cpuUsage))
        .withColumn("mem_power_w", coalesce(col("mem_gb"), lit(0.0)).multiply(p.memoryWattsPerGb()))
        .withColumn(Columns.GPU_HOURS, boards.multiply(hours))
        .withColumn(CANDIDATE_COLUMN, EnergyEstimate.candidate(MODELLED, kwh(col("gpu_power_w"), hours),
            kwh(col(GPU_POWER_LOW_W), hours), kwh(col(GPU_POWER_HIGH_W), hours), lit(0.0),
            lit(null).cast("string"), lit(null).cast("double")))
        .withColumn(GPU_IDLE_W, coalesce(idleW, lit(0.0)))
        .withColumn(GPU_TDP_W, coalesce(tdpW, lit(0.0)))
        .drop("gpu_util_reported");
  }

  /**
   * A job billed from a CPU time of 0 says so: a counted warning and a note naming the rule applied. (Frames without
   * the warnings and notes columns, as the energy tests build them, are left as they are.)
   */
  private static Dataset<Row> flagZeroCpu(Dataset<Row> jobs, Column zeroCpu, String note) {
    List<String> have = Arrays.asList(jobs.columns());
    Dataset<Row> out = jobs;
    if (have.contains(Columns.WARNINGS)) {
      out = out.withColumn(Columns.WARNINGS, when(zeroCpu,
          concat_ws(";", col(Columns.WARNINGS), lit(ZERO_CPU_WARNING))).otherwise(col(Columns.WARNINGS)));
    }
    if (have.contains(NOTES)) {
      out = out.withColumn(NOTES, when(zeroCpu, concat_ws("; ", col(NOTES), lit(note))).otherwise(col(NOTES)));
    }
    return out;
  }

  private static Column gpuWatts(Column boards, Column idle, Column tdp, Column util) {
    return when(boards.gt(0), boards.multiply(idle.plus(util.multiply(tdp.minus(idle))))).otherwise(lit(0.0));
  }

  /** IT energy of a GPU power and the modelled CPU and memory, kWh. */
  private static Column kwh(Column gpuW, Column hours) {
    return gpuW.plus(col("cpu_power_w")).plus(col("mem_power_w")).multiply(hours).divide(1000.0);
  }
}
