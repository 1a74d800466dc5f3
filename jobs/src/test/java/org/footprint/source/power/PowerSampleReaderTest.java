package org.footprint.source.power;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.io.CacheScope;
import org.footprint.model.Schemas;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Spark reader over the hand-made fixtures: tables follow their schema files and every line is counted. */
class PowerSampleReaderTest extends SparkTestBase {
  private static PowerSampleReader.Result result;

  static String fixture(String name) {
    return TestPaths.fixture("power/" + name).toString();
  }

  @BeforeAll
  static void read() {
    Map<String, PowerInput> files = new LinkedHashMap<>();
    files.put(fixture("nvidia-smi/node-a.csv"), new PowerInput("alpine", "nvidia-smi", "Europe/Berlin", null, null));
    files.put(fixture("nvidia-smi/gpu101_noheader.csv"), new PowerInput("alpine", "nvidia-smi", "Europe/Berlin",
        List.of("timestamp", "index", "power.draw", "utilization.gpu"), null));
    files.put(fixture("nvidia-smi/wrapped.log"), new PowerInput("alpine", "nvidia-smi", "Europe/Berlin", null, null));
    files.put(fixture("dcgm/k8s-gpu-1.prom"), new PowerInput("kube", "dcgm", "UTC", null, null));
    result = PowerSampleReader.read(spark, files, new CacheScope());
  }

  private static Map<String, Long> counts(String cluster) {
    return Frames.values(result.counts().filter(col("cluster").equalTo(cluster)), "category", "n");
  }

  @Test
  void tablesFollowTheirSchemaFiles() {
    assertThat(result.samples().schema().fieldNames()).containsExactly(Schemas.of("gpu_samples").fieldNames());
    assertThat(result.rejects().schema().fieldNames()).containsExactly(Schemas.of("rejects").fieldNames());
    assertThat(result.counts().columns()).containsExactly("source", "cluster", "category", "n");
  }

  @Test
  void everyLineIsASampleAMergedLineASkipOrAReject() {
    Map<String, Long> alpine = counts("alpine");
    assertThat(alpine).containsOnly(Map.entry("files", 3L), Map.entry("records_read", 18L),
        Map.entry("merged", 0L), Map.entry("skipped", 0L), Map.entry("rejected", 3L), Map.entry("warned", 0L));
    Map<String, Long> kube = counts("kube");
    assertThat(kube).containsOnly(Map.entry("files", 1L), Map.entry("records_read", 22L),
        Map.entry("merged", 12L), Map.entry("skipped", 3L), Map.entry("rejected", 1L), Map.entry("warned", 0L));
    for (String cluster : List.of("alpine", "kube")) {
      Map<String, Long> c = counts(cluster);
      long samples = result.samples().filter(col("cluster").equalTo(cluster)).count();
      assertThat(c.get("records_read")).isEqualTo(samples + c.get("merged") + c.get("skipped") + c.get("rejected"));
    }
  }

  @Test
  void rejectsSayFileLineAndReason() {
    List<Row> rejects = result.rejects().orderBy("file", "line").collectAsList();
    // the source of a reject is "power", as in run_summary, whatever the log's format
    assertThat(rejects).extracting(r -> r.getString(0)).containsExactly("power", "power", "power", "power");
    assertThat(rejects).extracting(r -> r.<String>getAs("file").replaceAll(".*/", ""), r -> r.<Long>getAs("line"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("k8s-gpu-1.prom", 47L),
            org.assertj.core.groups.Tuple.tuple("node-a.csv", 8L),
            org.assertj.core.groups.Tuple.tuple("node-a.csv", 13L),
            org.assertj.core.groups.Tuple.tuple("node-a.csv", 15L));
  }

  @Test
  void nvidiaSmiSamplesCarryNodeLocalTimeAndPlaceholders() {
    Dataset<Row> nodeA = result.samples().filter(col("node").equalTo("node-a"));
    assertThat(nodeA.count()).isEqualTo(9);
    assertThat(nodeA.filter(col("power_w").isNull()).count()).isEqualTo(1);
    Row first = nodeA.orderBy("ts_utc", "gpu_index").first();
    assertThat(first.<Timestamp>getAs("ts_utc").toInstant()).isEqualTo(Instant.parse("2026-10-20T12:00:00.015Z"));
    assertThat(first.<String>getAs("gpu_model")).isEqualTo("NVIDIA A100-SXM4-40GB");
    assertThat(result.samples().filter(col("node").isin("hgx01", "hgx02")).count()).isEqualTo(2);
    assertThat(result.samples().filter(col("node").equalTo("gpu101")).count()).isEqualTo(4);
  }

  @Test
  void dcgmSamplesMergeMetricsAndKeepPodLabels() {
    List<Row> pod = result.samples().filter(col("pod").equalTo("train-0")).orderBy("ts_utc").collectAsList();
    assertThat(pod).hasSize(3);
    assertThat(pod).extracting(r -> r.<Double>getAs("energy_mj")).containsExactly(1.0e9, 1.004575e9, 1.0093e9);
    assertThat(pod).extracting(r -> r.<String>getAs("namespace")).containsOnly("ml");
    assertThat(pod).extracting(r -> r.<String>getAs("ts_source")).containsOnly("scrape_time");
  }
}
