package org.footprint.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.footprint.testing.TestConfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** method: a preset fills the keys the conf leaves unset; explicit keys and --set win; the run says which. */
class MethodPresetsTest {
  @TempDir
  Path dir;

  private FootprintConf load(String extra, Map<String, String> sets) throws IOException {
    return TestConfs.load(dir, TestConfs.minimal(extra), sets);
  }

  @Test
  void withoutAMethodTheRunIsFootprintsOwnAndTheCodeDefaultsAreThatPreset() throws IOException {
    FootprintConf c = load("", Map.of());
    assertThat(c.method.preset).isEqualTo("footprint");
    assertThat(c.method.description()).isEqualTo("footprint");
    // the field defaults of MethodConf and the footprint preset of the resource file must not drift apart
    assertThat(new MethodConf().keys()).isEqualTo(MethodPresets.values("footprint").keys());
    assertThat(c.method.keys()).isEqualTo(new MethodConf().keys());
    assertThat(MethodPresets.names()).containsExactly("footprint", "green-algorithms", "strubell");
  }

  @Test
  void greenAlgorithmsSetsEveryChoiceAndThePowerConstantsTheConfDoesNotGive() throws IOException {
    FootprintConf c = load("""
        method: green-algorithms
        power: { memory_watts_per_gb: 0.5 }
        """, Map.of());
    MethodConf m = c.method;
    assertThat(m.preset).isEqualTo("green-algorithms");
    assertThat(m.gpuUtilSource).isEqualTo("default");
    assertThat(m.migShare).isEqualTo("board");
    assertThat(m.totalCpuZero).isEqualTo("cputime");
    assertThat(m.memoryUnits).isEqualTo(1000);
    assertThat(m.gpuPower).isEqualTo("tdp");
    assertThat(m.energySource).isEqualTo("modelled");
    assertThat(m.intensity).isEqualTo("annual");
    assertThat(m.pue).isNull();
    assertThat(m.source).contains("GA4HPC");
    assertThat(c.power.cpuWattsPerCore).isEqualTo(12.0);
    assertThat(c.power.memoryWattsPerGb).isEqualTo(0.5); // the file's own value wins over the preset's 0.3725
    assertThat(m.description()).isEqualTo("green-algorithms");
  }

  @Test
  void setKeysOverrideThePresetAndAreNamedInTheDescription() throws IOException {
    Map<String, String> sets = new LinkedHashMap<>();
    sets.put("method.gpu_util_source", "measured");
    sets.put("method.memory_units", "1024");
    FootprintConf c = load("method: green-algorithms\n", sets);
    assertThat(c.method.gpuUtilSource).isEqualTo("measured");
    assertThat(c.method.gpuPower).isEqualTo("tdp");
    assertThat(c.method.description()).isEqualTo("green-algorithms; gpu_util_source=measured, memory_units=1024");
  }

  @Test
  void setMethodNamesThePresetAndKeepsTheConfsOwnMethodKeys() throws IOException {
    FootprintConf c = load("method: { gpu_power: tdp }\n", Map.of("method", "strubell"));
    assertThat(c.method.preset).isEqualTo("strubell");
    assertThat(c.method.gpuPower).isEqualTo("tdp");
    assertThat(c.method.pue).isEqualTo(1.58);
    assertThat(c.method.gPerKwh).isEqualTo(432.72712098);
    assertThat(c.method.description()).isEqualTo("strubell; gpu_power=tdp");
  }

  @Test
  void strubellReplacesEveryClustersPueAndPricesEveryHourAtTheUsAverage() throws IOException {
    FootprintConf c = load("method: strubell\n", Map.of());
    Site site = Site.of(c, GpuProfiles.read(TestConfs.profiles()));
    assertThat(site.clusters().get("a").pue()).isEqualTo(1.58);
    assertThat(site.clusters().get("a").pueSource()).contains("method strubell");
    // 0.954 lbs/kWh × 0.45359237 kg/lb
    assertThat(site.annualIntensity()).containsExactly(Map.entry("*", 432.72712098));
    assertThat(0.954 * 0.45359237 * 1000).isCloseTo(432.72712098, within(1e-8));
    assertThat(site.method().hourlyIntensity()).isFalse();
    // an explicit method.pue wins over the preset's
    FootprintConf own = load("method: strubell\n", Map.of("method.pue", "1.1"));
    assertThat(Site.of(own, GpuProfiles.read(TestConfs.profiles())).clusters().get("a").pue()).isEqualTo(1.1);
    assertThat(own.method.description()).isEqualTo("strubell; pue=1.1");
  }

  @Test
  void unknownPresetsAndValuesAreRefusedNamingTheKey() throws IOException {
    assertThatThrownBy(() -> load("method: codecarbon\n", Map.of()))
        .isInstanceOf(ConfException.class)
        .hasMessage("method.preset: unknown preset 'codecarbon'; known: [footprint, green-algorithms, strubell]");
    assertThatThrownBy(() -> load("", Map.of("method.mig_share", "half")))
        .isInstanceOf(ConfException.class)
        .hasMessage("method.mig_share: 'half' is not one of [board, fraction]");
    assertThatThrownBy(() -> load("", Map.of("method.memory_units", "1042")))
        .isInstanceOf(ConfException.class)
        .hasMessage("method.memory_units: 1042 is not 1024 or 1000");
    assertThatThrownBy(() -> load("", Map.of("method.pue", "0.9")))
        .isInstanceOf(ConfException.class)
        .hasMessageStartingWith("method.pue: 0.9 is not a PUE");
    assertThatThrownBy(() -> load("method: { gpu_utilisation: measured }\n", Map.of()))
        .isInstanceOf(ConfException.class)
        .hasMessageContaining("unknown key 'method.gpu_utilisation'");
  }
}
