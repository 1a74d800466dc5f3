package org.footprint.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.footprint.cli.FootprintCli;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Kills a nightly run with SIGKILL ({@code Process.destroyForcibly}) at known points — while it parses, while it
 * writes to staging, once the summaries and report are staged, between two renames of the commit and in the middle
 * of the next run's recovery — and checks what a reader of {@code out/}
 * finds: the previous run's output byte for byte, or the new run's, and otherwise a journal that marks the folder
 * incomplete and that the next run completes to exactly the new run's output. The point is found by the child's
 * own output ({@link FaultPoint}'s marker, or its "reading" progress line), never by timing.
 *
 * <p>The killed runs are child JVMs started like bin/footprint (its JVM options and log4j2.properties, so their
 * console is also checked for Spark log lines); the reference runs are in-process, on the tiny fixture.
 */
class PublishFaultTest extends SparkTestBase {
  private static final String HEADER = "JobID|JobIDRaw|User|Account|Partition|State|Start|ElapsedRaw|AllocTRES";
  private static final String DAY = "2026-03-03";
  /** A child that has not reached its point by then has hung: fail rather than wait for surefire. */
  private static final long CHILD_TIMEOUT_S = 600;

  @TempDir
  Path dir;

  private static String job(int id, String user, String account, String start) {
    return id + "|" + id + "|" + user + "|" + account + "|gpu|COMPLETED|" + start + "|3600|cpu=2,gres/gpu=1,node=1";
  }

  private Path export(String name, String... lines) throws IOException {
    Path f = dir.resolve("in").resolve(name).resolve("night.txt");
    Files.createDirectories(f.getParent());
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  private List<String> args(String out, Path input, String... extra) {
    List<String> a = new ArrayList<>(List.of("run", "--conf", TestPaths.fixture("fixture.yaml").toString(),
        "--out", dir.resolve(out).toString(), "--set", "inputs.0.path=" + input,
        "--set", "inputs.1.path=" + TestPaths.fixture("intensity_fixture.csv")));
    a.addAll(List.of(extra));
    return a;
  }

  /** A run in this JVM (the reference runs): exit code and what it printed. */
  private String[] inProcess(List<String> args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(o, true, StandardCharsets.UTF_8));
      int code = new CommandLine(new FootprintCli()).execute(args.toArray(String[]::new));
      return new String[] {Integer.toString(code), o.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /**
   * Starts the run as a child JVM that pauses at {@code point} (or, for "read", is caught by its progress line),
   * waits for that, kills it with SIGKILL and returns what it printed.
   */
  private String killAt(String point, List<String> args) throws Exception {
    Path repo = TestPaths.repo();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    for (String line : Files.readAllLines(repo.resolve("conf/jvm-options"))) {
      if (!line.isBlank() && !line.startsWith("#") && !line.contains("DontCompileHugeMethods")) {
        cmd.add(line.trim());
      }
    }
    // a short run on tiny data: compile less, shuffle into fewer tasks (the sums are the same)
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:ReservedCodeCacheSize=240m"); // as bin/footprint: C1 alone would get a 48 MB cache
    cmd.add("-Dspark.sql.shuffle.partitions=2");
    cmd.add("-Dlog4j2.configurationFile=" + repo.resolve("conf/log4j2.properties"));
    cmd.add("-D" + FaultPoint.PROPERTY + "=" + point);
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add(FootprintCli.class.getName());
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String wanted = point.equals("read") ? "] reading " : FaultPoint.MARKER + point;
    StringBuilder seen = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_S);
      String line;
      while ((line = r.readLine()) != null) {
        seen.append(line).append('\n');
        if (line.contains(wanted)) {
          break;
        }
        if (System.nanoTime() > deadline) {
          break;
        }
      }
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(seen.toString()).as("the child reached " + point).contains(wanted);
    assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    // the console of a bin/footprint-like run holds footprint's lines only: Spark's log went to out/_logs
    assertThat(seen.toString().lines().filter(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d (WARN|ERROR) .*")))
        .as(seen.toString()).isEmpty();
    return seen.toString();
  }

  /** Every file a reader sees (hidden ones too), by digest; the lock, staging and log folders are not output. */
  private Map<String, String> snapshot(String out) throws Exception {
    Map<String, String> files = new TreeMap<>();
    Path root = dir.resolve(out);
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(p).toString();
        if (rel.startsWith(".staging-") || rel.startsWith("_logs/") || rel.equals(OutputLock.FILE)) {
          continue;
        }
        files.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return files;
  }

  private Map<String, String> csvs(String out) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir.resolve(out).resolve("csv"))) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".csv")).toList()) {
        m.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    return m;
  }

  private void copy(String from, String to) throws IOException {
    Path src = dir.resolve(from);
    Path dst = dir.resolve(to);
    if (Files.exists(dst)) {
      try (Stream<Path> walk = Files.walk(dst)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    try (Stream<Path> walk = Files.walk(src)) {
      for (Path p : walk.toList()) {
        Path q = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
  }

  private boolean journal(String out) {
    return Files.exists(dir.resolve(out).resolve(OutputCommitter.JOURNAL));
  }

  @Test
  void aRunKilledAnywhereLeavesTheOldOutputTheNewOneOrAJournalTheNextRunCompletes() throws Exception {
    long t0 = System.nanoTime();
    // yesterday: a full run over two days
    Path v1 = export("v1", HEADER, job(1, "ann", "p1", "2026-03-02T11:00:00"), job(2, "bob", "p2", DAY + "T11:00:00"));
    // tonight: the day's export, with a job more and another user: every summary changes
    Path v2 = export("v2", HEADER, job(2, "bob", "p2", DAY + "T11:00:00"), job(3, "cat", "p1", DAY + "T12:00:00"),
        job(4, "cat", "p3", DAY + "T10:00:00"));
    Path garbage = export("bad", "\u0000\u0001JFIF\u0000garbage", "lorem ipsum dolor", "<html>502</html>");
    String[] first = inProcess(args("before", v1));
    assertThat(first[0]).as(first[1]).isEqualTo("0");
    copy("before", "clean");
    String[] clean = inProcess(args("clean", v2, "--day", DAY));
    assertThat(clean[0]).as(clean[1]).isEqualTo("0");
    Map<String, String> before = snapshot("before");
    Map<String, String> oldCsvs = csvs("before");
    Map<String, String> newCsvs = csvs("clean");
    assertThat(newCsvs.keySet()).isEqualTo(oldCsvs.keySet());
    for (String name : List.of("by_user.csv", "by_project.csv", "search_totals.csv", "run_summary.csv")) {
      assertThat(newCsvs.get(name)).as(name + " changes tonight").isNotEqualTo(oldCsvs.get(name));
    }

    // killed before the commit — parsing, writing to staging, staging the summaries and report: the previous
    // output, every byte of it, and no journal
    copy("before", "out");
    for (String point : List.of("read", "staged-jobs", "report")) {
      killAt(point, args("out", v2, "--day", DAY));
      assertThat(snapshot("out")).as("killed at " + point).isEqualTo(before);
      assertThat(journal("out")).isFalse();
    }

    // killed between two renames of the commit: some CSVs are tonight's, others yesterday's, and the journal
    // marks the folder incomplete
    killAt("rename-12", args("out", v2, "--day", DAY));
    assertThat(journal("out")).isTrue();
    assertThat(csvs("out")).as("a mix, until the commit is completed").isNotEqualTo(oldCsvs).isNotEqualTo(newCsvs);
    // the next run is killed in the middle of completing it: still marked incomplete
    String recovering = killAt("recover-rename-1", args("out", v2, "--day", DAY));
    assertThat(recovering).contains("took over the lock of " + dir.resolve("out"));
    assertThat(journal("out")).isTrue();
    // the one after that completes it before anything else, even though its own night is then refused
    String[] refused = inProcess(args("out", garbage, "--day", DAY));
    assertThat(refused[0]).as(refused[1]).isEqualTo("3");
    assertThat(refused[1]).contains("completed the interrupted publish of ");
    assertThat(journal("out")).isFalse();
    assertThat(csvs("out")).as("tonight's, as a clean run wrote them").isEqualTo(newCsvs);
    assertThat(Files.readString(dir.resolve("out/report/index.html")))
        .isNotEqualTo(Files.readString(dir.resolve("before/report/index.html")));

    // killed after the first rename (tonight's jobs, yesterday's summaries: the mix this journal exists for); a
    // rerun completes the commit, runs, and gives a clean run's CSVs byte for byte, leaving nothing behind
    copy("before", "out");
    killAt("rename-1", args("out", v2, "--day", DAY));
    assertThat(journal("out")).isTrue();
    assertThat(csvs("out")).isEqualTo(oldCsvs);
    String[] rerun = inProcess(args("out", v2, "--day", DAY));
    assertThat(rerun[0]).as(rerun[1]).isEqualTo("0");
    assertThat(rerun[1]).contains("completed the interrupted publish");
    assertThat(csvs("out")).isEqualTo(newCsvs);
    assertThat(journal("out")).isFalse();
    try (Stream<Path> top = Files.list(dir.resolve("out"))) {
      assertThat(top.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".staging-"))
          .doesNotContain(OutputLock.FILE);
    }
    System.out.printf("PublishFaultTest: 6 killed child runs and 4 in-process runs in %.1f s%n",
        (System.nanoTime() - t0) / 1e9);
  }
}
