package org.footprint.source.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SlurmMemoryTest {

  @Test
  void suffixesAre1024Based() {
    assertThat(SlurmMemory.toGiB("10000M", null, null)).isEqualTo(9.765625);
    assertThat(SlurmMemory.toGiB("128G", null, null)).isEqualTo(128.0);
    assertThat(SlurmMemory.toGiB("2252800K", null, null)).isEqualTo(2.1484375);
    assertThat(SlurmMemory.toGiB("1.5G", null, null)).isEqualTo(1.5);
    assertThat(SlurmMemory.toGiB("1T", null, null)).isEqualTo(1024.0);
    assertThat(SlurmMemory.toGiB("1P", null, null)).isEqualTo(1_048_576.0);
    assertThat(SlurmMemory.toGiB("512m", null, null)).isEqualTo(0.5);
  }

  @Test
  void noSuffixIsMiB() {
    assertThat(SlurmMemory.toGiB("4000", null, null)).isEqualTo(3.90625);
    assertThat(SlurmMemory.toGiB("1024", 8.0, 2)).isEqualTo(1.0);
  }

  @Test
  void perCpuAndPerNode() {
    assertThat(SlurmMemory.toGiB("4000Mc", 6.0, null)).isEqualTo(23.4375);
    assertThat(SlurmMemory.toGiB("2Gc", 4.0, 1)).isEqualTo(8.0);
    assertThat(SlurmMemory.toGiB("4000Mn", null, 2)).isEqualTo(7.8125);
    assertThat(SlurmMemory.toGiB("16Gn", 32.0, 1)).isEqualTo(16.0);
    assertThat(SlurmMemory.toGiB("1024c", 2.0, null)).isEqualTo(2.0); // MiB per CPU
  }

  @Test
  void perCpuOrNodeWithoutMultiplierIsUnknown() {
    assertThat(SlurmMemory.toGiB("4000Mc", null, 1)).isNull();
    assertThat(SlurmMemory.toGiB("4000Mc", 0.0, 1)).isNull();
    assertThat(SlurmMemory.toGiB("4000Mn", 6.0, null)).isNull();
    assertThat(SlurmMemory.toGiB("4000Mn", 6.0, 0)).isNull();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"0n", "0", "0c", "0M", "0.00K", "  "})
  void zeroAndBlankAreNull(String v) {
    assertThat(SlurmMemory.toGiB(v, 4.0, 1)).isNull();
  }

  @Test
  void message() {
    assertThatThrownBy(() -> SlurmMemory.toGiB("12X", null, null))
        .isInstanceOf(SlurmFieldException.class)
        .hasMessage("bad memory \"12X\": unknown unit 'X', expected K/M/G/T/P (1024-based)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "G", "12GB", "1.2.3G", "-5G", "12Gx", "12 G", ".", "4000Mcn", "c", "n"})
  void garbageRejected(String v) {
    assertThatThrownBy(() -> SlurmMemory.toGiB(v, 4.0, 1)).isInstanceOf(SlurmFieldException.class)
        .hasMessageStartingWith("bad memory ");
  }

  @Test
  void bytesFromMaxRssStyleSizes() {
    assertThat(SlurmMemory.bytesFromSize("2252800K")).isEqualTo(2_306_867_200L);
    assertThat(SlurmMemory.bytesFromSize("0.31M")).isEqualTo(325_059L); // 325058.56 rounded
    assertThat(SlurmMemory.bytesFromSize("1.5G")).isEqualTo(1_610_612_736L);
    assertThat(SlurmMemory.bytesFromSize("112488K")).isEqualTo(115_187_712L);
    assertThat(SlurmMemory.bytesFromSize("85399.46K")).isEqualTo(87_449_047L);
    assertThat(SlurmMemory.bytesFromSize("2T")).isEqualTo(2_199_023_255_552L);
    assertThat(SlurmMemory.bytesFromSize("512")).isEqualTo(512L);  // no suffix: bytes
    assertThat(SlurmMemory.bytesFromSize("0")).isEqualTo(0L);      // a real measurement (extern steps)
    assertThat(SlurmMemory.bytesFromSize(" 1K ")).isEqualTo(1024L);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void bytesBlankIsNull(String v) {
    assertThat(SlurmMemory.bytesFromSize(v)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5Q", "abc", "K", "1.5GB", "4000Mc", "-1K"})
  void bytesGarbageRejected(String v) {
    assertThatThrownBy(() -> SlurmMemory.bytesFromSize(v)).isInstanceOf(SlurmFieldException.class)
        .hasMessageStartingWith("bad size ");
  }
}
