package org.footprint.conf;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code clusters.<name>.embodied}: embodied (manufacturing, scope 3) emissions of the hardware, charged to jobs per
 * hour of use. A block gives factors directly (kg CO2e per GPU-hour, node-hour, core-hour) or the amortisation
 * inputs they are derived from (kg per GPU board or per server, lifetime, expected utilisation); the factors of a
 * block add up. {@code partitions} and {@code gpu_models} hold override blocks: the most specific block that exists
 * (GPU model, then partition, then the cluster's own) is used as a whole (docs/method.md, "Embodied emissions").
 */
public class EmbodiedConf implements Serializable {
  public static final double HOURS_PER_YEAR = 8760;

  /** kg CO2e per GPU-hour (whole-board equivalent: a MIG 1/7 slice bears 1/7). */
  public Double kgPerGpuHour;
  /** kg CO2e per node-hour (host: CPUs, memory, board, chassis; or the whole server). */
  public Double kgPerNodeHour;
  /** kg CO2e per core-hour (CPU partitions). */
  public Double kgPerCoreHour;
  /** amortisation instead of kg_per_gpu_hour: embodied kg CO2e of one GPU board. */
  public Double kgPerGpuBoard;
  /** amortisation instead of kg_per_node_hour: embodied kg CO2e of one server (node). */
  public Double kgPerServer;
  /** amortisation: service life of the hardware, years. */
  public Double lifetimeYears;
  /** amortisation: expected share of the lifetime the hardware is allocated to jobs, 0-1. */
  public Double utilisation = 1.0;
  /** GPUs per node: a job holding part of a node bears that share of the node-hour factor. */
  public Integer gpusPerNode;
  /** cores per node: the same for jobs without GPUs. */
  public Integer coresPerNode;
  /** relative band: low = (1 - band) x, high = (1 + band) x. LCAs of IT hardware disagree by tens of per cent. */
  public double band = 0.5;
  /** where the factor or the amortisation inputs come from (required when the block has a factor). */
  public String source;
  /** per-partition override blocks (cluster block only). */
  public Map<String, EmbodiedConf> partitions = new LinkedHashMap<>();
  /** per-GPU-model override blocks (cluster block only; model names as in gpu-profiles.csv). */
  public Map<String, EmbodiedConf> gpuModels = new LinkedHashMap<>();

  /** kg per GPU-hour: given, or derived from kg_per_gpu_board; null when neither. */
  public Double gpuHourFactor() {
    return kgPerGpuHour != null ? kgPerGpuHour : amortised(kgPerGpuBoard);
  }

  /** kg per node-hour: given, or derived from kg_per_server; null when neither. */
  public Double nodeHourFactor() {
    return kgPerNodeHour != null ? kgPerNodeHour : amortised(kgPerServer);
  }

  public Double coreHourFactor() {
    return kgPerCoreHour;
  }

  /** factor = kg / (lifetime_years × 8760 h × utilisation). */
  public Double amortised(Double kg) {
    if (kg == null || lifetimeYears == null || utilisation == null) {
      return null;
    }
    return kg / (lifetimeYears * HOURS_PER_YEAR * utilisation);
  }

  /** amortised when any factor of the block is derived from amortisation inputs, else factor; none without one. */
  public String method() {
    boolean derived = (kgPerGpuHour == null && kgPerGpuBoard != null) || (kgPerNodeHour == null && kgPerServer != null);
    if (derived) {
      return "amortised";
    }
    return gpuHourFactor() != null || nodeHourFactor() != null || coreHourFactor() != null ? "factor" : "none";
  }
}
