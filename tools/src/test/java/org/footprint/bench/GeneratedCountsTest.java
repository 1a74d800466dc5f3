package org.footprint.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedCountsTest {
  private static final String GENERATED = """
      {"expected": {
        "slurm": {"a": {"files": 2, "records_read": 10, "jobs": 4, "merged": 5, "skipped": 0, "rejected": 1}},
        "kubernetes": {"k": {"files": 3, "records_read": 7, "jobs": 5, "merged": 1, "skipped": 1, "rejected": 0}},
        "power": {"a": {"files": 1, "records_read": 9, "jobs": 0, "merged": 0, "skipped": 0, "rejected": 0,
          "samples": 9}}}}
      """;
  private static final String HEADER = "source,cluster,files,records_read,jobs,merged,skipped,rejected,warnings\n";

  @Test
  void agreeingCountsGiveNoDifference(@TempDir Path dir) throws Exception {
    Path summary = write(dir.resolve("run_summary.csv"), HEADER + "kubernetes,k,3,7,5,1,1,0,0\n"
        + "power,a,1,9,9,0,0,0,0\nslurm,a,2,10,4,5,0,1,0\nintensity,,1,24,24,0,0,0,0\n");
    assertThat(GeneratedCounts.compare(write(dir.resolve("g.json"), GENERATED), summary)).isEmpty();
  }

  @Test
  void eachDifferingCountIsNamed(@TempDir Path dir) throws Exception {
    // a pod counted as merged instead of skipped, and a power cluster missing from the run
    Path summary = write(dir.resolve("run_summary.csv"), HEADER + "kubernetes,k,3,7,5,2,0,0,0\n"
        + "slurm,a,2,10,4,5,0,1,0\n");
    assertThat(GeneratedCounts.compare(write(dir.resolve("g.json"), GENERATED), summary)).containsExactly(
        "kubernetes/k merged: run 2, generated 1",
        "kubernetes/k skipped: run 0, generated 1",
        "power/a: no run_summary row");
  }

  private static Path write(Path p, String text) throws Exception {
    Files.writeString(p, text);
    return p;
  }
}
