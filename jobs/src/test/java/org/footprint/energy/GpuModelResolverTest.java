package org.footprint.energy;

import static org.assertj.core.api.Assertions.assertThat;
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
 * The board of each job, rule by rule. Cluster c lists partitions a100 (A100-80GB, MIG-capable), cpu (no board)
 * and defaults to V100; cluster d lists none and has no default, so power.default_gpu_model (GENERIC-GPU) applies.
 */
class GpuModelResolverTest extends SparkTestBase {
  private static final String USAGE = "job_key STRING, cluster STRING, partition STRING, gpu_count DOUBLE,"
      + " gpu_type STRING, gpu_mig BOOLEAN, start_estimated BOOLEAN";
  private static Map<String, Row> jobs;

  @BeforeAll
  static void resolve() {
    Site site = Site.builder()
        .gpu("A100-80GB", 400, 50, 7, "a100", "a100_80g")
        .gpu("H100", 700, 70, 7, "h100")
        .gpu("V100", 300, 30, "v100")
        .gpu("GENERIC-GPU", 300, 50)
        .power(p -> p.defaultGpuModel = "GENERIC-GPU")
        .cluster("c", "R", 1.0, c -> c.defaultGpuModel = "V100")
        .partition("c", "a100", "A100-80GB", null)
        .partition("c", "cpu", null, null)
        .cluster("d", "R", 1.0)
        .build();
    Dataset<Row> usage = Frames.of(spark, USAGE,
        row("mig-slice", "c", "a100", 1.0 / 7, "1g.10gb", true, false),
        row("gres-type", "c", "a100", 1.0, "h100", false, false),
        row("partition", "c", "a100", 2.0, null, false, false),
        row("cluster-default", "c", "gpu", 1.0, null, false, false),
        row("site-default", "d", null, 1.0, "tesla", false, false),
        row("cpu-job", "c", "cpu", 0.0, null, false, true));
    jobs = Frames.byKey(GpuModelResolver.apply(usage, site), "job_key");
  }

  @Test
  void aMigSliceTakesItsPartitionsBoardWhateverItsTypeSays() {
    expect("mig-slice", "A100-80GB", "partition", "unknown_gpu_type:1g.10gb");
  }

  @Test
  void aKnownGresTypeWinsOverThePartitionsBoard() {
    expect("gres-type", "H100", "gres_type", null);
    expect("partition", "A100-80GB", "partition", null);
  }

  @Test
  void defaultsAreWarnedAbout() {
    // gpu is not a listed partition of c; d lists none, so its partition is not checked
    expect("cluster-default", "V100", "cluster_default", "unknown_partition:gpu;gpu_model_defaulted:V100");
    expect("site-default", "GENERIC-GPU", "default", "unknown_gpu_type:tesla;gpu_model_defaulted:GENERIC-GPU");
  }

  @Test
  void aJobWithoutGpusHasNoBoardAndKeepsTheReadersWarning() {
    expect("cpu-job", null, "none", "start_estimated:submit");
  }

  private static void expect(String key, String model, String rule, String warnings) {
    Row j = jobs.get(key);
    assertThat(j.<String>getAs("gpu_model")).as(key).isEqualTo(model);
    assertThat(j.<String>getAs("gpu_model_rule")).as(key).isEqualTo(rule);
    assertThat(j.<String>getAs("warnings")).as(key).isEqualTo(warnings);
  }
}
