package org.footprint.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.io.StringReader;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.footprint.conf.CapacityConf;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.conf.InputSpec;
import org.footprint.conf.Site;
import org.footprint.io.CacheScope;
import org.footprint.model.Schemas;
import org.footprint.source.Source;
import org.footprint.source.SourceResult;
import org.footprint.source.inventory.InventorySource;
import org.footprint.source.kubernetes.KubernetesSource;
import org.footprint.source.meter.MeterSource;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Capacity from a node dump and a meter, by hand. Cluster "m" (DE, PUE 1.2, node base 100 W, TESTGPU idle 50 W),
 * 2026-11-02 (UTC, 24 h). The scontrol dump (test resources machine/nodes-2026-11-02.txt): gpn01 (4 GPUs, gpu and
 * gpu-long), gpn02 (4 GPUs, gpu, drained: still capacity), cpu01 (no GPU, cpu), gpn03 powered down (not capacity);
 * a continuation line and a bad GRES are rejected. So partition gpu is 2 nodes × 4 = 8 GPUs.
 *
 * <p>Jobs: j1 gpu 4 GPUs 1 node 00:00-12:00 (10 kWh); j2 gpu-long 2 GPUs 1 node 11-01 18:00 → 06:00 (4 kWh, half in
 * the day); j3 cpu 0 GPUs 1 node 08:00-20:00 (3 kWh). Intensity: 12 hours at 200 g, the other 12 at the 400 g
 * fallback: 300 g.
 * <ul>
 *   <li>gpu: 192 GPU-h available, 48 allocated, 144 idle = 36 node-h (8 GPUs on 2 nodes);
 *       (144 × 50 + 36 × 100) W·h = 10.8 kWh × 1.2 = 12.96 kWh × 0.3 = 3.888 kg; node-h 48 available, 12 held.</li>
 *   <li>gpu-long: 96 available, 12 allocated, 84 idle = 21 node-h: (4200 + 2100) W·h = 6.3 × 1.2 = 7.56 kWh.</li>
 *   <li>cpu: no GPUs; 24 node-h available, 12 held, 12 idle × 100 W = 1.2 × 1.2 = 1.44 kWh.</li>
 *   <li>cluster: 3 nodes once each, 8 GPUs; 192 available, 60 allocated (every job), 132 idle = 49.5 node-h:
 *       (6600 + 4950) W·h = 11.55 × 1.2 = 13.86 kWh × 0.3 = 4.158 kg; 72 node-h available, 30 held.</li>
 *   <li>meter (machine/meter.csv): 4 intervals of 10 kWh (one written with +01:00), one repeated (merged), one
 *       without UTC offset (rejected): 40 kWh; jobs 10 + 2 + 3 = 15; idle 13.86; unexplained 11.14 = 27.85 %.</li>
 *   <li>idle share (proportional): GPU-hours held in the day a 48 (j1; j3 holds no GPU), b 12 (j2's half in the
 *       day): a gets 0.8 × 13.86 = 11.088 kWh and 0.8 × 4.158 = 3.3264 kg, b 2.772 kWh and 0.8316 kg; c, with no
 *       job, none.</li>
 * </ul>
 */
class MachineDayFixtureTest extends SparkTestBase {
  private static final String RES = "src/test/resources/machine/";
  private static final CacheScope CACHE = new CacheScope();
  private static SourceResult inventory;
  private static SourceResult meter;
  private static Map<String, Row> partitions;
  private static Row cluster;
  private static Row reconciliation;
  private static Map<String, Row> idleByProject;
  private static SourceResult kube;

  @BeforeAll
  static void compute() throws Exception {
    FootprintConf conf = new FootprintConf();
    conf.power.defaultGpuModel = "TESTGPU";
    conf.carbon.fallbackGPerKwh.put("DE", 400.0);
    FootprintConf.ClusterConf m = new FootprintConf.ClusterConf();
    m.region = "DE";
    m.pue = 1.2;
    m.capacity = new CapacityConf();
    m.capacity.nodeBasePowerW = 100.0;
    conf.clusters.put("m", m);
    GpuProfiles profiles = GpuProfiles.parse("test", new StringReader(
        "model,aliases,tdp_w,idle_w,mig_slices,source\nTESTGPU,testgpu,400,50,0,test\n"));
    Source.Context ctx = new Source.Context(conf, profiles, CACHE);
    String dump = new File(RES + "nodes-2026-11-02.txt").getAbsolutePath();
    String meterFile = new File(RES + "meter.csv").getAbsolutePath();
    inventory = new InventorySource().read(spark, ctx, List.of(new InputSpec(InputSpec.Type.SCONTROL_NODES, "m",
        List.of(dump), InputSpec.Options.NONE, "test", dump)));
    String nodesJson = TestPaths.repo().resolve("sample-logs/kubernetes/nodes.json").toString();
    kube = new KubernetesSource().read(spark, ctx, List.of(new InputSpec(InputSpec.Type.KUBECTL_NODES, "m",
        List.of(nodesJson), InputSpec.Options.NONE, "test", nodesJson)));
    meter = new MeterSource().read(spark, ctx, List.of(new InputSpec(InputSpec.Type.METER, "m",
        List.of(meterFile), InputSpec.Options.NONE, "test", meterFile)));

    StructType schema = StructType.fromDDL("cluster STRING, partition STRING, project STRING, gpu_count DOUBLE, "
        + "nodes STRING, energy_kwh DOUBLE, start_utc TIMESTAMP, end_utc TIMESTAMP, day DATE");
    Dataset<Row> jobs = spark.createDataFrame(List.of(
        job("gpu", "a", 4, "gpn01", 10, "2026-11-02 00:00:00", "2026-11-02 12:00:00"),
        job("gpu-long", "b", 2, "gpn01", 4, "2026-11-01 18:00:00", "2026-11-02 06:00:00"),
        job("cpu", "a", 0, "cpu01", 3, "2026-11-02 08:00:00", "2026-11-02 20:00:00")), schema);
    List<Row> hours = new ArrayList<>();
    for (int h = 0; h < 12; h++) {
      hours.add(RowFactory.create("DE", Timestamp.valueOf(String.format("2026-11-02 %02d:00:00", h)), 200.0));
    }
    Dataset<Row> hourly = spark.createDataFrame(hours,
        StructType.fromDDL("region STRING, hour_utc TIMESTAMP, g_per_kwh DOUBLE"));

    ClusterDay.Tables t = ClusterDay.apply(jobs, conf, Site.of(conf, profiles),
        inventory.table(SourceResult.NODE_INVENTORY), hourly);
    partitions = new HashMap<>();
    t.byPartition().collectAsList().forEach(r -> partitions.put(r.getAs("partition"), r));
    List<Row> clusterRows = t.byCluster().collectAsList();
    assertThat(clusterRows).hasSize(1);
    // publishing collects both tables in one query: the same rows, in the same order
    List<List<Row>> both = ClusterDay.collect(t);
    assertThat(both.get(0)).containsExactlyElementsOf(clusterRows);
    assertThat(both.get(1)).containsExactlyElementsOf(t.byPartition().collectAsList());
    cluster = clusterRows.get(0);
    List<Row> rec = Reconciliation.apply(meter.table(SourceResult.METER_READINGS), jobs, t.byCluster(), "UTC")
        .collectAsList();
    assertThat(rec).hasSize(1);
    reconciliation = rec.get(0);
    Dataset<Row> projects = Frames.fill(spark.createDataFrame(List.of(RowFactory.create("a", 2.0),
        RowFactory.create("b", 1.0), RowFactory.create("c", 0.5)),
        StructType.fromDDL("project STRING, co2e_kg DOUBLE")),
        Schemas.of("by_project"));
    idleByProject = new HashMap<>();
    // the GPU-hours held come from the summaries' one aggregation, as at publishing
    List<SummaryPass.Held> held = SummaryPass.of(Frames.fill(jobs, Schemas.of("jobs")), null, "UTC").held("project");
    IdleShare.fill(projects.collectAsList(), "by_project", "project", held, clusterRows)
        .forEach(r -> idleByProject.put(r.getAs("project"), r));
  }

  @AfterAll
  static void release() {
    CACHE.close();
  }

  private static Row job(String partition, String project, double gpus, String nodes, double kwh, String start,
      String end) {
    return RowFactory.create("m", partition, project, gpus, nodes, kwh, Timestamp.valueOf(start),
        Timestamp.valueOf(end), Date.valueOf(end.substring(0, 10)));
  }

  private static Map<String, Long> counts(SourceResult r) {
    Map<String, Long> out = new HashMap<>();
    r.counts().collectAsList().forEach(c -> out.merge(c.getString(2), c.getLong(3), Long::sum));
    return out;
  }

  @Test
  void theDumpsLinesAreNodesOrRejectsWithReasons() {
    assertThat(counts(inventory)).containsEntry("files", 1L).containsEntry("records_read", 6L)
        .containsEntry("rejected", 2L).containsEntry("merged", 0L);
    assertThat(inventory.rejects().collectAsList()).extracting(r -> r.getAs("line") + ":" + r.getAs("reason_code"))
        .containsExactlyInAnyOrder("5:bad_value", "6:bad_number");
    assertThat(inventory.rejects().collectAsList()).allMatch(r -> "inventory".equals(r.getAs("source")));
    // gpn01 twice (two partitions), gpn02, cpu01, gpn03 (powered down: kept, not in service)
    assertThat(inventory.table(SourceResult.NODE_INVENTORY).count()).isEqualTo(5);
  }

  @Test
  void kubernetesNodesAreCapacityInPhysicalBoards() {
    // sample nodes.json: 4 × 8 A100 + 3 × 8 H100 + a time-sliced node with 16 replicas of 4 boards + the MIG
    // mixed-strategy node's 8 boards (nvidia.com/gpu.count; it advertises no nvidia.com/gpu) = 68 boards on 13
    // nodes (4 CPU nodes)
    Row r = kube.table(SourceResult.NODE_INVENTORY)
        .selectExpr("count(1)", "sum(gpus)", "count(day)", "min(partition)", "max(source)").first();
    assertThat(r.getLong(0)).isEqualTo(13L);
    assertThat(r.getDouble(1)).isCloseTo(68.0, within(1e-9));
    assertThat(r.getLong(2)).isZero(); // undated: stands for every day
    assertThat(r.getString(3)).isEmpty();
    assertThat(r.getString(4)).isEqualTo("kubectl-nodes");
  }

  @Test
  void aTwoNodeEightGpuPartitionOverADay() {
    Row r = partitions.get("gpu");
    assertThat(r.<Long>getAs("nodes")).isEqualTo(2L);
    assertThat(r.<Long>getAs("gpus")).isEqualTo(8L);
    assertThat(r.<String>getAs("capacity_source")).isEqualTo("scontrol");
    assertThat(r.<Double>getAs("available_gpu_hours")).isCloseTo(192.0, within(1e-9));
    assertThat(r.<Double>getAs("allocated_gpu_hours")).isCloseTo(48.0, within(1e-9));
    assertThat(r.<Double>getAs("idle_gpu_hours")).isCloseTo(144.0, within(1e-9));
    assertThat(r.<Double>getAs("available_node_hours")).isCloseTo(48.0, within(1e-9));
    assertThat(r.<Double>getAs("allocated_node_hours")).isCloseTo(12.0, within(1e-9));
    assertThat(r.<Double>getAs("idle_node_hours")).isCloseTo(36.0, within(1e-9));
    assertThat(r.<Double>getAs("idle_energy_kwh")).isCloseTo(12.96, within(1e-9));
    assertThat(r.<Double>getAs("intensity_g_per_kwh")).isCloseTo(300.0, within(1e-9));
    assertThat(r.<String>getAs("intensity_method")).isEqualTo("hourly+fallback");
    assertThat(r.<Double>getAs("idle_co2e_kg")).isCloseTo(3.888, within(1e-9));
  }

  @Test
  void overlappingAndCpuPartitions() {
    assertThat(partitions).containsOnlyKeys("gpu", "gpu-long", "cpu");
    Row longer = partitions.get("gpu-long");
    assertThat(longer.<Double>getAs("allocated_gpu_hours")).isCloseTo(12.0, within(1e-9));
    assertThat(longer.<Double>getAs("idle_energy_kwh")).isCloseTo(7.56, within(1e-9));
    Row cpu = partitions.get("cpu");
    assertThat(cpu.<Long>getAs("gpus")).isEqualTo(0L);
    assertThat(cpu.<Double>getAs("idle_node_hours")).isCloseTo(12.0, within(1e-9));
    assertThat(cpu.<Double>getAs("idle_energy_kwh")).isCloseTo(1.44, within(1e-9));
  }

  @Test
  void theClusterCountsEachNodeOnceAndEveryJob() {
    assertThat(cluster.<Long>getAs("nodes")).isEqualTo(3L);
    assertThat(cluster.<Long>getAs("gpus")).isEqualTo(8L);
    assertThat(cluster.<Double>getAs("allocated_gpu_hours")).isCloseTo(60.0, within(1e-9));
    assertThat(cluster.<Double>getAs("idle_gpu_hours")).isCloseTo(132.0, within(1e-9));
    assertThat(cluster.<Double>getAs("available_node_hours")).isCloseTo(72.0, within(1e-9));
    assertThat(cluster.<Double>getAs("allocated_node_hours")).isCloseTo(30.0, within(1e-9));
    assertThat(cluster.<Double>getAs("idle_energy_kwh")).isCloseTo(13.86, within(1e-9));
    assertThat(cluster.<Double>getAs("idle_co2e_kg")).isCloseTo(4.158, within(1e-9));
  }

  @Test
  void theIdleFootprintSharedByGpuHoursHeld() {
    assertThat(idleByProject.get("a").<Double>getAs("idle_kwh")).isCloseTo(11.088, within(1e-9));
    assertThat(idleByProject.get("a").<Double>getAs("idle_co2e_kg")).isCloseTo(3.3264, within(1e-9));
    assertThat(idleByProject.get("b").<Double>getAs("idle_kwh")).isCloseTo(2.772, within(1e-9));
    assertThat(idleByProject.get("b").<Double>getAs("idle_co2e_kg")).isCloseTo(0.8316, within(1e-9));
    assertThat(idleByProject.get("c").<Double>getAs("idle_kwh")).isNull();
    // the summary's own numbers are untouched
    assertThat(idleByProject.get("a").<Double>getAs("co2e_kg")).isEqualTo(2.0);
  }

  @Test
  void aMeterWithAKnownRemainder() {
    assertThat(counts(meter)).containsEntry("records_read", 6L).containsEntry("merged", 1L)
        .containsEntry("rejected", 1L);
    assertThat(meter.rejects().collectAsList()).extracting(r -> r.getAs("line") + ":" + r.getAs("reason_code"))
        .containsExactly("7:bad_time");
    assertThat(reconciliation.<Double>getAs("metered_kwh")).isCloseTo(40.0, within(1e-9));
    assertThat(reconciliation.<Long>getAs("meter_intervals")).isEqualTo(4L);
    assertThat(reconciliation.<Double>getAs("attributed_kwh")).isCloseTo(15.0, within(1e-9));
    assertThat(reconciliation.<Double>getAs("idle_kwh")).isCloseTo(13.86, within(1e-9));
    assertThat(reconciliation.<Double>getAs("unexplained_kwh")).isCloseTo(11.14, within(1e-9));
    assertThat(reconciliation.<Double>getAs("unexplained_share")).isCloseTo(0.2785, within(1e-9));
  }
}
