package org.footprint.source.kubernetes;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Katib example Experiments (shared/corpus/kubernetes, see SOURCES.md), read in place through the
 * reader's Spark path. Facts asserted are those SOURCES.md states. Skipped on a clone without the corpus.
 */
class KatibCorpusConformanceTest extends SparkTestBase {
  private static Map<String, Row> byName;

  @BeforeAll
  static void read() {
    assumeTrue(TestPaths.hasCorpus(), "shared corpus absent");
    List<String> files = List.of("enas-gpu.yaml", "random.yaml", "pytorchjob-mnist.yaml").stream()
        .map(f -> TestPaths.corpus().resolve("kubernetes").resolve(f).toString()).toList();
    List<Row> rows = KatibReader.read(spark, "corpus", files).collectAsList();
    assertThat(rows).hasSize(3).allMatch(r -> KatibRecord.EXPERIMENT.equals(r.getAs("kind")));
    byName = rows.stream().collect(Collectors.toMap(r -> r.getAs("name"), r -> r));
  }

  @Test
  void enasIsArchitectureSearchWithOneGpuPerTrialFromLimitsOnly() {
    Row r = byName.get("enas-gpu");
    assertThat((String) r.getAs("sweep_kind")).isEqualTo("nas");
    assertThat((String) r.getAs("algorithm")).isEqualTo("enas");
    assertThat((String) r.getAs("namespace")).isEqualTo("kubeflow");
    assertCounts(r, 12, 3, 3);
    assertThat((String) r.getAs("trial_kind")).isEqualTo("Job");
    assertThat((Integer) r.getAs("trial_pods")).isEqualTo(1);
    assertThat((Double) r.getAs("trial_gpus")).isEqualTo(1.0); // limits: nvidia.com/gpu: 1, no requests block
    // "---" and six comment lines come first: the object starts at apiVersion, line 8
    assertThat((Long) r.getAs("line")).isEqualTo(8L);
    assertThat((String) r.getAs("file")).endsWith("kubernetes/enas-gpu.yaml");
  }

  @Test
  void randomIsHyperparameterSearchWithoutGpus() {
    Row r = byName.get("random");
    assertThat((String) r.getAs("sweep_kind")).isEqualTo("hpo");
    assertThat((String) r.getAs("algorithm")).isEqualTo("random");
    assertCounts(r, 12, 3, 3);
    assertThat((String) r.getAs("trial_kind")).isEqualTo("Job");
    assertThat((Double) r.getAs("trial_gpus")).isEqualTo(0.0);
    assertThat((Long) r.getAs("line")).isEqualTo(2L);
  }

  @Test
  void pytorchJobTrialTemplateIsHyperparameterSearchWithMasterAndWorker() {
    Row r = byName.get("pytorchjob-mnist");
    assertThat((String) r.getAs("sweep_kind")).isEqualTo("hpo");
    assertCounts(r, 12, 3, 3);
    assertThat((String) r.getAs("trial_kind")).isEqualTo("PyTorchJob");
    assertThat((Integer) r.getAs("trial_pods")).isEqualTo(2); // Master 1 + Worker 1
    assertThat((Double) r.getAs("trial_gpus")).isEqualTo(0.0);
  }

  @Test
  void examplesHaveNoStatusSoNoBestTrial() {
    assertThat(byName.values()).allMatch(r -> r.isNullAt(r.fieldIndex("best_trial")));
  }

  private static void assertCounts(Row r, int max, int parallel, int maxFailed) {
    assertThat((Integer) r.getAs("max_trial_count")).isEqualTo(max);
    assertThat((Integer) r.getAs("parallel_trial_count")).isEqualTo(parallel);
    assertThat((Integer) r.getAs("max_failed_trial_count")).isEqualTo(maxFailed);
  }

  @Test
  void corpusFilesDriveSweepKindOfLabelledPods() {
    // a labelled trial pod of each corpus experiment gets that experiment's kind through the usage path
    var katib = KatibReader.read(spark, "corpus", List.of(
        TestPaths.corpus().resolve("kubernetes/enas-gpu.yaml").toString(),
        TestPaths.corpus().resolve("kubernetes/pytorchjob-mnist.yaml").toString()));
    var pods = spark.createDataFrame(List.of(
            org.apache.spark.sql.RowFactory.create("corpus", "kubeflow", Map.of(
                OwnerResolution.EXPERIMENT_LABEL, "enas-gpu", OwnerResolution.TRIAL_LABEL, "enas-gpu-abcdefgh"),
                null, null),
            org.apache.spark.sql.RowFactory.create("corpus", "kubeflow", Map.of(), "PyTorchJob",
                "pytorchjob-mnist-12345678")),
        org.apache.spark.sql.types.StructType.fromDDL(
            "cluster STRING, namespace STRING, labels MAP<STRING,STRING>, owner_kind STRING, owner_name STRING"));
    List<Row> out = OwnerResolution.apply(pods, katib, List.of()).orderBy(col("sweep_id")).collectAsList();
    assertThat(out.get(0).<String>getAs("sweep_id")).isNull(); // unlabelled, and no Trial object in the corpus
    assertThat(out.get(1).<String>getAs("sweep_id")).isEqualTo("katib:kubeflow/enas-gpu");
    assertThat(out.get(1).<String>getAs("sweep_kind")).isEqualTo("nas");
    assertThat(out.get(1).<String>getAs("sweep_role")).isEqualTo("trial");
  }
}
