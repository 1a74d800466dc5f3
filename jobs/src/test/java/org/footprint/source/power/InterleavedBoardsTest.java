package org.footprint.source.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nvidia-smi logs without index/uuid: boards told apart by their position in each sampling round, or by a
 * pci.bus_id/serial column; what cannot be told apart is skipped and counted, never merged into one series.
 */
class InterleavedBoardsTest {
  private static final PowerInput UTC = new PowerInput("alpine", "nvidia-smi", "UTC", null, null);
  private static final String HEADER = "timestamp, name, memory.total [MiB], power.draw [W], utilization.gpu [%]\n";
  private static final String A100 = "NVIDIA A100-SXM4-40GB, 40960 MiB";

  private static List<PowerRecord> read(String text) {
    return NvidiaSmiCsvReader.readAll("/logs/gpu001.csv", new BufferedReader(new StringReader(text)), UTC);
  }

  private static List<PowerRecord> samples(List<PowerRecord> r) {
    return r.stream().filter(x -> x.kind.equals(PowerRecord.SAMPLE)).sorted((a, b) -> Long.compare(a.line, b.line))
        .toList();
  }

  private static List<PowerRecord> unknown(List<PowerRecord> r) {
    return r.stream().filter(x -> x.kind.equals(PowerRecord.BOARD_UNKNOWN)).toList();
  }

  private static String line(String time, double watts) {
    return "2026/10/20 " + time + ", " + A100 + ", " + watts + " W, 50 %\n";
  }

  @Test
  void twoBoardsPrintedMillisecondsApartAlternatePositions() {
    // as nvidia-smi -l 60 prints them: each board's line stamped when it was queried, a few ms after the last
    List<PowerRecord> r = read(HEADER
        + line("10:00:00.412", 100) + line("10:00:00.415", 50)
        + line("10:01:00.409", 200) + line("10:01:00.413", 50)
        + line("10:02:00.418", 300) + line("10:02:00.421", 70));
    assertThat(samples(r)).extracting(x -> x.gpuBoard)
        .containsExactly("position:0", "position:1", "position:0", "position:1", "position:0", "position:1");
    assertThat(samples(r)).extracting(x -> x.powerW).containsExactly(100.0, 50.0, 200.0, 50.0, 300.0, 70.0);
    assertThat(samples(r)).extracting(x -> x.gpuIndex).containsOnlyNulls();
    assertThat(r).hasSize(6);
  }

  @Test
  void aSingleBoardLogIsPositionZeroThroughout() {
    List<PowerRecord> r = read(HEADER + line("10:00:00.412", 100) + line("10:01:00.409", 200)
        + line("10:02:00.418", 300));
    assertThat(r).extracting(x -> x.kind).containsOnly(PowerRecord.SAMPLE);
    assertThat(r).extracting(x -> x.gpuBoard).containsOnly("position:0");
  }

  @Test
  void identicalTimestampsOfOneRoundAreOneRoundToo() {
    // wrappers that stamp the whole round once
    List<PowerRecord> r = read(HEADER + line("10:00:00.000", 1) + line("10:00:00.000", 2) + line("10:00:00.000", 3)
        + line("10:01:00.000", 4) + line("10:01:00.000", 5) + line("10:01:00.000", 6));
    assertThat(samples(r)).extracting(x -> x.gpuBoard)
        .containsExactly("position:0", "position:1", "position:2", "position:0", "position:1", "position:2");
  }

  @Test
  void aPciBusIdOrSerialColumnNamesTheBoard() {
    List<PowerRecord> r = read("""
        timestamp, name, pci.bus_id, power.draw [W]
        2026/10/20 10:00:00.412, NVIDIA A100-SXM4-40GB, 00000000:3B:00.0, 100 W
        2026/10/20 10:00:00.415, NVIDIA A100-SXM4-40GB, 00000000:86:00.0, 50 W
        timestamp, serial, power.draw [W]
        2026/10/20 10:01:00.412, 1324020012345, 100 W
        2026/10/20 10:01:00.415, 1324020012346, 50 W
        """);
    assertThat(r).extracting(x -> x.gpuBoard).containsExactly("pci.bus_id:00000000:3B:00.0",
        "pci.bus_id:00000000:86:00.0", "serial:1324020012345", "serial:1324020012346");
  }

  @Test
  void aSerialThatIsNotAvailableFallsBackToThePosition() {
    // GeForce boards have no serial: [N/A] on every line
    List<PowerRecord> r = read("""
        timestamp, serial, power.draw [W]
        2026/10/20 10:00:00.412, [N/A], 100 W
        2026/10/20 10:00:00.415, [N/A], 50 W
        2026/10/20 10:01:00.412, [N/A], 100 W
        2026/10/20 10:01:00.415, [N/A], 50 W
        """);
    assertThat(samples(r)).extracting(x -> x.gpuBoard)
        .containsExactly("position:0", "position:1", "position:0", "position:1");
  }

  @Test
  void roundsCutAtTheStartAndEndOfTheLogAreSkippedAndCounted() {
    // a log rotated mid-round starts with the second board; the tool was stopped after the first board
    List<PowerRecord> r = read(HEADER
        + line("09:59:00.415", 50)
        + line("10:00:00.412", 100) + line("10:00:00.415", 50)
        + line("10:01:00.412", 200) + line("10:01:00.415", 50)
        + line("10:02:00.412", 300)); // line 7
    assertThat(samples(r)).extracting(x -> x.line).containsExactly(3L, 4L, 5L, 6L);
    assertThat(samples(r)).extracting(x -> x.gpuBoard)
        .containsExactly("position:0", "position:1", "position:0", "position:1");
    assertThat(unknown(r)).singleElement().satisfies(t -> {
      assertThat(t.lines).isEqualTo(2);
      assertThat(t.line).isEqualTo(2);
      assertThat(t.raw).isEqualTo(line("09:59:00.415", 50).trim());
      assertThat(t.reason).isEqualTo("no index, uuid, pci.bus_id or serial column names the board, and this"
          + " sampling round of node gpu001 has 1 line(s) where its rounds have 2 (log cut mid-round? board lost?)");
    });
  }

  @Test
  void roundSizesThatDoNotSettleAreAllSkipped() {
    // 2, 1, 3, 1, 2, 3 lines: no size holds half of the rounds
    StringBuilder log = new StringBuilder(HEADER);
    int[] sizes = {2, 1, 3, 1, 2, 3};
    for (int round = 0; round < sizes.length; round++) {
      for (int k = 0; k < sizes[round]; k++) {
        log.append(line("10:0" + round + ":00." + (412 + 3 * k), 100));
      }
    }
    List<PowerRecord> r = read(log.toString());
    assertThat(samples(r)).isEmpty();
    assertThat(unknown(r)).singleElement().satisfies(t -> {
      assertThat(t.lines).isEqualTo(12);
      assertThat(t.reason).endsWith("the sizes of node gpu001's sampling rounds vary: which line is which board"
          + " cannot be told");
    });
  }

  @Test
  void aLostBoardLaterInTheLogStopsThePositions() {
    StringBuilder log = new StringBuilder(HEADER);
    for (int round = 0; round < 10; round++) {
      log.append(line("10:" + (10 + round) + ":00.412", 100));
      if (round < 9) { // the second board fell off the bus before the last round
        log.append(line("10:" + (10 + round) + ":00.415", 50));
      }
    }
    List<PowerRecord> r = read(log.toString());
    assertThat(samples(r)).hasSize(18);
    assertThat(unknown(r)).singleElement().satisfies(t -> assertThat(t.lines).isEqualTo(1));
  }

  @Test
  void moreThanSixtyFourLinesWithinHalfASecondAreNotARound() {
    // nvidia-smi -lms 100 on a 2-board node: rounds 100 ms apart cannot be told from the boards of one round
    StringBuilder log = new StringBuilder(HEADER);
    for (int i = 0; i < 80; i++) {
      int ms = (i / 2) * 100 + (i % 2) * 3;
      log.append(line(String.format("10:00:%02d.%03d", ms / 1000, ms % 1000), 100));
    }
    List<PowerRecord> r = read(log.toString());
    assertThat(samples(r)).isEmpty();
    assertThat(unknown(r)).singleElement().satisfies(t -> {
      assertThat(t.lines).isEqualTo(80);
      assertThat(t.reason).contains("more than 64 lines of node gpu001 follow each other within 500 ms");
    });
  }

  @Test
  void aRejectedLineKeepsItsPlaceInTheRound() {
    List<PowerRecord> r = read(HEADER
        + line("10:00:00.412", 100) + line("10:00:00.415", 50)
        + "2026/10/20 10:01:00.412, " + A100 + ", abc W, 50 %\n" + line("10:01:00.415", 60));
    assertThat(r).filteredOn(x -> x.kind.equals(PowerRecord.REJECT)).singleElement()
        .satisfies(x -> assertThat(x.line).isEqualTo(4));
    assertThat(samples(r)).extracting(x -> x.line + " " + x.gpuBoard)
        .containsExactly("2 position:0", "3 position:1", "5 position:1");
  }

  @Test
  void aWrapperFileOfSeveralNodesHasRoundsPerNode() {
    List<PowerRecord> r = read("""
        hostname, timestamp, name, power.draw [W]
        hgx01, 2026/10/20 10:00:00.412, NVIDIA H100 80GB HBM3, 500 W
        hgx02, 2026/10/20 10:00:00.413, NVIDIA H100 80GB HBM3, 400 W
        hgx01, 2026/10/20 10:00:00.415, NVIDIA H100 80GB HBM3, 510 W
        hgx01, 2026/10/20 10:01:00.412, NVIDIA H100 80GB HBM3, 520 W
        hgx02, 2026/10/20 10:01:00.414, NVIDIA H100 80GB HBM3, 410 W
        hgx01, 2026/10/20 10:01:00.415, NVIDIA H100 80GB HBM3, 530 W
        """);
    assertThat(samples(r)).extracting(x -> x.node + " " + x.gpuBoard).containsExactly(
        "hgx01 position:0", "hgx02 position:0", "hgx01 position:1",
        "hgx01 position:0", "hgx02 position:0", "hgx01 position:1");
  }

  @Test
  void aRestartWithANewHeaderStartsAfresh() {
    // restarted with -i 1: one board from then on, the lines right after the header are a round of their own
    List<PowerRecord> r = read(HEADER
        + line("10:00:00.412", 100) + line("10:00:00.415", 50)
        + line("10:01:00.412", 100) + line("10:01:00.415", 50)
        + HEADER
        + line("10:01:00.600", 70) + line("10:02:00.600", 70));
    assertThat(samples(r)).extracting(x -> x.gpuBoard).containsExactly("position:0", "position:1", "position:0",
        "position:1", "position:0", "position:0");
    assertThat(unknown(r)).isEmpty();
  }

  @Test
  void boardNamesThatChangePositionSkipTheRound() {
    List<PowerRecord> r = read("""
        timestamp, name, power.draw [W]
        2026/10/20 10:00:00.412, NVIDIA A100-SXM4-40GB, 100 W
        2026/10/20 10:00:00.415, Tesla T4, 30 W
        2026/10/20 10:01:00.412, NVIDIA A100-SXM4-40GB, 100 W
        2026/10/20 10:01:00.415, Tesla T4, 30 W
        2026/10/20 10:02:00.412, Tesla T4, 30 W
        2026/10/20 10:02:00.415, NVIDIA A100-SXM4-40GB, 100 W
        """);
    assertThat(samples(r)).extracting(x -> x.line).containsExactly(2L, 3L, 4L, 5L);
    assertThat(unknown(r)).singleElement().satisfies(t -> {
      assertThat(t.lines).isEqualTo(2);
      assertThat(t.reason).endsWith("the board names by position in this round of node gpu001 differ from its"
          + " earlier rounds");
    });
  }

  @Test
  void logsWithAnIndexPassThroughAsRead() {
    List<PowerRecord> r = read("""
        timestamp, index, power.draw [W]
        2026/10/20 10:00:00.412, 0, 100 W
        2026/10/20 10:00:00.415, 1, 50 W
        2026/10/20 10:00:59.000, 1, 50 W
        """);
    assertThat(r).extracting(x -> x.gpuIndex).containsExactly(0, 1, 1);
    assertThat(r).extracting(x -> x.gpuBoard).containsOnlyNulls();
  }

  @Test
  void samplesComeOutOnceTheBoardsAreSettledNotAtTheEndOfTheFile() throws IOException {
    // 1,000 rounds of 2 boards: the first sample is out after the learning rounds, not after reading them all
    StringBuilder log = new StringBuilder(HEADER);
    java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
    for (int round = 0; round < 1000; round++) {
      String t = java.time.LocalDateTime.of(2026, 10, 20, 10, 0).plusMinutes(round).format(f);
      log.append(t).append(".412, ").append(A100).append(", 100 W, 50 %\n");
      log.append(t).append(".415, ").append(A100).append(", 50 W, 50 %\n");
    }
    long[] linesRead = {0};
    BufferedReader counting = new BufferedReader(new StringReader(log.toString())) {
      @Override
      public String readLine() throws IOException {
        linesRead[0]++;
        return super.readLine();
      }
    };
    Iterator<PowerRecord> it = NvidiaSmiCsvReader.records("/logs/gpu001.csv", counting, UTC);
    assertThat(it.next().gpuBoard).isEqualTo("position:0");
    // header + 8 learning rounds + the first line of the ninth, which closed the eighth
    assertThat(linesRead[0]).isEqualTo(1 + 2 * InterleavedBoards.LEARN_ROUNDS + 1);
    List<PowerRecord> rest = new ArrayList<>();
    it.forEachRemaining(rest::add);
    assertThat(rest).hasSize(1999).allMatch(x -> x.kind.equals(PowerRecord.SAMPLE));
  }
}
