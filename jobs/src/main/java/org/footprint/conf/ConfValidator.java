package org.footprint.conf;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.footprint.conf.FootprintConf.ClusterConf;
import org.footprint.io.HadoopFs;

/** Checks a bound conf; the first problem found stops the run with a message naming its key. */
final class ConfValidator {
  private final FootprintConf conf;

  ConfValidator(FootprintConf conf) {
    this.conf = conf;
  }

  void validate() {
    if (conf.clusters.isEmpty()) {
      throw new ConfException("clusters: at least one cluster is needed");
    }
    if (conf.gpuProfiles == null || conf.gpuProfiles.isBlank()) {
      throw new ConfException("gpu_profiles: path to the GPU profiles CSV is missing");
    }
    requireFile("gpu_profiles", Paths.resolve(conf, conf.gpuProfiles));
    gpuTables();
    GpuProfiles profiles = GpuProfiles.load(conf);

    for (Map.Entry<String, ClusterConf> e : conf.clusters.entrySet()) {
      cluster("clusters." + e.getKey(), e.getValue(), profiles);
    }
    for (int i = 0; i < conf.inputs.size(); i++) {
      InputSpec.ofConf(conf, i); // type, format, cluster, options, and that the path matches files
    }
    power();
    conf.method.validate("method");
    if (!profiles.has(conf.power.defaultGpuModel)) {
      throw new ConfException("power.default_gpu_model: '" + conf.power.defaultGpuModel + "' is not in gpu_profiles");
    }
    carbon();
    idle();
    sweeps();
    prices(profiles);
    zone("output.day_zone", conf.output.dayZone);
    if (!(conf.output.lockStaleHours > 0)) {
      throw new ConfException("output.lock_stale_hours: must be > 0, got " + conf.output.lockStaleHours);
    }
    quality();
    if (conf.report.pseudonymiseUsers && (conf.report.salt == null || conf.report.salt.isBlank())) {
      throw new ConfException("report.salt: pseudonymise_users needs a secret salt (any long random string)");
    }
  }

  private void cluster(String key, ClusterConf c, GpuProfiles profiles) {
    if (c == null) {
      throw new ConfException(key + ": empty cluster entry");
    }
    zone(key + ".time_zone", c.timeZone);
    if (c.region == null || c.region.isBlank()) {
      throw new ConfException(key + ".region: carbon zone id is missing");
    }
    if (c.pue == null) {
      throw new ConfException(key + ".pue: missing (facility energy / IT energy, e.g. 1.2)");
    }
    if (!(c.pue >= 1.0) || c.pue > 5.0) {
      throw new ConfException(key + ".pue: " + c.pue + " is not a PUE (must be between 1.0 and 5.0)");
    }
    if (!Set.of("node", "cpu", "none").contains(c.energyScope)) {
      throw new ConfException(key + ".energy_scope: '" + c.energyScope + "' is not node, cpu or none");
    }
    kubernetes(key + ".kubernetes", c.kubernetes, profiles);
    MarketConf.validate(key + ".market", c.market);
    EmbodiedValidator.validate(key + ".embodied", c.embodied, profiles); // scope 3: conf/EmbodiedConf
    EmbodiedValidator.capacity(key + ".capacity", c.capacity, profiles); // idle capacity: conf/CapacityConf
    if (c.defaultGpuModel != null && !profiles.has(c.defaultGpuModel)) {
      throw new ConfException(key + ".default_gpu_model: '" + c.defaultGpuModel + "' is not in gpu_profiles");
    }
    nonNegative(key + ".cpu_watts_per_core", c.cpuWattsPerCore);
    for (Map.Entry<String, FootprintConf.PartitionConf> p : c.partitions.entrySet()) {
      FootprintConf.PartitionConf pc = p.getValue();
      if (pc != null && pc.gpuModel != null && !profiles.has(pc.gpuModel)) {
        throw new ConfException(key + ".partitions." + p.getKey() + ".gpu_model: '" + pc.gpuModel
            + "' is not in gpu_profiles");
      }
      if (pc != null) {
        nonNegative(key + ".partitions." + p.getKey() + ".cpu_watts_per_core", pc.cpuWattsPerCore);
      }
    }
    for (int i = 0; i < c.nodeRegions.size(); i++) {
      FootprintConf.NodeRegion nr = c.nodeRegions.get(i);
      regex(key + ".node_regions." + i + ".pattern", nr.pattern);
      if (nr.region == null || nr.region.isBlank()) {
        throw new ConfException(key + ".node_regions." + i + ".region: missing");
      }
    }
  }

  private void kubernetes(String key, FootprintConf.KubernetesConf k, GpuProfiles profiles) {
    if (k == null) {
      throw new ConfException(key + ": empty entry");
    }
    for (String r : k.userRules) {
      rule(key + ".user_rules", r, k);
    }
    for (String r : k.projectRules) {
      rule(key + ".project_rules", r, k);
    }
    if (k.ownerMap != null) {
      requireFile(key + ".owner_map", Paths.resolve(conf, k.ownerMap));
    }
    for (int i = 0; i < k.sweepLabels.size(); i++) {
      FootprintConf.SweepLabels s = k.sweepLabels.get(i);
      if (s.experiment == null || s.experiment.isBlank()) {
        throw new ConfException(key + ".sweep_labels." + i + ".experiment: missing label key");
      }
      if (!Set.of("hpo", "nas").contains(s.kind)) {
        throw new ConfException(key + ".sweep_labels." + i + ".kind: '" + s.kind + "' is not hpo or nas");
      }
    }
    for (int i = 0; i < k.nodeDefaults.size(); i++) {
      FootprintConf.NodeDefault d = k.nodeDefaults.get(i);
      regex(key + ".node_defaults." + i + ".pattern", d.pattern);
      if (d.gpuModel != null && !profiles.has(d.gpuModel)) {
        throw new ConfException(key + ".node_defaults." + i + ".gpu_model: '" + d.gpuModel + "' is not in gpu_profiles");
      }
      if (d.gpuReplicas != null && d.gpuReplicas < 1) {
        throw new ConfException(key + ".node_defaults." + i + ".gpu_replicas: must be >= 1");
      }
    }
  }

  private static void rule(String key, String rule, FootprintConf.KubernetesConf k) { // owner_map without a file yields nothing
    boolean ok = rule != null && (rule.equals("namespace") || rule.equals("owner_map")
        || (rule.startsWith("label:") && rule.length() > 6) || (rule.startsWith("annotation:") && rule.length() > 11));
    if (!ok) {
      throw new ConfException(key + ": '" + rule + "' is not label:KEY, annotation:KEY, namespace or owner_map");
    }
  }

  private void gpuTables() {
    FootprintConf.GpuTablesConf t = conf.gpuTables;
    if (t == null) {
      throw new ConfException("gpu_tables: empty; leave the key out for none");
    }
    for (int i = 0; i < t.paths.size(); i++) {
      requireFile("gpu_tables.paths." + i, Paths.resolve(conf, t.paths.get(i)));
    }
    if (t.aliases != null && !t.aliases.isBlank()) {
      requireFile("gpu_tables.aliases", Paths.resolve(conf, t.aliases));
    }
    if (!(t.idleShareOfTdp >= 0 && t.idleShareOfTdp <= 1)) {
      throw new ConfException("gpu_tables.idle_share_of_tdp: " + t.idleShareOfTdp + " is not a share between 0 and 1");
    }
  }

  private void power() {
    FootprintConf.PowerConf p = conf.power;
    nonNegative("power.cpu_watts_per_core", p.cpuWattsPerCore);
    nonNegative("power.memory_watts_per_gb", p.memoryWattsPerGb);
    fraction("power.cpu_usage_default", p.cpuUsageDefault);
    fraction("power.gpu_util_default", p.gpuUtilDefault);
    fraction("power.gpu_util_low", p.gpuUtilLow);
    fraction("power.gpu_util_high", p.gpuUtilHigh);
    fraction("power.gpu_util_measured_band", p.gpuUtilMeasuredBand);
    fraction("power.measured_band", p.measuredBand);
    nonNegative("power.sample_max_gap_s", p.sampleMaxGapS);
    nonNegative("power.sample_downsample_s", p.sampleDownsampleS);
    if (p.gpuUtilLow > p.gpuUtilDefault || p.gpuUtilDefault > p.gpuUtilHigh) {
      throw new ConfException("power.gpu_util_low <= power.gpu_util_default <= power.gpu_util_high does not hold ("
          + p.gpuUtilLow + ", " + p.gpuUtilDefault + ", " + p.gpuUtilHigh + ")");
    }
  }

  private void quality() {
    FootprintConf.QualityConf q = conf.quality;
    fraction("quality.max_reject_share", q.maxRejectShare);
    if (q.minRecords < 0) {
      throw new ConfException("quality.min_records: must be a whole number >= 0 (0 turns the limit off)");
    }
    if (q.maxSkippedShare != null) {
      fraction("quality.max_skipped_share", q.maxSkippedShare);
    }
    Map<String, FootprintConf.SourceQuality> sources = Map.of("slurm", q.slurm, "kubernetes", q.kubernetes,
        "power", q.power, "intensity", q.intensity);
    for (Map.Entry<String, FootprintConf.SourceQuality> s : sources.entrySet()) {
      if (s.getValue() == null) {
        throw new ConfException("quality." + s.getKey() + ": empty entry (give max_reject_share, min_records, max_skipped_share or allow_empty, or remove it)");
      }
      if (s.getValue().maxRejectShare != null) {
        fraction("quality." + s.getKey() + ".max_reject_share", s.getValue().maxRejectShare);
      }
      if (s.getValue().maxSkippedShare != null) {
        fraction("quality." + s.getKey() + ".max_skipped_share", s.getValue().maxSkippedShare);
      }
      if (s.getValue().minRecords != null && s.getValue().minRecords < 0) {
        throw new ConfException("quality." + s.getKey() + ".min_records: must be a whole number >= 0");
      }
    }
  }

  private void idle() {
    if (!Set.of("none", "proportional").contains(conf.idle.share)) {
      throw new ConfException("idle.share: '" + conf.idle.share + "' is not none or proportional");
    }
  }

  private void carbon() {
    MarginalConf.validate(conf, conf.carbon.marginal);
    WhatifConf.validate(conf, conf.whatif);
    if (!Set.of("lifecycle", "direct").contains(conf.carbon.signal)) {
      throw new ConfException("carbon.signal: '" + conf.carbon.signal + "' is not lifecycle or direct");
    }
    for (Map.Entry<String, Double> f : conf.carbon.fallbackGPerKwh.entrySet()) {
      if (f.getValue() == null || f.getValue() < 0) {
        throw new ConfException("carbon.fallback_g_per_kwh." + f.getKey() + ": must be a number >= 0");
      }
    }
    if (!conf.carbon.fallbackGPerKwh.containsKey("*")) {
      for (Map.Entry<String, ClusterConf> c : conf.clusters.entrySet()) {
        if (!conf.carbon.fallbackGPerKwh.containsKey(c.getValue().region)) {
          throw new ConfException("carbon.fallback_g_per_kwh: no annual value for region " + c.getValue().region
              + " of cluster " + c.getKey() + " and no \"*\" default");
        }
        for (FootprintConf.NodeRegion nr : c.getValue().nodeRegions) {
          if (!conf.carbon.fallbackGPerKwh.containsKey(nr.region)) {
            throw new ConfException("carbon.fallback_g_per_kwh: no annual value for region " + nr.region
                + " (clusters." + c.getKey() + ".node_regions) and no \"*\" default");
          }
        }
      }
    }
  }

  private void sweeps() {
    if (!Set.of("hpo", "nas", "single").contains(conf.sweeps.arrayKind)) {
      throw new ConfException("sweeps.array_kind: '" + conf.sweeps.arrayKind + "' is not hpo, nas or single");
    }
    for (int i = 0; i < conf.sweeps.rules.size(); i++) {
      FootprintConf.SweepRule r = conf.sweeps.rules.get(i);
      String key = "sweeps.rules." + i;
      if (r.name == null || r.name.isBlank()) {
        throw new ConfException(key + ".name: missing");
      }
      if (!Set.of("comment", "wckey", "name").contains(r.field)) {
        throw new ConfException(key + ".field: '" + r.field + "' is not comment, wckey or name");
      }
      regex(key + ".pattern", r.pattern);
      if (!Set.of("hpo", "nas").contains(r.kind)) {
        throw new ConfException(key + ".kind: '" + r.kind + "' is not hpo or nas");
      }
    }
  }

  private void prices(GpuProfiles profiles) {
    price("prices.default", conf.prices.defaultPrice);
    for (Map.Entry<String, FootprintConf.Price> e : conf.prices.models.entrySet()) {
      if (!profiles.has(e.getKey())) {
        throw new ConfException("prices.models." + e.getKey() + ": not a model in gpu_profiles");
      }
      price("prices.models." + e.getKey(), e.getValue());
    }
  }

  private static void price(String key, FootprintConf.Price p) {
    if (p == null || p.lowUsd < 0 || p.highUsd < p.lowUsd) {
      throw new ConfException(key + ": need 0 <= low_usd <= high_usd");
    }
  }

  private static void zone(String key, String id) {
    if (id == null || id.isBlank()) {
      throw new ConfException(key + ": missing (an IANA time zone such as Europe/Berlin)");
    }
    try {
      ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new ConfException(key + ": '" + id + "' is not an IANA time zone id (e.g. Europe/Berlin, UTC)");
    }
  }

  private static void regex(String key, String pattern) {
    if (pattern == null) {
      throw new ConfException(key + ": missing");
    }
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new ConfException(key + ": not a valid regular expression: " + e.getDescription());
    }
  }

  private static void nonNegative(String key, Double v) {
    if (v != null && !(v >= 0)) {
      throw new ConfException(key + ": must be >= 0, got " + v);
    }
  }

  private static void fraction(String key, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new ConfException(key + ": must be between 0 and 1, got " + v);
    }
  }

  private static void requireFile(String key, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = HadoopFs.of(p);
      if (!fs.exists(p)) {
        throw new ConfException(key + ": file not found: " + path);
      }
    } catch (IOException e) {
      throw new ConfException(key + ": cannot check " + path + ": " + e.getMessage());
    }
  }

}
