package org.footprint.source.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntensityFormatsTest {

  @Test
  void knownNames() {
    assertThat(IntensityFormats.byName("electricitymaps")).isInstanceOf(ElectricityMapsCsv.class);
    assertThat(IntensityFormats.byName("plain")).isInstanceOf(PlainIntensityCsv.class);
    assertThat(IntensityFormats.byName("uk-carbon-intensity-json")).isInstanceOf(UkCarbonIntensityJson.class);
    assertThat(IntensityFormats.byName(" ElectricityMaps ")).isInstanceOf(ElectricityMapsCsv.class);
    assertThat(IntensityFormats.names()).containsExactly("electricitymaps", "plain", "uk-carbon-intensity-json");
  }

  @Test
  void unknownNameListsTheValidOnes() {
    assertThatThrownBy(() -> IntensityFormats.byName("watttime"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("watttime")
        .hasMessageContaining("electricitymaps, plain, uk-carbon-intensity-json");
    assertThatThrownBy(() -> IntensityFormats.byName(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
