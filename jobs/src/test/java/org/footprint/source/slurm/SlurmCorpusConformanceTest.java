package org.footprint.source.slurm;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.source.SourceResult;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real sacct captures written by others (shared/corpus/slurm, described in SOURCES.md), read in place.
 * The counts asserted here are those SOURCES.md states. Skipped, with a printed reason, on a clone without
 * the corpus (TestPaths.corpus()).
 */
class SlurmCorpusConformanceTest extends SparkTestBase {
  /** sonar's field list for its headerless captures (JobName last because it may contain |). */
  static final List<String> SONAR_FIELDS = List.of("JobID", "JobIDRaw", "User", "Account", "State", "Start", "End",
      "AveCPU", "AveDiskRead", "AveDiskWrite", "AveRSS", "AveVMSize", "ElapsedRaw", "ExitCode", "Layout", "MaxRSS",
      "MaxVMSize", "MinCPU", "ReqCPUS", "ReqMem", "ReqNodes", "Reservation", "Submit", "Suspended", "SystemCPU",
      "TimelimitRaw", "UserCPU", "NodeList", "Partition", "AllocTRES", "Priority", "JobName");

  @BeforeAll
  static void needCorpus() {
    assumeTrue(TestPaths.hasCorpus(), "shared corpus absent");
  }

  private static String file(String name) {
    return TestPaths.corpus().resolve("slurm").resolve(name).toString();
  }

  private record Read(Dataset<Row> records, SourceResult result) {
    long count(String kind) {
      return records.filter(col("kind").equalTo(kind)).count();
    }

    Map<String, Long> category() {
      return Frames.sumBy(result.counts(), "category", "n");
    }

    Map<String, Long> allocStates() {
      return Frames.countBy(records.filter(col("kind").equalTo("alloc")), "state");
    }
  }

  private static Read read(String name, List<String> fields, String zone) {
    Dataset<Row> records = SacctReader.read(spark, Map.of(file(name), new SacctInput("corpus", zone, fields, null)))
        .cache();
    return new Read(records, SlurmUsage.build(records));
  }

  @Test
  void foxSeptember2025HeaderlessCapture() {
    Read r = read("sacct_output.txt", SONAR_FIELDS, "Europe/Oslo");
    assertThat(r.records().count()).isEqualTo(301);
    assertThat(r.count("alloc")).isEqualTo(122);
    assertThat(r.count("step")).isEqualTo(179);
    assertThat(r.count("reject")).isZero();
    assertThat(r.allocStates()).containsOnly(Map.entry("COMPLETED", 49L), Map.entry("RUNNING", 32L),
        Map.entry("PENDING", 31L), Map.entry("CANCELLED", 5L), Map.entry("TIMEOUT", 3L), Map.entry("FAILED", 2L));
    Dataset<Row> allocs = r.records().filter(col("kind").equalTo("alloc"));
    // gres/gpu=N always next to a typed entry: counted once
    assertThat(allocs.filter(col("gpu_count").gt(0)).count()).isEqualTo(65);
    assertThat(allocs.agg(sum("gpu_count")).first().getDouble(0)).isEqualTo(83.0);
    Map<String, Long> c = r.category();
    assertThat(c.get("records_read")).isEqualTo(301);
    assertThat(c.get("merged")).isEqualTo(179);
    // running and pending are skipped with their reason; the rest are jobs
    Map<String, Long> reasons = Frames.countBy(r.result().skipped(), "reason");
    assertThat(reasons.get("PENDING: never ran")).isEqualTo(31);
    assertThat(reasons.get("not ended (RUNNING): provisional, counted once it ends")).isEqualTo(32);
    long jobs = r.result().usage().count();
    assertThat(jobs + c.get("skipped") + c.getOrDefault("rejected", 0L) + c.get("merged")).isEqualTo(301);
    assertThat(jobs).isEqualTo(49 + 5 + 3 + 2 - (c.get("skipped") - 63));
  }

  @Test
  void foxNovember2024CaptureIsLocalTimeAtPlusOne() {
    Read r = read("sacct-output.txt", SONAR_FIELDS, "Europe/Oslo");
    assertThat(r.records().count()).isEqualTo(96);
    assertThat(r.count("alloc")).isEqualTo(29);
    assertThat(r.count("step")).isEqualTo(67);
    assertThat(r.allocStates()).containsOnly(Map.entry("COMPLETED", 20L), Map.entry("FAILED", 4L),
        Map.entry("CANCELLED", 3L), Map.entry("TIMEOUT", 2L));
    Dataset<Row> allocs = r.records().filter(col("kind").equalTo("alloc"));
    assertThat(allocs.filter(col("gpu_count").gt(0)).count()).isEqualTo(16);
    assertThat(allocs.agg(sum("gpu_count")).first().getDouble(0)).isEqualTo(16.0);
    // 973821 started 2024-11-13T11:08:00 local; Oslo in November is UTC+01:00 (sacctd-output.txt shows +01:00)
    Row job = r.result().usage().filter(col("job_id").equalTo("973821")).first();
    assertThat(job.getAs("start_utc").toString()).isEqualTo("2024-11-13 10:08:00.0");
    assertThat((long) job.getAs("duration_s")).isEqualTo(7164L);
  }

  @Test
  void osc2017CaptureWithoutTimeColumnsAccountsForEveryJob() {
    Read r = read("sacct.txt", null, "America/New_York");
    assertThat(r.records().count()).isEqualTo(269);
    assertThat(r.count("alloc")).isEqualTo(106);
    assertThat(r.count("step")).isEqualTo(163);
    assertThat(r.allocStates()).containsOnly(Map.entry("COMPLETED", 44L), Map.entry("PENDING", 31L),
        Map.entry("RUNNING", 19L), Map.entry("TIMEOUT", 10L), Map.entry("FAILED", 2L));
    assertThat(r.result().usage().count()).isZero(); // no invented zeros
    Map<String, Long> reasons = Frames.countBy(r.result().skipped(), "reason");
    assertThat(reasons).containsOnly(
        Map.entry("export has no Start/End/Elapsed columns: duration and energy cannot be computed", 56L),
        Map.entry("PENDING: never ran", 31L),
        Map.entry("not ended (RUNNING): provisional, counted once it ends", 19L));
    assertThat(r.category().get("merged")).isEqualTo(163);
  }

  @Test
  void nordicHpcCaptureWithHeaderEnergyAndUnknownEnd() {
    Read r = read("test-data1.csv", null, "Europe/Helsinki");
    assertThat(r.count("alloc")).isEqualTo(2);
    assertThat(r.count("step")).isEqualTo(3);
    List<Row> usage = r.result().usage().orderBy("job_id").collectAsList();
    assertThat(usage).hasSize(2);
    assertThat((String) usage.get(0).getAs("state")).isEqualTo("CANCELLED");
    assertThat((String) usage.get(0).getAs("state_raw")).isEqualTo("CANCELLED by 1300204");
    assertThat((double) usage.get(0).getAs("energy_measured_j")).isEqualTo(54156.0);
    // End=Unknown on a cancelled job: its Elapsed (17 s) still gives the interval
    assertThat((long) usage.get(1).getAs("duration_s")).isEqualTo(17L);
    assertThat(r.category().get("merged")).isEqualTo(3);
  }
}
