package org.footprint.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.footprint.conf.CapacityConf;
import org.footprint.conf.EmbodiedConf;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * by_cluster_day by hand. Cluster "p": partition gpu = 2 nodes × 8 TESTGPU (idle 50 W), node base 100 W, PUE 1.2,
 * DE 400 g/kWh, 10 g embodied per GPU-hour; on 2026-11-02 (UTC) 384 GPU-hours available, jobs hold
 * 8 GPUs × 12 h + 4 GPUs × 6 h (the part of 18:00 the day before → 06:00 inside the day) + 2 GPUs × 3 h = 126;
 * idle 258 GPU-h = 32.25 node-h: (258 × 50 + 32.25 × 100) W·h = 16.125 kWh IT × 1.2 = 19.35 kWh × 0.4 = 7.74 kg;
 * embodied 258 × 0.01 = 2.58 kg. Cluster "w": one pool of 1 node × 4 GPUs, no region fallback (world 475 g),
 * PUE 1: 4 GPUs × 12 h held, 48 GPU-h idle × 50 W = 2.4 kWh = 1.14 kg.
 */
class ClusterDayTest extends SparkTestBase {
  private static Map<String, Row> rows;

  @BeforeAll
  static void compute() throws Exception {
    FootprintConf conf = new FootprintConf();
    conf.power.defaultGpuModel = "TESTGPU";
    conf.carbon.fallbackGPerKwh.put("DE", 400.0);
    conf.carbon.fallbackGPerKwh.put("*", 475.0);
    FootprintConf.ClusterConf p = new FootprintConf.ClusterConf();
    p.region = "DE";
    p.pue = 1.2;
    p.capacity = new CapacityConf();
    p.capacity.nodeBasePowerW = 100.0;
    CapacityConf gpu = new CapacityConf();
    gpu.nodes = 2;
    gpu.gpusPerNode = 8;
    p.capacity.partitions.put("gpu", gpu);
    p.embodied = new EmbodiedConf();
    p.embodied.kgPerGpuHour = 0.01;
    p.embodied.source = "test";
    conf.clusters.put("p", p);
    FootprintConf.ClusterConf w = new FootprintConf.ClusterConf();
    w.region = "XX";
    w.pue = 1.0;
    w.capacity = new CapacityConf();
    w.capacity.nodes = 1;
    w.capacity.gpusPerNode = 4;
    conf.clusters.put("w", w);
    FootprintConf.ClusterConf none = new FootprintConf.ClusterConf(); // no capacity: no rows
    none.region = "DE";
    none.pue = 1.0;
    conf.clusters.put("none", none);
    GpuProfiles profiles = GpuProfiles.parse("test", new StringReader(
        "model,aliases,tdp_w,idle_w,mig_slices,source\nTESTGPU,testgpu,400,50,0,test\n"));

    StructType schema = StructType.fromDDL(
        "cluster STRING, partition STRING, gpu_count DOUBLE, start_utc TIMESTAMP, end_utc TIMESTAMP, day DATE");
    List<Row> jobs = List.of(
        job("p", "gpu", 8, "2026-11-02 00:00:00", "2026-11-02 12:00:00"),
        job("p", "gpu", 4, "2026-11-01 18:00:00", "2026-11-02 06:00:00"),
        job("p", "gpu", 2, "2026-11-02 20:00:00", "2026-11-02 23:00:00"),
        job("p", "cpu", 0, "2026-11-02 01:00:00", "2026-11-02 23:00:00"),
        job("p", "other", 8, "2026-11-02 01:00:00", "2026-11-02 23:00:00"), // not in the capacity conf
        job("w", "any", 4, "2026-11-02 06:00:00", "2026-11-02 18:00:00"),
        job("none", "gpu", 8, "2026-11-02 06:00:00", "2026-11-02 18:00:00"));
    rows = Frames.byKey(ClusterDay.apply(spark.createDataFrame(jobs, schema), conf, profiles),
        r -> r.<String>getAs("cluster") + "/" + r.getAs("day"));
  }

  private static Row job(String cluster, String partition, double gpus, String start, String end) {
    return RowFactory.create(cluster, partition, gpus, Timestamp.valueOf(start), Timestamp.valueOf(end),
        Date.valueOf(end.substring(0, 10)));
  }

  @Test
  void aTwoNodeEightGpuPartitionOverADay() {
    assertThat(rows).containsOnlyKeys("p/2026-11-02", "w/2026-11-02");
    Row r = rows.get("p/2026-11-02");
    assertThat(r.<Long>getAs("nodes")).isEqualTo(2L);
    assertThat(r.<Long>getAs("gpus")).isEqualTo(16L);
    assertThat(r.<Double>getAs("available_gpu_hours")).isCloseTo(384.0, within(1e-9));
    assertThat(r.<Double>getAs("allocated_gpu_hours")).isCloseTo(126.0, within(1e-9));
    assertThat(r.<Double>getAs("idle_gpu_hours")).isCloseTo(258.0, within(1e-9));
    assertThat(r.<Double>getAs("allocated_share")).isCloseTo(126 / 384.0, within(1e-12));
    assertThat(r.<Double>getAs("idle_energy_kwh")).isCloseTo(19.35, within(1e-9));
    assertThat(r.<Double>getAs("intensity_g_per_kwh")).isEqualTo(400.0);
    assertThat(r.<String>getAs("intensity_method")).isEqualTo("fallback");
    assertThat(r.<Double>getAs("idle_co2e_kg")).isCloseTo(7.74, within(1e-9));
    assertThat(r.<Double>getAs("idle_embodied_co2e_kg")).isCloseTo(2.58, within(1e-9));
  }

  @Test
  void aWholeClusterPoolCountsEveryJobAndFallsBackToTheWorldIntensity() {
    Row r = rows.get("w/2026-11-02");
    assertThat(r.<Double>getAs("allocated_gpu_hours")).isCloseTo(48.0, within(1e-9));
    assertThat(r.<Double>getAs("idle_gpu_hours")).isCloseTo(48.0, within(1e-9));
    assertThat(r.<Double>getAs("idle_energy_kwh")).isCloseTo(2.4, within(1e-9));
    assertThat(r.<Double>getAs("idle_co2e_kg")).isCloseTo(1.14, within(1e-9));
    assertThat(r.<Double>getAs("idle_embodied_co2e_kg")).isEqualTo(0.0);
  }
}
