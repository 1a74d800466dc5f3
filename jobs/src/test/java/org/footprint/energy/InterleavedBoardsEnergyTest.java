package org.footprint.energy;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.io.CacheScope;
import org.footprint.source.power.PowerInput;
import org.footprint.source.power.PowerSampleReader;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nvidia-smi logs without index or uuid, read and integrated: the boards of a 2-GPU node alternating row by row are
 * two series (before, one series of both: half the node's energy), a single-board log is unchanged, and a log whose
 * rounds cannot be told apart gives no samples but skipped and warned counts. Fixtures in power/nvidia-smi/
 * (UTC times, 60 s rounds from 2026-10-20 10:00:00.412, the second board 3 ms after the first):
 * <ul>
 *   <li>gpu201_interleaved.csv: board 0 at 100, 200, 300, 200 W, board 1 at 50, 50, 70, 70 W, then a round cut
 *       after board 0;</li>
 *   <li>gpu202_single.csv: board 0's series alone;</li>
 *   <li>gpu203_ambiguous.csv: rounds of 2, 1, 3, 1, 2, 3 lines.</li>
 * </ul>
 */
class InterleavedBoardsEnergyTest extends SparkTestBase {
  private static PowerSampleReader.Result read;
  private static Map<String, Row> energy;

  @BeforeAll
  static void integrate() {
    Map<String, PowerInput> files = new LinkedHashMap<>();
    for (String f : List.of("gpu201_interleaved.csv", "gpu202_single.csv", "gpu203_ambiguous.csv")) {
      files.put(TestPaths.fixture("power/nvidia-smi/" + f).toString(),
          new PowerInput("c", "nvidia-smi", "UTC", null, null));
    }
    read = PowerSampleReader.read(spark, files, new CacheScope());
    // jobs from 09:59 to 10:05, around the whole log (times in seconds after 10:00:00)
    SampleData d = new SampleData()
        .job("both-boards", -60, 300, 2, "gpu201")
        .job("one-of-two", -60, 300, 1, "gpu201")
        .job("single", -60, 300, 1, "gpu202")
        .job("ambiguous", -60, 300, 1, "gpu203");
    energy = Frames.byKey(SampledEnergy.integrate(d.jobs(spark), read.samples(), 120, 0), r -> r.getString(0));
  }

  private static double joules(String job) {
    return energy.get(job).<Double>getAs("sampled_energy_kwh") * 3.6e6;
  }

  @Test
  void aTwoBoardLogWithoutIndexGivesTheEnergyOfBothBoards() {
    // board 0: 60 s × (150 + 250 + 250) W = 39,000 J; board 1: 60 s × (50 + 60 + 70) W = 10,800 J
    assertThat(joules("both-boards")).isCloseTo(49_800, within(1e-6));
    assertThat(energy.get("both-boards").<Double>getAs("sampled_energy_kwh"))
        .isCloseTo(49_800 / 3.6e6, within(1e-15)); // 0.013833 kWh
    // each board sampled over 180 of the job's 360 s
    assertThat(energy.get("both-boards").<Double>getAs("sampled_coverage")).isCloseTo(0.5, within(1e-12));
    assertThat(energy.get("both-boards").<Long>getAs("sample_count")).isEqualTo(8);
    // a 1-GPU job on the node gets 1 of its 2 boards' share
    assertThat(joules("one-of-two")).isCloseTo(24_900, within(1e-6));
  }

  @Test
  void aSingleBoardLogIsUnchanged() {
    assertThat(joules("single")).isCloseTo(39_000, within(1e-6));
    assertThat(read.samples().filter(col("node").equalTo("gpu202")).select("gpu_board").distinct()
        .collectAsList()).extracting(r -> r.getString(0)).containsExactly("position:0");
  }

  @Test
  void boardsThatCannotBeToldApartAreSkippedAndWarnedNotIntegrated() {
    Row r = energy.get("ambiguous");
    assertThat(r.<Double>getAs("sampled_energy_kwh")).isNull();
    assertThat(r.<Long>getAs("sample_count")).isZero();
    Map<String, Long> counts = Frames.values(read.counts(), "category", "n");
    // 9 + 4 + 12 lines: gpu201's cut round (1) and all of gpu203 (12) skipped and warned
    assertThat(counts).containsOnly(Map.entry("files", 3L), Map.entry("records_read", 25L),
        Map.entry("merged", 0L), Map.entry("skipped", 13L), Map.entry("rejected", 0L), Map.entry("warned", 13L));
    assertThat(read.samples().count()).isEqualTo(12);
    List<Row> skipped = read.skipped().orderBy("file").collectAsList();
    assertThat(skipped).extracting(x -> x.<String>getAs("file").replaceAll(".*/", ""), x -> x.<Long>getAs("line"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("gpu201_interleaved.csv", 10L),
            org.assertj.core.groups.Tuple.tuple("gpu203_ambiguous.csv", 2L));
    assertThat(skipped.get(1).<String>getAs("reason")).isEqualTo("no index, uuid, pci.bus_id or serial column"
        + " names the board, and the sizes of node gpu203's sampling rounds vary: which line is which board cannot"
        + " be told (12 lines, the first at this line)");
    assertThat(skipped.get(1).<String>getAs("source")).isEqualTo("power"); // skipped says power, as run_summary
  }
}
