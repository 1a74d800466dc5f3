package org.footprint.conf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** run_conf.yaml rendered from a Site and conf built in code: each constant with its source, derived ones shown. */
class RunConfTest {
  private static JsonNode parse(String yaml) throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(yaml);
  }

  private static FootprintConf.ClusterConf cluster(String region, double pue, String pueSource) {
    FootprintConf.ClusterConf c = new FootprintConf.ClusterConf();
    c.region = region;
    c.pue = pue;
    c.pueSource = pueSource;
    return c;
  }

  @Test
  void namesEachClustersPueAndItsSource() throws Exception {
    FootprintConf conf = new FootprintConf();
    conf.clusters.put("alpha", cluster("DE", 1.2, "site measurement 2025"));
    conf.clusters.put("beta", cluster("FR", 1.4, null));
    conf.power.cpuWattsPerCore = 15;
    conf.carbon.fallbackGPerKwh.put("*", 475.0);
    conf.carbon.fallbackSource = "world average";
    GpuProfiles profiles = new GpuProfiles();
    profiles.add(new GpuProfiles.Profile("A100", 400, 50, 7, "vendor data sheet"), "test");
    Site site = Site.of(conf, profiles);
    JsonNode y = parse(RunConf.yaml(conf, site, List.of("plain: /data/zz.csv")));

    assertThat(y.at("/clusters/alpha/pue").asDouble()).isEqualTo(1.2);
    assertThat(y.at("/clusters/alpha/pue_source").asText()).isEqualTo("site measurement 2025");
    assertThat(y.at("/clusters/alpha/region").asText()).isEqualTo("DE");
    assertThat(y.at("/clusters/beta/pue").asDouble()).isEqualTo(1.4);
    assertThat(y.at("/clusters/beta/pue_source").asText()).isEqualTo(RunConf.NOT_GIVEN);
    // the cluster's W per core is the site-wide one, which the conf set away from the built-in default
    assertThat(y.at("/clusters/alpha/cpu_watts_per_core").asDouble()).isEqualTo(15.0);
    assertThat(y.at("/clusters/alpha/cpu_watts_per_core_source").asText()).isEqualTo("power.cpu_watts_per_core");
    assertThat(y.at("/power/cpu_watts_per_core_source").asText()).startsWith("power.cpu_watts_per_core in the conf");
    assertThat(y.at("/power/memory_watts_per_gb").asDouble()).isEqualTo(0.3725);
    assertThat(y.at("/power/memory_watts_per_gb_source").asText()).startsWith("built-in default: Green Algorithms");
    assertThat(y.at("/gpu_profiles/models/A100/tdp_w").asDouble()).isEqualTo(400.0);
    assertThat(y.at("/gpu_profiles/models/A100/source").asText()).isEqualTo("vendor data sheet");
    assertThat(y.at("/carbon/intensity_inputs/0").asText()).isEqualTo("plain: /data/zz.csv");
    assertThat(y.at("/carbon/fallback_g_per_kwh/*").asDouble()).isEqualTo(475.0);
    assertThat(y.at("/carbon/fallback_source").asText()).isEqualTo("world average");
    assertThat(y.at("/carbon/marginal").asText()).isEqualTo("none");
    assertThat(y.at("/clusters/alpha/market/method").asText()).isEqualTo("location");
  }

  @Test
  void showsEmbodiedFactorsDerivedFromAmortisationAndTheMarketFactorAfterRenewables() throws Exception {
    EmbodiedConf e = new EmbodiedConf();
    e.kgPerServer = 3500.0;
    e.lifetimeYears = 5.0;
    e.utilisation = 0.8;
    e.gpusPerNode = 8;
    e.source = "vendor PCF";
    MarketConf m = new MarketConf();
    m.supplierGPerKwh = 310.0;
    m.factorSource = "supplier disclosure";
    m.renewableShare = 0.5;
    m.renewableSource = "PPA";
    FootprintConf conf = new FootprintConf();
    conf.clusters.put("c", cluster("DE", 1.1, "contract"));
    conf.clusters.get("c").embodied = e;
    conf.clusters.get("c").market = m;
    Site site = Site.of(conf, new GpuProfiles());
    JsonNode y = parse(RunConf.yaml(conf, site, List.of()));

    JsonNode emb = y.at("/clusters/c/embodied");
    assertThat(emb.get("method").asText()).isEqualTo("amortised");
    // 3500 kg / (5 years × 8760 h × 0.8) = 0.0998858... kg per node-hour
    assertThat(emb.get("kg_per_node_hour").asDouble()).isEqualTo(3500.0 / (5 * 8760 * 0.8));
    assertThat(emb.get("kg_per_node_hour_derivation").asText())
        .isEqualTo("kg_per_server 3500 / (lifetime_years 5 × 8760 h × utilisation 0.8)");
    assertThat(emb.get("source").asText()).isEqualTo("vendor PCF");
    assertThat(emb.has("kg_per_gpu_hour")).isFalse();

    JsonNode mk = y.at("/clusters/c/market");
    assertThat(mk.get("method").asText()).isEqualTo("supplier");
    assertThat(mk.get("supplier_g_per_kwh").asDouble()).isEqualTo(310.0);
    assertThat(mk.get("g_per_kwh").asDouble()).isEqualTo(155.0); // 310 × (1 − 0.5)
    assertThat(mk.get("factor_source").asText()).isEqualTo("supplier disclosure");
    assertThat(mk.get("renewable_source").asText()).isEqualTo("PPA");
  }
}
