package org.footprint.source.slurm;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.source.Counts;
import org.footprint.source.SourceResult;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * The sacct fold on a few records built in code: each record's fate decided once, the counts read from it, and the
 * step rows narrowed before the shuffle.
 */
class SlurmFoldTest extends SparkTestBase {
  private static final Instant T0 = Instant.parse("2026-10-20T08:00:00Z");

  private static SacctRecord alloc(String file, long line, String jobId, String state, long endAfterS) {
    SacctRecord r = new SacctRecord();
    r.kind = SacctRecord.ALLOC;
    r.cluster = "alpine";
    r.file = file;
    r.line = line;
    r.jobId = jobId;
    r.state = state;
    r.stateRaw = state;
    r.user = "ana";
    r.account = "vision";
    r.name = "train";
    r.partition = "gpu";
    r.submit = T0;
    r.start = T0;
    r.end = T0.plusSeconds(endAfterS);
    r.durationS = endAfterS;
    r.nodes = List.of("gpu001");
    r.nodeCount = 1;
    r.gpuCount = 1.0;
    r.gpuDevices = 1.0;
    r.cpuCount = 8.0;
    r.cpuSeconds = 100.0;
    return r;
  }

  private static SacctRecord step(String file, long line, String jobId, String step, long endAfterS, double cpu) {
    SacctRecord r = alloc(file, line, jobId, "COMPLETED", endAfterS);
    r.kind = SacctRecord.STEP;
    r.step = step;
    r.cpuSeconds = cpu;
    r.gpuUtilSum = 50.0;
    return r;
  }

  private static Dataset<Row> records(SacctRecord... rs) {
    List<Row> rows = new ArrayList<>();
    for (SacctRecord r : rs) {
      rows.add(r.toRow());
    }
    return spark.createDataFrame(rows, SacctRecord.SCHEMA);
  }

  /**
   * Job 1 in two exports (running in the first, completed in the second) with its batch step in both; step 0 of
   * job 2, whose allocation row is absent; one unreadable line.
   */
  private static Dataset<Row> centre() {
    return records(
        alloc("a.txt", 2, "1", "RUNNING", 600),
        step("a.txt", 3, "1", "batch", 600, 40.0),
        alloc("b.txt", 2, "1", "COMPLETED", 3600),
        step("b.txt", 3, "1", "batch", 3600, 500.0),
        step("b.txt", 4, "2", "0", 60, 5.0),
        SacctRecord.reject("alpine", "b.txt", 5, "1|x", "2 fields where the header has 30"));
  }

  @Test
  void eachRecordGetsOneFate() {
    Map<String, String> fates = new TreeMap<>();
    for (Row r : SlurmUsage.withFate(centre(), col("state").isin(SlurmState.ENDED.toArray()))
        .select("file", "line", SlurmUsage.FATE).collectAsList()) {
      fates.put(r.getString(0) + ":" + r.getLong(1), r.getString(2));
    }
    assertThat(fates).containsExactlyInAnyOrderEntriesOf(Map.of(
        "a.txt:2", SlurmUsage.DUPLICATE_ALLOC, // the running version: the completed one is more final
        "a.txt:3", SlurmUsage.DUPLICATE_STEP, // the earlier end
        "b.txt:2", SlurmUsage.KEPT_ALLOC,
        "b.txt:3", SlurmUsage.MERGED_STEP,
        "b.txt:4", SlurmUsage.ORPHAN_STEP,
        "b.txt:5", SacctRecord.REJECT));
  }

  @Test
  void theFoldCountsEveryRecordOnceFromItsFate() {
    SourceResult r = SlurmUsage.build(centre());
    Map<String, Long> counts = new TreeMap<>();
    for (Row c : r.counts().collectAsList()) {
      counts.merge(c.getString(c.fieldIndex("category")), c.getLong(c.fieldIndex("n")), Long::sum);
    }
    // 6 records: 1 job, 3 merged (the repeated allocation, the repeated step, the step merged), 2 rejected
    assertThat(counts.get(Counts.RECORDS_READ)).isEqualTo(6L);
    assertThat(counts.get(Counts.MERGED)).isEqualTo(3L);
    assertThat(counts.get(Counts.REJECTED)).isEqualTo(2L);
    assertThat(counts.getOrDefault(Counts.SKIPPED, 0L)).isZero();
    List<Row> usage = r.usage().collectAsList();
    assertThat(usage).hasSize(1);
    // the kept step's CPU time (500 s) refines the allocation's (100 s); the repeated step's 40 s is not added
    assertThat(usage.get(0).getDouble(usage.get(0).fieldIndex("cpu_seconds"))).isEqualTo(500.0);
    assertThat(r.rejects().select("line", "reason_code").orderBy("line").collectAsList().toString())
        .isEqualTo("[[4,orphan_step], [5,field_count]]");
  }

  @Test
  void stepRowsCrossTheShuffleWithOnlyWhatTheFoldReads() {
    List<Row> rows = SlurmUsage.stepsNarrowed(centre()).orderBy("file", "line").collectAsList();
    Row allocRow = rows.get(0);
    Row stepRow = rows.get(1);
    assertThat(allocRow.getString(allocRow.fieldIndex("user"))).isEqualTo("ana");
    assertThat(allocRow.getList(allocRow.fieldIndex("nodes"))).containsExactly("gpu001");
    assertThat(stepRow.isNullAt(stepRow.fieldIndex("user"))).isTrue();
    assertThat(stepRow.isNullAt(stepRow.fieldIndex("nodes"))).isTrue();
    assertThat(stepRow.isNullAt(stepRow.fieldIndex("state"))).isTrue();
    assertThat(stepRow.getDouble(stepRow.fieldIndex("cpu_seconds"))).isEqualTo(40.0);
    assertThat(stepRow.getString(stepRow.fieldIndex("step"))).isEqualTo("batch");
    assertThat(stepRow.getTimestamp(stepRow.fieldIndex("end_utc")).toInstant()).isEqualTo(T0.plusSeconds(600));
    assertThat(SlurmUsage.stepsNarrowed(centre()).columns()).containsExactly(SacctRecord.SCHEMA.fieldNames());
  }
}
