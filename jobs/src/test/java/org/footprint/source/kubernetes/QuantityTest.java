package org.footprint.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantityTest {
  @Test
  void cpuAndMemorySuffixes() {
    assertThat(Quantity.parse("500m")).isEqualTo(0.5);
    assertThat(Quantity.parse("2")).isEqualTo(2.0);
    assertThat(Quantity.parse("1.5")).isEqualTo(1.5);
    assertThat(Quantity.parse("16Gi")).isEqualTo(16.0 * 1024 * 1024 * 1024);
    assertThat(Quantity.parse("512Mi")).isEqualTo(512.0 * 1024 * 1024);
    assertThat(Quantity.parse("1G")).isEqualTo(1e9);
    assertThat(Quantity.parse("100k")).isEqualTo(1e5);
    assertThat(Quantity.parse("250u")).isCloseTo(0.00025, within(1e-12));
  }

  @Test
  void decimalExponentIsNotTheExaSuffix() {
    assertThat(Quantity.parse("1e3")).isEqualTo(1000.0);
    assertThat(Quantity.parse("2E")).isEqualTo(2e18);
  }

  @Test
  void garbageIsRefusedWithTheText() {
    assertThatThrownBy(() -> Quantity.parse("two")).hasMessageContaining("'two'");
    assertThatThrownBy(() -> Quantity.parse("1Gb")).hasMessageContaining("'1Gb'");
    assertThatThrownBy(() -> Quantity.parse("")).isInstanceOf(IllegalArgumentException.class);
  }
}
