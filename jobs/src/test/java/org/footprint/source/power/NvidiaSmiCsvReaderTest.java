package org.footprint.source.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nvidia-smi --query-gpu CSV logs: header variants, units, placeholders, restarts, node, local time. */
class NvidiaSmiCsvReaderTest {
  private static final PowerInput BERLIN = new PowerInput("alpine", "nvidia-smi", "Europe/Berlin", null, null);

  private static List<PowerRecord> read(String file, String text, PowerInput input) {
    return NvidiaSmiCsvReader.readAll(file, new BufferedReader(new StringReader(text)), input);
  }

  private static List<PowerRecord> read(String text) {
    return read("/logs/gpu001.csv", text, BERLIN);
  }

  @Test
  void fullQueryWithUnitsReadsEveryColumnAndLocalTime() {
    List<PowerRecord> r = read("""
        timestamp, index, uuid, name, power.draw [W], utilization.gpu [%]
        2026/10/20 14:03:12.345, 0, GPU-3f2a1c9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b, NVIDIA A100-SXM4-40GB, 71.23 W, 45 %
        2026/10/20 14:03:12.345, 1, GPU-3f2a1c9e-8b7d-4e6f-a5c4-1b2d3e4f5a6c, NVIDIA A100-SXM4-40GB, 312.50 W, 97 %
        """);
    assertThat(r).hasSize(2).allMatch(x -> x.kind.equals(PowerRecord.SAMPLE));
    PowerRecord a = r.get(0);
    assertThat(a.node).isEqualTo("gpu001"); // from the file name: up to the first '.'
    assertThat(a.source).isEqualTo("nvidia-smi");
    assertThat(a.gpuIndex).isEqualTo(0);
    assertThat(a.gpuUuid).isEqualTo("GPU-3f2a1c9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b");
    assertThat(a.gpuModel).isEqualTo("NVIDIA A100-SXM4-40GB");
    // Europe/Berlin is UTC+2 (CEST) on 2026-10-20
    assertThat(a.ts).isEqualTo(Instant.parse("2026-10-20T12:03:12.345Z"));
    assertThat(a.tsSource).isEqualTo("log");
    assertThat(a.powerW).isEqualTo(71.23);
    assertThat(a.util).isCloseTo(0.45, within(1e-12));
    assertThat(a.line).isEqualTo(2);
    assertThat(r.get(1).powerW).isEqualTo(312.5);
  }

  @Test
  void placeholdersAreMissingValuesNotRejects() {
    List<PowerRecord> r = read("""
        timestamp, index, name, power.draw [W], utilization.gpu [%]
        2026/10/20 14:00:00.000, 0, NVIDIA A100-SXM4-40GB, [N/A], [N/A]
        2026/10/20 14:00:00.000, 1, NVIDIA A100-SXM4-40GB, 60.00 W, [Not Supported]
        2026/10/20 14:00:00.000, 2, [Unknown Error], [GPU is lost], 0 %
        """);
    assertThat(r).extracting(x -> x.kind).containsOnly(PowerRecord.SAMPLE);
    assertThat(r.get(0).powerW).isNull();
    assertThat(r.get(0).util).isNull();
    assertThat(r.get(1).powerW).isEqualTo(60.0);
    assertThat(r.get(1).util).isNull();
    assertThat(r.get(2).gpuModel).isNull();
    assertThat(r.get(2).powerW).isNull();
  }

  @Test
  void anyColumnOrderAndARestartWithNewColumns() {
    List<PowerRecord> r = read("""
        utilization.gpu [%], power.draw [W], index, timestamp
        45 %, 71.23 W, 0, 2026/10/20 14:00:00.000
        2026/10/20 14:01:00.0
        timestamp, index, uuid, power.draw.average [W]
        2026/10/20 14:02:00.500, 0, GPU-x, 80.5 W
        """);
    assertThat(r).extracting(x -> x.kind).containsExactly("sample", "reject", "sample");
    assertThat(r.get(0).powerW).isEqualTo(71.23);
    assertThat(r.get(0).util).isCloseTo(0.45, within(1e-12));
    assertThat(r.get(1).reason).isEqualTo("line has 1 fields where the header has 4 (truncated line?)");
    assertThat(r.get(1).line).isEqualTo(3);
    assertThat(r.get(2).gpuUuid).isEqualTo("GPU-x");
    assertThat(r.get(2).powerW).isEqualTo(80.5);
    assertThat(r.get(2).util).isNull();
    assertThat(r.get(2).line).isEqualTo(5);
  }

  @Test
  void headerlessNoUnitsLogTakesTheFieldsFromConf() {
    String text = """
        2026/10/20 14:00:00.000, 0, 71.23, 45
        2026/10/20 14:00:00.000, 1, [N/A], 0
        """;
    PowerInput withFields = new PowerInput("alpine", "nvidia-smi", "Europe/Berlin",
        List.of("timestamp", "index", "power.draw", "utilization.gpu"), null);
    List<PowerRecord> r = read("/logs/gpu004.csv", text, withFields);
    assertThat(r).extracting(x -> x.kind).containsOnly(PowerRecord.SAMPLE);
    assertThat(r.get(0).powerW).isEqualTo(71.23);
    assertThat(r.get(0).util).isCloseTo(0.45, within(1e-12));
    assertThat(r.get(1).gpuIndex).isEqualTo(1);

    List<PowerRecord> without = read("/logs/gpu004.csv", text, BERLIN);
    assertThat(without).extracting(x -> x.kind).containsOnly(PowerRecord.REJECT);
    assertThat(without.get(0).reason).startsWith("no header line and no field list");
  }

  @Test
  void headerWithoutPowerRejectsEveryLineSayingWhy() {
    List<PowerRecord> r = read("""
        timestamp, index, utilization.gpu [%]
        2026/10/20 14:00:00.000, 0, 45 %
        """);
    assertThat(r).singleElement().satisfies(x -> {
      assertThat(x.kind).isEqualTo(PowerRecord.REJECT);
      assertThat(x.reason).contains("lack power.draw");
    });
  }

  @Test
  void nodeColumnFromAWrapperWinsOverTheFileName() {
    List<PowerRecord> r = read("/logs/all-nodes.log", """
        hostname, timestamp, index, name, power.draw [W], utilization.gpu [%]
        hgx01, 2026/10/20 14:00:00.000, 0, NVIDIA H100 80GB HBM3, 512.40 W, 97 %
        hgx02, 2026/10/20 14:00:00.000, 0, NVIDIA H100 80GB HBM3, 498.00 W, 95 %
        """, BERLIN);
    assertThat(r).extracting(x -> x.node).containsExactly("hgx01", "hgx02");
  }

  @Test
  void nodeFromFilePatternAndItsFailure() {
    String text = "timestamp, power.draw [W]\n2026/10/20 14:00:00.000, 60 W\n";
    PowerInput custom = new PowerInput("alpine", "nvidia-smi", "Europe/Berlin", null, "^power-(\\w+)\\.csv$");
    assertThat(read("/x/power-gpu007.csv", text, custom).get(0).node).isEqualTo("gpu007");
    PowerRecord miss = read("/x/other.csv", text, custom).get(0);
    assertThat(miss.kind).isEqualTo(PowerRecord.REJECT);
    assertThat(miss.reason).startsWith("no node: the log has no hostname column");
    // the default: the file name up to the first '.' or '_'
    assertThat(read("/x/gpu003_2026-10-20.csv", text, BERLIN).get(0).node).isEqualTo("gpu003");
  }

  @Test
  void badValuesAreRejectedWithLineAndReason() {
    List<PowerRecord> r = read("""
        timestamp, index, power.draw [W], utilization.gpu [%]
        2026/10/20 14:00:00.000, 0, abc W, 45 %
        2026/13/20 14:00:00.000, 0, 60 W, 45 %
        2026/10/20 14:00:00.000, x, 60 W, 45 %
        2026/10/20 14:00:00.000, 0, 60 W, 145 %
        2026/10/20 14:00:00.000, 0, -5 W, 45 %
        2026/10/20 14:00:00.000, 0, 60 W, 45 %, extra
        """);
    assertThat(r).extracting(x -> x.kind).containsOnly(PowerRecord.REJECT);
    assertThat(r).extracting(x -> x.line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(r).extracting(x -> x.reason).containsExactly(
        "power.draw 'abc W' is not a number",
        "timestamp '2026/13/20 14:00:00.000' is not yyyy/MM/dd HH:mm:ss.SSS",
        "index 'x' is not a GPU index",
        "utilization.gpu '145 %' is not a percentage (0-100)",
        "power.draw '-5 W' is negative",
        "line has 5 fields where the header has 4");
  }

  @Test
  void dstFallBackRepeatedHourIsReadInOrder() {
    // Europe/Berlin falls back on 2026-10-25 at 03:00 CEST -> 02:00 CET: 02:xx happens twice
    List<PowerRecord> r = read("""
        timestamp, index, power.draw [W]
        2026/10/25 01:59:30.000, 0, 60 W
        2026/10/25 02:30:30.000, 0, 60 W
        2026/10/25 02:59:30.000, 0, 60 W
        2026/10/25 02:00:30.000, 0, 60 W
        2026/10/25 02:00:30.000, 1, 60 W
        2026/10/25 02:30:30.000, 0, 60 W
        2026/10/25 03:00:30.000, 0, 60 W
        """);
    assertThat(r).extracting(x -> x.ts).containsExactly(
        Instant.parse("2026-10-24T23:59:30Z"),
        Instant.parse("2026-10-25T00:30:30Z"),
        Instant.parse("2026-10-25T00:59:30Z"),
        Instant.parse("2026-10-25T01:00:30Z"),
        Instant.parse("2026-10-25T01:00:30Z"),
        Instant.parse("2026-10-25T01:30:30Z"),
        Instant.parse("2026-10-25T02:00:30Z"));
  }

  @Test
  void explicitOffsetsAndIsoTimesAreHonoured() {
    List<PowerRecord> r = read("""
        timestamp, power.draw [W]
        2026-10-20T14:00:00Z, 60 W
        2026-10-20 14:00:00+0100, 60 W
        2026-10-20 14:00:00, 60 W
        """);
    assertThat(r).extracting(x -> x.ts).containsExactly(Instant.parse("2026-10-20T14:00:00Z"),
        Instant.parse("2026-10-20T13:00:00Z"), Instant.parse("2026-10-20T12:00:00Z"));
  }

  @Test
  void blankAndCommentLinesAreNotRecords() {
    List<PowerRecord> r = read("\uFEFFtimestamp, power.draw [W]\r\n\r\n# wrapper started\n2026/10/20 14:00:00.000, 60 W\r\n");
    assertThat(r).singleElement().satisfies(x -> {
      assertThat(x.kind).isEqualTo(PowerRecord.SAMPLE);
      assertThat(x.line).isEqualTo(4);
      assertThat(x.gpuIndex).isNull();
    });
  }
}
