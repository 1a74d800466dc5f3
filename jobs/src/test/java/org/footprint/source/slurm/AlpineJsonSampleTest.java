package org.footprint.source.slurm;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.source.SourceResult;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sample-logs/slurm/alpine-json/sacct_2026-10-20.json is the {@code sacct --json} twin of the synthetic alpine
 * export sample-logs/slurm/alpine/sacct_2026-10-20.txt, written by {@link SacctJsonSampleWriter}. This test keeps
 * the twin in step with its source and checks that both readers, and then {@link SlurmUsage}, see the same day.
 *
 * <p>Regenerate (after tools/sample-logs/make_sample_logs.py changed the .txt):
 * {@code mvn -pl jobs test -Dtest=AlpineJsonSampleTest -Dfootprint.regenerate=true}.
 */
class AlpineJsonSampleTest extends SparkTestBase {
  static final SacctInput ALPINE = new SacctInput("alpine", "Europe/Berlin", null, null);
  /** alpine's uids as make_sample_logs.py assigns them; 0 cancels as root. */
  static final Map<Integer, String> PASSWD = Map.of(0, "root", 21001, "anna", 21002, "bjoern", 21003, "chen",
      21004, "dmitri", 21005, "elif", 21006, "fatima", 21007, "gustav");

  private static Path txt;
  private static Path json;
  private static String generated;

  @BeforeAll
  static void generate() throws IOException {
    txt = TestPaths.repo().resolve("sample-logs/slurm/alpine/sacct_2026-10-20.txt");
    json = TestPaths.repo().resolve("sample-logs/slurm/alpine-json/sacct_2026-10-20.json");
    generated = new SacctJsonSampleWriter("alpine", PASSWD,
        "synthetic: footprint SacctJsonSampleWriter from sample-logs/slurm/alpine/sacct_2026-10-20.txt")
        .write(txt, ALPINE);
    if (Boolean.getBoolean("footprint.regenerate")) {
      Files.createDirectories(json.getParent());
      Files.writeString(json, generated, StandardCharsets.UTF_8);
    }
  }

  @Test
  void committedJsonIsWhatTheGeneratorWritesFromTheTxt() throws IOException {
    assertThat(Files.readString(json, StandardCharsets.UTF_8))
        .as("%s is out of step with %s: regenerate with -Dfootprint.regenerate=true", json, txt)
        .isEqualTo(generated);
  }

  @Test
  void bothExportsGiveTheSameRecordsFieldByField() throws IOException {
    List<SacctRecord> a;
    List<SacctRecord> b;
    try (BufferedReader in = Files.newBufferedReader(txt, StandardCharsets.UTF_8)) {
      a = SacctFileParser.parseAll(txt.toString(), in, ALPINE);
    }
    try (BufferedReader in = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
      b = SacctJsonReader.parseAll(json.toString(), in, ALPINE);
    }
    assertThat(a).hasSize(135);
    assertThat(b.stream().filter(r -> r.kind.equals("alloc"))).hasSize(44);
    SacctRecordComparison.assertSameRecords(a, b, SacctRecordComparison.uidsToNames(PASSWD));
  }

  /** The canonical usage (and what is skipped, and the counts) of both files, without file/line/notes. */
  @Test
  void canonicalUsageOfBothFilesIsIdentical() {
    SourceResult a = SlurmUsage.build(SacctReader.read(spark, Map.of(txt.toString(), ALPINE)));
    SourceResult b = SlurmUsage.build(SacctJsonReader.read(spark, Map.of(json.toString(), ALPINE)));
    assertThat(a.usage().count()).isEqualTo(44);
    assertThat(a.usage().filter(col("state_raw").equalTo("CANCELLED by 0")).count()).isEqualTo(1);
    SacctRecordComparison.assertSameUsage(a, b, SacctRecordComparison.uidsToNames(PASSWD));
  }

  @Test
  void aMissingFileIsARejectNotAFailedStage() {
    Dataset<Row> r = SacctJsonReader.read(spark, Map.of(json.resolveSibling("no-such.json").toString(), ALPINE));
    List<Row> rows = r.collectAsList();
    assertThat(rows).singleElement().satisfies(x -> {
      assertThat(x.<String>getAs("kind")).isEqualTo("reject");
      assertThat(x.<String>getAs("reason")).startsWith("cannot read file: ");
      assertThat(x.<Long>getAs("line")).isZero();
      assertThat(x.<String>getAs("cluster")).isEqualTo("alpine");
    });
    assertThat(SacctJsonReader.read(spark, Map.of()).count()).isZero();
  }
}
