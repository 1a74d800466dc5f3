package org.footprint.conf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code DIR/run_conf.yaml}: the configuration one run computed with, as resolved — per cluster its PUE, region,
 * energy scope, power constants, market-based factors and embodied factors (with the arithmetic when derived from
 * amortisation inputs), the site-wide power constants, the GPU profiles, prices, the intensity inputs and signals —
 * each constant next to its {@code *_source}, so a published table can be traced to the numbers behind it. Built
 * from the resolved {@link Site} and the conf's sections the site does not carry (time zones, market, embodied,
 * marginal, counterfactuals); rendered once per run, on the driver.
 */
public final class RunConf {
  static final String NOT_GIVEN = "not given in the conf";
  /** Where the built-in default of each power constant comes from (docs/method.md, "Constants of the model"). */
  private static final Map<String, String> DEFAULT_SOURCES = Map.of(
      "default_gpu_model", "built-in default: Green Algorithms' generic GPU",
      "cpu_watts_per_core", "built-in default: Green Algorithms' generic CPU core (Lannelongue et al. 2021)",
      "memory_watts_per_gb", "built-in default: Green Algorithms and GA4HPC, on allocated memory",
      "cpu_usage_default", "built-in default: all allocated cores busy, as GA4HPC assumes",
      "gpu_util_default", "built-in default: GPUs at TDP, as Green Algorithms assumes",
      "gpu_util_low", "built-in default: band when utilisation is unknown (a choice, not a published figure)",
      "gpu_util_high", "built-in default: band when utilisation is unknown (a choice, not a published figure)",
      "gpu_util_measured_band", "built-in default: band around a reported utilisation",
      "measured_band", "built-in default: meter accuracy (IPMI, RAPL, NVML: a few %)");
  private static final String HEADER = "# footprint: the configuration this run computed with, as resolved, each"
      + " constant with its source (docs/outputs.md)\n";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private RunConf() {}

  /**
   * @param intensityInputs the run's intensity inputs, "format: path"
   * @return the YAML text of run_conf.yaml
   */
  public static String yaml(FootprintConf conf, Site site, List<String> intensityInputs) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> clusters = new LinkedHashMap<>();
    site.clusters().forEach((name, c) -> clusters.put(name, cluster(c, conf.clusters.get(name), site.power())));
    out.put("clusters", clusters);
    out.put("power", power(site.power()));
    out.put("gpu_profiles", gpuProfiles(conf, site));
    out.put("carbon", carbon(conf, site, intensityInputs));
    out.put("prices", prices(conf, site));
    Map<String, Object> sweeps = new LinkedHashMap<>();
    sweeps.put("array_kind", site.sweeps().arrayKind());
    List<Object> rules = new ArrayList<>();
    site.sweeps().rules().forEach(r -> rules.add(entries("name", r.name(), "field", r.field(), "pattern",
        r.pattern(), "kind", r.kind())));
    sweeps.put("rules", rules);
    out.put("sweeps", sweeps);
    out.put("output", entries("day_zone", site.dayZone()));
    try {
      return HEADER + YAML.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render run_conf.yaml", e);
    }
  }

  private static Map<String, Object> cluster(Site.Cluster c, FootprintConf.ClusterConf cc, Site.Power power) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time_zone", cc == null ? null : cc.timeZone);
    m.put("region", c.region());
    m.put("pue", c.pue());
    m.put("pue_source", source(c.pueSource()));
    m.put("energy_scope", c.energyScope());
    m.put("max_node_power_w", c.maxNodePowerW());
    m.put("default_gpu_model", c.defaultGpuModel() != null ? c.defaultGpuModel() : power.defaultGpuModel());
    m.put("default_gpu_model_source", c.defaultGpuModel() != null ? "clusters." + c.name() + ".default_gpu_model"
        : "power.default_gpu_model");
    m.put("cpu_watts_per_core", c.cpuWattsPerCore() != null ? c.cpuWattsPerCore() : power.cpuWattsPerCore());
    m.put("cpu_watts_per_core_source", c.cpuWattsPerCore() != null
        ? "clusters." + c.name() + ".cpu_watts_per_core" : "power.cpu_watts_per_core");
    if (!c.partitions().isEmpty()) {
      Map<String, Object> parts = new LinkedHashMap<>();
      c.partitions().forEach((p, pc) -> parts.put(p, entries("gpu_model", pc.gpuModel(), "cpu_watts_per_core",
          pc.cpuWattsPerCore())));
      m.put("partitions", parts);
    }
    if (!c.nodeRegions().isEmpty()) {
      List<Object> nr = new ArrayList<>();
      c.nodeRegions().forEach(r -> nr.add(entries("pattern", r.pattern(), "region", r.region())));
      m.put("node_regions", nr);
    }
    if (cc != null) {
      m.put("market", market(cc.market));
      if (cc.embodied != null) {
        m.put("embodied", embodied(cc.embodied));
      }
    }
    return dropNulls(m);
  }

  /** The factor used (after the renewable share) and what it is made of; location-based without a market block. */
  private static Map<String, Object> market(MarketConf mk) {
    if (mk == null) {
      return entries("method", "location", "method_source", "no market block: market-based CO2e = location-based");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", mk.method());
    m.put(mk.method() + "_g_per_kwh", mk.factor());
    m.put("factor_source", source(mk.factorSource));
    m.put("renewable_share", mk.renewableShare);
    m.put("renewable_source", mk.renewableShare > 0 ? source(mk.renewableSource) : null);
    m.put("g_per_kwh", (1.0 - mk.renewableShare) * mk.factor());
    m.put("g_per_kwh_derivation", mk.method() + "_g_per_kwh " + num(mk.factor()) + " × (1 − renewable_share "
        + num(mk.renewableShare) + ")");
    return dropNulls(m);
  }

  /** One embodied block: its factors (derived ones with their arithmetic), band, shares, source, overrides. */
  private static Map<String, Object> embodied(EmbodiedConf e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", e.method());
    m.put("kg_per_gpu_hour", e.gpuHourFactor());
    if (e.kgPerGpuHour == null && e.gpuHourFactor() != null) {
      m.put("kg_per_gpu_hour_derivation", derivation("kg_per_gpu_board", e.kgPerGpuBoard, e));
    }
    m.put("kg_per_node_hour", e.nodeHourFactor());
    if (e.kgPerNodeHour == null && e.nodeHourFactor() != null) {
      m.put("kg_per_node_hour_derivation", derivation("kg_per_server", e.kgPerServer, e));
    }
    m.put("kg_per_core_hour", e.coreHourFactor());
    m.put("gpus_per_node", e.gpusPerNode);
    m.put("cores_per_node", e.coresPerNode);
    m.put("band", e.band);
    m.put("source", source(e.source));
    if (!e.partitions.isEmpty()) {
      Map<String, Object> p = new LinkedHashMap<>();
      e.partitions.forEach((k, v) -> p.put(k, embodied(v)));
      m.put("partitions", p);
    }
    if (!e.gpuModels.isEmpty()) {
      Map<String, Object> g = new LinkedHashMap<>();
      e.gpuModels.forEach((k, v) -> g.put(k, embodied(v)));
      m.put("gpu_models", g);
    }
    return dropNulls(m);
  }

  private static String derivation(String key, Double kg, EmbodiedConf e) {
    return key + " " + num(kg) + " / (lifetime_years " + num(e.lifetimeYears) + " × "
        + num(EmbodiedConf.HOURS_PER_YEAR) + " h × utilisation " + num(e.utilisation) + ")";
  }

  private static Map<String, Object> power(Site.Power p) {
    FootprintConf.PowerConf defaults = new FootprintConf.PowerConf();
    Map<String, Object> m = new LinkedHashMap<>();
    constant(m, "default_gpu_model", p.defaultGpuModel(), defaults.defaultGpuModel);
    constant(m, "cpu_watts_per_core", p.cpuWattsPerCore(), defaults.cpuWattsPerCore);
    constant(m, "memory_watts_per_gb", p.memoryWattsPerGb(), defaults.memoryWattsPerGb);
    constant(m, "cpu_usage_default", p.cpuUsageDefault(), defaults.cpuUsageDefault);
    constant(m, "gpu_util_default", p.gpuUtilDefault(), defaults.gpuUtilDefault);
    constant(m, "gpu_util_low", p.gpuUtilLow(), defaults.gpuUtilLow);
    constant(m, "gpu_util_high", p.gpuUtilHigh(), defaults.gpuUtilHigh);
    constant(m, "gpu_util_measured_band", p.gpuUtilMeasuredBand(), defaults.gpuUtilMeasuredBand);
    constant(m, "measured_band", p.measuredBand(), defaults.measuredBand);
    m.put("sample_max_gap_s", p.sampleMaxGapS());
    m.put("sample_downsample_s", p.sampleDownsampleS());
    return m;
  }

  /** A power constant and its source: the built-in default's, or the conf's key when the conf sets another value. */
  private static void constant(Map<String, Object> m, String key, Object value, Object builtIn) {
    m.put(key, value);
    m.put(key + "_source", Objects.equals(value, builtIn) ? DEFAULT_SOURCES.get(key)
        : "power." + key + " in the conf (" + NOT_GIVEN + ")");
  }

  private static Map<String, Object> gpuProfiles(FootprintConf conf, Site site) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", conf.gpuProfiles);
    Map<String, Object> boards = new LinkedHashMap<>();
    site.gpus().forEach((model, p) -> boards.put(model, entries("tdp_w", p.tdpW(), "idle_w", p.idleW(),
        "mig_slices", p.migSlices(), "source", source(p.source()))));
    m.put("models", boards);
    return m;
  }

  private static Map<String, Object> carbon(FootprintConf conf, Site site, List<String> intensityInputs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("signal", conf.carbon.signal);
    m.put("intensity_inputs", List.copyOf(intensityInputs));
    m.put("fallback_g_per_kwh", new LinkedHashMap<>(site.annualIntensity()));
    m.put("fallback_source", source(conf.carbon.fallbackSource));
    MarginalConf mg = conf.carbon.marginal;
    m.put("marginal", mg == null ? "none" : entries("path", mg.path, "source", source(mg.source)));
    m.put("counterfactuals", conf.carbon.counterfactuals);
    return m;
  }

  private static Map<String, Object> prices(FootprintConf conf, Site site) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", source(conf.prices.source));
    m.put("default", entries("low_usd", site.defaultPrice().lowUsd(), "high_usd", site.defaultPrice().highUsd()));
    Map<String, Object> models = new LinkedHashMap<>();
    site.prices().forEach((model, p) -> models.put(model, entries("low_usd", p.lowUsd(), "high_usd", p.highUsd())));
    m.put("models", models);
    return m;
  }

  private static String source(String s) {
    return s == null || s.isBlank() ? NOT_GIVEN : s;
  }

  /** 0.8, 5, 3500: no trailing ".0". */
  private static String num(Double d) {
    if (d == null) {
      return "null";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
  }

  /** An ordered map of key, value pairs, null values left out. */
  private static Map<String, Object> entries(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put((String) kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  private static Map<String, Object> dropNulls(Map<String, Object> m) {
    m.values().removeIf(Objects::isNull);
    return m;
  }
}
