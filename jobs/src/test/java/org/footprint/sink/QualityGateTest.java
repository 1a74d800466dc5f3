package org.footprint.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.footprint.conf.FootprintConf;
import org.footprint.sink.QualityGate.Facts;
import org.footprint.sink.QualityGate.ReasonCount;
import org.footprint.sink.QualityGate.SourceCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's rules on counts built in code: what it refuses, what it lets through, and what it says. */
class QualityGateTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 3);

  @TempDir
  Path dir;

  private static FootprintConf.QualityConf defaults() {
    return new FootprintConf.QualityConf();
  }

  private static Facts facts(List<SourceCounts> sources, List<ReasonCount> reasons) {
    return new Facts(sources, reasons, Map.of(), List.of());
  }

  private static SourceCounts slurm(long read, long jobs, long rejected) {
    return new SourceCounts("slurm", "alpine", read, jobs, rejected);
  }

  private static ReasonCount reason(String source, String code, long n, long line) {
    return new ReasonCount(source, "alpine", code, n, "/var/log/sacct/night.txt", line, "why " + code);
  }

  @Test
  void anAllRejectedNightIsRefusedNamingCountsAndReasons() {
    QualityGate.Verdict v = new QualityGate(defaults()).judge(facts(List.of(slurm(12, 0, 12)),
        List.of(reason("slurm", "field_count", 10, 2), reason("slurm", "bad_time", 2, 7))));
    assertThat(v.publish()).isFalse();
    assertThat(v.problems()).containsExactly(
        "no jobs: 12 of 12 records read were rejected",
        "slurm/alpine rejected 12 of 12 records (100.0%, limit 5.0%): field_count 10 (night.txt:2: why field_count),"
            + " bad_time 2 (night.txt:7)");
  }

  @Test
  void noJobsIsRefusedEvenWithTheShareLimitOff() {
    FootprintConf.QualityConf off = defaults();
    off.maxRejectShare = 1.0;
    QualityGate.Verdict v = new QualityGate(off).judge(facts(List.of(slurm(4, 0, 4)),
        List.of(reason("slurm", "wrong_delimiter", 4, 1))));
    assertThat(v.problems()).containsExactly(
        "no jobs: 4 of 4 records read were rejected: wrong_delimiter 4 (night.txt:1: why wrong_delimiter)");
  }

  @Test
  void aLongReasonIsCutInTheLine() {
    ReasonCount r = new ReasonCount("slurm", "alpine", "bad_value", 1, "hdfs://nn/logs/a.txt", 5, "x".repeat(500));
    assertThat(r.describe(true)).isEqualTo("bad_value 1 (a.txt:5: " + "x".repeat(160) + "…)");
    assertThat(r.describe(false)).isEqualTo("bad_value 1 (a.txt:5)");
  }

  @Test
  void theRejectShareIsJudgedPerSourceAndClusterAgainstItsLimit() {
    QualityGate gate = new QualityGate(defaults());
    assertThat(gate.judge(facts(List.of(slurm(100, 90, 5)), List.of())).publish()).as("5 % is the limit").isTrue();
    assertThat(gate.judge(facts(List.of(slurm(100, 90, 6)), List.of())).problems())
        .containsExactly("slurm/alpine rejected 6 of 100 records (6.0%, limit 5.0%)");
    // a bad cluster is not hidden by a good one: bayou's 1 % does not dilute alpine's 50 %
    List<SourceCounts> two = List.of(slurm(10, 5, 5), new SourceCounts("slurm", "bayou", 1000, 990, 10));
    assertThat(gate.judge(facts(two, List.of())).problems()).singleElement().asString()
        .startsWith("slurm/alpine rejected 5 of 10");
  }

  @Test
  void aSourcesOwnLimitOverridesTheDefault() {
    FootprintConf.QualityConf q = defaults();
    q.power.maxRejectShare = 0.5;
    List<SourceCounts> counts = List.of(slurm(100, 93, 7), new SourceCounts("power", "alpine", 100, 60, 40),
        new SourceCounts("intensity", null, 10, 9, 1));
    List<ReasonCount> reasons = List.of(reason("power", "bad_number", 40, 3), reason("slurm", "bad_time", 7, 9));
    QualityGate.Verdict v = new QualityGate(q).judge(facts(counts, reasons));
    assertThat(v.problems()).containsExactly(
        "slurm/alpine rejected 7 of 100 records (7.0%, limit 5.0%): bad_time 7 (night.txt:9: why bad_time)",
        "intensity rejected 1 of 10 records (10.0%, limit 5.0%)");
  }

  @Test
  void anEmptyExportMayNotEmptyAPublishedDay() {
    Map<String, List<String>> empty = Map.of("slurm/alpine", List.of("/logs/sacct_2026-03-03.txt"));
    QualityGate gate = new QualityGate(defaults());
    QualityGate.Verdict v = gate.judge(new Facts(List.of(slurm(0, 0, 0)), List.of(), empty, List.of(DAY)));
    assertThat(v.problems()).containsExactly("slurm/alpine read 0 records from 1 file, fewer than min_records 1;"
        + " 1 input file held no records (empty or header-only): sacct_2026-03-03.txt"
        + " (quality.slurm.allow_empty: true accepts them)",
        "published day(s) 2026-03-03 would lose all their jobs; input files"
        + " held no records (empty or header-only): slurm/alpine sacct_2026-03-03.txt");
    // a day that lost its jobs while the run's inputs all held records and made jobs: a legitimate change
    assertThat(gate.judge(new Facts(List.of(slurm(40, 20, 0)), List.of(), Map.of(), List.of(DAY))).publish())
        .isTrue();
    // an export of the wrong day (every job outside the window) must not empty the published day either
    assertThat(gate.judge(new Facts(List.of(slurm(40, 0, 0)), List.of(), Map.of(), List.of(DAY))).problems())
        .containsExactly("published day(s) 2026-03-03 would lose all their jobs; this run made no jobs");
  }

  @Test
  void anEmptyNightIsAnErrorUnlessTheSourceAllowsIt() {
    Map<String, List<String>> empty = Map.of("slurm/alpine", List.of("/logs/a.txt", "/logs/b.txt", "/logs/c.txt",
        "/logs/d.txt"));
    // the first night into an empty --out: nothing to lose, but an empty export is still an error
    QualityGate gate = new QualityGate(defaults());
    assertThat(gate.judge(new Facts(List.of(slurm(0, 0, 0)), List.of(), empty, List.of())).problems())
        .containsExactly("slurm/alpine read 0 records from 1 file, fewer than min_records 1; 4 input files held no"
            + " records (empty or header-only): a.txt, b.txt, c.txt and 1 more (quality.slurm.allow_empty: true"
            + " accepts them)");
    // one empty export among good ones: enough records, still named
    assertThat(gate.judge(new Facts(List.of(slurm(30, 28, 0)), List.of(), Map.of("slurm/alpine",
        List.of("/logs/a.txt")), List.of())).problems()).containsExactly("slurm/alpine: 1 input file held no records"
            + " (empty or header-only): a.txt (quality.slurm.allow_empty: true accepts them)");
    FootprintConf.QualityConf allow = defaults();
    allow.slurm.allowEmpty = true;
    assertThat(new QualityGate(allow).judge(new Facts(List.of(slurm(0, 0, 0)), List.of(), empty, List.of()))
        .publish()).isTrue();
    // allow_empty is per source: kubernetes still needs its records
    SourceCounts pods = new SourceCounts("kubernetes", "kestrel", 2, 0, 0, 0, 0);
    assertThat(new QualityGate(allow).judge(new Facts(List.of(slurm(0, 0, 0), pods), List.of(), empty, List.of()))
        .problems()).containsExactly("kubernetes/kestrel read 0 records from 2 files, fewer than min_records 1");
  }

  @Test
  void minRecordsAppliesToSourcesWithInputFilesOnly() {
    FootprintConf.QualityConf q = defaults();
    q.minRecords = 100;
    q.power.minRecords = 0L;
    SourceCounts intensityWithoutFiles = new SourceCounts("intensity", null, 0, 0, 0, 0, 0);
    SourceCounts power = new SourceCounts("power", "alpine", 3, 0, 0, 0, 0);
    assertThat(new QualityGate(q).judge(new Facts(List.of(slurm(60, 60, 0), power, intensityWithoutFiles),
        List.of(), Map.of(), List.of())).problems())
        .containsExactly("slurm/alpine read 60 records from 1 file, fewer than min_records 100");
  }

  @Test
  void maxSkippedShareIsOffUnlessSet() {
    // 90 of 100 power lines skipped (unused DCGM metrics): normal, no limit by default
    SourceCounts power = new SourceCounts("power", "kestrel", 1, 100, 10, 90, 0);
    SourceCounts pods = new SourceCounts("kubernetes", "kestrel", 1, 100, 60, 40, 0);
    assertThat(new QualityGate(defaults()).judge(facts(List.of(power, pods), List.of())).publish()).isTrue();
    FootprintConf.QualityConf q = defaults();
    q.maxSkippedShare = 0.3;
    q.power.maxSkippedShare = 1.0;
    assertThat(new QualityGate(q).judge(facts(List.of(power, pods), List.of())).problems()).containsExactly(
        "kubernetes/kestrel skipped 40 of 100 records (40.0%, limit 30.0% max_skipped_share): see the skipped table");
  }

  @Test
  void aRefusalRemovesTheStagingFolderAndSaysHowToOverride() throws Exception {
    OutputCommitter commit = new OutputCommitter(dir.resolve("out").toString());
    Path staging = Path.of(new org.apache.hadoop.fs.Path(commit.stagingDir()).toUri().getPath());
    Files.createDirectories(staging.resolve("tables/jobs"));
    Facts bad = facts(List.of(slurm(3, 0, 3)), List.of(reason("slurm", "no_header", 3, 1)));

    List<String> warned = new ArrayList<>();
    new QualityGate(defaults()).enforce(bad, true, commit, warned::add);
    assertThat(warned).singleElement().asString().startsWith("quality gate: publishing anyway (--publish-anyway):"
        + " no jobs: 3 of 3 records read were rejected");
    assertThat(staging).exists();

    Files.createDirectories(staging.resolve("csv"));
    Files.writeString(staging.resolve("csv/run_summary.csv"), "source,cluster\nslurm,alpine\n");
    Files.writeString(staging.resolve("csv/rejects.csv"), "source,cluster,file,line\nslurm,alpine,night.txt,1\n");
    assertThatThrownBy(() -> new QualityGate(defaults()).enforce(bad, false, commit, warned::add))
        .isInstanceOf(QualityGateRefusal.class)
        .hasMessageStartingWith("quality gate: nothing published, " + dir.resolve("out") + " left as it was:\n"
            + "  - no jobs: 3 of 3 records read were rejected\n"
            + "  - slurm/alpine rejected 3 of 3 records (100.0%, limit 5.0%): no_header 3 (night.txt:1: why no_header)\n"
            + "The staged run_summary and rejects are in ")
        .hasMessageEndingWith(". Fix the input, or rerun with --publish-anyway to publish it regardless.");
    // one folder per refused run under _failed, with what the gate saw
    try (var failed = Files.list(dir.resolve("out/_failed"))) {
      Path kept = failed.collect(java.util.stream.Collectors.toList()).get(0);
      assertThat(kept.getFileName().toString()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{8}");
      assertThat(Files.readString(kept.resolve("run_summary.csv"))).isEqualTo("source,cluster\nslurm,alpine\n");
      assertThat(Files.readString(kept.resolve("rejects.csv"))).contains("slurm,alpine,night.txt,1");
      assertThat(Files.readString(kept.resolve("problems.txt"))).startsWith("no jobs: 3 of 3 records read");
    }
    assertThat(staging).doesNotExist();

    new QualityGate(defaults()).enforce(facts(List.of(slurm(3, 3, 0)), List.of()), false, commit, warned::add);
    assertThat(warned).hasSize(1);
  }
}
