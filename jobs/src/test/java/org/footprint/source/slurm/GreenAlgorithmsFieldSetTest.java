package org.footprint.source.slurm;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.source.SourceResult;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export with the field set Green Algorithms for HPC asks sacct for: no Start, End or ElapsedRaw. Jobs that
 * ran are placed at Submit and flagged; jobs that never started are skipped with that reason, not costed.
 */
class GreenAlgorithmsFieldSetTest extends SparkTestBase {
  private static final String FIELDS = "UID|User|JobID|JobName|Submit|Elapsed|Partition|NNodes|NCPUS|TotalCPU|"
      + "CPUTime|ReqMem|MaxRSS|WorkDir|State|Account|AllocTRES";

  @TempDir
  static Path dir;

  @Test
  void ranJobsArePlacedAtSubmitAndNeverStartedOnesSkipped() throws IOException {
    Path file = dir.resolve("ga4hpc.txt");
    Files.write(file, List.of(FIELDS,
        "1001|ana|7001|train|2026-11-02T10:00:00|01:30:00|gpu|1|8|05:00:00|12:00:00|64G||/home/ana|COMPLETED|nlp|"
            + "billing=8,cpu=8,gres/gpu=1,mem=64G,node=1",
        "||7001.batch|batch|2026-11-02T10:00:00|01:30:00||1|8|05:00:00|12:00:00||1200M||COMPLETED||"
            + "cpu=8,gres/gpu=1,mem=64G,node=1",
        "1001|ana|7002|eval|2026-11-02T11:00:00|00:00:00|gpu|1|8|00:00:00|00:00:00|64G|||CANCELLED by 1001|nlp|"
            + "billing=8,cpu=8,gres/gpu=1,mem=64G,node=1"));
    SourceResult r = SlurmUsage.build(SacctReader.read(spark,
        Map.of(file.toString(), new SacctInput("alpine", "Europe/Berlin", null, null))));

    List<Row> jobs = r.usage().collectAsList();
    assertThat(jobs).hasSize(1);
    Row job = jobs.get(0);
    assertThat((String) job.getAs("job_id")).isEqualTo("7001");
    // Submit 10:00 in Berlin (CET) = 09:00 UTC; Elapsed 1 h 30 min
    assertThat(((Timestamp) job.getAs("start_utc")).toInstant()).isEqualTo(Instant.parse("2026-11-02T09:00:00Z"));
    assertThat(((Timestamp) job.getAs("end_utc")).toInstant()).isEqualTo(Instant.parse("2026-11-02T10:30:00Z"));
    assertThat((Long) job.getAs("duration_s")).isEqualTo(5400L);
    assertThat((Boolean) job.getAs("start_estimated")).isTrue();
    assertThat((String) job.getAs("notes")).contains("start estimated");

    List<Row> skipped = r.skipped().collectAsList();
    assertThat(skipped).hasSize(1);
    assertThat((String) skipped.get(0).getAs("job_id")).isEqualTo("7002");
    assertThat((String) skipped.get(0).getAs("reason"))
        .isEqualTo("never started (CANCELLED): no Start time and no elapsed time");

    Map<String, Long> counts = Frames.sumBy(r.counts(), "category", "n");
    assertThat(counts).containsEntry("records_read", 3L).containsEntry("merged", 1L).containsEntry("skipped", 1L);
    assertThat(r.rejects().filter(col("source").equalTo("slurm")).count()).isZero();
  }
}
