package org.footprint.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.footprint.testing.TestConfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** clusters.NAME.market: bound, validated with the key named. */
class MarketConfTest {
  @TempDir
  Path dir;

  private FootprintConf load(String market) throws IOException {
    String cluster = TestConfs.CLUSTER_A.replace(" }", ", market: " + market + " }");
    return TestConfs.load(dir, TestConfs.yaml(cluster, TestConfs.SACCT_IN_TXT), Map.of());
  }

  @Test
  void aResidualMixWithAPpaBinds() throws IOException {
    MarketConf m = load("{ residual_mix_g_per_kwh: 400, factor_source: AIB 2024, renewable_share: 0.5,"
        + " renewable_source: PPA }").clusters.get("a").market;
    assertThat(m.factor()).isEqualTo(400.0);
    assertThat(m.method()).isEqualTo("residual_mix");
    assertThat(m.renewableShare).isEqualTo(0.5);
  }

  @Test
  void theRepositoryConfHasAMarketForAlpineOnly() {
    FootprintConf c = TestConfs.repository(Map.of());
    assertThat(c.clusters.get("alpine").market.renewableShare).isEqualTo(0.5);
    assertThat(c.clusters.get("alpine").market.method()).isEqualTo("supplier");
    assertThat(c.clusters.get("bayou").market).isNull();
  }

  @Test
  void problemsNameTheirKey() {
    assertThatThrownBy(() -> load("{ factor_source: x }"))
        .hasMessage("clusters.a.market: give exactly one of supplier_g_per_kwh or residual_mix_g_per_kwh");
    assertThatThrownBy(() -> load("{ supplier_g_per_kwh: 300, residual_mix_g_per_kwh: 400, factor_source: x }"))
        .hasMessage("clusters.a.market: give exactly one of supplier_g_per_kwh or residual_mix_g_per_kwh");
    assertThatThrownBy(() -> load("{ supplier_g_per_kwh: 300 }"))
        .hasMessage("clusters.a.market.factor_source: name where the emission factor comes from");
    assertThatThrownBy(() -> load("{ supplier_g_per_kwh: -3, factor_source: x }"))
        .hasMessageStartingWith("clusters.a.market.supplier_g_per_kwh: -3.0 is not an emission factor");
    assertThatThrownBy(() -> load("{ supplier_g_per_kwh: 300, factor_source: x, renewable_share: 1.5 }"))
        .hasMessageStartingWith("clusters.a.market.renewable_share: 1.5 is not a share");
    assertThatThrownBy(() -> load("{ supplier_g_per_kwh: 300, factor_source: x, renewable_share: 0.5 }"))
        .hasMessageStartingWith("clusters.a.market.renewable_source:");
  }
}
