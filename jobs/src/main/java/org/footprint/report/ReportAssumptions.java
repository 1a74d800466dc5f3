package org.footprint.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.footprint.conf.ConfException;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;

/**
 * The constants a report's numbers rest on, as the conf of the run gave them: per cluster its PUE (and where the
 * figure comes from), carbon zones and time zone; the annual fallback intensity per zone; the power model's
 * defaults; the GPU profiles. The report prints them on every page and on its methodology page. A plain value:
 * the caller builds it from the conf ({@link #of}), the report only renders it.
 *
 * @param clusters the configured clusters, in conf order
 * @param fallbackGPerKwh annual intensity per carbon zone, {@code "*"} for every other zone
 * @param fallbackSource where the fallback values come from
 * @param signal lifecycle or direct emissions (Electricity Maps columns)
 * @param intensityInputs the hourly intensity inputs read (format and path as configured)
 * @param power the power model's defaults
 * @param profiles GPU power profiles by model
 */
public record ReportAssumptions(List<Cluster> clusters, Map<String, Double> fallbackGPerKwh, String fallbackSource,
    String signal, List<String> intensityInputs, Power power, Map<String, Gpu> profiles) {

  /** One cluster's constants. {@code zones} are the carbon zones its jobs can be priced in, with the rule. */
  public record Cluster(String name, String timeZone, String region, Double pue, String pueSource,
      String energyScope, String defaultGpuModel, Double cpuWattsPerCore, Map<String, Partition> partitions,
      Map<String, String> zones) {}

  /** A partition's GPU model and CPU W/core when the conf names them (null: the cluster's). */
  public record Partition(String gpuModel, Double cpuWattsPerCore) {}

  /** The power model's defaults (conf {@code power.*}). */
  public record Power(double gpuUtilDefault, double gpuUtilLow, double gpuUtilHigh, double gpuUtilMeasuredBand,
      double cpuUsageDefault, double cpuWattsPerCore, double memoryWattsPerGb, double measuredBand,
      String defaultGpuModel) {}

  /** A GPU profile: board power limit and idle draw in W, and where the figures come from. */
  public record Gpu(double tdpW, double idleW, String source) {}

  /** A report without its run's conf (tables rendered on their own): the pages say the constants are unknown. */
  public static final ReportAssumptions UNKNOWN = new ReportAssumptions(List.of(), Map.of(), null, null, List.of(),
      null, Map.of());

  public ReportAssumptions {
    clusters = List.copyOf(clusters);
    fallbackGPerKwh = new LinkedHashMap<>(fallbackGPerKwh);
    intensityInputs = List.copyOf(intensityInputs);
    profiles = new LinkedHashMap<>(profiles);
  }

  boolean known() {
    return power != null;
  }

  /** The cluster named so, or null. */
  Cluster cluster(String name) {
    return clusters.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  /** The annual fallback of a zone: its own value, else the {@code "*"} default, else null. */
  Double fallback(String zone) {
    Double v = zone == null ? null : fallbackGPerKwh.get(zone);
    return v != null ? v : fallbackGPerKwh.get("*");
  }

  /**
   * The constants of a run's conf.
   *
   * @param intensitySources the run's intensity inputs as "format: path" (conf or command line)
   */
  public static ReportAssumptions of(FootprintConf conf, List<String> intensitySources) {
    List<Cluster> clusters = new ArrayList<>();
    conf.clusters.forEach((name, c) -> {
      Map<String, Partition> parts = new LinkedHashMap<>();
      c.partitions.forEach((p, pc) -> parts.put(p, pc == null ? new Partition(null, null)
          : new Partition(pc.gpuModel, pc.cpuWattsPerCore)));
      Map<String, String> zones = new LinkedHashMap<>();
      zones.put(c.region, "cluster region");
      c.nodeRegions.forEach(nr -> zones.putIfAbsent(nr.region, "nodes matching " + nr.pattern));
      if (c.kubernetes != null) {
        c.kubernetes.regionZones.forEach((cloud, zone) -> zones.putIfAbsent(zone, "nodes in " + cloud));
        c.kubernetes.nodeDefaults.forEach(d -> {
          if (d.region != null) {
            String zone = c.kubernetes.regionZones.getOrDefault(d.region, d.region);
            zones.putIfAbsent(zone, "nodes matching " + d.pattern);
          }
        });
      }
      clusters.add(new Cluster(name, c.timeZone, c.region, c.pue, c.pueSource, c.energyScope, c.defaultGpuModel,
          c.cpuWattsPerCore, parts, zones));
    });
    Set<String> intensity = new LinkedHashSet<>(intensitySources == null ? List.of() : intensitySources);
    FootprintConf.PowerConf p = conf.power;
    Power power = new Power(p.gpuUtilDefault, p.gpuUtilLow, p.gpuUtilHigh, p.gpuUtilMeasuredBand, p.cpuUsageDefault,
        p.cpuWattsPerCore, p.memoryWattsPerGb, p.measuredBand, p.defaultGpuModel);
    Map<String, Gpu> profiles = new LinkedHashMap<>();
    if (conf.gpuProfiles != null) {
      try {
        GpuProfiles.load(conf).byModel()
            .forEach((m, pr) -> profiles.put(m, new Gpu(pr.tdpW(), pr.idleW(), pr.source())));
      } catch (ConfException e) {
        // the run read them a moment ago; a report without the profile table beats no report
      }
    }
    return new ReportAssumptions(clusters, conf.carbon.fallbackGPerKwh, conf.carbon.fallbackSource,
        conf.carbon.signal, new ArrayList<>(intensity), power, profiles);
  }
}
