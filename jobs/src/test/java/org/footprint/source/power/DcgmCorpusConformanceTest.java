package org.footprint.source.power;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.footprint.io.CacheScope;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real dcgm-exporter scrape in shared/corpus/power/metrics.txt (DataDog integrations-core fixture, described
 * in SOURCES.md), read in place. Skipped, with a printed reason, on a clone without the corpus.
 */
class DcgmCorpusConformanceTest extends SparkTestBase {
  private static Path file;
  private static PowerSampleReader.Result result;

  @BeforeAll
  static void read() {
    assumeTrue(TestPaths.hasCorpus(), "shared corpus absent");
    file = TestPaths.corpus().resolve("power/metrics.txt");
    result = PowerSampleReader.read(spark,
        Map.of(file.toString(), new PowerInput("corpus", "dcgm", "UTC", null, null)), new CacheScope());
  }

  @Test
  void oneT4SampleWithTheDocumentedPowerAndEnergyCounter() {
    List<Row> samples = result.samples().collectAsList();
    assertThat(samples).singleElement().satisfies(s -> {
      assertThat(s.<String>getAs("node")).isEqualTo("424773df46e0");
      assertThat(s.<Integer>getAs("gpu_index")).isEqualTo(0);
      assertThat(s.<String>getAs("gpu_uuid")).isEqualTo("GPU-20c56d28-0da5-6d26-a36a-e7af1ce2586e");
      assertThat(s.<String>getAs("gpu_model")).isEqualTo("Tesla T4");
      assertThat(s.<Double>getAs("power_w")).isCloseTo(8.969, within(1e-9));
      assertThat(s.<Double>getAs("energy_mj")).isEqualTo(128996013.0);
      assertThat(s.<Double>getAs("util")).isEqualTo(0.0);
      assertThat(s.<String>getAs("source")).isEqualTo("dcgm");
      // a single scrape has no time of its own: the file's modification time, marked as such
      assertThat(s.<String>getAs("ts_source")).isEqualTo("file_mtime");
    });
  }

  @Test
  void everyLineIsAccountedForUnlabelledDummiesSkipped() {
    Map<String, Long> c = Frames.values(result.counts(), "category", "n");
    // 38 data lines: 3 merged into the one sample, 14 unlabelled dummy series, 21 lines of metrics not used
    assertThat(c).containsOnly(Map.entry("files", 1L), Map.entry("records_read", 38L), Map.entry("merged", 2L),
        Map.entry("skipped", 35L), Map.entry("rejected", 0L), Map.entry("warned", 0L));
    Map<String, Long> skips = Frames.values(PowerSampleReader.records(spark, Map.of(file.toString(),
            new PowerInput("corpus", "dcgm", "UTC", null, null)))
        .filter(col("kind").equalTo("skipped")), "reason", "lines");
    assertThat(skips).containsOnly(Map.entry(DcgmPrometheusReader.SKIP_UNLABELLED, 14L),
        Map.entry(DcgmPrometheusReader.SKIP_UNUSED, 21L));
  }

  @Test
  void twoHostsAndAnA10gPodSeriesAreMixedInOneScrape() throws IOException, PowerValueException {
    Set<String> hosts = new TreeSet<>();
    Set<String> pods = new TreeSet<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      PrometheusLine p = PrometheusLine.parse(line); // every data line parses
      if (p.labels().containsKey("Hostname")) {
        hosts.add(p.labels().get("Hostname") + "/" + p.labels().get("UUID"));
      }
      if (p.labels().containsKey("pod")) {
        pods.add(p.labels().get("namespace") + "/" + p.labels().get("pod") + " " + p.labels().get("modelName"));
      }
    }
    assertThat(hosts).containsExactly("424773df46e0/GPU-20c56d28-0da5-6d26-a36a-e7af1ce2586e",
        "551bdf382151/GPU-9ef1b6d0-3643-5dd7-b823-c0ec20dcf2d5", "ip-11111/GPU-abc");
    assertThat(pods).containsExactly("ray-llm/ray-1111111 NVIDIA A10G");
    assertThat(result.rejects().count()).isZero();
  }
}
