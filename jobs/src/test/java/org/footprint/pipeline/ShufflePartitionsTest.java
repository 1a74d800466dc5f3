package org.footprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShufflePartitionsTest {
  private static final long MB = 1L << 20;

  @Test
  void smallInputsKeepTheStartingCount() {
    assertThat(ShufflePartitions.forBytes(0, 8)).isEqualTo(8);
    assertThat(ShufflePartitions.forBytes(30 * MB, 8)).isEqualTo(8);
    assertThat(ShufflePartitions.forBytes(8 * 256 * MB, 8)).isEqualTo(8);
  }

  @Test
  void smallInputsWithoutAdaptiveExecutionGetOnePartitionPerCore() {
    // the bundled samples on 2 cores: 2 tasks per shuffle stage instead of 8 tiny ones in four waves
    assertThat(ShufflePartitions.forBytes(13_501_942L, 8, 2)).isEqualTo(2);
    assertThat(ShufflePartitions.forBytes(256 * MB - 1, 8, 4)).isEqualTo(4);
    // never more than the start, never none
    assertThat(ShufflePartitions.forBytes(30 * MB, 8, 64)).isEqualTo(8);
    assertThat(ShufflePartitions.forBytes(30 * MB, 8, 0)).isEqualTo(1);
    // from the adaptive threshold on, the count follows the input's size as before
    assertThat(ShufflePartitions.forBytes(256 * MB, 8, 2)).isEqualTo(8);
    assertThat(ShufflePartitions.forBytes(2_864_836_871L, 8, 2)).isEqualTo(11);
  }

  @Test
  void oneShufflePartitionPer256MiBOfInput() {
    // the 1 M-job benchmark centre: 2,864,836,871 bytes of Slurm, Kubernetes and power input → 11
    assertThat(ShufflePartitions.forBytes(2_864_836_871L, 8)).isEqualTo(11);
    // 10 M: ~29 GB → 109
    assertThat(ShufflePartitions.forBytes(29_000_000_000L, 8)).isEqualTo(109);
    assertThat(ShufflePartitions.forBytes(9 * 256 * MB + 1, 8)).isEqualTo(10);
  }

  @Test
  void boundedAbove() {
    assertThat(ShufflePartitions.forBytes(Long.MAX_VALUE / 2, 8)).isEqualTo(4000);
  }

  @Test
  void adaptiveExecutionOnlyFromAQuarterGibibyteOfInput() {
    // the bundled samples: 13.5 MB → off; the 1 M benchmark centre (2.9 GB) and a 1 GB sacct export → on
    assertThat(ShufflePartitions.adaptiveFor(13_501_942L)).isFalse();
    assertThat(ShufflePartitions.adaptiveFor(256 * MB - 1)).isFalse();
    assertThat(ShufflePartitions.adaptiveFor(256 * MB)).isTrue();
    assertThat(ShufflePartitions.adaptiveFor(2_864_836_871L)).isTrue();
  }
}
