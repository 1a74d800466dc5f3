package org.footprint.conf;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code method:} in footprint.yaml: each choice of the method that another tool makes differently, as a named key,
 * so a centre can first reproduce its old tool's numbers and then see what footprint's own choices change. The
 * defaults here are footprint's own (preset {@code footprint}); {@link MethodPresets} fills the keys a conf does not
 * give from the preset it names ({@code method: green-algorithms}). Each key is read in one place:
 * <ul>
 *   <li>gpu_util_source, gpu_power, total_cpu_zero: energy/EnergyModel;</li>
 *   <li>energy_source: energy/EnergyEstimate;</li>
 *   <li>mig_share, memory_units: the Slurm readers (source/slurm Tres and SlurmMemory, via SlurmSource);</li>
 *   <li>pue, g_per_kwh: {@link #resolve}, into the clusters' PUE and the annual intensities;</li>
 *   <li>intensity: the carbon step (pipeline/JobPipeline).</li>
 * </ul>
 */
public class MethodConf implements Serializable {
  public static final String FOOTPRINT = "footprint";

  /** footprint | green-algorithms | strubell: the preset whose values the unset keys take. */
  public String preset = FOOTPRINT;
  /** where the preset's choices come from (set by the preset). */
  public String source;
  /** measured: gres/gpuutil and power-sample utilisation when present | default: always power.gpu_util_default. */
  public String gpuUtilSource = "measured";
  /** fraction: a MIG slice of g compute slices is g/7 of a board | board: each slice counts as a whole GPU. */
  public String migShare = "fraction";
  /** zero: TotalCPU 0 is zero CPU usage | cputime: not recorded, CPUTime (all cores busy) is used instead. */
  public String totalCpuZero = "zero";
  /** 1024: Slurm's K/M/G/T suffixes are powers of 1024 (as Slurm means them) | 1000: powers of 1000 (GA4HPC). */
  public int memoryUnits = 1024;
  /** idle_to_tdp: W = idle + u × (TDP − idle) per board | tdp: W = u × TDP (no idle floor). */
  public String gpuPower = "idle_to_tdp";
  /** best: meter, else power samples, else the model | modelled: the model for every job. */
  public String energySource = "best";
  /** hourly: the zone's hourly intensity, annual fallback where missing | annual: the annual value for every hour. */
  public String intensity = "hourly";
  /** a PUE for every cluster in place of its own; null: each cluster's. */
  public Double pue;
  /** g CO2e/kWh for every job in place of the zone's intensity; null: none. */
  @JsonProperty("g_per_kwh")
  public Double gPerKwh;

  /** What a run records with each number: the preset, and every method key set apart from it (by ConfLoader). */
  @JsonIgnore
  public String described;

  static final Map<String, Set<String>> CHOICES = choices();

  private static Map<String, Set<String>> choices() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("gpu_util_source", Set.of("measured", "default"));
    m.put("mig_share", Set.of("fraction", "board"));
    m.put("total_cpu_zero", Set.of("zero", "cputime"));
    m.put("gpu_power", Set.of("idle_to_tdp", "tdp"));
    m.put("energy_source", Set.of("best", "modelled"));
    m.put("intensity", Set.of("hourly", "annual"));
    return m;
  }

  /** The method keys and their values, snake_case as in the conf (no preset, source or description). */
  Map<String, Object> keys() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gpu_util_source", gpuUtilSource);
    m.put("mig_share", migShare);
    m.put("total_cpu_zero", totalCpuZero);
    m.put("memory_units", memoryUnits);
    m.put("gpu_power", gpuPower);
    m.put("energy_source", energySource);
    m.put("intensity", intensity);
    m.put("pue", pue);
    m.put("g_per_kwh", gPerKwh);
    return m;
  }

  /**
   * Writes the method's fixed PUE and intensity into the conf, so that every reader of a cluster's PUE or a zone's
   * annual intensity (the jobs, by_cluster_day, the report's assumptions) sees them: method.pue becomes each
   * cluster's pue (its pue_source says so), method.g_per_kwh the only annual value ("*"). Idempotent.
   */
  public void resolve(FootprintConf conf) {
    if (pue != null) {
      String why = "method " + preset + ": PUE " + trim(pue) + " for every cluster (method.pue)";
      conf.clusters.values().forEach(c -> {
        c.pue = pue;
        c.pueSource = why;
      });
    }
    if (gPerKwh != null) {
      conf.carbon.fallbackGPerKwh = new LinkedHashMap<>(Map.of("*", gPerKwh));
      conf.carbon.fallbackSource = "method " + preset + ": " + trim(gPerKwh)
          + " g/kWh for every job (method.g_per_kwh)";
    }
  }

  /** The first bad key stops the run, named with its choices. */
  void validate(String key) {
    Map<String, Object> k = keys();
    CHOICES.forEach((name, allowed) -> {
      Object v = k.get(name);
      if (v == null || !allowed.contains(v.toString())) {
        throw new ConfException(key + "." + name + ": '" + v + "' is not one of " + new TreeSet<>(allowed));
      }
    });
    if (memoryUnits != 1024 && memoryUnits != 1000) {
      throw new ConfException(key + ".memory_units: " + memoryUnits + " is not 1024 or 1000");
    }
    if (pue != null && (!(pue >= 1.0) || pue > 5.0)) {
      throw new ConfException(key + ".pue: " + pue + " is not a PUE (must be between 1.0 and 5.0)");
    }
    if (gPerKwh != null && !(gPerKwh >= 0 && gPerKwh < 5000)) {
      throw new ConfException(key + ".g_per_kwh: " + gPerKwh + " is not an intensity in g/kWh (0 to 5000)");
    }
  }

  /**
   * "green-algorithms", or "green-algorithms; gpu_util_source=measured" when keys were set apart from the preset:
   * the text every job and run_summary carry in {@code method}.
   */
  String describe(MethodConf presetValues) {
    List<String> apart = new ArrayList<>();
    Map<String, Object> theirs = presetValues.keys();
    keys().forEach((name, v) -> {
      if (!Objects.equals(v, theirs.get(name))) {
        apart.add(name + "=" + (v == null ? "null" : trim(v)));
      }
    });
    return apart.isEmpty() ? preset : preset + "; " + String.join(", ", apart);
  }

  private static String trim(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return String.valueOf(d.longValue());
    }
    return v.toString();
  }

  /** The run's description (set when the conf was loaded; the preset's name for a conf built in code). */
  public String description() {
    return described != null ? described : preset;
  }

  public boolean utilMeasured() {
    return "measured".equals(gpuUtilSource);
  }

  public boolean migWholeBoards() {
    return "board".equals(migShare);
  }

  /** TotalCPU 0 read as "not recorded": the job's cores count as fully busy (its CPUTime). */
  public boolean zeroCpuIsUnrecorded() {
    return "cputime".equals(totalCpuZero);
  }

  public boolean gpuAtTdp() {
    return "tdp".equals(gpuPower);
  }

  public boolean modelOnly() {
    return "modelled".equals(energySource);
  }

  /** Whether jobs are priced at hourly intensity (false: the annual value, or g_per_kwh, for every hour). */
  public boolean hourlyIntensity() {
    return "hourly".equals(intensity) && gPerKwh == null;
  }
}
