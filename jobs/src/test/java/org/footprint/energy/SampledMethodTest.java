package org.footprint.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.footprint.testing.Frames.row;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;
import org.footprint.io.CacheScope;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sampled candidate: sampled GPU energy + the model for the uncovered rest + modelled CPU and memory. Every
 * job runs one hour on one board of one node; samples every 60 s, utilisation 0.5; measured_band 5 %. The modelled
 * columns are given: idle 50 W, TDP 400 W, band 225-400 W (sacct had no utilisation) or 225-295 W (it had 0.6).
 */
class SampledMethodTest extends SparkTestBase {
  private static final String JOBS = "job_key STRING, cluster STRING, source STRING, job_id STRING,"
      + " partition STRING, nodes ARRAY<STRING>, start_utc TIMESTAMP, end_utc TIMESTAMP, duration_s BIGINT,"
      + " gpu_count DOUBLE, gpu_util_method STRING, gpu_power_w DOUBLE,"
      + " gpu_power_low_w DOUBLE, gpu_power_high_w DOUBLE, gpu_idle_w DOUBLE, gpu_tdp_w DOUBLE, cpu_power_w DOUBLE,"
      + " mem_power_w DOUBLE";
  private static final double EPS = 1e-12;
  private static Site site;
  private static Dataset<Row> in;
  private static Map<String, Row> jobs;

  @BeforeAll
  static void sample() {
    site = Site.builder().cluster("c", "R", 1.0).power(p -> {
      p.measuredBand = 0.05;
      p.sampleMaxGapS = 120;
    }).build();
    SampleData samples = new SampleData()
        .constant("n1", 0, 0, 3600, 60, 300, null, null)
        .constant("n2", 0, 0, 1800, 60, 200, null, null)
        .constant("n3", 0, 0, 1800, 60, 200, null, null);
    in = Frames.of(spark, JOBS,
        // gpu_util_method default: 1 × (50 + 0.8 × 350) = 330 W modelled; CPU 48 W, memory 2 W
        job("covered", "n1", 1.0, "default", 330, 225, 400, 48, 2),
        // sacct reported 0.6: 260 W modelled (band 225-295); no CPU, no memory
        job("half-reported", "n2", 1.0, "measured", 260, 225, 295, 0, 0),
        job("half-default", "n3", 1.0, "default", 330, 225, 400, 0, 0),
        job("unlogged", "n9", 1.0, "default", 330, 225, 400, 0, 0),
        job("cpu-only", "n1", 0.0, null, 0, 0, 0, 48, 0));
    try (CacheScope cache = new CacheScope()) {
      jobs = Frames.byKey(SampledMethod.apply(in, samples.samples(spark), site, cache), "job_key");
    }
  }

  @Test
  void aFullyCoveredJobIsItsSamplesPlusModelledCpuAndMemory() {
    // 300 W × 1 h = 0.3 kWh sampled, ± 5 %; + (48 + 2) W × 1 h = 0.05 kWh
    expect("covered", 0.35, 0.285 + 0.05, 0.315 + 0.05, 1.0);
    Row c = jobs.get("covered").getAs(SampledMethod.CANDIDATE_COLUMN);
    assertThat(c.<String>getAs("note")).isEqualTo("GPU power samples (node_share, coverage 100.0%) + modelled rest");
    assertThat((double) c.getAs("gpu_util")).isEqualTo(0.5); // sacct had none: the samples'
  }

  @Test
  void theUncoveredRestIsModelledWithTheReportedUtilisation() {
    // samples 0-1800 s: 200 W × 0.5 h = 0.1 kWh over half the run; the rest 260 W × 1 h × 0.5 = 0.13 kWh;
    // low 0.1 × 0.95 + 225 W × 0.5 h, high 0.1 × 1.05 + 295 W × 0.5 h
    expect("half-reported", 0.23, 0.095 + 0.1125, 0.105 + 0.1475, 0.5);
    Row c = jobs.get("half-reported").getAs(SampledMethod.CANDIDATE_COLUMN);
    assertThat(c.<String>getAs("note")).isEqualTo("GPU power samples (node_share, coverage 50.0%) + modelled rest");
    assertThat(c.<Double>getAs("gpu_util")).isNull(); // sacct reported one: it stays
  }

  @Test
  void withoutAReportedUtilisationTheRestIsModelledWithTheSampledOne() {
    // the rest at utilisation 0.5: 50 + 0.5 × 350 = 225 W × 1 h × 0.5 = 0.1125 kWh (not 330 W); band as configured
    expect("half-default", 0.1 + 0.1125, 0.095 + 0.1125, 0.105 + 0.2, 0.5);
    assertThat((double) jobs.get("half-default").<Row>getAs(SampledMethod.CANDIDATE_COLUMN).getAs("gpu_util"))
        .isEqualTo(0.5);
  }

  @Test
  void jobsWithoutSamplesOrWithoutGpusHaveNoCandidate() {
    for (String key : List.of("unlogged", "cpu-only")) {
      assertThat(jobs.get(key).<Row>getAs(SampledMethod.CANDIDATE_COLUMN)).as(key).isNull();
    }
    assertThat((double) jobs.get("unlogged").getAs("sampled_coverage")).isEqualTo(0.0);
    assertThat((long) jobs.get("unlogged").getAs("sample_count")).isEqualTo(0L);
    assertThat(jobs.get("cpu-only").<String>getAs("sampled_match")).isNull();
  }

  @Test
  void aRunWithoutSamplesHasTheColumnsAllNull() {
    Row j = SampledMethod.apply(in, null, site, new CacheScope()).first();
    for (String c : List.of(SampledMethod.CANDIDATE_COLUMN, "sampled_energy_kwh", "sampled_coverage",
        "sampled_gpu_util", "sample_count", "sampled_match", "sampled_hours")) {
      assertThat((Object) j.getAs(c)).as(c).isNull();
    }
  }

  private static void expect(String key, double it, double low, double high, double coverage) {
    Row c = jobs.get(key).getAs(SampledMethod.CANDIDATE_COLUMN);
    assertThat(c).as(key).isNotNull();
    assertThat(c.<String>getAs("method")).isEqualTo("sampled");
    assertThat((double) c.getAs("it_kwh")).as(key).isCloseTo(it, within(EPS));
    assertThat((double) c.getAs("it_low_kwh")).as(key).isCloseTo(low, within(EPS));
    assertThat((double) c.getAs("it_high_kwh")).as(key).isCloseTo(high, within(EPS));
    assertThat((double) c.getAs("coverage")).as(key).isCloseTo(coverage, within(EPS));
  }

  private static Row job(String key, String node, double gpus, String utilMethod, double gpuW, double lowW,
      double highW, double cpuW, double memW) {
    return row(key, "c", "slurm", key, "gpu", List.of(node), SampleData.at(0), SampleData.at(3600), 3600L, gpus,
        utilMethod, gpuW, lowW, highW, 50.0, 400.0, cpuW, memW);
  }
}
