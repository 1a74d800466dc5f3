package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.footprint.io.CacheScope;
import org.footprint.io.SetAside;
import org.footprint.source.SourceResult;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rejects and pending array ranges of a sacct read come from what the parse set aside, not from another scan of
 * the cached records, and are the same rows either way; orphan steps, which only the fold finds, still come from
 * the records.
 */
class SlurmSetAsideTest extends SparkTestBase {
  private static final String FIELDS = "UID|User|JobID|JobName|Submit|Elapsed|Partition|NNodes|NCPUS|TotalCPU|"
      + "CPUTime|ReqMem|MaxRSS|WorkDir|State|Account|AllocTRES";
  private static final String JOB = "1001|ana|7001|train|2026-11-02T10:00:00|01:30:00|gpu|1|8|05:00:00|12:00:00|64G|"
      + "|/home/ana|COMPLETED|nlp|billing=8,cpu=8,gres/gpu=1,mem=64G,node=1";
  private static final String STEP = "||7001.batch|batch|2026-11-02T10:00:00|01:30:00||1|8|05:00:00|12:00:00||1200M|"
      + "|COMPLETED||cpu=8,gres/gpu=1,mem=64G,node=1";
  private static final String PENDING_RANGE = "1001|ana|7002_[3-9%2]|sweep|2026-11-02T11:00:00|00:00:00|gpu|1|8|"
      + "00:00:00|00:00:00|64G|||PENDING|nlp|billing=8,cpu=8,gres/gpu=1,mem=64G,node=1";
  private static final String SHORT = "1001|ana|7003|eval";
  private static final String ORPHAN = "||7099.batch|batch|2026-11-02T10:00:00|01:30:00||1|8|05:00:00|12:00:00||1200M|"
      + "|COMPLETED||cpu=8,gres/gpu=1,mem=64G,node=1";

  @TempDir
  static Path dir;

  private record Read(SourceResult withAside, SourceResult withoutAside) {}

  private static Read read(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    List<String> all = new ArrayList<>(List.of(FIELDS));
    all.addAll(List.of(lines));
    Files.write(file, all);
    Map<String, SacctInput> in = Map.of(file.toString(), new SacctInput("alpine", "Europe/Berlin", null, null));
    SetAside aside = SlurmUsage.setAside(spark);
    SourceResult a = SlurmUsage.build(SacctReader.read(spark, in, aside), aside, null, new CacheScope());
    return new Read(a, SlurmUsage.build(SacctReader.read(spark, in)));
  }

  private static boolean readsTheRecords(Dataset<Row> d) {
    return d.queryExecution().optimizedPlan().collectLeaves().exists(p -> p instanceof LogicalRDD);
  }

  private static List<String> lines(Dataset<Row> d) {
    return d.orderBy("line").collectAsList().stream()
        .map(r -> r.getAs("line") + " " + r.getAs("reason")).toList();
  }

  @Test
  void rejectsAndPendingRangesComeFromTheParseAndMatchTheRecords() throws IOException {
    Read r = read("clean.txt", JOB, STEP, PENDING_RANGE, SHORT);

    assertThat(readsTheRecords(r.withAside().rejects())).isFalse();
    assertThat(lines(r.withAside().rejects())).hasSize(1).first().asString().startsWith("5 ");
    assertThat(r.withAside().rejects().collectAsList())
        .containsExactlyInAnyOrderElementsOf(r.withoutAside().rejects().collectAsList());
    assertThat(lines(r.withAside().skipped()))
        .containsExactly("4 array tasks not started yet (pending JobID range)");
    assertThat(r.withAside().skipped().collectAsList())
        .containsExactlyInAnyOrderElementsOf(r.withoutAside().skipped().collectAsList());
  }

  @Test
  void orphanStepsAreFoundInTheRecordsWithTheParseRejects() throws IOException {
    Read r = read("orphan.txt", JOB, STEP, ORPHAN, SHORT);

    assertThat(readsTheRecords(r.withAside().rejects())).isTrue();
    assertThat(r.withAside().rejects().collectAsList()).hasSize(2)
        .containsExactlyInAnyOrderElementsOf(r.withoutAside().rejects().collectAsList());
    assertThat(lines(r.withAside().rejects())).first().asString()
        .startsWith("4 step row without its allocation row (job 7099");
  }
}
