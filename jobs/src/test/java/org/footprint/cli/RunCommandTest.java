package org.footprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line refuses bad input with one line and exit code 2, before any Spark work. */
class RunCommandTest {
  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = new CommandLine(new FootprintCli()).execute(args);
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static String conf() {
    return TestPaths.repo().resolve("conf/footprint.yaml").toString();
  }

  @Test
  void helpExplainsEveryOption() {
    Outcome o = run("run", "--help");
    assertThat(o.code()).isZero();
    for (String opt : new String[] {"--conf", "--out", "--from", "--to", "--day", "--slurm", "--slurm-json", "--pods",
        "--nodes", "--katib", "--nvidia-smi", "--dcgm", "--cluster", "--fields", "--delimiter", "--intensity",
        "--intensity-format", "--also-conf-inputs", "--set", "--publish-anyway", "--force-unlock", "--verbose",
        "--scontrol-nodes", "--sinfo-nodes", "--meter"}) {
      assertThat(o.out()).contains(opt);
    }
  }

  @Test
  void badInputStopsWithOneLineNamingTheProblem() {
    assertThat(run("run", "--conf", conf(), "--pods", "x.json")).satisfies(o -> {
      assertThat(o.code()).isEqualTo(2);
      assertThat(o.err().trim()).isEqualTo("footprint: --pods needs --cluster NAME: which cluster the files belong to");
    });
    assertThat(run("run", "--conf", conf(), "--set", "clusters.alpine.pue=-1")).satisfies(o -> {
      assertThat(o.code()).isEqualTo(2);
      assertThat(o.err().trim()).isEqualTo("footprint: clusters.alpine.pue: -1.0 is not a PUE (must be between 1.0 and 5.0)");
    });
    assertThat(run("run", "--conf", conf(), "--set", "quality.slurm.max_reject_share=1.5")).satisfies(o -> {
      assertThat(o.code()).isEqualTo(2);
      assertThat(o.err().trim()).isEqualTo("footprint: quality.slurm.max_reject_share: must be between 0 and 1, got 1.5");
    });
    assertThat(run("run", "--conf", conf(), "--set", "quality.slurmm.max_reject_share=0.5").err())
        .contains("unknown key 'quality.slurmm'");
    assertThat(run("run", "--conf", conf(), "--day", "2026-10-20", "--from", "2026-10-19").err().trim())
        .isEqualTo("footprint: --day cannot be combined with --from/--to");
    assertThat(run("run", "--conf", conf(), "--slurm", "/nonexistent/*.txt", "--cluster", "alpine").err().trim())
        .isEqualTo("footprint: --slurm: no file matches /nonexistent/*.txt");
    assertThat(run("run", "--conf", conf(), "--nvidia-smi", "/nonexistent/n1.csv", "--cluster", "alpine").err())
        .contains("no file matches /nonexistent/n1.csv").doesNotContain("Exception");
  }
}
