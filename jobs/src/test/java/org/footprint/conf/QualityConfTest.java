package org.footprint.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.footprint.testing.TestConfs;
import org.junit.jupiter.api.Test;

/** The quality: section and its --set overrides for one run: defaults, per-source values, bad values refused. */
class QualityConfTest {
  private static FootprintConf load(Map<String, String> set) {
    return TestConfs.repository(set);
  }

  @Test
  void defaultsOfTheSampleConf() {
    FootprintConf.QualityConf q = load(Map.of()).quality;
    assertThat(q.maxRejectShare("slurm")).isEqualTo(0.05);
    assertThat(q.minRecords("kubernetes")).isEqualTo(1);
    assertThat(q.maxSkippedShare("power")).isNull();
    assertThat(q.allowEmpty("slurm")).isFalse();
  }

  @Test
  void perSourceOverridesForOneRun() {
    FootprintConf.QualityConf q = load(Map.of("quality.slurm.max_reject_share", "1", "quality.slurm.allow_empty",
        "true", "quality.min_records", "10", "quality.power.min_records", "0", "quality.kubernetes.max_skipped_share",
        "0.5")).quality;
    assertThat(q.maxRejectShare("slurm")).isEqualTo(1.0);
    assertThat(q.maxRejectShare("power")).isEqualTo(0.05);
    assertThat(q.allowEmpty("slurm")).isTrue();
    assertThat(q.allowEmpty("kubernetes")).isFalse();
    assertThat(q.minRecords("slurm")).isEqualTo(10);
    assertThat(q.minRecords("power")).isZero();
    assertThat(q.maxSkippedShare("kubernetes")).isEqualTo(0.5);
    assertThat(q.maxSkippedShare("slurm")).isNull();
  }

  @Test
  void impossibleLimitsAreOneLineConfErrors() {
    assertThatThrownBy(() -> load(Map.of("quality.max_skipped_share", "2"))).isInstanceOf(ConfException.class)
        .hasMessageContaining("quality.max_skipped_share");
    assertThatThrownBy(() -> load(Map.of("quality.slurm.min_records", "-1"))).isInstanceOf(ConfException.class)
        .hasMessageContaining("quality.slurm.min_records");
  }
}
