package org.footprint.source.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.io.TextSplit;
import org.footprint.io.TextSplits;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large nvidia-smi log is read in byte ranges by several tasks: records, line numbers, rejects and skip tallies
 * must be exactly what one task reading the whole file gives, wherever the cuts fall. Logs whose boards are told
 * apart by position, or which cross a DST fall-back, keep state across lines: their ranges up to the last such
 * line are read as one.
 */
class NvidiaSmiSplitReadTest extends SparkTestBase {
  private static final PowerInput BERLIN = new PowerInput("alpine", "nvidia-smi", "Europe/Berlin", null, null);
  private static final String NAMED = "timestamp, index, uuid, name, power.draw [W], utilization.gpu [%]";
  private static final String POSITIONAL = "timestamp, name, power.draw [W], utilization.gpu [%]";

  private static final int KIND = PowerRecord.SCHEMA.fieldIndex("kind");
  private static final int LINE = PowerRecord.SCHEMA.fieldIndex("line");
  private static final int BOARD = PowerRecord.SCHEMA.fieldIndex("gpu_board");
  private static final int TS = PowerRecord.SCHEMA.fieldIndex("ts_utc");

  @TempDir
  static Path dir;

  /** Rounds of two boards named by index: lines that stand alone given the header. */
  private static String named(String date, int from, int rounds) {
    StringBuilder sb = new StringBuilder();
    for (int m = from; m < from + rounds; m++) {
      for (int b = 0; b < 2; b++) {
        sb.append(String.format("%s 10:%02d:00.%03d, %d, GPU-%d, NVIDIA A100-SXM4-40GB, %d.5 W, %d %%", date, m,
            400 + b, b, b, 60 + m + b, 10 * b)).append(m % 3 == 0 ? "\r\n" : "\n");
      }
    }
    return sb.toString();
  }

  /** Rounds of {@code boards} boards named by no column: told apart by position. */
  private static String positional(String hour, int from, int rounds, int boards) {
    StringBuilder sb = new StringBuilder();
    for (int m = from; m < from + rounds; m++) {
      for (int b = 0; b < boards; b++) {
        sb.append(String.format("2026/10/20 %s:%02d:00.%03d, NVIDIA A100-SXM4-40GB, %d.25 W, 50 %%", hour, m,
            400 + b, 100 + m + b)).append('\n');
      }
    }
    return sb.toString();
  }

  /** A log of named boards with the awkward things a cut can fall into. */
  private static byte[] namedLog() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder sb = new StringBuilder("\uFEFF").append(NAMED).append("\r\n");
    sb.append(named("2026/10/20", 0, 6));
    sb.append('\n').append("# nvidia-smi restarted\n").append(NAMED).append('\n'); // not records; a second header
    sb.append("2026/10/20 10:06:00.400, 0, GPU-0, NVIDIA A100-SXM4-40GB, hot W, 5 %\n"); // bad value: a reject
    sb.append("2026/10/20 10:06:00.401, 1, GPU-1\n"); // truncated: a reject
    sb.append("x".repeat(300)).append('\n'); // longer than most ranges: one reject
    sb.append("2026/10/20 10:07:00.400, [N/A], [N/A], NVIDIA A100-SXM4-40GB, 70 W, 5 %\n"); // no board named
    sb.append(named("2026/10/20", 8, 5));
    out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes("2026/10/20 10:13:00.400, 0, GPU-0, A100, 1".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(new byte[] {(byte) 0xff, ' ', 'W', ',', ' ', '1', '\n'}); // undecodable byte: a reject
    out.writeBytes(named("2026/10/20", 14, 4).getBytes(StandardCharsets.UTF_8));
    out.writeBytes("2026/10/20 10:30:00.400, 1, GPU-1, A100, 3 W, 1 %".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static List<Row> whole(Path file, PowerInput input) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
      NvidiaSmiCsvReader.readAll(file.toString(), in, input).forEach(r -> rows.add(r.toRow()));
    }
    return sorted(rows);
  }

  /** The splits the reader's tasks get, without Spark: cut, scan, number. */
  private static List<TextSplit> plan(Path file, PowerInput input, long rangeBytes) throws IOException {
    String path = file.toString();
    NvidiaSmiSplits test = new NvidiaSmiSplits(Map.of(path, input));
    List<TextSplit> ranges = TextSplits.ranges(path, Files.size(file), rangeBytes);
    List<TextSplits.Scan> scans = new ArrayList<>();
    for (TextSplit r : ranges) {
      scans.add(TextSplits.scan(r, test));
    }
    return TextSplits.number(ranges, scans, test);
  }

  private static List<Row> inRanges(List<TextSplit> splits, PowerInput input) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (TextSplit s : splits) {
      PowerSampleReader.parse(s, input).forEachRemaining(rows::add);
    }
    return sorted(rows);
  }

  /**
   * Ranges of every size up to a few lines (so every line boundary is cut at many offsets), then coarser up to past
   * the file's end, each compared with the whole file's records.
   */
  private static void everyCut(Path file, PowerInput input, List<Row> expected) throws IOException {
    long size = Files.size(file);
    for (long bytes = 1; bytes <= size + 1; bytes += bytes < 100 ? 1 : 29) {
      assertThat(inRanges(plan(file, input, bytes), input)).as("ranges of %d bytes", bytes).isEqualTo(expected);
    }
  }

  @Test
  void aLogOfNamedBoardsIsCutAnywhereWithTheWholeFileRecords() throws IOException {
    Path file = dir.resolve("gpu001.csv");
    Files.write(file, namedLog());
    List<Row> expected = whole(file, BERLIN);
    // the fixture's own content: 32 samples (the [N/A] board's by its position), 4 rejects, lines past the blank,
    // the comment and the second header
    assertThat(expected.stream().filter(r -> PowerRecord.SAMPLE.equals(r.get(KIND)))).hasSize(32);
    assertThat(expected.stream().filter(r -> PowerRecord.REJECT.equals(r.get(KIND))).map(r -> r.getLong(LINE)))
        .containsExactly(17L, 18L, 19L, 31L);
    assertThat(expected.stream().filter(r -> "position:0".equals(r.get(BOARD))).map(r -> r.getLong(LINE)))
        .containsExactly(20L);
    everyCut(file, BERLIN, expected);
    // the lines after the [N/A] board stand alone: they are cut into several splits, not read as one
    assertThat(plan(file, BERLIN, 97)).filteredOn(s -> s.start() > 0).hasSizeGreaterThan(5);
  }

  @Test
  void boardsToldApartByPositionAreNeverCutFromTheirSection() throws IOException {
    Path file = dir.resolve("gpu002.csv");
    // named boards, then a restart without index (positional: 3 boards, a round cut short), then named again
    String text = NAMED + "\n" + named("2026/10/20", 0, 6) + POSITIONAL + "\n" + positional("11", 0, 9, 3)
        + positional("11", 9, 1, 2) + positional("11", 10, 3, 3) + NAMED + "\n" + named("2026/10/20", 20, 8);
    Files.writeString(file, text);
    List<Row> expected = whole(file, BERLIN);
    assertThat(expected.stream().filter(r -> r.get(BOARD) != null && r.getString(BOARD).startsWith("position:")))
        .hasSize(36);
    assertThat(expected.stream().filter(r -> PowerRecord.BOARD_UNKNOWN.equals(r.get(KIND)))).hasSize(1);
    everyCut(file, BERLIN, expected);
    // the positional section is read with the file's start; the named boards after it are cut
    List<TextSplit> splits = plan(file, BERLIN, 64);
    int sectionEnd = text.indexOf(NAMED, text.indexOf(POSITIONAL));
    int lastPositionalLine = text.lastIndexOf('\n', sectionEnd - 2) + 1;
    assertThat(splits.get(0).start()).isZero();
    assertThat(splits.get(0).end()).isGreaterThan(lastPositionalLine);
    assertThat(splits).hasSizeGreaterThan(3);
  }

  @Test
  void aHeaderlessPositionalLogFromConfIsReadAsOne() throws IOException {
    PowerInput fields = new PowerInput("alpine", "nvidia-smi", "UTC", List.of("timestamp", "name", "power.draw",
        "utilization.gpu"), null);
    Path file = dir.resolve("gpu003.csv");
    String text = positional("11", 0, 12, 2);
    Files.writeString(file, text);
    List<Row> expected = whole(file, fields);
    assertThat(expected).hasSize(24);
    everyCut(file, fields, expected);
    // one task reads every line (a range after it may be left with none)
    assertThat(plan(file, fields, 50).get(0).end()).isGreaterThan(text.lastIndexOf('\n', text.length() - 2));
  }

  @Test
  void aRepeatedDstHourIsReadFromTheTimesBeforeIt() throws IOException {
    Path file = dir.resolve("gpu004.csv");
    // Europe/Berlin went back from 03:00 CEST to 02:00 CET on 2026-10-25: 02:00-02:59 is printed twice
    StringBuilder sb = new StringBuilder(NAMED).append('\n').append(named("2026/10/24", 0, 4));
    for (String hh : new String[] {"01", "02", "02", "03"}) {
      for (int m = 0; m < 60; m += 20) {
        sb.append(String.format("2026/10/25 %s:%02d:00.400, 0, GPU-0, A100, 70 W, 5 %%%n", hh, m));
      }
    }
    sb.append(named("2026/10/26", 0, 5));
    Files.writeString(file, sb.toString());
    List<Row> expected = whole(file, BERLIN);
    // the second 02:00 is an hour after the first
    List<Object> repeated = expected.stream().filter(r -> String.valueOf(r.get(TS)).contains("2026-10-25"))
        .map(r -> r.get(TS)).distinct().toList();
    assertThat(repeated).hasSize(9); // 02:00-03:40 local is 00:00-02:40 UTC
    everyCut(file, BERLIN, expected);
    // the days before and after the fall-back stand alone: only the ranges through it are read as one
    List<TextSplit> splits = plan(file, BERLIN, 80);
    assertThat(splits.get(0).end()).isGreaterThan(sb.indexOf("2026/10/25 03:40"));
    assertThat(splits).hasSizeGreaterThan(3);
  }

  @Test
  void sparkReadsALargeLogInRangesWithTheSameRecords() throws IOException {
    Path file = dir.resolve("gpu005.csv");
    Files.write(file, namedLog());
    List<Row> expected = whole(file, BERLIN);
    String key = "spark.sql.files.maxPartitionBytes";
    try {
      spark.conf().set(key, "97");
      assertThat(sorted(PowerSampleReader.records(spark, Map.of(file.toString(), BERLIN)).collectAsList()))
          .isEqualTo(expected);
    } finally {
      spark.conf().unset(key);
    }
  }

  /** By line, then by the row's text: a split's tallies and held rounds come out at its end, not the file's. */
  private static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing((Row r) -> r.getLong(LINE)).thenComparing(Row::toString));
    return out;
  }
}
