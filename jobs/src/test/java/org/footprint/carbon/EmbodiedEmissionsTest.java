package org.footprint.carbon;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.footprint.aggregate.Aggregates;
import org.footprint.conf.EmbodiedConf;
import org.footprint.conf.FootprintConf;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Embodied emissions on rows built in code, every value computed by hand:
 * <ul>
 *   <li>cluster "g": 10 g/GPU-h (0.010 kg), band 0.5; GPU-model override A100-SXM4-40GB 10.4 g/GPU-h (BLOOM);
 *   partition "fat" override: 114 g/node-h with 8 GPUs per node (Isambard-AI's per node-hour figure)</li>
 *   <li>cluster "n": 23 g/node-h (ARCHER2), band 0.2</li>
 *   <li>cluster "a": amortised: 4,380 kg per server over 5 years at 50 % utilisation = 4380 / (5 × 8760 × 0.5)
 *   = 0.2 kg per node-hour</li>
 *   <li>cluster "x": no embodied block</li>
 * </ul>
 */
class EmbodiedEmissionsTest extends SparkTestBase {
  private static final StructType SCHEMA = StructType.fromDDL("job_id STRING, cluster STRING, partition STRING, "
      + "project STRING, gpu_model STRING, gpu_count DOUBLE, gpu_hours DOUBLE, cpu_count DOUBLE, duration_s BIGINT, "
      + "nodes STRING, co2e_kg DOUBLE");
  private static Map<String, FootprintConf.ClusterConf> clusters;
  private static Dataset<Row> out;
  private static Map<String, Row> jobs;

  @BeforeAll
  static void compute() {
    clusters = new LinkedHashMap<>();
    EmbodiedConf g = new EmbodiedConf();
    g.kgPerGpuHour = 0.010;
    g.source = "test";
    EmbodiedConf a100 = new EmbodiedConf();
    a100.kgPerGpuHour = 0.0104;
    a100.source = "Luccioni et al. 2022";
    g.gpuModels.put("A100-SXM4-40GB", a100);
    EmbodiedConf fat = new EmbodiedConf();
    fat.kgPerNodeHour = 0.114;
    fat.gpusPerNode = 8;
    fat.source = "Isambard-AI LCA";
    g.partitions.put("fat", fat);
    clusters.put("g", cluster(g));
    EmbodiedConf n = new EmbodiedConf();
    n.kgPerNodeHour = 0.023;
    n.band = 0.2;
    n.source = "ARCHER2 LCA";
    clusters.put("n", cluster(n));
    EmbodiedConf a = new EmbodiedConf();
    a.kgPerServer = 4380.0;
    a.lifetimeYears = 5.0;
    a.utilisation = 0.5;
    a.source = "vendor PCF";
    clusters.put("a", cluster(a));
    clusters.put("x", cluster(null));

    List<Row> rows = new ArrayList<>();
    // 2 GPUs × 3 h on an H100 (no model override) at 10 g/GPU-h
    rows.add(RowFactory.create("gpu2x3h", "g", "gpu", "p1", "H100-SXM5-80GB", 2.0, 6.0, 8.0, 10800L, "g1", 1.0));
    // a MIG 1g slice: 1/7 of an A100 for 7 h = 1 GPU-hour, at the model override 10.4 g
    rows.add(RowFactory.create("mig", "g", "mig", "p1", "A100-SXM4-40GB", 1.0 / 7, 1.0, 2.0, 25200L, "g2", 0.5));
    // 2 of 8 GPUs for 4 h on the "fat" partition: 1 node-hour at 114 g
    rows.add(RowFactory.create("fat", "g", "fat", "p2", "H100-SXM5-80GB", 2.0, 8.0, 16.0, 14400L, "f1", 2.0));
    // a CPU job where only a GPU-hour factor exists: nothing applies
    rows.add(RowFactory.create("cpu-on-g", "g", "cpu", "p2", null, 0.0, 0.0, 4.0, 3600L, "g3", 0.1));
    // 2 whole nodes × 1.5 h at 23 g/node-h
    rows.add(RowFactory.create("nodes", "n", "std", "p2", null, 0.0, 0.0, 256.0, 5400L, "n1,n2", 0.3));
    // amortised: 1 node × 10 h × 0.2 kg
    rows.add(RowFactory.create("amort", "a", "gpu", "p3", "A100-SXM4-40GB", 4.0, 40.0, 32.0, 36000L, "a1", 4.0));
    // no embodied conf
    rows.add(RowFactory.create("none", "x", "gpu", "p3", "A100-SXM4-40GB", 1.0, 1.0, 1.0, 3600L, "x1", 0.2));
    out = EmbodiedEmissions.apply(spark.createDataFrame(rows, SCHEMA), clusters);
    jobs = Frames.byKey(out, "job_id");
  }

  private static FootprintConf.ClusterConf cluster(EmbodiedConf e) {
    FootprintConf.ClusterConf c = new FootprintConf.ClusterConf();
    c.embodied = e;
    return c;
  }

  private static double d(String job, String column) {
    return jobs.get(job).<Double>getAs(column);
  }

  @Test
  void twoGpusForThreeHoursAtTenGramsPerGpuHourIsSixtyGrams() {
    assertThat(d("gpu2x3h", "embodied_co2e_kg")).isCloseTo(0.06, within(1e-12));
    assertThat(d("gpu2x3h", "embodied_co2e_low_kg")).isCloseTo(0.03, within(1e-12));
    assertThat(d("gpu2x3h", "embodied_co2e_high_kg")).isCloseTo(0.09, within(1e-12));
    assertThat(d("gpu2x3h", "total_co2e_kg")).isCloseTo(1.06, within(1e-12));
    assertThat(d("gpu2x3h", "co2e_kg")).isEqualTo(1.0); // operational stays as it was
    assertThat(jobs.get("gpu2x3h").<String>getAs("embodied_method")).isEqualTo("factor");
  }

  @Test
  void aMigSliceBearsItsFractionAtItsModelsFactor() {
    assertThat(d("mig", "embodied_co2e_kg")).isCloseTo(0.0104, within(1e-12));
    assertThat(d("mig", "total_co2e_kg")).isCloseTo(0.5104, within(1e-12));
  }

  @Test
  void nodeHourFactorsChargeTheShareOfTheNodesHeld() {
    assertThat(d("fat", "embodied_co2e_kg")).isCloseTo(0.114, within(1e-12)); // 2/8 of a node × 4 h
    assertThat(d("nodes", "embodied_co2e_kg")).isCloseTo(2 * 1.5 * 0.023, within(1e-12));
    assertThat(d("nodes", "embodied_co2e_low_kg")).isCloseTo(0.069 * 0.8, within(1e-12));
    assertThat(d("nodes", "embodied_co2e_high_kg")).isCloseTo(0.069 * 1.2, within(1e-12));
  }

  @Test
  void amortisationDerivesTheFactorFromServerKgLifetimeAndUtilisation() {
    assertThat(clusters.get("a").embodied.nodeHourFactor()).isCloseTo(0.2, within(1e-15));
    assertThat(d("amort", "embodied_co2e_kg")).isCloseTo(2.0, within(1e-12));
    assertThat(jobs.get("amort").<String>getAs("embodied_method")).isEqualTo("amortised");
  }

  @Test
  void withoutAnApplicableFactorEmbodiedIsZeroAndMethodNone() {
    for (String id : List.of("none", "cpu-on-g")) {
      assertThat(d(id, "embodied_co2e_kg")).isEqualTo(0.0);
      assertThat(d(id, "embodied_co2e_high_kg")).isEqualTo(0.0);
      assertThat(jobs.get(id).<String>getAs("embodied_method")).isEqualTo("none");
      assertThat(d(id, "total_co2e_kg")).isEqualTo(d(id, "co2e_kg"));
    }
  }

  @Test
  void byProjectSumsEmbodiedAndTotal() {
    Dataset<Row> full = out.withColumn("user", lit("u")).withColumn("failed", lit(false))
        .withColumn("sweep_kind", lit("single"))
        .withColumn("energy_kwh", lit(1.0)).withColumn("energy_low_kwh", lit(1.0))
        .withColumn("energy_high_kwh", lit(1.0)).withColumn("co2e_low_kg", col("co2e_kg"))
        .withColumn("co2e_high_kg", col("co2e_kg")).withColumn("cost_low_usd", lit(0.0))
        .withColumn("cost_high_usd", lit(0.0));
    Map<String, Row> byProject = Frames.byKey(Aggregates.byProject(full.withColumn("co2e_market_kg",
        lit(null).cast("double")).withColumn("co2e_marginal_kg", lit(null).cast("double"))
        .withColumn("avoidable_co2e_kg", lit(null).cast("double"))), "project");
    // p1: 0.06 + 0.0104; p2: 0.114 + 0 + 0.069; p3: 2.0 + 0
    assertThat(byProject.get("p1").<Double>getAs("embodied_co2e_kg")).isCloseTo(0.0704, within(1e-12));
    assertThat(byProject.get("p1").<Double>getAs("embodied_co2e_low_kg")).isCloseTo(0.0352, within(1e-12));
    assertThat(byProject.get("p1").<Double>getAs("total_co2e_kg")).isCloseTo(1.5 + 0.0704, within(1e-12));
    assertThat(byProject.get("p2").<Double>getAs("embodied_co2e_kg")).isCloseTo(0.183, within(1e-12));
    assertThat(byProject.get("p2").<Double>getAs("co2e_kg")).isCloseTo(2.4, within(1e-12));
    assertThat(byProject.get("p3").<Double>getAs("embodied_co2e_kg")).isCloseTo(2.0, within(1e-12));
    assertThat(byProject.get("p3").<Double>getAs("total_co2e_kg")).isCloseTo(6.2, within(1e-12));
  }
}
