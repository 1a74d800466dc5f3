package org.footprint.energy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.footprint.testing.Frames.row;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * The method choices the model reads (method.gpu_util_source, gpu_power, total_cpu_zero), against hand-computed
 * watts. Board X: TDP 400 W, idle 50 W; 10 W per core; no memory power.
 */
class MethodChoicesTest extends SparkTestBase {
  private static final String JOBS = "job_key STRING, cluster STRING, partition STRING, duration_s BIGINT,"
      + " gpu_model STRING, gpu_count DOUBLE, cpu_count DOUBLE, cpu_seconds DOUBLE, mem_gb DOUBLE, gpu_util DOUBLE,"
      + " warnings STRING, notes STRING";

  private static Map<String, Row> model(Site.Builder site) {
    Dataset<Row> in = Frames.of(spark, JOBS,
        // TotalCPU 0 over an hour on 4 cores, no steps to say otherwise (issue 13 item 8)
        row("zero-cpu", "c", null, 3600L, null, 0.0, 4.0, 0.0, 0.0, null, null, "start estimated"),
        row("some-cpu", "c", null, 3600L, null, 0.0, 4.0, 7200.0, 0.0, null, null, null),
        row("no-cpu-time", "c", null, 3600L, null, 0.0, 4.0, null, 0.0, null, null, null),
        row("gpu-util-60", "c", null, 3600L, "X", 2.0, 0.0, null, 0.0, 0.6, "unknown_partition:p", null));
    return Frames.byKey(EnergyModel.apply(in, site.build()), "job_key");
  }

  private static Site.Builder site() {
    return Site.builder().gpu("X", 400, 50).cluster("c", "R", 1.0)
        .power(p -> {
          p.cpuWattsPerCore = 10;
          p.memoryWattsPerGb = 0;
          p.cpuUsageDefault = 1.0;
          p.gpuUtilDefault = 1.0;
        });
  }

  @Test
  void footprintBillsTotalCpuZeroAsZeroAndFlagsIt() {
    Map<String, Row> j = model(site());
    Row zero = j.get("zero-cpu");
    assertThat(zero.<Double>getAs("cpu_usage")).isEqualTo(0.0);
    assertThat(zero.<Double>getAs("cpu_power_w")).isEqualTo(0.0);
    assertThat(zero.<String>getAs("warnings")).isEqualTo("total_cpu_zero");
    assertThat(zero.<String>getAs("notes")).isEqualTo("start estimated; TotalCPU 0: billed 0 % CPU (no CPU time"
        + " recorded; method.total_cpu_zero cputime bills CPUTime)");
    // CPU time recorded, or no TotalCPU at all (the default usage): nothing to flag
    assertThat(j.get("some-cpu").<Double>getAs("cpu_power_w")).isCloseTo(20, within(1e-12)); // 4 × 10 × 0.5
    assertThat(j.get("some-cpu").<String>getAs("warnings")).isNull();
    assertThat(j.get("no-cpu-time").<Double>getAs("cpu_power_w")).isCloseTo(40, within(1e-12));
    assertThat(j.get("no-cpu-time").<String>getAs("notes")).isNull();
    // measured utilisation on the idle→TDP line: 2 × (50 + 0.6 × 350) = 520 W
    Row gpu = j.get("gpu-util-60");
    assertThat(gpu.<Double>getAs("gpu_power_w")).isCloseTo(520, within(1e-12));
    assertThat(gpu.<String>getAs("gpu_util_method")).isEqualTo("measured");
    assertThat(gpu.<String>getAs("warnings")).isEqualTo("unknown_partition:p");
  }

  @Test
  void greenAlgorithmsChoicesBillCpuTimeAndGpusAtTdpTimesTheDefaultUtilisation() {
    Map<String, Row> j = model(site().method(m -> {
      m.totalCpuZero = "cputime";
      m.gpuPower = "tdp";
      m.gpuUtilSource = "default";
    }));
    Row zero = j.get("zero-cpu");
    assertThat(zero.<Double>getAs("cpu_usage")).isEqualTo(1.0);
    assertThat(zero.<Double>getAs("cpu_power_w")).isCloseTo(40, within(1e-12)); // CPUTime: 4 cores × 10 W
    assertThat(zero.<String>getAs("warnings")).isEqualTo("total_cpu_zero");
    assertThat(zero.<String>getAs("notes")).contains("TotalCPU 0: taken as not recorded, CPUTime billed");
    // the reported 60 % is not used; 2 boards × 1.0 × 400 W, no idle floor
    Row gpu = j.get("gpu-util-60");
    assertThat(gpu.<Double>getAs("gpu_power_w")).isCloseTo(800, within(1e-12));
    assertThat(gpu.<String>getAs("gpu_util_method")).isEqualTo("default");
    assertThat(gpu.<Double>getAs("gpu_util")).isEqualTo(1.0);
  }

  @Test
  void tdpPowerScalesWithAMeasuredUtilisationFromZero() {
    Row gpu = model(site().method(m -> m.gpuPower = "tdp")).get("gpu-util-60");
    assertThat(gpu.<Double>getAs("gpu_power_w")).isCloseTo(2 * 0.6 * 400, within(1e-12));
    assertThat(gpu.<Double>getAs(EnergyModel.GPU_IDLE_W)).isEqualTo(0.0);
  }

  @Test
  void energySourceModelledSetsMetersAndSamplesAsideAndSaysSo() {
    Site site = Site.builder().cluster("c", "R", 1.5).method(m -> {
      m.preset = "green-algorithms";
      m.energySource = "modelled";
    }).build();
    Dataset<Row> in = Frames.of(spark, "job_key STRING, cluster STRING, gpu_util DOUBLE, gpu_util_method STRING,"
            + " measured_kwh DOUBLE, sampled_kwh DOUBLE",
            row("metered", "c", 1.0, "default", 2.0, null),
            row("sampled", "c", 1.0, "default", null, 3.0),
            row("modelled", "c", 1.0, "default", null, null))
        .withColumn(EnergyModel.CANDIDATE_COLUMN, EnergyEstimate.candidate(EnergyModel.MODELLED, lit(1.0),
            lit(0.8), lit(1.2), lit(0.0), lit(null).cast("string"), lit(null).cast("double")))
        .withColumn(MeasuredEnergy.CANDIDATE_COLUMN, when(col("measured_kwh").isNotNull(), EnergyEstimate.candidate(
            MeasuredEnergy.MEASURED, col("measured_kwh"), col("measured_kwh"), col("measured_kwh"), lit(1.0),
            lit("meter"), lit(null).cast("double"))))
        .withColumn(SampledMethod.CANDIDATE_COLUMN, when(col("sampled_kwh").isNotNull(), EnergyEstimate.candidate(
            SampledMethod.SAMPLED, col("sampled_kwh"), col("sampled_kwh"), col("sampled_kwh"), lit(0.75),
            lit("samples"), lit(0.4))))
        .withColumn(MeasuredEnergy.UNUSED_REASON, lit(null).cast("string"));
    Map<String, Row> j = Frames.byKey(EnergyEstimate.apply(in, site), "job_key");
    // every job the model's 1.0 kWh × PUE 1.5, whatever the meter or the samples said
    j.values().forEach(r -> {
      assertThat(r.<String>getAs("energy_method")).isEqualTo("modelled");
      assertThat(r.<Double>getAs("energy_kwh")).isCloseTo(1.5, within(1e-12));
      assertThat(r.<String>getAs("method")).isEqualTo("green-algorithms");
    });
    assertThat(j.get("metered").<String>getAs("energy_note"))
        .isEqualTo("ConsumedEnergyRaw not used: method.energy_source modelled");
    assertThat(j.get("sampled").<String>getAs("energy_note"))
        .isEqualTo("GPU power samples not used: method.energy_source modelled");
    assertThat(j.get("sampled").<Double>getAs("gpu_util")).isEqualTo(1.0);
    assertThat(j.get("modelled").<String>getAs("energy_note")).isNull();
  }
}
