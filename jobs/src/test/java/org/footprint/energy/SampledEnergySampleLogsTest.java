package org.footprint.energy;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.footprint.io.CacheScope;
import org.footprint.source.power.PowerInput;
import org.footprint.source.power.PowerSampleReader;
import org.footprint.source.slurm.SacctInput;
import org.footprint.source.slurm.SacctReader;
import org.footprint.source.slurm.SlurmUsage;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The synthetic alpine jobs (sacct sample exports, through the Slurm reader) against the synthetic nvidia-smi
 * logs of five of their nodes: every job's sampled energy, coverage and sample count as the generator computed
 * them from the values it wrote (sample-logs/power/EXPECTED.json), by node share (its own_boards figures assume
 * the board indices sacct does not print: no reader can match on them).
 */
class SampledEnergySampleLogsTest extends SparkTestBase {
  private static final Path POWER = TestPaths.repo().resolve("sample-logs/power");
  private static JsonNode expected;
  private static Dataset<Row> jobs;
  private static Dataset<Row> samples;
  private static Map<String, Row> exact;

  @BeforeAll
  static void read() throws IOException {
    expected = new ObjectMapper().readTree(POWER.resolve("EXPECTED.json").toFile());
    Map<String, SacctInput> sacct = new HashMap<>();
    try (var files = java.nio.file.Files.list(TestPaths.repo().resolve("sample-logs/slurm/alpine"))) {
      files.forEach(f -> sacct.put(f.toString(), new SacctInput("alpine", "Europe/Berlin", null, null)));
    }
    jobs = SlurmUsage.build(SacctReader.read(spark, sacct)).usage()
        .withColumn("job_key", col("job_id"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    List<String> fields = new ArrayList<>();
    expected.get("noheader_fields").forEach(f -> fields.add(f.asText()));
    Map<String, PowerInput> logs = new HashMap<>();
    expected.get("files").fieldNames().forEachRemaining(f -> logs.put(POWER.resolve(f).toString(),
        new PowerInput("alpine", "nvidia-smi", "Europe/Berlin", fields, null)));
    samples = PowerSampleReader.read(spark, logs, new CacheScope()).samples().persist(StorageLevel.MEMORY_AND_DISK());
    exact = byJob(SampledEnergy.integrate(jobs, samples, expected.get("max_gap_s").asDouble(), 0));
  }

  private static Map<String, Row> byJob(Dataset<Row> out) {
    return Frames.byKey(out.filter(col("sample_count").gt(0)), r -> r.getString(0));
  }

  private static double kwh(Row r) {
    return r.getAs("sampled_energy_kwh");
  }

  @Test
  void nodeShareMatchesTheGeneratorForEveryJob() {
    Map<String, Row> got = exact;
    List<String> want = new ArrayList<>();
    for (JsonNode j : expected.get("jobs")) {
      String id = j.get("job_id").asText();
      want.add(id);
      JsonNode e = j.get("node_share");
      Row r = got.get(id);
      assertThat(r).as(id).isNotNull();
      assertThat(kwh(r)).as(id).isCloseTo(e.get("energy_kwh").asDouble(), within(1e-9 * e.get("energy_kwh").asDouble()));
      assertThat(r.<Double>getAs("sampled_coverage")).as(id).isCloseTo(e.get("coverage").asDouble(), within(1e-9));
      assertThat(r.<Long>getAs("sample_count")).as(id).isEqualTo(e.get("sample_count").asLong());
      assertThat(r.<String>getAs("sampled_match")).isEqualTo("node_share");
      boolean full = r.<Double>getAs("sampled_coverage") > 1 - 1e-9;
      assertThat(full).as(id + " fully covered").isEqualTo(j.get("fully_covered").asBoolean());
    }
    // no other job ran on a logged node inside the logged window
    assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want);
  }

  @Test
  void downsamplingEffectOnTheSampleLogs() {
    double maxGap = expected.get("max_gap_s").asDouble();
    double total = exact.values().stream().mapToDouble(SampledEnergySampleLogsTest::kwh).sum();
    long rows = samples.count();
    for (double ds : new double[] {300, 900}) {
      Map<String, Row> down = byJob(SampledEnergy.integrate(jobs, samples, maxGap, ds));
      double totalDown = down.values().stream().mapToDouble(SampledEnergySampleLogsTest::kwh).sum();
      System.out.printf("sample logs downsampled to %.0f s (%d samples -> about %d points): total %.4f kWh vs %.4f"
          + " kWh exact (%+.3f%%)%n", ds, rows, rows * 60 / (long) ds, totalDown, total, (totalDown / total - 1) * 100);
      double worst = 0;
      for (Map.Entry<String, Row> e : exact.entrySet()) {
        Row d = down.get(e.getKey());
        double rel = kwh(d) / kwh(e.getValue()) - 1;
        System.out.printf("  %-9s %9.4f kWh cov %.4f -> %9.4f kWh cov %.4f  %+.3f%%%n", e.getKey(), kwh(e.getValue()),
            e.getValue().<Double>getAs("sampled_coverage"), kwh(d), d.<Double>getAs("sampled_coverage"), rel * 100);
        if (e.getValue().<Double>getAs("sampled_coverage") > 1 - 1e-9) {
          worst = Math.max(worst, Math.abs(rel));
        }
      }
      // averaging a bucket that holds a job's start or end blends idle and busy power: a small low bias
      assertThat(totalDown / total - 1).isBetween(ds <= 300 ? -0.005 : -0.015, 0.0);
      assertThat(worst).as("worst fully covered job").isLessThan(ds <= 300 ? 0.02 : 0.05);
    }
  }
}
