package org.footprint.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.footprint.testing.Frames.row;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modelled candidate against hand-computed watts and kWh. A100: TDP 400 W, idle 50 W. Power constants: default
 * GPU utilisation 0.8 (band 0.5-1.0), ± 0.1 around a reported one, 0.5 W/GB; W per core 12 on cluster c, 20 on
 * its partition big, 10 (the site's) on cluster d.
 */
class EnergyModelTest extends SparkTestBase {
  private static final String JOBS = "job_key STRING, cluster STRING, partition STRING, duration_s BIGINT,"
      + " gpu_model STRING, gpu_count DOUBLE, cpu_count DOUBLE, cpu_seconds DOUBLE, mem_gb DOUBLE, gpu_util DOUBLE";
  private static final double EPS = 1e-12;
  private static Map<String, Row> jobs;

  @BeforeAll
  static void model() {
    Site site = Site.builder()
        .gpu("A100", 400, 50)
        .power(p -> {
          p.cpuWattsPerCore = 10;
          p.memoryWattsPerGb = 0.5;
          p.cpuUsageDefault = 1.0;
          p.gpuUtilDefault = 0.8;
          p.gpuUtilLow = 0.5;
          p.gpuUtilHigh = 1.0;
          p.gpuUtilMeasuredBand = 0.1;
        })
        .cluster("c", "R", 1.5, c -> c.cpuWattsPerCore = 12.0)
        .partition("c", "big", null, 20.0)
        .cluster("d", "R", 1.5)
        .build();
    Dataset<Row> in = Frames.of(spark, JOBS,
        row("default-util", "c", "gpu", 7200L, "A100", 2.0, 4.0, null, 16.0, null),
        row("reported-util", "c", "big", 3600L, "A100", 1.0, 2.0, 3600.0, 0.0, 0.6),
        row("cpu-only", "d", null, 3600L, null, 0.0, 4.0, 7200.0, 10.0, null));
    jobs = Frames.byKey(EnergyModel.apply(in, site), "job_key");
  }

  @Test
  void unknownUtilisationIsTheDefaultWithTheConfiguredBand() {
    Row j = jobs.get("default-util");
    // GPUs 2 × (50 + 0.8 × 350) = 660 W (low 2 × (50 + 0.5 × 350) = 450, high 2 × 400 = 800);
    // CPU 4 cores × 12 W × usage 1 (no TotalCPU: the default) = 48 W; memory 16 GB × 0.5 = 8 W
    assertThat((double) j.getAs("gpu_power_w")).isCloseTo(660, within(EPS));
    assertThat((double) j.getAs("cpu_power_w")).isCloseTo(48, within(EPS));
    assertThat((double) j.getAs("mem_power_w")).isCloseTo(8, within(EPS));
    assertThat((double) j.getAs("gpu_hours")).isEqualTo(4.0);
    assertThat((double) j.getAs("gpu_util")).isEqualTo(0.8);
    assertThat(j.<String>getAs("gpu_util_method")).isEqualTo("default");
    // IT kWh: (660 + 48 + 8) W × 2 h = 1.432; low (450 + 56) × 2 = 1.012; high (800 + 56) × 2 = 1.712
    expectCandidate(j, 1.432, 1.012, 1.712);
  }

  @Test
  void aReportedUtilisationIsUsedWithItsOwnBandAndThePartitionsWattsPerCore() {
    Row j = jobs.get("reported-util");
    // GPU 50 + 0.6 × 350 = 260 W (low 0.5 → 225, high 0.7 → 295); CPU 2 × 20 W × (3600 s / (3600 s × 2)) = 20 W
    assertThat((double) j.getAs("gpu_power_w")).isCloseTo(260, within(EPS));
    assertThat((double) j.getAs("cpu_usage")).isEqualTo(0.5);
    assertThat((double) j.getAs("cpu_power_w")).isCloseTo(20, within(EPS));
    assertThat(j.<String>getAs("gpu_util_method")).isEqualTo("measured");
    // 280 W × 1 h; low 245 W, high 315 W
    expectCandidate(j, 0.28, 0.245, 0.315);
  }

  @Test
  void aCpuJobHasNoGpuPowerAndTheSitesWattsPerCore() {
    Row j = jobs.get("cpu-only");
    // CPU 4 × 10 W × min(1, 7200 / (3600 × 4)) = 20 W; memory 10 × 0.5 = 5 W; 25 W × 1 h
    assertThat((double) j.getAs("gpu_power_w")).isEqualTo(0.0);
    assertThat((double) j.getAs("cpu_power_w")).isCloseTo(20, within(EPS));
    assertThat(j.<Double>getAs("gpu_util")).isNull();
    assertThat(j.<String>getAs("gpu_util_method")).isNull();
    assertThat((double) j.getAs("gpu_idle_w")).isEqualTo(0.0);
    expectCandidate(j, 0.025, 0.025, 0.025);
  }

  private static void expectCandidate(Row j, double it, double low, double high) {
    Row c = j.getAs(EnergyModel.CANDIDATE_COLUMN);
    assertThat(c.<String>getAs("method")).isEqualTo("modelled");
    assertThat((double) c.getAs("it_kwh")).isCloseTo(it, within(EPS));
    assertThat((double) c.getAs("it_low_kwh")).isCloseTo(low, within(EPS));
    assertThat((double) c.getAs("it_high_kwh")).isCloseTo(high, within(EPS));
    assertThat((double) c.getAs("coverage")).isEqualTo(0.0);
    assertThat(c.<String>getAs("note")).isNull();
    assertThat(c.<Double>getAs("gpu_util")).isNull();
  }
}
