package org.footprint.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Row;
import org.footprint.testing.Mutations;
import org.footprint.testing.Mutations.Mutated;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes dump readers (pods, nodes, Katib; JSON lists, JSON lines, YAML) against damaged real dumps
 * ({@link Mutations}): no exception escapes the object stream or the parsers, nothing hangs, every object becomes
 * exactly one row, a damaged file always says something (a reject) and, in JSON lines, every line is one record
 * whatever was done to the others, the first one included. Seeds: {@code footprint.fuzz.seed} plus the case number.
 */
class KubernetesReaderFuzzTest {
  private static final long SEED = Long.getLong("footprint.fuzz.seed", 20261203L);
  private static final int CASES = Integer.getInteger("footprint.fuzz.cases", 40);
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  private static final String JSON_DELIMITERS = "{}[]:,\"";

  private interface Maker {
    Row row(String cluster, String file, KubeObject o);
  }

  private static Path sample(String p) {
    return TestPaths.repo().resolve("sample-logs").resolve(p);
  }

  private static KubeObjects.Opener opener(byte[] bytes) {
    return () -> {
      BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
          StandardCharsets.UTF_8));
      KubeObjects.skipBom(r);
      return r;
    };
  }

  /** Reads every case; returns the number of rejects over all of them (the damage must show somewhere). */
  private static long fuzz(Path base, long seedBase, String delimiters, Maker maker, boolean jsonLines)
      throws IOException {
    return fuzz(base, Files.readAllBytes(base), seedBase, delimiters, maker, jsonLines);
  }

  private static long fuzz(Path base, byte[] original, long seedBase, String delimiters, Maker maker,
      boolean jsonLines) {
    long rejects = 0;
    for (int i = 0; i < CASES; i++) {
      Mutated m = Mutations.mutate(original, seedBase + i, delimiters, 0, 3);
      String what = base.getFileName() + " " + m.describe();
      long[] got = assertTimeoutPreemptively(HANG_GUARD, () -> {
        long objects = 0;
        long bad = 0;
        try (KubeObjects objs = KubeObjects.open(opener(m.bytes()))) {
          while (objs.hasNext()) {
            KubeObject o = objs.next();
            Row row = maker.row("kestrel", "f", o);
            objects++;
            if (o.isProblem()) {
              bad++;
              assertThat(row).as("a problem is a reject row: " + what).isNotNull();
              assertThat(o.problem()).as(what).isNotBlank();
            }
          }
        } catch (RuntimeException e) {
          throw new AssertionError(what + " threw " + e, e);
        }
        return new long[] {objects, bad};
      }, () -> "hangs on " + what);
      assertThat(got[0]).as("a damaged file still gives at least one record: " + what).isPositive();
      if (jsonLines) {
        long lines = m.lines().stream().filter(l -> !l.isBlank()).count();
        assertThat(got[0]).as("one record per line of a JSON-lines dump: " + what).isEqualTo(lines);
      }
      rejects += got[1];
    }
    return rejects;
  }

  @Test
  void podDumps() throws IOException {
    assertThat(fuzz(sample("kubernetes/pods/pods-2026-10-30.json"), SEED + 1000, JSON_DELIMITERS,
        PodJsonReader::row, false)).isPositive();
  }

  @Test
  void podJsonLinesEveryLineIsOneRecord() throws IOException {
    Path watch = sample("kubernetes/pods/pods-watch.jsonl");
    assertThat(fuzz(watch, SEED + 2000, JSON_DELIMITERS, PodJsonReader::row, true)).isPositive();
    // a short dump: its first line is often among the damaged ones
    List<String> first = Files.readAllLines(watch, StandardCharsets.UTF_8).subList(0, 4);
    byte[] head = (String.join("\n", first) + "\n").getBytes(StandardCharsets.UTF_8);
    assertThat(fuzz(watch, head, SEED + 2500, JSON_DELIMITERS, PodJsonReader::row, true)).isPositive();
  }

  @Test
  void nodeDumps() throws IOException {
    assertThat(fuzz(sample("kubernetes/nodes.json"), SEED + 3000, JSON_DELIMITERS, NodeJsonReader::row, false))
        .isPositive();
  }

  @Test
  void katibJsonAndYaml() throws IOException {
    long rejects = fuzz(sample("kubernetes/katib/katib-experiments.json"), SEED + 4000, JSON_DELIMITERS,
        KatibReader::row, false);
    rejects += fuzz(sample("kubernetes/katib/katib-specs.yaml"), SEED + 5000, ":-# ", KatibReader::row, false);
    if (TestPaths.hasCorpus()) {
      for (String f : List.of("enas-gpu.yaml", "random.yaml", "pytorchjob-mnist.yaml")) {
        rejects += fuzz(TestPaths.corpus().resolve("kubernetes").resolve(f), SEED + 6000, ":-# ", KatibReader::row,
            false);
      }
    }
    assertThat(rejects).isPositive();
  }
}
