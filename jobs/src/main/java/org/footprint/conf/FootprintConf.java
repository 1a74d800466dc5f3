package org.footprint.conf;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * conf/footprint.yaml, bound by Jackson with snake_case keys and unknown keys refused.
 * Public fields keep the binding obvious; {@link ConfLoader} validates and resolves paths after binding.
 */
public class FootprintConf implements Serializable {
  public Map<String, ClusterConf> clusters = new LinkedHashMap<>();
  public List<InputConf> inputs = new ArrayList<>();
  public String gpuProfiles;
  public PowerConf power = new PowerConf();
  public CarbonConf carbon = new CarbonConf();
  public SweepConf sweeps = new SweepConf();
  public PriceConf prices = new PriceConf();
  public OutputConf output = new OutputConf();

  /** Folder that relative paths in the file are resolved against (the conf file's folder). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String baseDir;

  public static class ClusterConf implements Serializable {
    public String timeZone;
    public String region;
    public Double pue;
    public String pueSource;
    public String defaultGpuModel;
    public Double cpuWattsPerCore;
    public Map<String, PartitionConf> partitions = new LinkedHashMap<>();
    public List<NodeRegion> nodeRegions = new ArrayList<>();
  }

  public static class PartitionConf implements Serializable {
    public String gpuModel;
    public Double cpuWattsPerCore;
  }

  public static class NodeRegion implements Serializable {
    public String pattern;
    public String region;
  }

  public static class InputConf implements Serializable {
    /** sacct | intensity (later: kubectl-pods, nvidia-smi, dcgm, ...). */
    public String type;
    public String cluster;
    public String path;
    /** intensity: electricitymaps | plain | uk-carbon-intensity-json. */
    public String format;
    /** sacct: field order of a headerless (-n) export. */
    public List<String> fields;
    /** sacct: --delimiter used for the export (default |). */
    public String delimiter;
  }

  public static class PowerConf implements Serializable {
    /** model for GPU jobs whose board no gres type, partition or cluster default names. */
    public String defaultGpuModel = "GENERIC-GPU";
    public double cpuWattsPerCore = 12.0;
    public double memoryWattsPerGb = 0.3725;
    public double cpuUsageDefault = 1.0;
    public double gpuUtilDefault = 1.0;
    public double gpuUtilLow = 0.5;
    public double gpuUtilHigh = 1.0;
    public double gpuUtilMeasuredBand = 0.1;
  }

  public static class CarbonConf implements Serializable {
    public String signal = "lifecycle";
    @com.fasterxml.jackson.annotation.JsonProperty("fallback_g_per_kwh")
    public Map<String, Double> fallbackGPerKwh = new LinkedHashMap<>();
    public String fallbackSource;
  }

  public static class SweepConf implements Serializable {
    public String arrayKind = "hpo";
    public List<SweepRule> rules = new ArrayList<>();
  }

  public static class SweepRule implements Serializable {
    public String name;
    /** comment | wckey | name. */
    public String field;
    public String pattern;
    /** hpo | nas. */
    public String kind;
  }

  public static class PriceConf implements Serializable {
    public String source;
    @com.fasterxml.jackson.annotation.JsonProperty("default")
    public Price defaultPrice = new Price();
    public Map<String, Price> models = new LinkedHashMap<>();
  }

  public static class Price implements Serializable {
    public double lowUsd;
    public double highUsd;
  }

  public static class OutputConf implements Serializable {
    public String dayZone = "UTC";
  }
}
