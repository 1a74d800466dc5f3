package org.footprint.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.footprint.testing.TestConfs;
import org.junit.jupiter.api.Test;

/** clusters.<c>.embodied in the repository conf, and what the validator refuses (through --set overrides). */
class EmbodiedConfTest {
  private static String conf() {
    return TestConfs.repositoryPath();
  }

  @Test
  void theSampleConfGivesEveryClusterAnEmbodiedFactor() {
    FootprintConf c = ConfLoader.load(conf(), Map.of());
    assertThat(c.clusters.get("alpine").embodied.gpuHourFactor()).isEqualTo(0.0104);
    assertThat(c.clusters.get("alpine").embodied.partitions.get("cpu").nodeHourFactor()).isEqualTo(0.023);
    // amortised: 3500 kg / (5 years × 8760 h × 0.8)
    assertThat(c.clusters.get("bayou").embodied.nodeHourFactor()).isCloseTo(3500 / 35040.0, within(1e-15));
    assertThat(c.clusters.get("bayou").embodied.method()).isEqualTo("amortised");
    assertThat(c.clusters.get("kestrel").embodied.method()).isEqualTo("factor");
  }

  @Test
  void aFactorAndItsAmortisationInputsTogetherAreRefused() {
    assertThatThrownBy(() -> ConfLoader.load(conf(), Map.of("clusters.alpine.embodied.kg_per_gpu_board", "150",
        "clusters.alpine.embodied.lifetime_years", "5")))
        .isInstanceOf(ConfException.class).hasMessageContaining("kg_per_gpu_hour or kg_per_gpu_board");
  }

  @Test
  void amortisationNeedsALifetimeAndAFactorNeedsASource() {
    assertThatThrownBy(() -> ConfLoader.load(conf(), Map.of("clusters.bayou.embodied.lifetime_years", "0")))
        .isInstanceOf(ConfException.class).hasMessageContaining("clusters.bayou.embodied.lifetime_years");
    assertThatThrownBy(() -> ConfLoader.load(conf(), Map.of("clusters.kestrel.embodied.source", "")))
        .isInstanceOf(ConfException.class).hasMessageContaining("clusters.kestrel.embodied.source");
    assertThatThrownBy(() -> ConfLoader.load(conf(), Map.of("clusters.alpine.embodied.band", "1.5")))
        .isInstanceOf(ConfException.class).hasMessageContaining("band");
  }
}
