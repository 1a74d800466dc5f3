package org.footprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line as cron runs it, night after night into one --out. A bad night exits with 3, says why in one
 * line per broken limit, keeps its staged run_summary and rejects under --out/_failed/ and leaves every published
 * byte as it was (--publish-anyway and a per-source limit let it through); a run
 * while another holds the output exits with 4; a killed run's lock and staging are cleared by the next; a stale
 * lock of another host waits for --force-unlock.
 */
class CronRunTest extends SparkTestBase {
  private static final String HEADER = "JobID|JobIDRaw|User|Account|Partition|State|Start|ElapsedRaw|AllocTRES";
  private static final String DAY = "2026-03-03";

  @TempDir
  Path dir;

  private record Outcome(int code, String out, String err) {
    /** What the CLI printed about the refusal, from its first line to the end (the progress lines come before). */
    String refusal() {
      int at = err.indexOf("footprint: quality gate");
      return at < 0 ? "(none)\n" + err : err.substring(at).strip();
    }
  }

  private static String job(int id, String start) {
    return id + "|" + id + "|ann|p1|gpu|COMPLETED|" + start + "|3600|cpu=2,gres/gpu=1,node=1";
  }

  private Path night(String text) throws IOException {
    Path f = dir.resolve("in/night.txt");
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  private Outcome run(String out, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", "--conf", TestPaths.fixture("fixture.yaml").toString(),
        "--out", dir.resolve(out).toString(), "--set", "inputs.0.path=" + dir.resolve("in/night.txt"),
        "--set", "inputs.1.path=" + TestPaths.fixture("intensity_fixture.csv")));
    args.addAll(List.of(extra));
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = new CommandLine(new FootprintCli()).execute(args.toArray(String[]::new));
      return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** Every file under the output, by relative path, with a digest of its bytes (hidden files too). */
  private Map<String, String> snapshot(String out) throws Exception {
    Map<String, String> files = new TreeMap<>();
    Path root = dir.resolve(out);
    try (Stream<Path> walk = Files.walk(root)) {
      // what refused runs keep for inspection is not part of the published output
      for (Path p : walk.filter(Files::isRegularFile).filter(p -> !root.relativize(p).startsWith("_failed")).toList()) {
        files.put(root.relativize(p).toString(),
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return files;
  }

  private String runSummaryCsv(String out) throws IOException {
    return Files.readString(dir.resolve(out).resolve("csv/run_summary.csv"));
  }

  @Test
  void badNightsExitWith3AndLeaveThePublishedOutputByteIdentical() throws Exception {
    night(HEADER + "\n" + job(1, DAY + "T11:00:00") + "\n" + job(2, DAY + "T12:00:00") + "\n");
    Outcome good = run("out", "--day", DAY);
    assertThat(good.code()).as(good.err()).isZero();
    Map<String, String> published = snapshot("out");
    assertThat(published.keySet()).anyMatch(k -> k.startsWith("tables/jobs/day=" + DAY + "/part-"));

    // a file of garbage: every line rejected, no job
    night("\u0000\u0001JFIF\u0000garbage\nlorem ipsum dolor\n<html><body>502 Bad Gateway</body></html>\n");
    Outcome garbage = run("out", "--day", DAY);
    assertThat(garbage.code()).isEqualTo(3);
    assertThat(garbage.refusal()).startsWith("footprint: quality gate: nothing published, " + dir.resolve("out")
            + " left as it was:\n  - no jobs: 3 of 3 records read were rejected\n"
            + "  - slurm/testc rejected 3 of 3 records (100.0%, limit 5.0%): no_header 3 (night.txt:1: no header line")
        .contains("\nThe staged run_summary and rejects are in " + dir.resolve("out/_failed/"))
        .endsWith("rerun with --publish-anyway to publish it regardless.");
    assertThat(snapshot("out")).as("not a byte changed, no staging left").isEqualTo(published);
    try (Stream<Path> failed = Files.list(dir.resolve("out/_failed"))) {
      Path kept = failed.toList().get(0);
      assertThat(Files.readString(kept.resolve("rejects.csv"))).contains(",no_header,");
      assertThat(Files.readString(kept.resolve("run_summary.csv"))).contains("\nslurm,testc,1,3,0,0,0,3,");
    }

    // the night's export was written with sacct --delimiter ';': the refusal names the delimiter to pass
    night(HEADER.replace('|', ';') + "\n" + job(1, DAY + "T11:00:00").replace('|', ';') + "\n");
    Outcome semicolons = run("out", "--day", DAY);
    assertThat(semicolons.code()).isEqualTo(3);
    assertThat(semicolons.refusal()).contains("slurm/testc rejected 2 of 2 records (100.0%, limit 5.0%):"
        + " wrong_delimiter 2 (night.txt:1: wrong delimiter: the first line is a sacct header when split on ';', not"
        + " on '|': pass --delimiter ';'");
    assertThat(snapshot("out")).isEqualTo(published);

    // a header-only export (the night's sacct returned nothing) would erase the published day
    night(HEADER + "\n");
    Outcome empty = run("out", "--day", DAY);
    assertThat(empty.code()).isEqualTo(3);
    assertThat(empty.refusal()).contains("  - slurm/testc read 0 records from 1 file, fewer than min_records 1; 1 input"
        + " file held no records (empty or header-only): night.txt (quality.slurm.allow_empty: true accepts them)\n"
        + "  - published day(s) " + DAY + " would lose all their jobs; input files held"
        + " no records (empty or header-only): slurm/testc night.txt");
    assertThat(snapshot("out")).isEqualTo(published);

    // one line in three unreadable: above the 5 % limit, refused; a looser limit for slurm lets it through
    String oneBad = HEADER + "\n" + job(1, DAY + "T11:00:00") + "\n" + job(2, DAY + "T12:00:00") + "\n"
        + job(3, "2026-03-3T13:00:00") + "\n";
    night(oneBad);
    Outcome share = run("out", "--day", DAY);
    assertThat(share.code()).isEqualTo(3);
    assertThat(share.refusal()).contains("slurm/testc rejected 1 of 3 records (33.3%, limit 5.0%): bad_time 1"
        + " (night.txt:4: bad Start '2026-03-3T13:00:00'").doesNotContain("no jobs");
    assertThat(snapshot("out")).isEqualTo(published);
    Outcome loose = run("out", "--day", DAY, "--set", "quality.slurm.max_reject_share=0.5");
    assertThat(loose.code()).as(loose.err()).isZero();
    assertThat(runSummaryCsv("out")).contains("\nslurm,testc,1,3,2,0,0,1,");
    assertThat(loose.out()).contains("top reject reasons").containsPattern("slurm +testc +bad_time +1 +e\\.g\\. \\S*"
        + "night\\.txt:4");

    // the operator knows the night is empty (jobs purged) and says so
    night(HEADER + "\n");
    Outcome anyway = run("out", "--day", DAY, "--publish-anyway");
    assertThat(anyway.code()).as(anyway.err()).isZero();
    assertThat(anyway.err()).contains("quality gate: publishing anyway (--publish-anyway): slurm/testc read 0"
        + " records from 1 file, fewer than min_records 1").contains("; published day(s) " + DAY + " would lose all");
    assertThat(dir.resolve("out/tables/jobs/day=" + DAY)).doesNotExist();
  }

  @Test
  void aRunWhileAnotherHoldsTheOutputExitsWith4AndAKilledRunsLeftoversAreCleared() throws Exception {
    Path lock = dir.resolve("fresh").resolve(org.footprint.sink.OutputLock.FILE);
    Files.createDirectories(dir.resolve("fresh/.staging-killed/tables/jobs"));
    Process holder = new ProcessBuilder("sleep", "120").start();
    try {
      Files.writeString(lock, org.footprint.sink.OutputLock.describe(holder.pid(), org.footprint.sink.OutputLock.host(),
          java.time.Instant.now()));
      night(HEADER + "\n");
      Outcome refused = run("fresh");
      assertThat(refused.code()).isEqualTo(4);
      assertThat(refused.err().lines().filter(l -> l.startsWith("footprint: another footprint run is writing "
          + dir.resolve("fresh") + ": pid " + holder.pid() + " on host "))).hasSize(1);
      assertThat(dir.resolve("fresh/.staging-killed")).as("not touched while the holder lives").exists();
    } finally {
      holder.destroy();
      holder.waitFor();
    }

    // the holder was killed: its lock is taken over, its staging removed, and the run says both; the night's
    // export is empty, which the operator allows for slurm (an idle cluster), for this run
    Outcome first = run("fresh", "--set", "quality.slurm.allow_empty=true");
    assertThat(first.code()).as("empty nights allowed, nothing published yet: " + first.err()).isZero();
    assertThat(first.err()).contains("took over the lock of " + dir.resolve("fresh") + " from pid " + holder.pid())
        .contains("removed staging folder(s) of interrupted runs: .staging-killed");
    assertThat(lock).as("released at the end").doesNotExist();
    assertThat(dir.resolve("fresh/.staging-killed")).doesNotExist();
    // an empty export is not silent: a slurm row with 0 records read and the file as a warning
    // source,cluster,files,records_read,jobs,merged,skipped,rejected,warnings
    assertThat(runSummaryCsv("fresh")).contains("\nslurm,testc,1,0,0,0,0,0,1,");
    assertThat(first.out()).containsPattern("slurm +testc +0 +0 +0 +0 +0 +1");

    // a run on another host died a day ago: its lock is reported, with host, pid and start time, until an operator
    // breaks it with --force-unlock
    Files.writeString(lock, org.footprint.sink.OutputLock.describe(4242, "sched02.example",
        java.time.Instant.parse("2026-03-03T02:00:00Z")));
    Map<String, String> before = snapshot("fresh");
    Outcome stale = run("fresh");
    assertThat(stale.code()).isEqualTo(4);
    assertThat(stale.err()).contains("footprint: another footprint run is writing " + dir.resolve("fresh")
        + ": pid 4242 on host sched02.example, started 2026-03-03T02:00:00Z").contains("the lock is stale (older than"
        + " 12 h, output.lock_stale_hours)").contains("rerun with --force-unlock");
    assertThat(snapshot("fresh")).isEqualTo(before);
    Outcome forced = run("fresh", "--force-unlock", "--set", "quality.slurm.allow_empty=true");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(forced.err()).contains("broke the stale lock of " + dir.resolve("fresh") + " (--force-unlock): pid"
        + " 4242 on host sched02.example");
    assertThat(lock).doesNotExist();
  }
}
