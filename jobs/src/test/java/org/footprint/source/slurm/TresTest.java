package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.footprint.source.slurm.Tres.GpuAlloc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TresTest {

  private static final String ALLOC = "billing=16,cpu=16,gres/gpu:a100=4,gres/gpu=4,mem=128G,node=1";

  private static GpuAlloc gpus(String tres) {
    return Tres.gpus(Tres.parse(tres));
  }

  // ---- parse ----

  @Test
  void parseKeepsOrderAndRawValues() {
    Map<String, String> m = Tres.parse(ALLOC);
    assertThat(m).isInstanceOf(LinkedHashMap.class).containsExactly(entry("billing", "16"), entry("cpu", "16"),
        entry("gres/gpu:a100", "4"), entry("gres/gpu", "4"), entry("mem", "128G"), entry("node", "1"));
  }

  @Test
  void parseUsageString() {
    assertThat(Tres.parse("cpu=01:02:03,energy=54156,gres/gpumem=20G,gres/gpuutil=180,mem=1156K"))
        .containsExactly(entry("cpu", "01:02:03"), entry("energy", "54156"), entry("gres/gpumem", "20G"),
            entry("gres/gpuutil", "180"), entry("mem", "1156K"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "(null)"})
  void parseBlankIsEmpty(String v) {
    assertThat(Tres.parse(v)).isEmpty();
  }

  @Test
  void parseMessagesNameTheEntry() {
    assertThatThrownBy(() -> Tres.parse("cpu=16,gres/gpu"))
        .isInstanceOf(SlurmFieldException.class)
        .hasMessage("bad TRES entry \"gres/gpu\": expected type[/name]=count");
    assertThatThrownBy(() -> Tres.parse("cpu=1,cpu=2"))
        .hasMessage("bad TRES entry \"cpu=2\": duplicate key cpu in \"cpu=1,cpu=2\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu=16,,mem=1G", "cpu=16,", ",cpu=16", "=5", "cpu=", "cpu"})
  void parseGarbageRejected(String v) {
    assertThatThrownBy(() -> Tres.parse(v)).isInstanceOf(SlurmFieldException.class)
        .hasMessageStartingWith("bad TRES entry ");
  }

  // ---- gpus ----

  @Test
  void untypedCountsTypedNamesTheModelNeverAdded() {
    assertThat(gpus(ALLOC)).isEqualTo(new GpuAlloc(4, 4, "a100", false, false, Map.of("a100", 4.0)));
    assertThat(gpus("billing=78,cpu=48,gres/gpu:a100_80=4,gres/gpu=4,mem=384G,node=1").type()).isEqualTo("a100_80");
  }

  @Test
  void untypedOnly() {
    assertThat(gpus("cpu=8,gres/gpu=2,mem=64G,node=1")).isEqualTo(new GpuAlloc(2, 2, null, false, false, Map.of()));
  }

  @Test
  void typedOnlyAreSummed() {
    GpuAlloc g = gpus("gres/gpu:a100=2,gres/gpu:v100=1");
    assertThat(g.boards()).isEqualTo(3.0);
    assertThat(g.devices()).isEqualTo(3.0);
    assertThat(g.type()).isEqualTo("a100");
    assertThat(g.mixedTypes()).isTrue();
    assertThat(g.mig()).isFalse();
    assertThat(g.byType()).containsExactly(entry("a100", 2.0), entry("v100", 1.0));
  }

  @Test
  void mixedTypesWithUntypedTotal() {
    GpuAlloc g = gpus("gres/gpu:a100=1,gres/gpu:v100=2,gres/gpu=3");
    assertThat(g).isEqualTo(new GpuAlloc(3, 3, "v100", false, true, Map.of("a100", 1.0, "v100", 2.0)));
  }

  @Test
  void typeIsLowerCased() {
    assertThat(gpus("gres/gpu:A100=2,gres/gpu=2").byType()).containsExactly(entry("a100", 2.0));
    assertThat(gpus("GRES/GPU:A100=2,GRES/GPU=2").type()).isEqualTo("a100");
  }

  @Test
  void migSliceIsAFractionOfABoard() {
    assertThat(gpus("gres/gpu:1g.10gb=1"))
        .isEqualTo(new GpuAlloc(1.0 / 7, 1, "1g.10gb", true, false, Map.of("1g.10gb", 1.0)));
    // untyped counts slices: 2 slices of 3/7 = 6/7 board
    assertThat(gpus("cpu=8,gres/gpu:nvidia_a100_3g.20gb=2,gres/gpu=2,node=1"))
        .isEqualTo(new GpuAlloc(6.0 / 7, 2, "nvidia_a100_3g.20gb", true, false, Map.of("nvidia_a100_3g.20gb", 2.0)));
    assertThat(gpus("gres/gpu:a100_1g.5gb=7,gres/gpu=7").boards()).isEqualTo(1.0);
    assertThat(gpus("gres/gpu:7g.80gb=1").boards()).isEqualTo(1.0);
    assertThat(gpus("gres/gpu:h100_1g.10gb+me=1").mig()).isTrue();
  }

  @Test
  void mixedMigProfilesLargestByBoardShare() {
    GpuAlloc g = gpus("gres/gpu:a100_1g.5gb=2,gres/gpu:a100_3g.20gb=1,gres/gpu=3");
    assertThat(g.boards()).isEqualTo(2.0 / 7 + 3.0 / 7);
    assertThat(g.devices()).isEqualTo(3.0);
    assertThat(g.type()).isEqualTo("a100_3g.20gb");
    assertThat(g.mig()).isTrue();
    assertThat(g.mixedTypes()).isTrue();
  }

  @Test
  void migAndWholeBoardsTogether() {
    GpuAlloc g = gpus("gres/gpu:a100=1,gres/gpu:a100_2g.10gb=1,gres/gpu=2");
    assertThat(g.boards()).isEqualTo(1.0 + 2.0 / 7);
    assertThat(g.devices()).isEqualTo(2.0);
    assertThat(g.type()).isEqualTo("a100");
  }

  @Test
  void namesThatOnlyLookLikeMigAreWholeBoards() {
    assertThat(gpus("gres/gpu:h100_80gb=2").boards()).isEqualTo(2.0);
    assertThat(gpus("gres/gpu:h100_80gb=2").mig()).isFalse();
    assertThat(gpus("gres/gpu:a100_12g.5gb=1").mig()).isFalse(); // no 12-slice MIG profile exists
  }

  @Test
  void gpuMetricsAreNotGpus() {
    assertThat(gpus("cpu=01:02:03,gres/gpumem=20G,gres/gpuutil=180,mem=1G")).isSameAs(GpuAlloc.NONE);
    assertThat(gpus("billing=6,cpu=6,mem=10000M,node=1")).isSameAs(GpuAlloc.NONE);
    assertThat(gpus("gres/gpu=0")).isSameAs(GpuAlloc.NONE);
    assertThat(gpus("")).isEqualTo(new GpuAlloc(0, 0, null, false, false, Map.of()));
  }

  @Test
  void noValCountIsAbsent() {
    assertThat(gpus("gres/gpu=18446744073709551614")).isSameAs(GpuAlloc.NONE);
  }

  @Test
  void badCountNamesTheEntry() {
    assertThatThrownBy(() -> gpus("cpu=1,gres/gpu=x"))
        .isInstanceOf(SlurmFieldException.class)
        .hasMessage("bad TRES entry \"gres/gpu=x\": expected a non-negative integer count");
    assertThatThrownBy(() -> gpus("gres/gpu:a100=1.5"))
        .hasMessage("bad TRES entry \"gres/gpu:a100=1.5\": expected a non-negative integer count");
    assertThatThrownBy(() -> gpus("gres/gpu=-1")).isInstanceOf(SlurmFieldException.class);
    assertThatThrownBy(() -> gpus("gres/gpu:=1"))
        .hasMessage("bad TRES entry \"gres/gpu:=1\": empty gres type");
  }

  @Test
  void recordNormalisesByType() {
    assertThat(new GpuAlloc(0, 0, null, false, false, null).byType()).isEmpty();
  }

  @Test
  void byTypeIsUnmodifiable() {
    assertThatThrownBy(() -> gpus(ALLOC).byType().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
  }

  // ---- scalar accessors ----

  @Test
  void cpusNodesMem() {
    Map<String, String> m = Tres.parse(ALLOC);
    assertThat(Tres.cpus(m)).isEqualTo(16.0);
    assertThat(Tres.nodes(m)).isEqualTo(1);
    assertThat(Tres.memGiB(m)).isEqualTo(128.0);
    assertThat(Tres.memGiB(Tres.parse("cpu=6,mem=10000M,node=1"))).isEqualTo(9.765625);
    assertThat(Tres.memGiB(Tres.parse("mem=4096"))).isEqualTo(4.0); // unsuffixed TRES mem is MiB
    Map<String, String> empty = Tres.parse("");
    assertThat(Tres.cpus(empty)).isNull();
    assertThat(Tres.nodes(empty)).isNull();
    assertThat(Tres.memGiB(empty)).isNull();
  }

  @Test
  void scalarGarbageNamesTheEntry() {
    assertThatThrownBy(() -> Tres.cpus(Tres.parse("cpu=sixteen")))
        .hasMessage("bad TRES entry \"cpu=sixteen\": expected a non-negative integer count");
    assertThatThrownBy(() -> Tres.memGiB(Tres.parse("mem=lots")))
        .hasMessage("bad TRES entry \"mem=lots\": expected a number with an optional K/M/G/T/P suffix");
    assertThatThrownBy(() -> Tres.nodes(Tres.parse("node=99999999999"))).isInstanceOf(SlurmFieldException.class)
        .hasMessageContaining("count too large");
  }

  @Test
  void gpuUtil() {
    assertThat(Tres.gpuUtilSum(Tres.parse("cpu=01:02:03,gres/gpuutil=396"))).isEqualTo(396.0);
    assertThat(Tres.gpuUtilSum(Tres.parse("gres/gpuutil=37.5"))).isEqualTo(37.5);
    assertThat(Tres.gpuUtilSum(Tres.parse("cpu=01:02:03"))).isNull();
    assertThatThrownBy(() -> Tres.gpuUtilSum(Tres.parse("gres/gpuutil=abc")))
        .hasMessage("bad TRES entry \"gres/gpuutil=abc\": expected a non-negative number");
  }

  @Test
  void cpuSecondsFromUsage() {
    assertThat(Tres.cpuSecondsFromUsage(Tres.parse("cpu=01:02:03,mem=1G"))).isEqualTo(3_723.0);
    assertThat(Tres.cpuSecondsFromUsage(Tres.parse("cpu=00:15.057"))).isEqualTo(15.057);
    assertThat(Tres.cpuSecondsFromUsage(Tres.parse("cpu=1-00:00:01"))).isEqualTo(86_401.0);
    assertThat(Tres.cpuSecondsFromUsage(Tres.parse("mem=1G"))).isNull();
    assertThatThrownBy(() -> Tres.cpuSecondsFromUsage(Tres.parse("cpu=3723000")))
        .hasMessage("bad TRES entry \"cpu=3723000\": expected [D-][HH:]MM:SS[.mmm]");
  }

  @Test
  void energy() {
    assertThat(Tres.energyJoules(Tres.parse("cpu=2,energy=54156,node=1"))).isEqualTo(54_156.0);
    assertThat(Tres.energyJoules(Tres.parse("energy=4.58M"))).isEqualTo(4.58 * 1_048_576);
    assertThat(Tres.energyJoules(Tres.parse("energy=0"))).isEqualTo(0.0);
    assertThat(Tres.energyJoules(Tres.parse("energy=18446744073709551614"))).isNull();
    assertThat(Tres.energyJoules(Tres.parse("energy=18446744073709551615"))).isNull();
    assertThat(Tres.energyJoules(Tres.parse("cpu=2"))).isNull();
    assertThatThrownBy(() -> Tres.energyJoules(Tres.parse("energy=abc")))
        .hasMessage("bad TRES entry \"energy=abc\": expected a number with an optional K/M/G/T/P suffix");
  }

  // ---- old GRES columns ----

  @Test
  void gresField() {
    assertThat(Tres.parseGresField("gpu:a100:2")).isEqualTo(new GpuAlloc(2, 2, "a100", false, false, Map.of("a100", 2.0)));
    assertThat(Tres.parseGresField("gpu:2")).isEqualTo(new GpuAlloc(2, 2, null, false, false, Map.of()));
    assertThat(Tres.parseGresField("gpu:a100:2(IDX:0-1)"))
        .isEqualTo(new GpuAlloc(2, 2, "a100", false, false, Map.of("a100", 2.0)));
    assertThat(Tres.parseGresField("gpu:a100:2(IDX:0,2)").devices()).isEqualTo(2.0);
    assertThat(Tres.parseGresField("gpu")).isEqualTo(new GpuAlloc(1, 1, null, false, false, Map.of()));
    assertThat(Tres.parseGresField("gpu:tesla")).isEqualTo(new GpuAlloc(1, 1, "tesla", false, false, Map.of("tesla", 1.0)));
    assertThat(Tres.parseGresField("gres:gpu:2").devices()).isEqualTo(2.0);
    assertThat(Tres.parseGresField("mps:100,gpu:a100:2(IDX:0-1)").devices()).isEqualTo(2.0);
  }

  @Test
  void gresFieldMixedAndMig() {
    GpuAlloc mixed = Tres.parseGresField("gpu:a100:1,gpu:v100:2");
    assertThat(mixed).isEqualTo(new GpuAlloc(3, 3, "v100", false, true, Map.of("a100", 1.0, "v100", 2.0)));
    GpuAlloc mig = Tres.parseGresField("gpu:1g.5gb:7");
    assertThat(mig).isEqualTo(new GpuAlloc(1.0, 7, "1g.5gb", true, false, Map.of("1g.5gb", 7.0)));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"(null)", "mps:100", "shard:2", "  "})
  void gresFieldWithoutGpusIsNone(String v) {
    assertThat(Tres.parseGresField(v)).isSameAs(GpuAlloc.NONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpu:a100:x", "gpu:a100:2:3", "gpu:a100:2(IDX:0-1", "gpu:a100:2)", "gpu::2",
      "gpu:a100:2(IDX:0)x", ":2", "gpu:", "gpu:a100:-1"})
  void gresFieldGarbageRejected(String v) {
    assertThatThrownBy(() -> Tres.parseGresField(v)).isInstanceOf(SlurmFieldException.class)
        .hasMessageStartingWith("bad GRES ");
  }
}
