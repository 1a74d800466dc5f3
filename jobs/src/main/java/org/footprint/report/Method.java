package org.footprint.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.footprint.report.Views.AssumedCluster;
import org.footprint.report.Views.Assumptions;
import org.footprint.report.Views.Chrome;
import org.footprint.report.Views.Constant;
import org.footprint.report.Views.GpuRow;
import org.footprint.report.Views.MethodCluster;
import org.footprint.report.Views.MethodologyPage;
import org.footprint.report.Views.ZoneRow;

/**
 * What the numbers rest on: the assumptions box of every page (PUE, zones and intensity sources, how much energy
 * was measured and how much priced with the fallback intensity, the GPU utilisation assumed, what is left out)
 * and the methodology page (formulas and every constant per cluster).
 */
final class Method {
  /** Above this share of fallback-priced energy a page warns at its top. */
  static final double FALLBACK_WARNING = 0.10;
  static final String EXCLUDED = "Not included: embodied emissions of the hardware (manufacturing and transport,"
      + " scope 3), idle capacity (powered nodes and GPUs no job was allocated), networking and storage systems,"
      + " and facility overhead beyond the PUE. Only allocations the schedulers recorded are counted.";

  private Method() {}

  /**
   * The assumptions box of a page.
   *
   * @param scope how the page's numbers were obtained
   * @param clusters the clusters the page's jobs ran on; null for every cluster
   */
  static Assumptions box(Pages pages, Scope scope, Collection<String> clusters) {
    ReportAssumptions a = pages.assumptions;
    List<AssumedCluster> rows = new ArrayList<>();
    Map<String, Map<String, Scope>> zones = zoneScopes(pages.data.clusterScope());
    Set<String> names = new LinkedHashSet<>();
    a.clusters().forEach(c -> names.add(c.name()));
    names.addAll(zones.keySet());
    for (String name : names) {
      if (clusters != null && !clusters.contains(name)) {
        continue;
      }
      ReportAssumptions.Cluster c = a.cluster(name);
      Set<String> zoneNames = new LinkedHashSet<>();
      if (c != null) {
        zoneNames.addAll(c.zones().keySet());
      }
      zoneNames.addAll(zones.getOrDefault(name, Map.of()).keySet());
      List<String> zoneText = new ArrayList<>();
      for (String z : zoneNames) {
        Double f = a.fallback(z);
        zoneText.add(z + (f == null ? "" : " (fallback " + Fmt.plain(f) + " g/kWh)"));
      }
      rows.add(new AssumedCluster(Fmt.clip(name), c == null || c.pue() == null ? "as recorded per job" : Fmt.pue(c.pue()),
          c == null || c.pueSource() == null ? (c == null ? null : "source not given in conf") : c.pueSource(),
          String.join("; ", zoneText), c == null ? Fmt.NONE : c.timeZone()));
    }

    String energyMethods = scope.energy() > 0
        ? "Energy: " + Fmt.pct(scope.share(scope.measured())) + " measured (scheduler energy counters), "
            + Fmt.pct(scope.share(scope.sampled())) + " sampled (GPU power samples), "
            + Fmt.pct(scope.share(scope.modelled())) + " modelled (power model)."
        : "Energy: no jobs.";
    String intensity = scope.energy() > 0
        ? "Carbon intensity: " + Fmt.pct(scope.share(scope.hourly())) + " of the energy priced with the grid\u2019s"
            + " hourly values" + (scope.forecast() > 1e-9 ? " (" + Fmt.pct(scope.share(scope.forecast()))
            + " forecast)" : "") + ", " + Fmt.pct(scope.fallbackShare()) + " with the zone\u2019s annual average"
            + " (fallback)."
        : "Carbon intensity: no jobs.";
    String sources = null;
    if (a.known()) {
      sources = "Hourly intensity read from " + (a.intensityInputs().isEmpty() ? "no file (every hour uses the"
          + " fallback)" : String.join(", ", a.intensityInputs())) + "; annual fallback: "
          + Objects.toString(a.fallbackSource(), "source not given in conf") + " (" + a.signal() + " emissions).";
    }
    String gpuUtil = null;
    if (a.known()) {
      ReportAssumptions.Power p = a.power();
      gpuUtil = "GPU utilisation where the job did not report it: " + Fmt.pct(p.gpuUtilDefault()) + " (band "
          + Fmt.pct(p.gpuUtilLow()) + " \u2013 " + Fmt.pct(p.gpuUtilHigh()) + ")"
          + (scope.gpuHours() > 0 ? ", used for " + Fmt.pct(scope.gpuHoursDefaultUtil() / scope.gpuHours())
              + " of the GPU-hours." : ".");
    }
    Double fallback = scope.fallbackShare();
    String warning = null;
    if (fallback != null && fallback > FALLBACK_WARNING) {
      List<String> worst = worstZones(zones, clusters);
      warning = Fmt.pct(fallback) + " of this energy was priced with an annual-average carbon intensity (fallback),"
          + " not the grid\u2019s values for the hours the jobs ran: that part of the CO2e is an estimate."
          + (worst.isEmpty() ? "" : " Mostly without hourly data: " + String.join(", ", worst) + ".")
          + " Add hourly intensity files for these zones (see the methodology page).";
    }
    return new Assumptions(warning, a.known(), rows, energyMethods, intensity, sources, gpuUtil, EXCLUDED);
  }

  /** Per cluster and zone, the scope of the jobs priced in it. */
  static Map<String, Map<String, Scope>> zoneScopes(List<Row> clusterScope) {
    Map<String, Map<String, Scope>> out = new TreeMap<>();
    for (Row r : clusterScope) {
      out.computeIfAbsent(String.valueOf(Pages.s(r, "cluster")), k -> new TreeMap<>())
          .merge(String.valueOf(Pages.s(r, "region")), Scope.of(r), Scope::plus);
    }
    return out;
  }

  /** Zones of those clusters with more than half their energy priced with the fallback, most such energy first. */
  private static List<String> worstZones(Map<String, Map<String, Scope>> zones, Collection<String> clusters) {
    Map<String, Scope> byZone = new TreeMap<>();
    zones.forEach((cluster, z) -> {
      if (clusters == null || clusters.contains(cluster)) {
        z.forEach((zone, s) -> byZone.merge(zone, s, Scope::plus));
      }
    });
    return byZone.entrySet().stream()
        .filter(e -> e.getValue().fallbackShare() != null && e.getValue().fallbackShare() > 0.5)
        .sorted(Comparator.comparingDouble((Map.Entry<String, Scope> e) -> -e.getValue().fallback()))
        .limit(5).map(e -> e.getKey() + " (" + Fmt.pct(e.getValue().fallbackShare()) + " fallback)").toList();
  }

  /** The methodology page. */
  static MethodologyPage page(Pages pages) {
    ReportAssumptions a = pages.assumptions;
    Chrome chrome = new Chrome("Methodology \u2014 " + pages.opts.title(), pages.opts.title(), "Methodology",
        "How the numbers are computed", false, Pages.period(pages.data.byDay()), pages.opts.generatedAt(),
        Pages.jobsLine(pages.all(), null), pages.opts.pseudonymiseUsers(), pages.machine);
    Map<String, Map<String, Scope>> zones = zoneScopes(pages.data.clusterScope());
    Map<String, Map<String, Double>> gpuHours = new TreeMap<>();
    for (Row r : pages.data.clusterScope()) {
      if (Pages.s(r, "gpu_model") != null && Pages.d(r, "gpu_hours") > 0) {
        gpuHours.computeIfAbsent(Pages.s(r, "cluster"), k -> new TreeMap<>())
            .merge(Pages.s(r, "gpu_model"), Pages.d(r, "gpu_hours"), Double::sum);
      }
    }
    Set<String> names = new LinkedHashSet<>();
    a.clusters().forEach(c -> names.add(c.name()));
    names.addAll(zones.keySet());
    List<MethodCluster> clusters = new ArrayList<>();
    Map<String, Double> allGpuHours = new TreeMap<>();
    for (String name : names) {
      ReportAssumptions.Cluster c = a.cluster(name);
      Map<String, String> rules = new LinkedHashMap<>();
      if (c != null) {
        rules.putAll(c.zones());
      }
      zones.getOrDefault(name, Map.of()).keySet().forEach(z -> rules.putIfAbsent(z, "seen in the jobs"));
      List<ZoneRow> zoneRows = new ArrayList<>();
      rules.forEach((z, rule) -> {
        Scope s = zones.getOrDefault(name, Map.of()).get(z);
        Double f = a.fallback(z);
        zoneRows.add(new ZoneRow(z, rule, f == null ? Fmt.NONE : Fmt.plain(f),
            s == null ? "0" : Fmt.qty(s.energy()), s == null ? Fmt.NONE : Fmt.pct(s.share(s.hourly()))));
      });
      List<GpuRow> gpus = new ArrayList<>();
      gpuHours.getOrDefault(name, Map.of()).forEach((m, h) -> {
        gpus.add(gpuRow(a, m, h));
        allGpuHours.merge(m, h, Double::sum);
      });
      String partitions = c == null ? Fmt.NONE : partitions(c);
      String cpuW = c == null ? Fmt.NONE : c.cpuWattsPerCore() != null ? Fmt.plain(c.cpuWattsPerCore())
          : a.known() ? Fmt.plain(a.power().cpuWattsPerCore()) + " (power default)" : Fmt.NONE;
      clusters.add(new MethodCluster(Fmt.clip(name), c == null ? Fmt.NONE : c.timeZone(),
          c == null || c.pue() == null ? Fmt.NONE : Fmt.pue(c.pue()),
          c == null || c.pueSource() == null ? "not given in conf" : c.pueSource(),
          c == null ? Fmt.NONE : energyScope(c.energyScope()), cpuW,
          c == null || c.defaultGpuModel() == null ? (a.known() ? a.power().defaultGpuModel() + " (power default)"
              : Fmt.NONE) : c.defaultGpuModel(), partitions, zoneRows, gpus));
    }
    List<Constant> constants = new ArrayList<>();
    if (a.known()) {
      ReportAssumptions.Power p = a.power();
      constants.add(new Constant("power.gpu_util_default", Fmt.plain(p.gpuUtilDefault()),
          "GPU utilisation u when the job reports none (gres/gpuutil, power samples)"));
      constants.add(new Constant("power.gpu_util_low / _high", Fmt.plain(p.gpuUtilLow()) + " / "
          + Fmt.plain(p.gpuUtilHigh()), "the band of u when it is not reported"));
      constants.add(new Constant("power.gpu_util_measured_band", "\u00b1" + Fmt.plain(p.gpuUtilMeasuredBand()),
          "the band around a reported u"));
      constants.add(new Constant("power.cpu_watts_per_core", Fmt.plain(p.cpuWattsPerCore()) + " W",
          "per allocated core at full use, unless the cluster or partition sets its own"));
      constants.add(new Constant("power.cpu_usage_default", Fmt.plain(p.cpuUsageDefault()),
          "CPU usage when the export has no TotalCPU"));
      constants.add(new Constant("power.memory_watts_per_gb", Fmt.plain(p.memoryWattsPerGb()) + " W",
          "per GB of allocated memory"));
      constants.add(new Constant("power.measured_band", "\u00b1" + Fmt.pct(p.measuredBand()),
          "the band of measured and sampled energy (meter accuracy)"));
      constants.add(new Constant("power.default_gpu_model", p.defaultGpuModel(),
          "GPU board when neither the job, its partition nor its cluster names one"));
    }
    List<ZoneRow> fallbacks = new ArrayList<>();
    a.fallbackGPerKwh().forEach((z, v) -> fallbacks.add(new ZoneRow(z, "*".equals(z) ? "every other zone" : null,
        Fmt.plain(v), null, null)));
    List<GpuRow> gpus = new ArrayList<>();
    allGpuHours.forEach((m, h) -> gpus.add(gpuRow(a, m, h)));
    return new MethodologyPage(chrome, box(pages, Scope.sum(pages.data.jobsPerProject()), null), a.known(), clusters,
        constants, fallbacks, a.fallbackSource(), a.signal(), a.intensityInputs(), gpus);
  }

  private static GpuRow gpuRow(ReportAssumptions a, String model, double gpuHours) {
    ReportAssumptions.Gpu g = a.profiles().get(model);
    return new GpuRow(Fmt.clip(model), g == null ? Fmt.NONE : Fmt.plain(g.tdpW()),
        g == null ? Fmt.NONE : Fmt.plain(g.idleW()), Fmt.qty(gpuHours), g == null ? "not in gpu_profiles" : g.source());
  }

  private static String partitions(ReportAssumptions.Cluster c) {
    List<String> out = new ArrayList<>();
    c.partitions().forEach((name, p) -> {
      List<String> what = new ArrayList<>();
      if (p.gpuModel() != null) {
        what.add(p.gpuModel());
      }
      if (p.cpuWattsPerCore() != null) {
        what.add(Fmt.plain(p.cpuWattsPerCore()) + " W/core");
      }
      out.add(name + (what.isEmpty() ? "" : " \u2192 " + String.join(", ", what)));
    });
    return out.isEmpty() ? Fmt.NONE : String.join("; ", out);
  }

  private static String energyScope(String scope) {
    return switch (Objects.toString(scope, "none")) {
      case "node" -> "node (ConsumedEnergyRaw: the whole node, GPUs included; used for jobs alone on their nodes)";
      case "cpu" -> "cpu (ConsumedEnergyRaw: CPU and DRAM; the modelled GPU energy is added)";
      default -> "none (no energy counters: sampled or modelled)";
    };
  }
}
