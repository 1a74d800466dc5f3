package org.footprint.source.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The timestamp forms nvidia-smi and its wrappers print: the positional fast path and the general parse agree. */
class NvidiaSmiValuesTest {
  @Test
  void nvidiaSmisOwnFormReadByPosition() throws Exception {
    assertThat(NvidiaSmiValues.plainLocal("2026/10/20 14:03:12.345"))
        .isEqualTo(LocalDateTime.of(2026, 10, 20, 14, 3, 12, 345_000_000));
    assertThat(NvidiaSmiValues.timestamp(" 2026/10/20 14:03:12.345 "))
        .isEqualTo(LocalDateTime.of(2026, 10, 20, 14, 3, 12, 345_000_000));
    assertThat(NvidiaSmiValues.plainLocal("2026-10-20T14:03:12")).isEqualTo(LocalDateTime.of(2026, 10, 20, 14, 3, 12));
    assertThat(NvidiaSmiValues.plainLocal("2026/10/20 14:03:12.5")).isEqualTo(LocalDateTime.of(2026, 10, 20, 14, 3, 12,
        500_000_000));
    assertThat(NvidiaSmiValues.plainLocal("2026/10/20 14:03:12.123456789"))
        .isEqualTo(LocalDateTime.of(2026, 10, 20, 14, 3, 12, 123_456_789));
  }

  @Test
  void otherShapesGoToTheGeneralParse() throws Exception {
    assertThat(NvidiaSmiValues.plainLocal("2026/10/20 14:03")).isNull();
    assertThat(NvidiaSmiValues.timestamp("2026/10/20 14:03")).isEqualTo(LocalDateTime.of(2026, 10, 20, 14, 3));
    assertThat(NvidiaSmiValues.plainLocal("2026-10-20T14:03:12+02:00")).isNull();
    assertThat(NvidiaSmiValues.timestamp("2026-10-20T14:03:12+02:00"))
        .isEqualTo(Instant.parse("2026-10-20T12:03:12Z"));
    assertThat(NvidiaSmiValues.timestamp("2026/10/20 14:03:12.000+0200"))
        .isEqualTo(Instant.parse("2026-10-20T12:03:12Z"));
    assertThat(NvidiaSmiValues.timestamp("2026-10-20T14:03:12Z")).isEqualTo(Instant.parse("2026-10-20T14:03:12Z"));
  }

  @Test
  void outOfRangeOrGarbledTimesAreRejectedWithTheValue() {
    assertThatThrownBy(() -> NvidiaSmiValues.timestamp("2026/13/20 14:03:12.345"))
        .isInstanceOf(PowerValueException.class)
        .hasMessage("timestamp '2026/13/20 14:03:12.345' is not yyyy/MM/dd HH:mm:ss.SSS");
    assertThatThrownBy(() -> NvidiaSmiValues.timestamp("2026/02/30 14:03:12"))
        .isInstanceOf(PowerValueException.class);
    assertThatThrownBy(() -> NvidiaSmiValues.timestamp("2026/1O/20 14:03:12"))
        .isInstanceOf(PowerValueException.class)
        .hasMessageContaining("2026/1O/20 14:03:12");
    assertThatThrownBy(() -> NvidiaSmiValues.timestamp("[N/A]"))
        .isInstanceOf(PowerValueException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void headerPrecheckFindsEitherWordInAnyCase() {
    assertThat(NvidiaSmiHeader.mayBeHeader("timestamp, index, power.draw [W]")).isTrue();
    assertThat(NvidiaSmiHeader.mayBeHeader("# Timestamp, Index")).isTrue();
    assertThat(NvidiaSmiHeader.mayBeHeader("host, POWER.DRAW [W]")).isTrue();
    assertThat(NvidiaSmiHeader.mayBeHeader("2026/10/20 14:03:12.345, 0, GPU-1, NVIDIA A100, 71.23 W, 45 %"))
        .isFalse();
  }
}
