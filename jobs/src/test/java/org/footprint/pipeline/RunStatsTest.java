package org.footprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.footprint.model.Schemas;
import org.footprint.sink.AtomicFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run_stats.json: its fields, the phase clock behind phase_s, and the atomic write. No Spark needed. */
class RunStatsTest {
  @TempDir
  Path dir;

  private static Row summaryRow(String source, String cluster, long files, long read, long jobs, long merged,
      long skipped, long rejected) {
    return new GenericRowWithSchema(new Object[] {source, cluster, files, read, jobs, merged, skipped, rejected, 0L,
        null, null, null, null, null, null, null, 0L}, Schemas.of("run_summary"));
  }

  @Test
  void jsonHasPhasesTotalsSparkCountsRowsPerSourceAndHeap() throws IOException {
    Map<String, Double> phases = new LinkedHashMap<>();
    phases.put("setup", 1.23449);
    phases.put("read", 10.0);
    phases.put("report", 2.5);
    List<Row> summary = List.of(summaryRow("slurm", "alpine", 12, 788, 209, 569, 7, 3),
        summaryRow("intensity", null, 2, 1674, 1674, 0, 0, 0));
    Map<String, Integer> groups = new TreeMap<>(Map.of("jobs", 30, "report", 5, "none", 7));
    Map<String, Integer> sites = new TreeMap<>(Map.of("sink.TableSink.csv(:111)", 12, "other", 1));
    RunStats stats = new RunStats(phases, 13.7345, 42, 57, groups, sites, RunStats.sourcesOf(summary),
        123_456_789L);

    JsonNode j = new ObjectMapper().readTree(stats.toJson());

    assertThat(j.get("total_s").asDouble()).isEqualTo(13.735);
    assertThat(j.get("phase_s").fieldNames()).toIterable().containsExactly("setup", "read", "report");
    assertThat(j.get("phase_s").get("setup").asDouble()).isEqualTo(1.234);
    assertThat(j.get("phase_s").get("read").asDouble()).isEqualTo(10.0);
    assertThat(j.get("spark_jobs").asInt()).isEqualTo(42);
    assertThat(j.get("spark_stages").asInt()).isEqualTo(57);
    assertThat(j.get("spark_jobs_by_group").fieldNames()).toIterable().containsExactly("jobs", "none", "report");
    assertThat(j.get("spark_jobs_by_group").get("report").asInt()).isEqualTo(5);
    assertThat(j.get("spark_jobs_by_call_site").fieldNames()).toIterable()
        .containsExactly("other", "sink.TableSink.csv(:111)");
    assertThat(j.get("spark_jobs_by_call_site").get("sink.TableSink.csv(:111)").asInt()).isEqualTo(12);
    assertThat(j.get("peak_heap_bytes").asLong()).isEqualTo(123_456_789L);
    JsonNode alpine = j.get("rows_per_source").get(0);
    assertThat(alpine.get("source").asText()).isEqualTo("slurm");
    assertThat(alpine.get("cluster").asText()).isEqualTo("alpine");
    assertThat(alpine.get("files").asLong()).isEqualTo(12);
    assertThat(alpine.get("records_read").asLong()).isEqualTo(788);
    assertThat(alpine.get("jobs").asLong()).isEqualTo(209);
    assertThat(alpine.get("merged").asLong()).isEqualTo(569);
    assertThat(alpine.get("skipped").asLong()).isEqualTo(7);
    assertThat(alpine.get("rejected").asLong()).isEqualTo(3);
    JsonNode intensity = j.get("rows_per_source").get(1);
    assertThat(intensity.get("cluster").isNull()).isTrue();
    assertThat(intensity.get("jobs").asLong()).isEqualTo(1674);
    assertThat(j.get("rows_per_source")).hasSize(2);
  }

  @Test
  void phasesLastUntilTheNextStartsAndRepeatedNamesAccumulate() {
    AtomicLong now = new AtomicLong(0);
    PhaseTimes t = new PhaseTimes(now::get, "setup");
    now.set(1_000_000_000L);
    t.begin("read");
    now.set(4_000_000_000L);
    t.begin("write");
    now.set(4_500_000_000L);
    t.begin("read");
    now.set(5_000_000_000L);

    assertThat(t.seconds()).containsExactly(Map.entry("setup", 1.0), Map.entry("read", 3.5),
        Map.entry("write", 0.5));
    assertThat(t.totalSeconds()).isEqualTo(5.0);
  }

  @Test
  void progressTimesNamedPhasesButNotItsProgressLines() {
    AtomicLong now = new AtomicLong(0);
    PhaseTimes t = new PhaseTimes(now::get, "setup");
    Progress p = Progress.silent();
    p.timeIn(t);
    now.set(2_000_000_000L);
    p.phase("read", "reading 3 files");
    now.set(3_000_000_000L);
    p.line("  … ingest: 10 Spark tasks done");
    p.timeIn(null);
    p.phase("after", "not timed");
    assertThat(t.seconds()).containsOnlyKeys("setup", "read");
  }

  @Test
  void theFileIsReplacedWholeAndNoTemporaryFileStays() throws IOException {
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir.toString(), RunStats.FILE_NAME);
    AtomicFile.write(target, "{\"old\": true}\n".getBytes());
    AtomicFile.write(target, "{\"new\": true}\n".getBytes());
    assertThat(Files.readString(dir.resolve(RunStats.FILE_NAME))).isEqualTo("{\"new\": true}\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly(RunStats.FILE_NAME);
    }
  }
}
