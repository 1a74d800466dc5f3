package org.footprint.conf;

import java.util.Map;

/** Checks {@code clusters.<name>.embodied} (called by {@link ConfValidator}); the first problem stops the run. */
final class EmbodiedValidator {
  private EmbodiedValidator() {}

  static void validate(String key, EmbodiedConf e, GpuProfiles profiles) {
    if (e == null) {
      return;
    }
    block(key, e);
    for (Map.Entry<String, EmbodiedConf> p : e.partitions.entrySet()) {
      nested(key + ".partitions." + p.getKey(), p.getValue());
    }
    for (Map.Entry<String, EmbodiedConf> m : e.gpuModels.entrySet()) {
      if (!profiles.has(m.getKey())) {
        throw new ConfException(key + ".gpu_models." + m.getKey() + ": not a model in gpu_profiles");
      }
      nested(key + ".gpu_models." + m.getKey(), m.getValue());
    }
  }

  /** {@code clusters.<name>.capacity}: whole-cluster pool or partition pools, each with nodes and GPUs per node. */
  static void capacity(String key, CapacityConf cap, GpuProfiles profiles) {
    if (cap == null) {
      return;
    }
    if (cap.partitions.isEmpty()) {
      pool(key, cap, profiles);
      return;
    }
    if (cap.nodes != null || cap.gpusPerNode != null) {
      throw new ConfException(key + ": give nodes and gpus_per_node for the whole cluster or per partition, not both");
    }
    modelAndPower(key, cap, profiles);
    for (Map.Entry<String, CapacityConf> p : cap.partitions.entrySet()) {
      if (p.getValue() == null || !p.getValue().partitions.isEmpty()) {
        throw new ConfException(key + ".partitions." + p.getKey() + ": needs nodes and gpus_per_node (no partitions)");
      }
      pool(key + ".partitions." + p.getKey(), p.getValue(), profiles);
    }
  }

  private static void pool(String key, CapacityConf c, GpuProfiles profiles) {
    if (c.nodes == null || c.nodes < 0) {
      throw new ConfException(key + ".nodes: number of GPU nodes (>= 0) is missing");
    }
    if (c.gpusPerNode == null || c.gpusPerNode <= 0) {
      throw new ConfException(key + ".gpus_per_node: must be > 0, got " + c.gpusPerNode);
    }
    modelAndPower(key, c, profiles);
  }

  private static void modelAndPower(String key, CapacityConf c, GpuProfiles profiles) {
    if (c.gpuModel != null && !profiles.has(c.gpuModel)) {
      throw new ConfException(key + ".gpu_model: '" + c.gpuModel + "' is not in gpu_profiles");
    }
    nonNegative(key + ".node_base_power_w", c.nodeBasePowerW);
  }

  private static void nested(String key, EmbodiedConf b) {
    if (b == null) {
      throw new ConfException(key + ": empty entry");
    }
    if (!b.partitions.isEmpty() || !b.gpuModels.isEmpty()) {
      throw new ConfException(key + ": overrides cannot hold partitions or gpu_models of their own");
    }
    block(key, b);
  }

  private static void block(String key, EmbodiedConf b) {
    nonNegative(key + ".kg_per_gpu_hour", b.kgPerGpuHour);
    nonNegative(key + ".kg_per_node_hour", b.kgPerNodeHour);
    nonNegative(key + ".kg_per_core_hour", b.kgPerCoreHour);
    nonNegative(key + ".kg_per_gpu_board", b.kgPerGpuBoard);
    nonNegative(key + ".kg_per_server", b.kgPerServer);
    if (b.kgPerGpuHour != null && b.kgPerGpuBoard != null) {
      throw new ConfException(key + ": give kg_per_gpu_hour or kg_per_gpu_board (amortised), not both");
    }
    if (b.kgPerNodeHour != null && b.kgPerServer != null) {
      throw new ConfException(key + ": give kg_per_node_hour or kg_per_server (amortised), not both");
    }
    if (b.kgPerGpuBoard != null || b.kgPerServer != null) {
      if (b.lifetimeYears == null || !(b.lifetimeYears > 0)) {
        throw new ConfException(key + ".lifetime_years: amortisation needs a lifetime > 0 (years), got "
            + b.lifetimeYears);
      }
      if (b.utilisation == null || !(b.utilisation > 0) || b.utilisation > 1) {
        throw new ConfException(key + ".utilisation: must be in (0, 1], got " + b.utilisation);
      }
    }
    if (b.gpusPerNode != null && b.gpusPerNode <= 0) {
      throw new ConfException(key + ".gpus_per_node: must be > 0, got " + b.gpusPerNode);
    }
    if (b.coresPerNode != null && b.coresPerNode <= 0) {
      throw new ConfException(key + ".cores_per_node: must be > 0, got " + b.coresPerNode);
    }
    if (!(b.band >= 0 && b.band <= 1)) {
      throw new ConfException(key + ".band: must be between 0 and 1, got " + b.band);
    }
    if (!"none".equals(b.method()) && (b.source == null || b.source.isBlank())) {
      throw new ConfException(key + ".source: say where the embodied factor comes from (an LCA, a vendor PCF)");
    }
  }

  private static void nonNegative(String key, Double v) {
    if (v != null && !(v >= 0)) {
      throw new ConfException(key + ": must be >= 0, got " + v);
    }
  }
}
