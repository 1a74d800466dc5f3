package org.footprint.conf;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code clusters.<name>.capacity}: the GPUs a cluster has, for the idle capacity in by_cluster_day. Either the
 * cluster as one pool ({@code nodes}, {@code gpus_per_node}) or one pool per partition ({@code partitions.<p>} with
 * the same keys); with partitions, only jobs of those partitions count as allocated.
 */
public class CapacityConf implements Serializable {
  public Integer nodes;
  public Integer gpusPerNode;
  /** board of the pool (idle power from gpu-profiles.csv); unset: the partition's, else the cluster default. */
  public String gpuModel;
  /** base power of an idle node besides its GPUs (CPUs, memory, fans), W; a partition may override it. */
  public Double nodeBasePowerW;
  public Map<String, CapacityConf> partitions = new LinkedHashMap<>();
}
