package org.footprint.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.footprint.testing.TestConfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf problems stop the run with one message naming the key, before Spark starts. */
class ConfLoaderTest {
  @TempDir
  Path dir;

  private Path write(String yaml) throws IOException {
    return TestConfs.write(dir, yaml);
  }

  private static String valid() {
    return TestConfs.minimal("");
  }

  @Test
  void theRepositoryConfLoads() {
    FootprintConf c = TestConfs.repository(Map.of());
    assertThat(c.clusters).containsOnlyKeys("alpine", "bayou", "kestrel");
    assertThat(c.clusters.get("bayou").nodeRegions.get(0).region).isEqualTo("US-TEX-ERCO");
    assertThat(c.carbon.fallbackGPerKwh.get("*")).isEqualTo(475.0);
    assertThat(c.inputs).extracting(i -> i.type).containsExactly("sacct", "sacct", "kubectl-pods", "kubectl-nodes",
        "katib", "nvidia-smi", "dcgm", "intensity", "scontrol-nodes", "sinfo-nodes", "meter");
  }

  @Test
  void aValidConfResolvesPathsAgainstItsFolder() throws IOException {
    FootprintConf c = ConfLoader.load(write(valid()).toString(), Map.of());
    assertThat(Paths.expand(c, "in.txt")).singleElement().asString().endsWith("/in.txt");
    assertThat(c.power.memoryWattsPerGb).isEqualTo(0.3725);
  }

  @Test
  void unknownKeyIsNamedWithItsPath() throws IOException {
    Path p = write(valid().replace("pue: 1.2", "pue: 1.2, peu: 3"));
    assertThatThrownBy(() -> ConfLoader.load(p.toString(), Map.of()))
        .isInstanceOf(ConfException.class)
        .hasMessageContaining("unknown key 'clusters.a.peu'")
        .hasMessageContaining("pue");
  }

  @Test
  void negativePueIsRefused() throws IOException {
    Path p = write(valid().replace("pue: 1.2", "pue: -1.2"));
    assertThatThrownBy(() -> ConfLoader.load(p.toString(), Map.of()))
        .hasMessage("clusters.a.pue: -1.2 is not a PUE (must be between 1.0 and 5.0)");
  }

  @Test
  void badZoneIsRefused() throws IOException {
    Path p = write(valid().replace("Europe/Berlin", "Europe/Bxrlin"));
    assertThatThrownBy(() -> ConfLoader.load(p.toString(), Map.of()))
        .hasMessageStartingWith("clusters.a.time_zone: 'Europe/Bxrlin' is not an IANA time zone id");
  }

  @Test
  void missingFilesAreNamed() throws IOException {
    Path p = write(valid().replace("path: in.txt", "path: nothing-*.txt"));
    assertThatThrownBy(() -> ConfLoader.load(p.toString(), Map.of()))
        .hasMessageStartingWith("inputs.0.path: no file matches ");
    Path q = write(valid().replace(TestConfs.profiles(), "/nonexistent/profiles.csv"));
    assertThatThrownBy(() -> ConfLoader.load(q.toString(), Map.of()))
        .hasMessage("gpu_profiles: file not found: /nonexistent/profiles.csv");
    assertThatThrownBy(() -> ConfLoader.load(dir.resolve("none.yaml").toString(), Map.of()))
        .hasMessageStartingWith("conf file not found: ");
  }

  @Test
  void aRegionWithoutFallbackIsRefused() throws IOException {
    Path p = write(valid().replace("{ DE: 380 }", "{ FR: 50 }"));
    assertThatThrownBy(() -> ConfLoader.load(p.toString(), Map.of()))
        .hasMessageContaining("no annual value for region DE of cluster a");
  }

  @Test
  void badValuesNameTheirKey() throws IOException {
    Path p = write(valid() + "power:\n  gpu_util_default: lots\n");
    assertThatThrownBy(() -> ConfLoader.load(p.toString(), Map.of()))
        .hasMessageContaining("bad value for key 'power.gpu_util_default'");
    Path q = write(valid() + "power:\n  gpu_util_default: 1.5\n");
    assertThatThrownBy(() -> ConfLoader.load(q.toString(), Map.of()))
        .hasMessage("power.gpu_util_default: must be between 0 and 1, got 1.5");
  }

  @Test
  void setOverridesAnyKeyWithTypedValues() throws IOException {
    Map<String, String> set = new LinkedHashMap<>();
    set.put("clusters.a.pue", "1.35");
    set.put("power.gpu_util_default", "0.7");
    set.put("carbon.fallback_g_per_kwh.FR", "55");
    set.put("clusters.b.time_zone", "UTC");
    set.put("clusters.b.region", "FR");
    set.put("clusters.b.pue", "1.1");
    set.put("inputs.1.type", "sacct");
    set.put("inputs.1.cluster", "b");
    set.put("inputs.1.path", "in.txt");
    set.put("inputs.1.fields", "[JobID, State]");
    FootprintConf c = ConfLoader.load(write(valid()).toString(), set);
    assertThat(c.clusters.get("a").pue).isEqualTo(1.35);
    assertThat(c.power.gpuUtilDefault).isEqualTo(0.7);
    assertThat(c.carbon.fallbackGPerKwh).containsEntry("FR", 55.0);
    assertThat(c.inputs.get(1).fields).containsExactly("JobID", "State");
  }

  @Test
  void setWithAnUnknownKeyIsRefused() throws IOException {
    Path p = write(valid());
    assertThatThrownBy(() -> ConfLoader.load(p.toString(), Map.of("power.gpu_watts", "300")))
        .hasMessageContaining("unknown key 'power.gpu_watts'");
    assertThatThrownBy(() -> ConfLoader.load(p.toString(), Map.of("inputs.5.path", "x")))
        .hasMessageContaining("index 5 is past the end of the list");
  }

  @Test
  void setOnAMisspelledClusterNamesTheKnownOnes() throws IOException {
    Path p = write(valid());
    assertThatThrownBy(() -> ConfLoader.load(p.toString(), Map.of("clusters.alpnie.pue", "1.3")))
        .isInstanceOf(ConfException.class)
        .hasMessage("--set clusters.alpnie.pue: unknown cluster 'alpnie'; known: [a] (to add a cluster, also set"
            + " clusters.alpnie.time_zone)");
  }
}
