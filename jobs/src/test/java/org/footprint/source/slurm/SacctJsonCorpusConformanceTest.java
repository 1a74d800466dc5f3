package org.footprint.source.slurm;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.source.SourceResult;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real {@code sacct --json} captures written by others (shared/corpus/slurm-json, described in SOURCES.md), read in
 * place: one per schema generation (dbv0.0.37, data_parser v0.0.39, v0.0.40, v0.0.43). The counts asserted are those
 * SOURCES.md states. Skipped, with a printed reason, on a clone without the corpus (TestPaths.corpus()).
 */
class SacctJsonCorpusConformanceTest extends SparkTestBase {

  @BeforeAll
  static void needCorpus() {
    assumeTrue(TestPaths.hasCorpus(), "shared corpus absent");
  }

  private static String file(String name) {
    return TestPaths.corpus().resolve("slurm-json").resolve(name).toString();
  }

  /** Pure-Java read; cluster null so the export's own cluster name shows through. */
  private static List<SacctRecord> records(String name) throws IOException {
    try (Reader in = Files.newBufferedReader(TestPaths.corpus().resolve("slurm-json").resolve(name),
        StandardCharsets.UTF_8)) {
      return SacctJsonReader.parseAll(file(name), in, new SacctInput(null, "UTC", null, null));
    }
  }

  private record Read(Dataset<Row> records, SourceResult result) {
    long count(String kind) {
      return records.filter(col("kind").equalTo(kind)).count();
    }

    Map<String, Long> category() {
      return Frames.sumBy(result.counts(), "category", "n");
    }

    Map<String, Long> skipReasons() {
      return Frames.countBy(result.skipped(), "reason");
    }

    /** Every record ends in exactly one place (SlurmUsage's promise), whatever the format. */
    void reconciles() {
      Map<String, Long> c = category();
      long jobs = result.usage().count();
      assertThat(jobs + c.getOrDefault("merged", 0L) + c.getOrDefault("skipped", 0L)
          + c.getOrDefault("rejected", 0L)).isEqualTo(c.get("records_read"));
    }
  }

  private static Read read(String name) {
    Dataset<Row> records = SacctJsonReader.read(spark,
        Map.of(file(name), new SacctInput("corpus", "UTC", null, null))).cache();
    return new Read(records, SlurmUsage.build(records));
  }

  @Test
  void slurm21dbv0037RequeuedGpuJobWithStringStateAndPlainNumbers() throws IOException {
    List<SacctRecord> r = records("slurm_21_8_8.json");
    assertThat(r).singleElement().satisfies(x -> {
      assertThat(x.kind).isEqualTo("alloc");
      assertThat(x.cluster).isEqualTo("cedar"); // no conf cluster given: the export's
      assertThat(x.line).isEqualTo(18);
      assertThat(x.jobId).isEqualTo("55978384");
      assertThat(x.jobIdRaw).isEqualTo("55978384");
      assertThat(x.arrayParent).isNull();
      assertThat(x.hetParent).isNull();
      assertThat(x.state).isEqualTo("REQUEUED");
      assertThat(x.stateRaw).isEqualTo("REQUEUED");
      assertThat(x.gpuCount).isEqualTo(1.0);
      assertThat(x.gpuType).isNull(); // {type: gres, name: gpu}: untyped
      assertThat(x.durationS).isEqualTo(86301L);
      assertThat(x.start).isEqualTo(Instant.ofEpochSecond(1673275023));
      assertThat(x.end).isEqualTo(Instant.ofEpochSecond(1673275023 + 86301));
      assertThat(x.notes).contains("End-Start differs from ElapsedRaw"); // the requeue's End is later
      assertThat(x.cpuCount).isEqualTo(4.0);
      assertThat(x.memGb).isEqualTo(40.0);
      assertThat(x.nodes).containsExactly("cdr896");
      assertThat(x.nodeCount).isEqualTo(1);
      assertThat(x.user).isEqualTo("purah");
      assertThat(x.account).isEqualTo("rrg-bengioy-ad_gpu");
      assertThat(x.partition).isEqualTo("gpubackfill");
      assertThat(x.wckey).isEqualTo("submitit");
      assertThat(x.comment).isNull();
      assertThat(x.exitCode).isEqualTo("0:0");
      assertThat(x.cpuSeconds).isEqualTo(0.0);
      assertThat(x.energyJ).isNull();
      assertThat(x.restarts).isNull(); // dbv0.0.37 has no restart_cnt
    });
    Read s = read("slurm_21_8_8.json");
    assertThat(s.result().usage().count()).isEqualTo(1);
    s.reconciles();
  }

  @Test
  void slurm23v0039RunningJobWithUnknownEndAndEnergySentinel() throws IOException {
    List<SacctRecord> r = records("slurm_23_2_6.json");
    assertThat(r).singleElement().satisfies(x -> {
      assertThat(x.jobId).isEqualTo("4");
      assertThat(x.state).isEqualTo("RUNNING");
      assertThat(x.gpuCount).isEqualTo(2.0);
      assertThat(x.end).isNull();
      assertThat(x.durationS).isEqualTo(83853331L);
      assertThat(x.energyJ).isNull(); // energy TRES count -2
      assertThat(x.memGb).isEqualTo(32.0);
      assertThat(x.cluster).isEqualTo("mila");
      assertThat(x.notes).contains("stale accounting record");
    });
    Read s = read("slurm_23_2_6.json");
    assertThat(s.result().usage().count()).isZero();
    assertThat(s.skipReasons()).containsOnly(Map.entry("not ended (RUNNING): provisional, counted once it ends", 1L));
    s.reconciles();
  }

  @Test
  void slurm23v0040SameJobWithStateArrayExitObjectAndOutlierElapsed() throws IOException {
    List<SacctRecord> r = records("slurm_23_11_5.json");
    assertThat(r).singleElement().satisfies(x -> {
      assertThat(x.jobId).isEqualTo("4");
      assertThat(x.state).isEqualTo("RUNNING"); // ["RUNNING"]
      assertThat(x.stateRaw).isEqualTo("RUNNING");
      assertThat(x.exitCode).isEqualTo("0:0");
      assertThat(x.gpuCount).isEqualTo(2.0);
      assertThat(x.end).isNull();
      // 102228976 s = 3.2 years 'running' against a 7200 min limit: kept as exported, flagged, not trusted
      assertThat(x.durationS).isEqualTo(102228976L);
      assertThat(x.notes).contains("stale accounting record").contains("time limit 7200 min");
    });
    Read s = read("slurm_23_11_5.json");
    assertThat(s.result().usage().count()).isZero();
    assertThat(s.category().get("skipped")).isEqualTo(1);
    s.reconciles();
  }

  @Test
  void clockworkCedarArrayTasksNodeFailAndRequeued() throws IOException {
    List<SacctRecord> r = records("sacct_1");
    assertThat(r).extracting(x -> x.kind).containsExactly("alloc", "alloc");
    SacctRecord a = r.get(0);
    assertThat(a.jobId).isEqualTo("1_7");
    assertThat(a.jobIdRaw).isEqualTo("10");
    assertThat(a.arrayParent).isEqualTo("1");
    assertThat(a.state).isEqualTo("NODE_FAIL");
    assertThat(a.gpuCount).isEqualTo(1.0);
    // End 0 on an ended job: the interval comes from start + elapsed
    assertThat(a.end).isEqualTo(Instant.ofEpochSecond(1680193504L + 20615));
    assertThat(a.durationS).isEqualTo(20615L);
    SacctRecord b = r.get(1);
    assertThat(b.jobId).isEqualTo("2_0");
    assertThat(b.jobIdRaw).isEqualTo("20");
    assertThat(b.arrayParent).isEqualTo("2");
    assertThat(b.state).isEqualTo("REQUEUED");
    assertThat(b.user).isEqualTo("nobody2");
    assertThat(b.wckey).isEqualTo("test-job-2");
    Read s = read("sacct_1");
    assertThat(s.result().usage().count()).isEqualTo(2);
    assertThat(s.result().usage().select("job_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder("1_7", "2_0");
    s.reconciles();
  }

  @Test
  void fromageV0043EveryNumberWrappedTypedGpusOnly() throws IOException {
    List<SacctRecord> r = records("fromage_1714003200.json");
    List<SacctRecord> allocs = r.stream().filter(x -> x.kind.equals("alloc")).toList();
    List<SacctRecord> steps = r.stream().filter(x -> x.kind.equals("step")).toList();
    assertThat(r).hasSize(39);
    assertThat(allocs).hasSize(13);
    assertThat(steps).hasSize(26);
    assertThat(steps).extracting(x -> x.step).containsOnly("batch", "extern");
    assertThat(steps).allSatisfy(x -> assertThat(x.jobIdRaw).isEqualTo(x.jobId + "." + x.step));
    // array.job_id == job_id with task_id.set=false: not an array task
    assertThat(allocs).allSatisfy(x -> {
      assertThat(x.arrayParent).isNull();
      assertThat(x.jobId).isEqualTo(x.jobIdRaw);
    });
    assertThat(allocs.stream().filter(x -> x.gpuCount > 0)).hasSize(9);
    assertThat(allocs.stream().mapToDouble(x -> x.gpuCount).sum()).isEqualTo(10.0);
    assertThat(allocs.stream().filter(x -> x.gpuCount > 0)).allSatisfy(x -> assertThat(x.gpuType).isEqualTo("v100"));
    assertThat(allocs.stream().collect(Collectors.groupingBy(x -> x.state, Collectors.counting())))
        .containsOnly(Map.entry("RUNNING", 3L), Map.entry("FAILED", 2L), Map.entry("CANCELLED", 1L),
            Map.entry("COMPLETED", 7L));
    assertThat(allocs.stream().filter(x -> x.state.equals("RUNNING"))).allSatisfy(x -> assertThat(x.end).isNull());
    assertThat(allocs.stream().filter(x -> x.state.equals("CANCELLED")).findFirst().orElseThrow().stateRaw)
        .isEqualTo("CANCELLED by humlog");
    assertThat(allocs.stream().filter(x -> x.state.equals("FAILED"))).allSatisfy(x ->
        assertThat(x.exitCode).isEqualTo("1:0"));
    assertThat(steps).allSatisfy(x -> assertThat(x.energyJ).isNull()); // statistics.energy.consumed unset
    assertThat(allocs).allSatisfy(x -> assertThat(x.restarts).isZero());
    // the job's qos: two jobs of this cluster ran under "high"
    assertThat(allocs.stream().collect(Collectors.groupingBy(x -> x.qos, Collectors.counting())))
        .containsOnly(Map.entry("normal", 11L), Map.entry("high", 2L));
    assertThat(allocs.stream().filter(x -> "high".equals(x.qos))).extracting(x -> x.jobId)
        .containsExactlyInAnyOrder("12", "19");

    Read s = read("fromage_1714003200.json");
    assertThat(s.count("reject")).isZero();
    Map<String, Long> c = s.category();
    assertThat(c.get("records_read")).isEqualTo(39);
    assertThat(c.get("merged")).isEqualTo(26); // every step finds its allocation
    assertThat(s.skipReasons()).containsOnly(
        Map.entry("not ended (RUNNING): provisional, counted once it ends", 3L));
    assertThat(s.result().usage().count()).isEqualTo(10);
    // the three running jobs (1 GPU each) are not jobs yet
    assertThat(s.result().usage().agg(sum("gpu_count")).first().getDouble(0)).isEqualTo(7.0);
    s.reconciles();
  }
}
