package org.footprint.source.kubernetes;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.footprint.conf.FootprintConf;
import org.footprint.io.CacheScope;
import org.footprint.model.Schemas;
import org.footprint.source.SourceResult;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hand-computed facts of the fixture pods (fixtures/k8s/make_fixtures.py says what each one plants). */
class KubernetesFixtureTest extends SparkTestBase {
  private static final CacheScope CACHE = new CacheScope();
  private static SourceResult result;
  private static Map<String, Row> usage;

  @BeforeAll
  static void build() {
    result = KubernetesUsage.build(spark, List.of(K8sFixtures.inputs()), K8sFixtures.conf(false),
        K8sFixtures.profiles(), CACHE);
    usage = Frames.byKey(result.usage(), r -> r.<String>getAs("job_id") + "#" + r.<String>getAs("job_id_raw"));
  }

  private static Row pod(String jobId, String uid) {
    Row r = usage.get(jobId + "#" + uid);
    assertThat(r).as(jobId + " " + uid + " in usage").isNotNull();
    return r;
  }

  private static Timestamp t(String iso) {
    return Timestamp.from(java.time.Instant.parse(iso));
  }

  static Map<String, Long> counts(SourceResult r) {
    return Frames.sumBy(r.counts(), "category", "n");
  }

  @Test
  void outputsFollowTheSchemaFiles() {
    assertThat(result.usage().schema().fieldNames()).containsExactly(Schemas.of("usage").fieldNames());
    assertThat(result.rejects().schema().fieldNames()).containsExactly(Schemas.of("rejects").fieldNames());
    assertThat(result.skipped().schema().fieldNames()).containsExactly(Schemas.of("skipped").fieldNames());
    assertThat(usage.values()).allMatch(r -> "kubernetes".equals(r.getAs("source")) && "fx".equals(r.getAs("cluster")));
    // records, nodes, katib objects and the decided pods are cached for the several outputs: the caller unpersists
    assertThat(CACHE.size()).isEqualTo(4);
  }

  @Test
  void everyRecordEndsInExactlyOnePlace() {
    Map<String, Long> c = counts(result);
    // pods-list 20 objects (19 pods + a Service), watch 4 lines (3 pods + a broken line), truncated 2 items + the
    // cut, katib pods 10, and the broken katib file: 38
    assertThat(c).containsEntry("files", 8L).containsEntry("records_read", 38L).containsEntry("merged", 4L)
        .containsEntry("skipped", 3L).containsEntry("rejected", 5L);
    assertThat(result.usage().count()).isEqualTo(26);
    assertThat(c.get("records_read")).isEqualTo(result.usage().count() + c.get("merged") + c.get("skipped")
        + c.get("rejected"));
    assertThat(result.rejects().count()).isEqualTo(c.get("rejected"));
    assertThat(result.skipped().count()).isEqualTo(c.get("skipped"));
  }

  @Test
  void limitsOnlyGpusAndALoggerThatEndsLast() {
    Row r = pod("team-a/train-ok", "u01");
    assertThat(r.<Double>getAs("gpu_count")).isEqualTo(2.0);
    assertThat(r.<String>getAs("state")).isEqualTo("COMPLETED");
    assertThat(r.<Timestamp>getAs("start_utc")).isEqualTo(t("2026-10-27T10:00:00Z"));
    assertThat(r.<Timestamp>getAs("end_utc")).isEqualTo(t("2026-10-27T12:30:05Z"));
    assertThat(r.<Long>getAs("duration_s")).isEqualTo(9005L);
    assertThat(r.<String>getAs("user")).isEqualTo("alice");
    assertThat(r.<String>getAs("project")).isEqualTo("vision");
    assertThat(r.<String>getAs("attribution"))
        .isEqualTo("user=label:footprint.io/user project=label:footprint.io/project");
    assertThat(r.<Integer>getAs("restarts")).isZero();
    assertThat(r.<Double>getAs("cpu_count")).isEqualTo(8.5);
    assertThat(r.<Double>getAs("mem_gb")).isEqualTo(64.5);
    assertThat(r.<String>getAs("gpu_type")).isEqualTo("nvidia-a100-sxm4-80gb");
    assertThat(r.<Boolean>getAs("gpu_mig")).isFalse();
    assertThat(r.<String>getAs("region")).isEqualTo("US-CAL-CISO");
    assertThat(r.<String>getAs("partition")).isEqualTo("team-a");
    assertThat(r.<String>getAs("file")).endsWith("k8s/pods-list.json"); // the Succeeded snapshot, not the watch
    assertThat(r.<Long>getAs("line")).isEqualTo(8L);
    assertThat(r.getList(r.fieldIndex("nodes"))).containsExactly("gpu-w1");
    assertThat(r.<Timestamp>getAs("submit_utc")).isEqualTo(t("2026-10-27T07:00:00Z"));
  }

  @Test
  void oomKilledAfterTwoRestartsWithOwnerMapAttribution() {
    Row r = pod("team-a/oom", "u02");
    assertThat(r.<String>getAs("state")).isEqualTo("OUT_OF_MEMORY");
    assertThat(r.<String>getAs("state_raw")).isEqualTo("Failed (OOMKilled)");
    assertThat(r.<Integer>getAs("restarts")).isEqualTo(2);
    assertThat(r.<String>getAs("exit_code")).isEqualTo("137");
    assertThat(r.<Long>getAs("duration_s")).isEqualTo(4800L); // 10:00:00 → 11:20:00
    assertThat(r.<String>getAs("user")).isEqualTo("ann");
    assertThat(r.<String>getAs("project")).isEqualTo("proj-a");
    assertThat(r.<String>getAs("attribution")).isEqualTo("user=owner_map project=owner_map");
  }

  @Test
  void deadlineExceededIsTimeoutAndAMigSingleStrategySliceIsThreeSevenths() {
    Row r = pod("team-b/deadline", "u03");
    assertThat(r.<String>getAs("state")).isEqualTo("TIMEOUT");
    assertThat(r.<Long>getAs("duration_s")).isEqualTo(3602L);
    assertThat(r.<Double>getAs("gpu_count")).isCloseTo(3.0 / 7, within(1e-12));
    assertThat(r.<Boolean>getAs("gpu_mig")).isTrue();
    assertThat(r.<String>getAs("gpu_type")).isEqualTo("nvidia-a100-sxm4-40gb");
    assertThat(r.<String>getAs("region")).isEqualTo("US-CAR-DUK");
    // the owner map names no project for team-b: the next rule (namespace) applies
    assertThat(r.<String>getAs("user")).isEqualTo("bob");
    assertThat(r.<String>getAs("project")).isEqualTo("team-b");
    assertThat(r.<String>getAs("attribution")).isEqualTo("user=annotation:footprint.io/owner project=namespace");
  }

  @Test
  void initContainerAndSidecarEffectiveRequest() {
    Row r = pod("team-b/init-sidecar", "u04");
    assertThat(r.<Double>getAs("gpu_count")).isEqualTo(3.0); // max(2 init + 1 sidecar, 1 app + 1 sidecar)
    assertThat(r.<Double>getAs("cpu_count")).isEqualTo(2.5); // max(2 + 0.5, 1.25 + 0.5)
    assertThat(r.<Long>getAs("duration_s")).isEqualTo(3603L); // the sidecar stops last, 14:00:03
    assertThat(r.<String>getAs("user")).isEqualTo("ben");
  }

  @Test
  void migAndTimeSlicingFractions() {
    Row mig = pod("team-a/mig-two", "u05");
    assertThat(mig.<Double>getAs("gpu_count")).isCloseTo(2.0 / 7, within(1e-12));
    assertThat(mig.<Boolean>getAs("gpu_mig")).isTrue();
    assertThat(mig.<String>getAs("gpu_type")).isEqualTo("nvidia-a100-sxm4-80gb");
    Row ts = pod("team-c/ts-one", "u06");
    assertThat(ts.<Double>getAs("gpu_count")).isEqualTo(0.25);
    assertThat(ts.<String>getAs("gpu_type")).isEqualTo("nvidia-a100-sxm4-40gb"); // -SHARED stripped
    assertThat(ts.<String>getAs("notes")).contains("time-sliced GPU: 1/4 of a board");
    Row cap = pod("team-c/ts-cap", "u07");
    assertThat(cap.<Double>getAs("gpu_count")).isEqualTo(0.5); // capacity 8 / gpu.count 2 = 4 replicas
    assertThat(cap.<String>getAs("gpu_type")).isEqualTo("nvidia-h100-80gb-hbm3");
    assertThat(cap.<String>getAs("region")).isNull();
    assertThat(cap.<String>getAs("notes")).contains("node region us-central1 not in kubernetes.region_zones");
    Row amd = pod("team-c/amd", "u08");
    assertThat(amd.<Double>getAs("gpu_count")).isEqualTo(1.0);
    assertThat(amd.<String>getAs("gpu_type")).isEqualTo("amd instinct mi300x");
  }

  @Test
  void unknownAndDeletedPodsAreCancelledAtTheirDeletionTimestamp() {
    Row unknown = pod("team-b/unknown-del", "u11");
    assertThat(unknown.<String>getAs("state")).isEqualTo("CANCELLED");
    assertThat(unknown.<Long>getAs("duration_s")).isEqualTo(10800L);
    assertThat(unknown.<String>getAs("notes")).contains("phase Unknown");
    Row deleted = pod("team-b/deleted-running", "u13");
    assertThat(deleted.<String>getAs("state")).isEqualTo("CANCELLED");
    assertThat(deleted.<String>getAs("state_raw")).isEqualTo("Running (deleted)");
    assertThat(deleted.<Long>getAs("duration_s")).isEqualTo(18000L);
    Row evicted = pod("team-b/evicted-del", "u19");
    assertThat(evicted.<String>getAs("state")).isEqualTo("FAILED");
    assertThat(evicted.<String>getAs("state_raw")).isEqualTo("Failed (Evicted)");
    assertThat(evicted.<Long>getAs("duration_s")).isEqualTo(3600L);
    assertThat(evicted.<String>getAs("notes")).contains("end clipped to metadata.deletionTimestamp");
  }

  @Test
  void clockSkewGivesZeroDuration() {
    Row r = pod("team-a/skew", "u20");
    assertThat(r.<Long>getAs("duration_s")).isZero();
    assertThat(r.<Timestamp>getAs("end_utc")).isEqualTo(r.<Timestamp>getAs("start_utc"));
    assertThat(r.<String>getAs("notes")).contains("clock skew");
  }

  @Test
  void nodesMissingFromTheDumpUseNodeDefaults() {
    Row onprem = pod("team-d/onprem", "u14");
    assertThat(onprem.<Double>getAs("gpu_count")).isEqualTo(4.0);
    assertThat(onprem.<String>getAs("gpu_type")).isEqualTo("h100-sxm5-80gb"); // the model name is an alias
    assertThat(onprem.<String>getAs("region")).isEqualTo("US-CAL-CISO"); // default region us-west1, mapped
    assertThat(onprem.<String>getAs("notes")).contains("node onprem-gpu-07 not in the nodes dump: node_defaults");
    Row mystery = pod("team-d/mystery", "u15");
    assertThat(mystery.<String>getAs("gpu_type")).isNull();
    assertThat(mystery.<String>getAs("region")).isNull();
    assertThat(mystery.<String>getAs("notes")).contains("no node_defaults pattern matches");
  }

  @Test
  void aPodRecreatedUnderItsNameIsAnotherRun() {
    assertThat(pod("team-a/recreated", "u17a").<String>getAs("state")).isEqualTo("COMPLETED");
    Row second = pod("team-a/recreated", "u17b");
    assertThat(second.<String>getAs("state")).isEqualTo("FAILED");
    assertThat(second.<String>getAs("exit_code")).isEqualTo("2");
    assertThat(second.<String>getAs("file")).endsWith("pods-watch.jsonl");
    assertThat(second.<Long>getAs("line")).isEqualTo(4L);
  }

  @Test
  void skippedWithTheirRule() {
    Map<String, String> reasons = Frames.values(result.skipped(), "job_id", "reason");
    assertThat(reasons).containsOnlyKeys("team-a/pending", "team-a/running", "team-a/web");
    assertThat(reasons.get("team-a/pending")).startsWith("never started (phase Pending");
    assertThat(reasons.get("team-a/running")).startsWith("still running at its last snapshot");
    assertThat(reasons.get("team-a/web")).startsWith("not a Pod (kind Service)");
  }

  @Test
  void rejectsSayFileLineAndWhy() {
    List<Row> rejects = result.rejects().orderBy("file", "line").collectAsList();
    Map<String, Row> byFile = rejects.stream().filter(r -> r.<Long>getAs("line") > 0 && r.<String>getAs("raw") != null
            && !r.<String>getAs("raw").contains(" uid="))
        .collect(Collectors.toMap(r -> r.<String>getAs("file").replaceAll(".*/", ""), r -> r));
    assertThat(byFile).containsOnlyKeys("pods-watch.jsonl", "pods-truncated.json", "katib-broken.json");
    assertThat(byFile.get("pods-watch.jsonl").<Long>getAs("line")).isEqualTo(3L);
    Row cut = byFile.get("pods-truncated.json");
    assertThat(cut.<Long>getAs("line")).isEqualTo(103L);
    assertThat(cut.<String>getAs("reason")).contains("invalid JSON at line 103, column").contains("truncated");
    assertThat(byFile.get("katib-broken.json").<String>getAs("reason")).contains("line 2, column 25");
    Map<String, String> podRejects = rejects.stream().filter(r -> r.<String>getAs("raw").contains(" uid="))
        .collect(Collectors.toMap(r -> r.<String>getAs("raw").split(" ")[0], r -> r.getAs("reason")));
    assertThat(podRejects).containsOnlyKeys("team-b/unknown-nodel", "team-b/evicted");
    assertThat(podRejects.get("team-b/unknown-nodel")).contains("phase Unknown (node lost contact)")
        .contains("end unknown");
    assertThat(podRejects.get("team-b/evicted")).contains("no container finishedAt and no metadata.deletionTimestamp");
    assertThat(rejects).allMatch(r -> "kubernetes".equals(r.getAs("source")));
  }

  @Test
  void katibSweepsFromLabelsAndOwnerReferences() {
    Row labelled = pod("team-k/hpo-exp-aaaaaaaa-x7k2p", "k1");
    assertThat(labelled.<String>getAs("sweep_id")).isEqualTo("katib:team-k/hpo-exp");
    assertThat(labelled.<String>getAs("sweep_kind")).isEqualTo("hpo");
    assertThat(labelled.<String>getAs("sweep_role")).isEqualTo("trial");
    assertThat(labelled.<Boolean>getAs("sweep_best")).isFalse();
    assertThat(labelled.<String>getAs("user")).isEqualTo("kim");
    assertThat(labelled.<String>getAs("project")).isEqualTo("katib-lab");
    assertThat(labelled.<String>getAs("name")).isEqualTo("hpo-exp-aaaaaaaa"); // its Job

    Row unlabelled = pod("team-k/hpo-exp-bbbbbbbb-q9z4m", "k2"); // Job named after the trial, no labels
    assertThat(unlabelled.<String>getAs("sweep_id")).isEqualTo("katib:team-k/hpo-exp");
    assertThat(unlabelled.<String>getAs("sweep_role")).isEqualTo("trial");
    assertThat(unlabelled.<Boolean>getAs("sweep_best")).isTrue();
    assertThat(unlabelled.<String>getAs("notes")).contains("through ownerReferences");

    Row suggestion = pod("team-k/hpo-exp-random-5f7d9c-8xk2l", "k3");
    assertThat(suggestion.<String>getAs("sweep_id")).isEqualTo("katib:team-k/hpo-exp");
    assertThat(suggestion.<String>getAs("sweep_role")).isEqualTo("suggestion");
    assertThat(suggestion.<Boolean>getAs("sweep_best")).isFalse();
    assertThat(suggestion.<Double>getAs("gpu_count")).isZero();

    for (String name : List.of("nas-exp-cccccccc-master-0", "nas-exp-cccccccc-worker-0")) {
      Row nas = pod("team-k/" + name, name.contains("master") ? "k4" : "k5"); // PyTorchJob → Trial (YAML)
      assertThat(nas.<String>getAs("sweep_id")).isEqualTo("katib:team-k/nas-exp");
      assertThat(nas.<String>getAs("sweep_kind")).isEqualTo("nas");
      assertThat(nas.<String>getAs("sweep_role")).isEqualTo("trial");
      assertThat(nas.<Boolean>getAs("sweep_best")).isNull(); // the spec from git has no status
    }
    Row viaObject = pod("team-k/ptj-x-master-0", "k6"); // PyTorchJob object owned by trial dddddddd
    assertThat(viaObject.<String>getAs("sweep_id")).isEqualTo("katib:team-k/hpo-exp");
    assertThat(viaObject.<Boolean>getAs("sweep_best")).isFalse();

    Row single = pod("team-k/lonely-job-7hq2x", "k7");
    assertThat(single.<String>getAs("sweep_id")).isNull();
    assertThat(single.<String>getAs("sweep_role")).isNull();

    Row other = pod("team-s/scan-3", "k8");
    assertThat(other.<String>getAs("sweep_id")).isEqualTo("sweeps.example.org/name:team-s/lr-scan");
    assertThat(other.<String>getAs("sweep_kind")).isEqualTo("hpo");
    assertThat(other.<String>getAs("sweep_role")).isEqualTo("trial");
    Row controller = pod("team-s/scan-controller", "k10");
    assertThat(controller.<String>getAs("sweep_id")).isEqualTo("sweeps.example.org/name:team-s/lr-scan");
    assertThat(controller.<String>getAs("sweep_role")).isEqualTo("suggestion");
    assertThat(controller.<Boolean>getAs("sweep_best")).isNull();

    Row ghost = pod("team-k/ghost-11111111-abcde", "k9");
    assertThat(ghost.<String>getAs("sweep_id")).isEqualTo("katib:team-k/ghost");
    assertThat(ghost.<String>getAs("sweep_kind")).isNull();
    assertThat(ghost.<String>getAs("notes")).contains("not in the katib inputs");
  }

  @Test
  void ownerResolutionPlanHasOnlyEquiJoins() {
    Dataset<Row> katib = KatibReader.read(spark, K8sFixtures.CLUSTER,
        List.of(K8sFixtures.file("katib-list.json"), K8sFixtures.file("katib-nas.yaml")));
    Dataset<Row> pods = PodJsonReader.read(spark, K8sFixtures.CLUSTER, List.of(K8sFixtures.file("pods-katib.jsonl")));
    Dataset<Row> resolved = OwnerResolution.apply(pods, katib, K8sFixtures.conf(false).clusters
        .get(K8sFixtures.CLUSTER).kubernetes.sweepLabels);
    List<SparkPlan> plan = Frames.executedOperators(resolved); // run, so the adaptive plan is final
    assertThat(Frames.pairwiseJoins(plan)).isEmpty();
    assertThat(Frames.equiJoins(plan)).isNotEmpty();
    assertThat(Frames.pairwiseJoins(Frames.operators(result.usage()))).isEmpty();
  }

  @Test
  void defaultKubernetesConfAttributesByNamespace() {
    FootprintConf conf = new FootprintConf();
    FootprintConf.ClusterConf c = new FootprintConf.ClusterConf();
    c.timeZone = "UTC";
    c.region = "US-CAL-CISO";
    c.pue = 1.2;
    conf.clusters.put(K8sFixtures.CLUSTER, c); // kubernetes: all defaults (no owner map, zones or node defaults)
    Dataset<Row> u = KubernetesUsage.build(spark, List.of(new KubernetesUsage.Inputs(K8sFixtures.CLUSTER,
        List.of(K8sFixtures.file("pods-list.json")), List.of(K8sFixtures.file("nodes.json")), List.of())), conf,
        K8sFixtures.profiles(), new CacheScope()).usage();
    Row oom = u.filter(col("job_id").equalTo("team-a/oom")).first();
    assertThat(oom.<String>getAs("user")).isEqualTo("team-a");
    assertThat(oom.<String>getAs("attribution")).isEqualTo("user=namespace project=namespace");
    assertThat(oom.<String>getAs("region")).isNull(); // no region_zones: the cluster's region applies downstream
    assertThat(u.filter(col("job_id").equalTo("team-a/train-ok")).first().<String>getAs("attribution"))
        .isEqualTo("user=label:footprint.io/user project=label:footprint.io/project");
  }

  @Test
  void includeRunningClipsToTheSnapshotTime() {
    SourceResult r = KubernetesUsage.build(spark, List.of(K8sFixtures.inputs()), K8sFixtures.conf(true),
        K8sFixtures.profiles(), new CacheScope());
    Row running = r.usage().filter(col("job_id").equalTo("team-a/running")).first();
    assertThat(running.<String>getAs("state")).isEqualTo("RUNNING");
    // the latest time stamp in pods-list.json: deleted-running's deletionTimestamp 2026-10-28T06:00:00Z
    assertThat(running.<Timestamp>getAs("end_utc")).isEqualTo(t("2026-10-28T06:00:00Z"));
    assertThat(running.<Long>getAs("duration_s")).isEqualTo(50400L);
    assertThat(running.<Integer>getAs("restarts")).isEqualTo(1);
    assertThat(running.<String>getAs("notes")).startsWith("provisional");
    Map<String, Long> c = counts(r);
    assertThat(c).containsEntry("skipped", 2L).containsEntry("records_read", 38L);
    assertThat(r.usage().count()).isEqualTo(27);
  }
}
