package org.footprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.footprint.testing.Frames.row;
import static org.footprint.testing.Frames.utc;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;
import org.footprint.io.CacheScope;
import org.footprint.model.Schemas;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

/** The steps in order, and one usage row built in code through all of them to a jobs row. */
class JobPipelineTest extends SparkTestBase {
  private static final Site SITE = Site.builder()
      .gpu("A100", 400, 50, "a100")
      .power(p -> {
        p.defaultGpuModel = "A100";
        p.cpuWattsPerCore = 10;
        p.gpuUtilDefault = 1.0;
        p.gpuUtilLow = 0.5;
      })
      .cluster("c", "GB", 1.25)
      .annualIntensity("*", 200)
      .price("A100", 2.0, 4.0)
      .build();

  @Test
  void theStepsInTheirOrder() {
    JobPipeline p = JobPipeline.of(SITE, null, null, null, new CacheScope());
    assertThat(p.steps().stream().map(JobPipeline.NamedStep::name)).containsExactly("job_key",
        "partition_by_job_key", "gpu_model", "modelled_energy", "measured_energy", "sampled_energy",
        "energy_estimate", "energy_checkpoint", "region", "sweep", "carbon", "embodied", "market_based", "marginal",
        "counterfactuals", "cost",
        "jobs_table");
  }

  @Test
  void aUsageRowBecomesAJobsRow() {
    Dataset<Row> usage = Frames.fill(Frames.of(spark, "cluster STRING, source STRING, job_id STRING,"
            + " state STRING, start_utc TIMESTAMP, end_utc TIMESTAMP, duration_s BIGINT, nodes ARRAY<STRING>,"
            + " gpu_count DOUBLE, gpu_type STRING, cpu_count DOUBLE",
        row("c", "slurm", "1", "COMPLETED", utc("2025-01-01T10:00:00Z"), utc("2025-01-01T11:00:00Z"), 3600L,
            List.of("n1"), 1.0, "a100", 4.0)), Schemas.of("usage"));
    Dataset<Row> intensity = spark.createDataFrame(List.of(), Schemas.of("intensity_slots"));
    try (CacheScope cache = new CacheScope()) {
      Dataset<Row> jobs = JobPipeline.of(SITE, null, null, intensity, cache).apply(usage);
      assertThat(jobs.columns()).containsExactly(Schemas.of("jobs").fieldNames());
      Row j = jobs.first();
      // 1 A100 at utilisation 1: 400 W; 4 cores × 10 W; 440 W × 1 h = 0.44 kWh IT, × PUE 1.25 = 0.55 kWh;
      // low: 50 + 0.5 × 350 = 225 W + 40 W → 0.265 × 1.25; no hourly values: 200 g/kWh → 0.11 kg
      assertThat((double) j.getAs("energy_it_kwh")).isCloseTo(0.44, within(1e-12));
      assertThat((double) j.getAs("energy_kwh")).isCloseTo(0.55, within(1e-12));
      assertThat((double) j.getAs("energy_low_kwh")).isCloseTo(0.33125, within(1e-12));
      assertThat((double) j.getAs("co2e_kg")).isCloseTo(0.11, within(1e-12));
      assertThat(j.<String>getAs("energy_method")).isEqualTo("modelled");
      assertThat(j.<String>getAs("intensity_method")).isEqualTo("fallback");
      assertThat(j.<String>getAs("region")).isEqualTo("GB");
      assertThat(j.<String>getAs("sweep_kind")).isEqualTo("single");
      assertThat((double) j.getAs("cost_high_usd")).isEqualTo(4.0);
      assertThat(j.<String>getAs("nodes")).isEqualTo("n1");
      assertThat(j.getAs("day").toString()).isEqualTo("2025-01-01");
    }
  }
}
