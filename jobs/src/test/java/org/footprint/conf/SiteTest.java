package org.footprint.conf;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;

/** Site.of resolves a loaded conf; the builder makes the same from code. */
class SiteTest extends SparkTestBase {
  @Test
  void resolvesTheConfAndItsGpuProfiles() {
    FootprintConf conf = ConfLoader.load(TestPaths.fixture("measured.yaml").toString(), Map.of());
    Site site = Site.of(conf, GpuProfiles.read(Paths.resolve(conf, conf.gpuProfiles)));
    assertThat(site.clusters()).containsOnlyKeys("ipmi", "rapl");
    Site.Cluster ipmi = site.clusters().get("ipmi");
    assertThat(ipmi.pue()).isEqualTo(1.5);
    assertThat(ipmi.energyScope()).isEqualTo("node");
    assertThat(ipmi.maxNodePowerW()).isEqualTo(2000.0);
    assertThat(site.measuringClusters()).containsExactly("ipmi", "rapl");
    assertThat(site.power().cpuWattsPerCore()).isEqualTo(10.0);
    assertThat(site.power().gpuUtilDefault()).isEqualTo(0.8);
    assertThat(site.gpus()).containsKeys("TESTGPU", "TESTMIG", "GENERIC-GPU");
    assertThat(site.annualIntensity()).containsEntry("*", 100.0);

    // the lookups the steps make per row: fixture TESTGPU 300 W TDP, alias tg; rapl's PUE 1.0
    Row r = spark.range(1).select(site.pue(lit("rapl")), site.tdpW(lit("TESTGPU")), site.gpuModelOfAlias(lit("tg")),
        site.migSlices(lit("TESTMIG")), site.pue(lit("unknown"))).first();
    assertThat(r.getDouble(0)).isEqualTo(1.0);
    assertThat(r.getDouble(1)).isEqualTo(300.0);
    assertThat(r.getString(2)).isEqualTo("TESTGPU");
    assertThat(r.getDouble(3)).isEqualTo(7.0);
    assertThat(r.isNullAt(4)).isTrue();
  }

  @Test
  void theBuilderKeepsTheConfsDefaultsAndTheSiteIsImmutable() {
    Site site = Site.builder().cluster("c", "GB", 1.2).partition("c", "big", null, 20.0).build();
    assertThat(site.clusters().get("c").energyScope()).isEqualTo("none");
    assertThat(site.measuringClusters()).isEmpty();
    assertThat(site.power().cpuWattsPerCore()).isEqualTo(new FootprintConf.PowerConf().cpuWattsPerCore);
    assertThat(site.sweeps().arrayKind()).isEqualTo("hpo");
    assertThatThrownBy(() -> site.clusters().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> site.clusters().get("c").partitions().clear())
        .isInstanceOf(UnsupportedOperationException.class);

    // W per core: the partition's, else the cluster's (none here), else the site's
    Row r = spark.range(1).select(site.cpuWattsPerCore(lit("c"), lit("big")),
        site.cpuWattsPerCore(lit("c"), lit("small"))).first();
    assertThat(r.getDouble(0)).isEqualTo(20.0);
    assertThat(r.getDouble(1)).isEqualTo(12.0);
  }
}
