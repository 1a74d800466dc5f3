package org.footprint.source.kubernetes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.conf.Paths;
import org.footprint.conf.InputSpec;
import org.footprint.io.CacheScope;
import org.footprint.source.InputPlan;
import org.footprint.source.SourceResult;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sample-logs/kubernetes through the reader, with the conf block of fixtures/k8s/kestrel.yaml, checked against the
 * counts and per-pod facts that tools/sample-logs/make_k8s_samples.py computed from its own model (EXPECTED.json).
 */
class KubernetesSampleLogsTest extends SparkTestBase {
  private static JsonNode expected;
  private static FootprintConf conf;
  private static GpuProfiles profiles;
  private static SourceResult result;
  private static List<Row> usage;

  @BeforeAll
  static void run() throws IOException {
    expected = new ObjectMapper().readTree(TestPaths.repo().resolve("sample-logs/kubernetes/EXPECTED.json").toFile());
    conf = ConfLoader.load(TestPaths.fixture("k8s/kestrel.yaml").toString(), Map.of());
    profiles = GpuProfiles.read(Paths.resolve(conf, conf.gpuProfiles));
    result = KubernetesUsage.build(spark, inputs(conf), conf, profiles, new CacheScope());
    usage = result.usage().collectAsList();
  }

  /** The conf's Kubernetes inputs, planned as a run plans them. */
  private static List<KubernetesUsage.Inputs> inputs(FootprintConf c) {
    return KubernetesSource.inputs(InputPlan.of(c).of(InputSpec.Source.KUBERNETES));
  }

  private static Map<String, Long> counts(SourceResult r) {
    return Frames.sumBy(r.counts(), "category", "n");
  }

  private static Map<String, Long> tally(java.util.function.Function<Row, String> key) {
    return usage.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }

  private static Map<String, Long> expectedMap(String field) {
    Map<String, Long> m = new HashMap<>();
    expected.get(field).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
    return m;
  }

  @Test
  void inputsComeFromTheConfGroupedByCluster() {
    List<KubernetesUsage.Inputs> in = inputs(conf);
    assertThat(in).hasSize(1);
    assertThat(in.get(0).cluster()).isEqualTo("kestrel");
    assertThat(in.get(0).podFiles()).hasSize(expected.get("files").get("pods").size());
    assertThat(in.get(0).nodeFiles()).hasSize(1);
    assertThat(in.get(0).katibFiles()).hasSize(2);
  }

  @Test
  void countsMatchTheGeneratorAndReconcile() {
    Map<String, Long> c = counts(result);
    JsonNode e = expected.get("counts");
    assertThat(c.get("files")).isEqualTo(e.get("files").asLong());
    assertThat(c.get("records_read")).isEqualTo(e.get("records_read").asLong());
    assertThat(c.get("merged")).isEqualTo(e.get("merged").asLong());
    assertThat(c.get("skipped")).isEqualTo(e.get("skipped").asLong());
    assertThat(c.get("rejected")).isEqualTo(e.get("rejected").asLong());
    assertThat((long) usage.size()).isEqualTo(e.get("usage").asLong());
    assertThat(c.get("records_read")).isEqualTo(usage.size() + c.get("merged") + c.get("skipped") + c.get("rejected"));
    assertThat(usage.stream().map(r -> r.<String>getAs("job_id_raw")).distinct().count()).isEqualTo(usage.size());
  }

  @Test
  void recordsPerFile() {
    Map<String, Long> perFile = Frames.countBy(PodJsonReader.read(spark, "kestrel", inputs(conf).get(0).podFiles())
        .withColumn("file", concat(lit("pods/"), regexp_replace(col("file"), ".*/", ""))), "file");
    assertThat(perFile).isEqualTo(expectedMap("records_per_file"));
  }

  @Test
  void skippedAndRejectedWhereTheGeneratorPlantedThem() {
    Map<String, Long> reasons = result.skipped().collectAsList().stream().collect(Collectors.groupingBy(
        r -> r.<String>getAs("reason").startsWith("never started") ? "never started"
            : r.<String>getAs("reason").startsWith("still running") ? "still running" : r.getAs("reason"),
        Collectors.counting()));
    assertThat(reasons).isEqualTo(expectedMap("skipped_reasons"));
    List<Row> rejects = result.rejects().collectAsList();
    for (JsonNode want : expected.get("file_rejects")) {
      String file = want.get("file").asText();
      assertThat(rejects).as(file).anySatisfy(r -> {
        assertThat(r.<String>getAs("file")).endsWith("kubernetes/" + file);
        assertThat(r.<Long>getAs("line")).isEqualTo(want.get("line").asLong());
        assertThat(r.<String>getAs("reason")).contains("line " + want.get("line").asLong() + ", column");
      });
    }
    JsonNode vanished = expected.get("planted").get("unknown_vanished");
    assertThat(rejects.stream().filter(r -> r.<String>getAs("raw").startsWith(vanished.get("job_id").asText() + " ")))
        .singleElement().satisfies(r -> assertThat(r.<String>getAs("reason")).contains("phase Unknown"));
    assertThat(rejects).hasSize(expected.get("counts").get("rejected").asInt());
  }

  @Test
  void statesRegionsNamespacesAndGpuHours() {
    assertThat(tally(r -> r.getAs("state"))).isEqualTo(expectedMap("usage_states"));
    assertThat(tally(r -> String.valueOf((Object) r.getAs("region")))).isEqualTo(expectedMap("usage_regions"));
    assertThat(tally(r -> r.getAs("partition"))).isEqualTo(expectedMap("usage_namespaces"));
    double gpuHours = usage.stream().mapToDouble(r -> r.<Double>getAs("gpu_count") * r.<Long>getAs("duration_s") / 3600.0)
        .sum();
    assertThat(gpuHours).isCloseTo(expected.get("gpu_hours").asDouble(), within(1e-5));
  }

  @Test
  void katibSweepsTheirKindsTrialsSuggestionsAndBestTrial() {
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("sweeps").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> s = it.next();
      List<Row> pods = usage.stream().filter(r -> s.getKey().equals(r.getAs("sweep_id"))).toList();
      JsonNode e = s.getValue();
      assertThat(pods).as(s.getKey()).allMatch(r -> e.get("kind").asText().equals(r.getAs("sweep_kind")));
      assertThat(pods.stream().filter(r -> "trial".equals(r.getAs("sweep_role"))).count()).as(s.getKey() + " trials")
          .isEqualTo(e.get("trials").asLong());
      assertThat(pods.stream().filter(r -> "suggestion".equals(r.getAs("sweep_role"))).count())
          .isEqualTo(e.get("suggestion").asLong());
      assertThat(pods.stream().filter(r -> "trial".equals(r.getAs("sweep_role")) && !"COMPLETED".equals(r.getAs("state")))
          .count()).isEqualTo(e.get("failed_trials").asLong());
      assertThat(pods.stream().filter(r -> Boolean.TRUE.equals(r.getAs("sweep_best"))).count())
          .isEqualTo(e.get("best_pods").asLong());
    }
    assertThat(usage.stream().filter(r -> r.getAs("sweep_id") != null).count())
        .isEqualTo(sumOf(expected.get("sweeps"), "trials") + sumOf(expected.get("sweeps"), "suggestion"));
  }

  private static long sumOf(JsonNode sweeps, String field) {
    long n = 0;
    for (JsonNode s : sweeps) {
      n += s.get(field).asLong();
    }
    return n;
  }

  @Test
  void plantedPodsHaveTheirHandComputedFacts() {
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("planted").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      JsonNode e = p.getValue();
      if (!"usage".equals(e.get("outcome").asText())) {
        continue;
      }
      Row r = usage.stream().filter(x -> e.get("uid").asText().equals(x.getAs("job_id_raw"))).findFirst()
          .orElseThrow(() -> new AssertionError(p.getKey() + " not in usage"));
      String what = p.getKey() + " " + e.get("job_id").asText();
      assertThat(r.<String>getAs("job_id")).as(what).isEqualTo(e.get("job_id").asText());
      assertThat(r.<String>getAs("state")).as(what).isEqualTo(e.get("state").asText());
      assertThat(r.<Timestamp>getAs("start_utc")).as(what).isEqualTo(Timestamp.from(Instant.parse(e.get("start_utc").asText())));
      assertThat(r.<Timestamp>getAs("end_utc")).as(what).isEqualTo(Timestamp.from(Instant.parse(e.get("end_utc").asText())));
      assertThat(r.<Long>getAs("duration_s")).as(what).isEqualTo(e.get("duration_s").asLong());
      assertThat(r.<Double>getAs("gpu_count")).as(what).isCloseTo(e.get("gpu_count").asDouble(), within(1e-8));
      assertThat(r.<String>getAs("gpu_type")).as(what).isEqualTo(e.get("gpu_type").isNull() ? null : e.get("gpu_type").asText());
      assertThat(r.<String>getAs("region")).as(what).isEqualTo(e.get("region").asText());
      assertThat(r.<String>getAs("user")).as(what).isEqualTo(e.get("user").asText());
      assertThat(r.<String>getAs("project")).as(what).isEqualTo(e.get("project").asText());
      assertThat(r.<String>getAs("attribution")).as(what).isEqualTo(e.get("attribution").asText());
      assertThat(r.<Integer>getAs("restarts")).as(what).isEqualTo(e.get("restarts").asInt());
      assertThat(r.getList(r.fieldIndex("nodes"))).as(what).containsExactly(e.get("node").asText());
      if (e.has("sweep_id")) {
        assertThat(r.<String>getAs("sweep_id")).as(what).isEqualTo(e.get("sweep_id").asText());
        assertThat(r.<String>getAs("sweep_role")).as(what).isEqualTo(e.get("sweep_role").asText());
        assertThat(r.<Boolean>getAs("sweep_best")).as(what)
            .isEqualTo(e.get("sweep_best").isNull() ? null : e.get("sweep_best").asBoolean());
      }
    }
  }

  @Test
  void recreatedNotebookPodsAreSeparateRunsAndTheMissingNodeIsNoted() {
    JsonNode first = expected.get("planted").get("notebook_first");
    JsonNode second = expected.get("planted").get("notebook_second");
    assertThat(first.get("job_id")).isEqualTo(second.get("job_id"));
    assertThat(usage.stream().filter(r -> first.get("job_id").asText().equals(r.getAs("job_id"))).count())
        .isGreaterThanOrEqualTo(2);
    JsonNode missing = expected.get("planted").get("missing_node");
    Row r = usage.stream().filter(x -> missing.get("uid").asText().equals(x.getAs("job_id_raw"))).findFirst().orElseThrow();
    assertThat(r.<String>getAs("notes")).contains("not in the nodes dump: node_defaults pattern");
  }

  @Test
  void includeRunningAddsTheProvisionalPodsClippedToTheStreamsLastTimeStamp() {
    FootprintConf withRunning = ConfLoader.load(TestPaths.fixture("k8s/kestrel.yaml").toString(),
        Map.of("clusters.kestrel.kubernetes.include_running", "true"));
    SourceResult r = KubernetesUsage.build(spark, inputs(withRunning), withRunning, profiles, new CacheScope());
    JsonNode e = expected.get("include_running");
    List<Row> running = r.usage().filter(col("state").equalTo("RUNNING")).collectAsList();
    assertThat(r.usage().count()).isEqualTo(e.get("usage").asLong());
    assertThat(counts(r).get("skipped")).isEqualTo(e.get("skipped").asLong());
    Timestamp snapshot = Timestamp.from(Instant.parse(e.get("snapshot_utc").asText()));
    assertThat(running).hasSize(3).allSatisfy(x -> {
      assertThat(x.<Timestamp>getAs("end_utc")).isEqualTo(snapshot);
      assertThat(x.<String>getAs("notes")).startsWith("provisional");
    });
    double extra = running.stream().mapToDouble(x -> x.<Double>getAs("gpu_count") * x.<Long>getAs("duration_s") / 3600.0)
        .sum();
    assertThat(extra).isCloseTo(e.get("extra_gpu_hours").asDouble(), within(1e-5));
  }
}
