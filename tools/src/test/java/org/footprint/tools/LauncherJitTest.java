package org.footprint.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/footprint's choice of JIT ({@code bin/footprint jit}): the quick compiler alone under 512 MiB of local input,
 * the full one above, when any input is not a local file, and when a pattern matches nothing.
 */
class LauncherJitTest {
  private static final Path LAUNCHER = Path.of("..", "bin", "footprint").toAbsolutePath().normalize();
  private static final long MIB = 1L << 20;

  @TempDir Path dir;

  @Test
  void smallLocalInputsGetTheQuickJit() throws Exception {
    write(dir.resolve("logs/slurm/a.txt"), 100);
    write(dir.resolve("logs/slurm/b.txt"), 23);
    write(dir.resolve("logs/carbon/de.csv"), 7);
    // block and flow style, paths relative to the conf's folder, a comment that names a path
    Path conf = conf("conf/footprint.yaml", """
        inputs:
          - type: sacct
            cluster: alpine
            path: ../logs/slurm/*.txt
          - { type: intensity, format: electricitymaps, path: "../logs/carbon/*.csv" }   # hourly
        # path: /nowhere/huge/*.txt
        """);
    assertThat(jit(conf)).isEqualTo("quick input_bytes=130");
  }

  @Test
  void fromHalfAGibibyteTheFullJit() throws Exception {
    sparse(dir.resolve("big/sacct.txt"), 512 * MIB);
    Path conf = conf("footprint.yaml", "inputs:\n  - { type: sacct, cluster: a, path: big/sacct.txt }\n");
    assertThat(jit(conf)).isEqualTo("full input_bytes=" + 512 * MIB);

    sparse(dir.resolve("big/sacct.txt"), 512 * MIB - 1);
    assertThat(jit(conf)).isEqualTo("quick input_bytes=" + (512 * MIB - 1));
  }

  @Test
  void inputsOnTheCommandLineCount() throws Exception {
    write(dir.resolve("small.txt"), 10);
    sparse(dir.resolve("export.txt"), 600 * MIB);
    Path conf = conf("footprint.yaml", "inputs:\n  - { type: sacct, cluster: a, path: small.txt }\n");
    assertThat(jit(conf, "--slurm", dir.resolve("export.txt").toString(), "--cluster", "a"))
        .isEqualTo("full input_bytes=" + (600 * MIB + 10));
  }

  @Test
  void unknownSizesKeepTheFullJit() throws Exception {
    write(dir.resolve("small.txt"), 10);
    Path remote = conf("remote.yaml", """
        inputs:
          - { type: sacct, cluster: a, path: small.txt }
          - { type: sacct, cluster: b, path: "hdfs:///slurm/*.txt" }
        """);
    assertThat(jit(remote)).isEqualTo("full input_bytes=");
    Path nothing = conf("nothing.yaml", "inputs:\n  - { type: sacct, cluster: a, path: missing/*.txt }\n");
    assertThat(jit(nothing)).isEqualTo("full input_bytes=");
  }

  @Test
  void theEnvironmentDecides() throws Exception {
    write(dir.resolve("small.txt"), 10);
    Path conf = conf("footprint.yaml", "inputs:\n  - { type: sacct, cluster: a, path: small.txt }\n");
    assertThat(run(List.of("full"), "--conf", conf.toString())).isEqualTo("full input_bytes=10");
  }

  private String jit(Path conf, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--conf", conf.toString()));
    args.addAll(List.of(more));
    return run(List.of(), args.toArray(new String[0]));
  }

  private String run(List<String> jitEnv, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", LAUNCHER.toString(), "jit"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("FOOTPRINT_JIT");
    if (!jitEnv.isEmpty()) {
      pb.environment().put("FOOTPRINT_JIT", jitEnv.get(0));
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private Path conf(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    return Files.writeString(f, text);
  }

  private static void write(Path f, int bytes) throws IOException {
    Files.createDirectories(f.getParent());
    Files.write(f, new byte[bytes]);
  }

  /** A file of that length that takes no disk space (the launcher counts apparent sizes). */
  private static void sparse(Path f, long length) throws IOException {
    Files.createDirectories(f.getParent());
    try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
      r.setLength(length);
    }
  }
}
