package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.footprint.source.SourceResult;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same twelve jobs exported twice, as {@code sacct -P} (equivalence_sacct.txt) and as a data_parser v0.0.40
 * {@code sacct --json} document (equivalence_sacct.json), both written by hand in their own format's terms (local
 * times vs epoch seconds, {@code 32G} vs 32768 MB, {@code 05:12:07} vs CPU-ms, {@code CANCELLED by 1001} vs
 * {@code kill_request_user}). Both readers must produce the same records, field by field.
 *
 * <p>One deliberate choice in the text file: the pending job 7600 has a blank ConsumedEnergyRaw. Real sacct prints 0
 * there (it turns "no energy TRES" into 0), which the parsable2 reader keeps as 0 J while the JSON, having no
 * energy TRES, gives null; both mean "no usable reading" downstream (see SacctJsonJob#joules).
 */
class SacctJsonEquivalenceTest extends SparkTestBase {
  private static final SacctInput INPUT = new SacctInput("equiv", "Europe/Berlin", null, null);
  /** The fixture cluster's passwd: who "CANCELLED by <uid>" is. */
  private static final Map<Integer, String> PASSWD = Map.of(1001, "ann", 1002, "bob", 1003, "cem", 1004, "dan");

  private static List<SacctRecord> parsable2;
  private static List<SacctRecord> json;

  @BeforeAll
  static void read() throws IOException {
    Path dir = TestPaths.fixture("slurm-json");
    try (BufferedReader in = Files.newBufferedReader(dir.resolve("equivalence_sacct.txt"), StandardCharsets.UTF_8)) {
      parsable2 = SacctFileParser.parseAll("equivalence_sacct.txt", in, INPUT);
    }
    try (BufferedReader in = Files.newBufferedReader(dir.resolve("equivalence_sacct.json"), StandardCharsets.UTF_8)) {
      json = SacctJsonReader.parseAll("equivalence_sacct.json", in, INPUT);
    }
  }

  @Test
  void bothReadersGiveTheSameRecordsFieldByField() {
    assertThat(parsable2).hasSize(30);
    assertThat(json).hasSize(30);
    SacctRecordComparison.assertSameRecords(parsable2, json, SacctRecordComparison.uidsToNames(PASSWD));
  }

  /** Through SlurmUsage: the same jobs, the same skipped (running, pending, pending array range), same counts. */
  @Test
  void bothExportsGiveTheSameCanonicalUsage() {
    Path dir = TestPaths.fixture("slurm-json");
    SourceResult a = SlurmUsage.build(
        SacctReader.read(spark, Map.of(dir.resolve("equivalence_sacct.txt").toString(), INPUT)));
    SourceResult b = SlurmUsage.build(
        SacctJsonReader.read(spark, Map.of(dir.resolve("equivalence_sacct.json").toString(), INPUT)));
    assertThat(b.usage().count()).isEqualTo(9);
    assertThat(b.skipped().count()).isEqualTo(3);
    SacctRecordComparison.assertSameUsage(a, b, SacctRecordComparison.uidsToNames(PASSWD));
  }

  private static SacctRecord json(String jobId, String step) {
    return json.stream().filter(r -> r.jobId.equals(jobId) && java.util.Objects.equals(r.step, step))
        .findFirst().orElseThrow(() -> new AssertionError("no record " + jobId + "." + step));
  }

  @Test
  void arrayTaskHetComponentsAndPendingRangeAreNamedAsSacctPrintsThem() {
    assertThat(json("5000_3", null).jobIdRaw).isEqualTo("5004");
    assertThat(json("5000_3", null).arrayParent).isEqualTo("5000");
    assertThat(json("5000_3", "batch").jobIdRaw).isEqualTo("5004.batch");
    assertThat(json("6000+1", null).jobIdRaw).isEqualTo("6001");
    assertThat(json("6000+1", null).hetParent).isEqualTo("6000");
    assertThat(json("6000+1", "0").jobIdRaw).isEqualTo("6001.0");
    SacctRecord pending = json("8000_[3-9%2]", null); // hex bitmap 0x3F8, throttle 2
    assertThat(pending.kind).isEqualTo("array_pending");
    assertThat(pending.arrayParent).isEqualTo("8000");
  }

  @Test
  void gpuRulesAreTheParsable2Rules() {
    assertThat(json("7000", null).gpuCount).isEqualTo(16.0); // typed + untyped: counted once
    assertThat(json("7000", null).gpuType).isEqualTo("h100");
    assertThat(json("7000", "batch").gpuCount).isEqualTo(8.0);
    assertThat(json("7100", null).gpuCount).isEqualTo(6.0 / 7); // 2 × 3g.20gb
    assertThat(json("7100", null).gpuMig).isTrue();
    assertThat(json("6000+1", null).gpuType).isNull(); // untyped only
    // equal shares: the first type as sacct prints them, though the JSON lists v100 first
    assertThat(json("7700", null).gpuType).isEqualTo("a100");
    assertThat(json("7700", null).gpuMixed).isTrue();
  }

  @Test
  void timesEnergyAndCpuFromJsonUnits() {
    SacctRecord dst = json("7400", null); // start 02:30 on the fall-back night is the CET reading
    assertThat(dst.start).isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
    assertThat(dst.end).isEqualTo(Instant.parse("2026-10-25T03:00:00Z"));
    assertThat(dst.energyJ).isEqualTo(0.0); // a 0 J reading stays 0, as in the parsable2 reader
    assertThat(json("7000", null).energyJ).isEqualTo(45_000_000.0);
    assertThat(json("7000", "0").energyJ).isEqualTo(44_000_000.0); // statistics.energy.consumed
    assertThat(json("7000", "0").gpuUtilSum).isEqualTo(1320.0); // tres.requested.total = TRESUsageInTot
    assertThat(json("7100", null).cpuSeconds).isEqualTo(2730.25);
    assertThat(json("5000_3", "extern").cpuSeconds).isEqualTo(0.002);
    assertThat(json("7100", "batch").energyJ).isNull(); // consumed unset
    SacctRecord running = json("7500", null);
    assertThat(running.end).isNull();
    assertThat(running.durationS).isEqualTo(7200L);
    SacctRecord queued = json("7600", null);
    assertThat(queued.start).isNull();
    assertThat(queued.cpuCount).isEqualTo(4.0); // from tres.requested, as sacct's AllocCPUS
    assertThat(queued.nodeCount).isEqualTo(1);
    assertThat(queued.memGb).isEqualTo(16.0);
    assertThat(queued.nodes).isNull(); // "None assigned"
  }

  @Test
  void exitCodesAndCancelledByAsSacctPrintsThem() {
    assertThat(json("7200", null).exitCode).isEqualTo("2:0");
    assertThat(json("7300", null).exitCode).isEqualTo("0:15");
    assertThat(json("7300", null).stateRaw).isEqualTo("CANCELLED by ann");
    assertThat(json("7300", "batch").stateRaw).isEqualTo("CANCELLED");
    assertThat(json("7500", null).exitCode).isEqualTo("0:0"); // running: return code unset
  }

  @Test
  void stepsCarryTheLineWhereTheirObjectStarts() {
    SacctRecord alloc = json("7000", null);
    SacctRecord batch = json("7000", "batch");
    SacctRecord zero = json("7000", "0");
    assertThat(batch.line).isGreaterThan(alloc.line);
    assertThat(zero.line).isGreaterThan(batch.line);
  }
}
