package org.footprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture run published with an embodied factor (10 g per GPU-hour) and a capacity (2 nodes × 8 GPUs): the
 * summaries carry embodied and total columns that add up to the jobs', and by_cluster_day is written as Parquet and
 * CSV.
 */
class InventoryPublishTest extends SparkTestBase {
  @TempDir
  static Path out;

  @BeforeAll
  static void run() {
    FootprintConf conf = ConfLoader.load(TestPaths.fixture("fixture.yaml").toString(), Map.of(
        "clusters.testc.embodied.kg_per_gpu_hour", "0.01",
        "clusters.testc.embodied.source", "test",
        "clusters.testc.capacity.nodes", "2",
        "clusters.testc.capacity.gpus_per_node", "8"));
    RunOptions opts = new RunOptions();
    opts.outDir = out.toString();
    opts.publishAnyway = true; // the fixture has rejects on purpose
    new FootprintRun(spark, conf, opts).execute();
  }

  @Test
  void summariesCarryEmbodiedAndTotal() throws Exception {
    Row jobs = spark.read().parquet(out.resolve("tables/jobs").toString())
        .selectExpr("sum(gpu_hours)", "sum(embodied_co2e_kg)", "sum(co2e_kg)").first();
    assertThat(jobs.getDouble(1)).isCloseTo(0.01 * jobs.getDouble(0), within(1e-12)).isGreaterThan(0);
    for (String t : List.of("by_project", "by_user", "by_day")) {
      Row s = spark.read().parquet(out.resolve("tables/" + t).toString())
          .selectExpr("sum(embodied_co2e_kg)", "sum(total_co2e_kg)").first();
      assertThat(s.getDouble(0)).as(t).isCloseTo(jobs.getDouble(1), within(1e-12));
      assertThat(s.getDouble(1)).as(t).isCloseTo(jobs.getDouble(1) + jobs.getDouble(2), within(1e-12));
    }
    String header = Files.readAllLines(out.resolve("csv/by_project.csv")).get(0);
    assertThat(header).endsWith(",embodied_co2e_kg,embodied_co2e_low_kg,embodied_co2e_high_kg,total_co2e_kg,idle_kwh,"
        + "idle_co2e_kg");
  }

  @Test
  void byClusterDayIsPublished() throws Exception {
    List<String> csv = Files.readAllLines(out.resolve("csv/by_cluster_day.csv"));
    assertThat(csv.get(0)).startsWith("cluster,nodes,gpus,available_gpu_hours,allocated_gpu_hours,idle_gpu_hours");
    assertThat(csv).hasSizeGreaterThan(1);
    Row r = spark.read().parquet(out.resolve("tables/by_cluster_day").toString())
        .selectExpr("sum(available_gpu_hours)", "sum(allocated_gpu_hours)", "sum(idle_gpu_hours)", "count(1)")
        .first();
    assertThat(r.getDouble(0)).isCloseTo(16 * 24.0 * r.getLong(3), within(1e-9));
    assertThat(r.getDouble(2)).isCloseTo(r.getDouble(0) - r.getDouble(1), within(1e-9));
    // with machine tables, every page's nav links the machine page (written before the report)
    assertThat(out.resolve("report/machine.html")).exists();
    assertThat(Files.readString(out.resolve("report/index.html"))).contains("<a href=\"machine.html\">Machine</a>");
  }
}
