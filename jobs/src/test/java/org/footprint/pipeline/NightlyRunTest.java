package org.footprint.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nightly operation: --day replaces exactly its day, summaries cover all days, reruns are byte-identical. */
class NightlyRunTest extends SparkTestBase {
  private static final String HEADER = "JobID|JobIDRaw|User|Account|Partition|State|Start|ElapsedRaw|AllocTRES";

  @TempDir
  Path dir;

  private static String job(int id, String user, String account, String start) {
    return id + "|" + id + "|" + user + "|" + account + "|gpu|COMPLETED|" + start + "|3600|cpu=2,gres/gpu=1,node=1";
  }

  private void export(String name, String... lines) throws IOException {
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(dir.resolve("in").resolve(name), HEADER + "\n" + String.join("\n", lines) + "\n");
  }

  private RunResult run(LocalDate day) {
    return run(day, false);
  }

  private RunResult run(LocalDate day, boolean publishAnyway) {
    Map<String, String> set = new LinkedHashMap<>();
    set.put("inputs.0.path", dir.resolve("in").toString() + "/*.txt");
    set.put("inputs.1.path", TestPaths.fixture("intensity_fixture.csv").toString());
    set.put("clusters.testc.pue_source", "the site's own figure (fixture)");
    FootprintConf conf = ConfLoader.load(TestPaths.fixture("fixture.yaml").toString(), set);
    RunOptions opts = new RunOptions();
    opts.outDir = dir.resolve("out").toString();
    opts.from = day;
    opts.to = day;
    opts.publishAnyway = publishAnyway;
    return new FootprintRun(spark, conf, opts).execute();
  }

  private Map<String, String> csvs() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("out/csv"))) {
      return files.collect(Collectors.toMap(p -> p.getFileName().toString(), p -> {
        try {
          return Files.readString(p);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }));
    }
  }

  private List<String> dayPartitions() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("out/tables/jobs"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("day=")).sorted().toList();
    }
  }

  private double projectCo2e(String project) {
    List<Row> rows = spark.read().parquet(dir.resolve("out/tables/by_project").toString())
        .filter(col("project").equalTo(project)).collectAsList();
    return rows.isEmpty() ? 0.0 : rows.get(0).getAs("co2e_kg");
  }

  @Test
  void dayRunsReplaceTheirDayAndSummariesCoverAllDays() throws IOException {
    // Europe/Berlin local times; each job 1 h, 1 TESTGPU at 0.8 → 250 W + 2 × 10 W = 270 W × 1.5 = 0.405 kWh
    export("d1.txt", job(1, "ann", "p1", "2026-03-02T11:00:00"), job(2, "bob", "p2", "2026-03-02T12:00:00"));
    export("d2.txt", job(3, "ann", "p1", "2026-03-03T11:00:00"));
    run(null);
    assertThat(dayPartitions()).containsExactly("day=2026-03-02", "day=2026-03-03");
    Map<String, String> full = csvs();
    // beside the tables: the constants they were computed with, each with its source
    String runConf = Files.readString(dir.resolve("out/run_conf.yaml"));
    assertThat(runConf).contains("  testc:\n", "    pue: 1.5\n", "    pue_source: the site's own figure (fixture)\n",
        "    region: ZZ\n");

    RunResult r = run(LocalDate.of(2026, 3, 3));
    assertThat(r.jobs()).isEqualTo(1);
    assertThat(r.publishedDays()).isEqualTo(2);
    assertThat(csvs()).as("a --day rerun on the same input changes no summary").isEqualTo(withoutRunSummary(full,
        csvs()));
    Map<String, String> afterDay = csvs();
    run(LocalDate.of(2026, 3, 3));
    assertThat(csvs()).as("reruns are byte-identical").isEqualTo(afterDay);

    // the day's export comes out empty: the quality gate refuses to erase the published day
    export("d2.txt");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(LocalDate.of(2026, 3, 3)))
        .isInstanceOf(org.footprint.sink.QualityGateRefusal.class).hasMessageContaining("2026-03-03");
    assertThat(csvs()).isEqualTo(afterDay);
    assertThat(dayPartitions()).containsExactly("day=2026-03-02", "day=2026-03-03");
    // the jobs were purged on purpose and the operator says so: the day disappears, the other day stays
    run(LocalDate.of(2026, 3, 3), true);
    assertThat(dayPartitions()).containsExactly("day=2026-03-02");
    assertThat(projectCo2e("p1")).isCloseTo(0.405 * 0.1, within(1e-9)); // 11:00 local = 10:00Z at 100 g
    // an empty export left in the folder would refuse every later run (quality.slurm.allow_empty): it goes
    Files.delete(dir.resolve("in/d2.txt"));

    // a late record for 2 March arrives in a later export: a --day run for 3 March ignores it, 2 March takes it
    export("d3.txt", job(4, "cat", "p1", "2026-03-02T13:00:00"));
    run(LocalDate.of(2026, 3, 3));
    assertThat(projectCo2e("p1")).isCloseTo(0.405 * 0.1, within(1e-9));
    run(LocalDate.of(2026, 3, 2));
    assertThat(projectCo2e("p1")).isCloseTo(0.405 * 0.1 + 0.405 * 0.3, within(1e-9)); // 12:00Z at 300 g
    double all = spark.read().parquet(dir.resolve("out/tables/jobs").toString()).agg(sum("co2e_kg")).first()
        .getDouble(0);
    assertThat(all).isCloseTo(0.405 * (0.1 + 0.2 + 0.3), within(1e-9));
  }

  /** run_summary describes the run, not the accumulated output: it may differ between a full and a day run. */
  private static Map<String, String> withoutRunSummary(Map<String, String> full, Map<String, String> now) {
    Map<String, String> m = new LinkedHashMap<>(full);
    m.put("run_summary.csv", now.get("run_summary.csv"));
    return m;
  }
}
