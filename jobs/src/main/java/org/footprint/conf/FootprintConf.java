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
  /** published TDP tables layered over gpu_profiles, the names they use, and the idle draw they lack. */
  public GpuTablesConf gpuTables = new GpuTablesConf();
  public PowerConf power = new PowerConf();
  public CarbonConf carbon = new CarbonConf();
  public SweepConf sweeps = new SweepConf();
  public PriceConf prices = new PriceConf();
  public OutputConf output = new OutputConf();
  public ReportConf report = new ReportConf();
  public QualityConf quality = new QualityConf();
  /** the method choices (preset and keys); footprint's own by default. */
  public MethodConf method = new MethodConf();
  public IdleConf idle = new IdleConf();
  public WhatifConf whatif = new WhatifConf();

  /** Folder that relative paths in the file are resolved against (the conf file's folder). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String baseDir;

  /** idle: how the idle capacity of by_cluster_day is shown per project and user. */
  public static class IdleConf implements Serializable {
    /**
     * none: idle_kwh and idle_co2e_kg of by_project and by_user stay null; proportional: each gets the day's idle
     * footprint of a cluster in proportion to its share of that day's allocated GPU-hours there.
     */
    public String share = "none";
  }

  public static class ClusterConf implements Serializable {
    public String timeZone;
    public String region;
    public Double pue;
    public String pueSource;
    public String defaultGpuModel;
    public Double cpuWattsPerCore;
    public Map<String, PartitionConf> partitions = new LinkedHashMap<>();
    public List<NodeRegion> nodeRegions = new ArrayList<>();
    /** what Slurm's ConsumedEnergyRaw measures on this cluster: node (ipmi, pm_counters), cpu (rapl), none. */
    public String energyScope = "none";
    /** most a node can draw (W): ConsumedEnergyRaw above this × nodes × duration is a meter error, not used. */
    public double maxNodePowerW = 10000;
    /** Kubernetes settings, for clusters whose inputs are kubectl dumps. */
    public KubernetesConf kubernetes = new KubernetesConf();
    /** market-based Scope 2 inputs (supplier or residual-mix factor, renewable contracts); null: location-based. */
    public MarketConf market;
    /** embodied (scope 3) emission factors, or null: jobs get 0 (docs/method.md, "Embodied emissions"). */
    public EmbodiedConf embodied;
    /** GPUs installed, for idle capacity (by_cluster_day), or null: the cluster has no by_cluster_day rows. */
    public CapacityConf capacity;
  }

  /** How pods map to users, projects, GPUs and sweeps on a Kubernetes cluster. */
  public static class KubernetesConf implements Serializable {
    /** label:KEY | annotation:KEY | namespace | owner_map (first that yields a value wins, in list order). */
    public List<String> userRules = new ArrayList<>(List.of("label:footprint.io/user", "owner_map", "namespace"));
    public List<String> projectRules = new ArrayList<>(List.of("label:footprint.io/project", "namespace"));
    /** CSV namespace,owner[,project] (Kubeflow Profiles give one owner per namespace). */
    public String ownerMap;
    /** extra label keys naming a sweep (experiment) and a trial, for sweep tools other than Katib. */
    public List<SweepLabels> sweepLabels = new ArrayList<>();
    /** pods still running at the last snapshot: skipped (false) or included up to the snapshot time (true). */
    public boolean includeRunning = false;
    /** node label topology.kubernetes.io/region (cloud region) → carbon zone; unmapped: the cluster's region. */
    public Map<String, String> regionZones = new LinkedHashMap<>();
    /** nodes missing from the nodes dump: node-name regex → GPU model / region. */
    public List<NodeDefault> nodeDefaults = new ArrayList<>();
  }

  public static class SweepLabels implements Serializable {
    public String experiment;
    public String trial;
    /** hpo | nas. */
    public String kind = "hpo";
  }

  public static class NodeDefault implements Serializable {
    public String pattern;
    public String gpuModel;
    public String region;
    /** time-slicing replicas per physical GPU on such nodes (1 = no sharing). */
    public Integer gpuReplicas;
  }

  public static class PartitionConf implements Serializable {
    public String gpuModel;
    public Double cpuWattsPerCore;
  }

  public static class NodeRegion implements Serializable {
    public String pattern;
    public String region;
  }

  /** One entry of {@code inputs} as written; {@link InputSpec#ofConf} checks it and expands its path. */
  public static class InputConf implements Serializable {
    /** {@link InputSpec.Type}: sacct | sacct-json | kubectl-pods | kubectl-nodes | katib | nvidia-smi | dcgm | intensity. */
    public String type;
    /** a key of {@code clusters} (not for intensity). */
    public String cluster;
    public String path;
    /** intensity: {@link InputSpec.IntensityFormat}: electricitymaps | plain | uk-carbon-intensity-json. */
    public String format;
    /** sacct: field order of a headerless (-n) export. */
    public List<String> fields;
    /** sacct: --delimiter used for the export (default |). */
    public String delimiter;
    /** nvidia-smi: regex with group 1 = node name, applied to the file name (when the log has no node column). */
    public String nodeFromFile;
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
    /** relative band of measured energy (meter accuracy: IPMI/RAPL/NVML a few %). */
    public double measuredBand = 0.05;
    /** sampled power: gaps longer than this are filled by the model and flagged. */
    public double sampleMaxGapS = 120;
    /** sampled power: average samples into buckets of this many seconds before the join (0 = keep all). */
    public double sampleDownsampleS = 0;
  }

  public static class CarbonConf implements Serializable {
    public String signal = "lifecycle";
    @com.fasterxml.jackson.annotation.JsonProperty("fallback_g_per_kwh")
    public Map<String, Double> fallbackGPerKwh = new LinkedHashMap<>();
    public String fallbackSource;
    /** optional marginal-emissions series (co2e_marginal_kg); null: none. */
    public MarginalConf marginal;
    /**
     * carbon-aware counterfactuals (shift_*, pause_*, avoidable_co2e_kg; whatif); on by default: 8-14 % more CPU time
     * on a 100 k-job run since the search is compiled code (carbon/WindowSearch; bench/RESULTS.md). false: the
     * columns stay null, no shifting section.
     */
    public boolean counterfactuals = true;
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

  /** The HTML report for research leads. */
  public static class ReportConf implements Serializable {
    /** replace user names by salted hashes, for reports shared outside the centre. */
    public boolean pseudonymiseUsers = false;
    public String salt;
    public String title;
  }

  /**
   * When a run may not replace the published output (sink.QualityGate): a night whose inputs were mostly
   * rejected is refused with exit code 3 instead of publishing its holes.
   */
  public static class QualityConf implements Serializable {
    /** rejected / records_read of one source and cluster above this refuses the run; 1 turns the limit off. */
    public double maxRejectShare = 0.05;
    /** Fewest records a source and cluster with input files must read (an empty night is an error). */
    public long minRecords = 1;
    /** skipped / records_read above this refuses the run; null (the default) is off. */
    public Double maxSkippedShare;
    /** Whether input files without a record (empty or header-only exports) are accepted. */
    public boolean allowEmpty = false;
    public SourceQuality slurm = new SourceQuality();
    public SourceQuality kubernetes = new SourceQuality();
    public SourceQuality power = new SourceQuality();
    public SourceQuality intensity = new SourceQuality();

    /** The section of a run_summary source (slurm, kubernetes, power, intensity), or null for another name. */
    public SourceQuality of(String source) {
      return switch (source) {
        case "slurm" -> slurm;
        case "kubernetes" -> kubernetes;
        case "power" -> power;
        case "intensity" -> intensity;
        default -> null;
      };
    }

    /** The limit for a run_summary source: its own, else the default. */
    public double maxRejectShare(String source) {
      SourceQuality s = of(source);
      return s != null && s.maxRejectShare != null ? s.maxRejectShare : maxRejectShare;
    }

    public long minRecords(String source) {
      SourceQuality s = of(source);
      return s != null && s.minRecords != null ? s.minRecords : minRecords;
    }

    /** null: no limit on skipped records. */
    public Double maxSkippedShare(String source) {
      SourceQuality s = of(source);
      return s != null && s.maxSkippedShare != null ? s.maxSkippedShare : maxSkippedShare;
    }

    public boolean allowEmpty(String source) {
      SourceQuality s = of(source);
      return s != null && s.allowEmpty != null ? s.allowEmpty : allowEmpty;
    }
  }

  /** Per-source override of the quality limits (unset: the section's default applies). */
  public static class SourceQuality implements Serializable {
    public Double maxRejectShare;
    public Long minRecords;
    public Double maxSkippedShare;
    public Boolean allowEmpty;
  }

  public static class OutputConf implements Serializable {
    public String dayZone = "UTC";
    /**
     * A lock on --out older than this is a killed run's and is taken over (a dead pid on the same host is taken
     * over at once). Longer than the longest run (10 M jobs take ~30 min), shorter than a night.
     */
    public double lockStaleHours = 12;
  }

  /**
   * GPU power tables in the formats other tools publish (ML CO2 Impact's gpus.csv, experiment-impact-tracker's
   * tdp.csv): read in order after gpu_profiles, a board of a later table replacing the power of the boards its
   * names already name (docs/formats.md).
   */
  public static class GpuTablesConf implements Serializable {
    /** the tables, in order; relative to the conf file's folder. */
    public List<String> paths = new ArrayList<>();
    /** CSV name,aliases,source: a table's board name → the names gres types, node labels and nvidia-smi use. */
    public String aliases;
    /** idle draw of a board a table gives only the TDP of, as a share of that TDP (docs/method.md). */
    public double idleShareOfTdp = 0.10;
    public String idleShareSource = "the rule conf/gpu-profiles.csv uses for boards without a reported idle draw"
        + " (~10 % of TDP); Cloud Carbon Footprint's minimum GPU watts are 11-12 % of TDP (T4 8/70, A10G 18/150,"
        + " V100 35/300, A100 46/400 W)";
  }
}
