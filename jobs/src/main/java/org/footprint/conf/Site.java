package org.footprint.conf;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_element_at;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.footprint.model.Literals;

/**
 * What the per-job steps read of the configuration, resolved once from footprint.yaml ({@link FootprintConf}) and
 * gpu-profiles.csv ({@link GpuProfiles}) and immutable: per cluster its PUE, carbon region, energy scope and power
 * constants; the power model's defaults; the GPU boards; prices; sweep rules; annual intensities. The lookups the
 * steps make per row (cluster → PUE, board → TDP, ...) are Spark map literals built here, once.
 *
 * <p>A test builds one in a few lines: {@code Site.builder().gpu("A100", 400, 50).cluster("c", "GB", 1.2).build()}.
 */
public final class Site {
  /** One cluster: what its energy is multiplied by, where its power comes from, what its meter measures. */
  public record Cluster(String name, String region, Double pue, String pueSource, String energyScope,
      double maxNodePowerW, Double cpuWattsPerCore, String defaultGpuModel, Map<String, Partition> partitions,
      List<NodeRegion> nodeRegions) {
    /** Whether Slurm's ConsumedEnergyRaw is read on this cluster (energy_scope node or cpu). */
    public boolean measuresEnergy() {
      return !"none".equals(energyScope);
    }
  }

  public record Partition(String gpuModel, Double cpuWattsPerCore) {}

  /** Nodes whose name matches {@code pattern} draw power from {@code region} (a rented rack in another zone). */
  public record NodeRegion(String pattern, String region) {}

  /** The power model's site-wide constants (power: in footprint.yaml). */
  public record Power(String defaultGpuModel, double cpuWattsPerCore, double memoryWattsPerGb, double cpuUsageDefault,
      double gpuUtilDefault, double gpuUtilLow, double gpuUtilHigh, double gpuUtilMeasuredBand, double measuredBand,
      double sampleMaxGapS, double sampleDownsampleS) {}

  public record Price(double lowUsd, double highUsd) {}

  /** A regex on {@code field} (comment | wckey | name) naming a sweep; group 1, when present, names its key. */
  public record SweepRule(String name, String field, String pattern, String kind) {}

  public record Sweeps(String arrayKind, List<SweepRule> rules) {}

  private final Map<String, Cluster> clusters;
  private final Power power;
  private final Map<String, GpuProfiles.Profile> gpus;
  private final Map<String, Price> prices;
  private final Price defaultPrice;
  private final Sweeps sweeps;
  private final Map<String, Double> annualIntensity;
  private final String dayZone;
  private final MethodConf method;

  // per-row lookups: Spark map literals, built once
  private final Column pueByCluster;
  private final Column regionByCluster;
  private final Column scopeByCluster;
  private final Column maxNodePowerByCluster;
  private final Column cpuWattsByCluster;
  private final Column cpuWattsByPartition;
  private final Column gpuModelByCluster;
  private final Column gpuModelByPartition;
  private final Column clustersListingPartitions;
  private final Column knownPartitions;
  private final Column modelByAlias;
  private final Column tdpByModel;
  private final Column idleByModel;
  private final Column migSlicesByModel;
  private final Column lowPriceByModel;
  private final Column highPriceByModel;

  private Site(Map<String, Cluster> clusters, Power power, GpuProfiles profiles, Map<String, Price> prices,
      Price defaultPrice, Sweeps sweeps, Map<String, Double> annualIntensity, String dayZone, MethodConf method) {
    this.clusters = Collections.unmodifiableMap(clusters);
    this.power = power;
    this.gpus = Collections.unmodifiableMap(new LinkedHashMap<>(profiles.byModel()));
    this.prices = Collections.unmodifiableMap(prices);
    this.defaultPrice = defaultPrice;
    this.sweeps = sweeps;
    this.annualIntensity = Collections.unmodifiableMap(annualIntensity);
    this.dayZone = dayZone;
    this.method = method;

    Map<String, Double> pue = new LinkedHashMap<>();
    Map<String, String> region = new LinkedHashMap<>();
    Map<String, String> scope = new LinkedHashMap<>();
    Map<String, Double> maxPower = new LinkedHashMap<>();
    Map<String, Double> clusterCpuW = new LinkedHashMap<>();
    Map<String, Double> partitionCpuW = new LinkedHashMap<>();
    Map<String, String> clusterModel = new LinkedHashMap<>();
    Map<String, String> partitionModel = new LinkedHashMap<>();
    Map<String, String> listsPartitions = new LinkedHashMap<>();
    Map<String, String> known = new LinkedHashMap<>();
    clusters.forEach((name, c) -> {
      pue.put(name, c.pue());
      region.put(name, c.region());
      scope.put(name, c.energyScope());
      maxPower.put(name, c.maxNodePowerW());
      if (c.cpuWattsPerCore() != null) {
        clusterCpuW.put(name, c.cpuWattsPerCore());
      }
      if (c.defaultGpuModel() != null) {
        clusterModel.put(name, c.defaultGpuModel());
      }
      if (!c.partitions().isEmpty()) {
        listsPartitions.put(name, "y");
      }
      c.partitions().forEach((p, pc) -> {
        known.put(name + "/" + p, "y");
        if (pc.gpuModel() != null) {
          partitionModel.put(name + "/" + p, pc.gpuModel());
        }
        if (pc.cpuWattsPerCore() != null) {
          partitionCpuW.put(name + "/" + p, pc.cpuWattsPerCore());
        }
      });
    });
    Map<String, Double> tdp = new LinkedHashMap<>();
    Map<String, Double> idle = new LinkedHashMap<>();
    Map<String, Double> mig = new LinkedHashMap<>();
    gpus.forEach((m, p) -> {
      tdp.put(m, p.tdpW());
      idle.put(m, p.idleW());
      mig.put(m, (double) p.migSlices());
    });
    Map<String, Double> low = new LinkedHashMap<>();
    Map<String, Double> high = new LinkedHashMap<>();
    prices.forEach((m, p) -> {
      low.put(m, p.lowUsd());
      high.put(m, p.highUsd());
    });
    pueByCluster = Literals.doubleMap(pue);
    regionByCluster = Literals.stringMap(region);
    scopeByCluster = Literals.stringMap(scope);
    maxNodePowerByCluster = Literals.doubleMap(maxPower);
    cpuWattsByCluster = Literals.doubleMap(clusterCpuW);
    cpuWattsByPartition = Literals.doubleMap(partitionCpuW);
    gpuModelByCluster = Literals.stringMap(clusterModel);
    gpuModelByPartition = Literals.stringMap(partitionModel);
    clustersListingPartitions = Literals.stringMap(listsPartitions);
    knownPartitions = Literals.stringMap(known);
    modelByAlias = Literals.stringMap(profiles.aliasToModel());
    tdpByModel = Literals.doubleMap(tdp);
    idleByModel = Literals.doubleMap(idle);
    migSlicesByModel = Literals.doubleMap(mig);
    lowPriceByModel = Literals.doubleMap(low);
    highPriceByModel = Literals.doubleMap(high);
  }

  /** The site a run computes with: the conf after {@link ConfLoader} (validated), its GPU profiles read. */
  public static Site of(FootprintConf conf, GpuProfiles profiles) {
    Map<String, Cluster> clusters = new LinkedHashMap<>();
    conf.clusters.forEach((name, c) -> {
      Map<String, Partition> partitions = new LinkedHashMap<>();
      c.partitions.forEach((p, pc) -> partitions.put(p,
          pc == null ? new Partition(null, null) : new Partition(pc.gpuModel, pc.cpuWattsPerCore)));
      List<NodeRegion> nodeRegions = new ArrayList<>();
      c.nodeRegions.forEach(nr -> nodeRegions.add(new NodeRegion(nr.pattern, nr.region)));
      clusters.put(name, new Cluster(name, c.region, c.pue, c.pueSource, c.energyScope, c.maxNodePowerW,
          c.cpuWattsPerCore, c.defaultGpuModel, Collections.unmodifiableMap(partitions),
          List.copyOf(nodeRegions)));
    });
    FootprintConf.PowerConf p = conf.power;
    Power power = new Power(p.defaultGpuModel, p.cpuWattsPerCore, p.memoryWattsPerGb, p.cpuUsageDefault,
        p.gpuUtilDefault, p.gpuUtilLow, p.gpuUtilHigh, p.gpuUtilMeasuredBand, p.measuredBand, p.sampleMaxGapS,
        p.sampleDownsampleS);
    Map<String, Price> prices = new LinkedHashMap<>();
    conf.prices.models.forEach((m, pr) -> prices.put(m, new Price(pr.lowUsd, pr.highUsd)));
    List<SweepRule> rules = new ArrayList<>();
    conf.sweeps.rules.forEach(r -> rules.add(new SweepRule(r.name, r.field, r.pattern, r.kind)));
    return new Site(clusters, power, profiles, prices,
        new Price(conf.prices.defaultPrice.lowUsd, conf.prices.defaultPrice.highUsd),
        new Sweeps(conf.sweeps.arrayKind, List.copyOf(rules)), new LinkedHashMap<>(conf.carbon.fallbackGPerKwh),
        conf.output.dayZone, conf.method);
  }

  public Map<String, Cluster> clusters() {
    return clusters;
  }

  public Power power() {
    return power;
  }

  public Map<String, GpuProfiles.Profile> gpus() {
    return gpus;
  }

  public Map<String, Price> prices() {
    return prices;
  }

  public Price defaultPrice() {
    return defaultPrice;
  }

  public Sweeps sweeps() {
    return sweeps;
  }

  /**
   * Annual g CO2e/kWh per region, "*" for any other: the intensity where no hourly value is known (every hour with
   * method.intensity annual; only "*" = method.g_per_kwh when that is set, see {@link MethodConf#resolve}).
   */
  public Map<String, Double> annualIntensity() {
    return annualIntensity;
  }

  /** The method choices (method: in the conf; docs/method.md, "Method presets"). */
  public MethodConf method() {
    return method;
  }

  /** Zone of the calendar day a job is counted on (output.day_zone). */
  public String dayZone() {
    return dayZone;
  }

  /** The clusters whose meter is read (energy_scope other than none): only they need the node-sharing check. */
  public String[] measuringClusters() {
    return clusters.values().stream().filter(Cluster::measuresEnergy).map(Cluster::name).toArray(String[]::new);
  }

  // ---- per-row lookups (null where the key is unknown) ----

  /** cluster/partition, the key of the partition lookups. */
  public static Column partitionKey(Column cluster, Column partition) {
    return concat(cluster, lit("/"), coalesce(partition, lit("")));
  }

  public Column pue(Column cluster) {
    return try_element_at(pueByCluster, cluster);
  }

  public Column region(Column cluster) {
    return try_element_at(regionByCluster, cluster);
  }

  public Column energyScope(Column cluster) {
    return try_element_at(scopeByCluster, cluster);
  }

  public Column maxNodePowerW(Column cluster) {
    return try_element_at(maxNodePowerByCluster, cluster);
  }

  /** W per core: the partition's, else the cluster's, else power.cpu_watts_per_core. */
  public Column cpuWattsPerCore(Column cluster, Column partition) {
    return coalesce(try_element_at(cpuWattsByPartition, partitionKey(cluster, partition)),
        try_element_at(cpuWattsByCluster, cluster), lit(power.cpuWattsPerCore()));
  }

  /** The cluster's default_gpu_model. */
  public Column clusterGpuModel(Column cluster) {
    return try_element_at(gpuModelByCluster, cluster);
  }

  /** The partition's configured gpu_model, by {@link #partitionKey}. */
  public Column partitionGpuModel(Column partitionKey) {
    return try_element_at(gpuModelByPartition, partitionKey);
  }

  /** Whether the cluster's conf lists its partitions (only then is an unlisted partition worth a warning). */
  public Column listsPartitions(Column cluster) {
    return try_element_at(clustersListingPartitions, cluster).isNotNull();
  }

  /** Whether the conf lists the partition, by {@link #partitionKey}. */
  public Column knowsPartition(Column partitionKey) {
    return try_element_at(knownPartitions, partitionKey).isNotNull();
  }

  /** The board a lower-case alias (gres type, node label, nvidia-smi name) names. */
  public Column gpuModelOfAlias(Column lowerCaseAlias) {
    return try_element_at(modelByAlias, lowerCaseAlias);
  }

  public Column tdpW(Column model) {
    return try_element_at(tdpByModel, model);
  }

  public Column idleW(Column model) {
    return try_element_at(idleByModel, model);
  }

  /** MIG slices of the board (0 for boards without MIG), as a double. */
  public Column migSlices(Column model) {
    return try_element_at(migSlicesByModel, model);
  }

  /** Low price per GPU-hour of the model, else the default. */
  public Column lowPriceUsd(Column model) {
    return coalesce(try_element_at(lowPriceByModel, model), lit(defaultPrice.lowUsd()));
  }

  /** High price per GPU-hour of the model, else the default. */
  public Column highPriceUsd(Column model) {
    return coalesce(try_element_at(highPriceByModel, model), lit(defaultPrice.highUsd()));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A site built in code (tests): the conf's defaults apart from what is set. Clusters, boards, prices and sweep
   * rules are added one by one; {@link #build} resolves them as {@link #of} resolves a YAML file, unvalidated.
   */
  public static final class Builder {
    private final FootprintConf conf = new FootprintConf();
    private final GpuProfiles profiles = new GpuProfiles();

    private Builder() {}

    public Builder cluster(String name, String region, double pue) {
      return cluster(name, region, pue, c -> {});
    }

    /** A cluster; {@code more} sets the rest (energy_scope, cpu_watts_per_core, partitions, node_regions...). */
    public Builder cluster(String name, String region, double pue, Consumer<FootprintConf.ClusterConf> more) {
      FootprintConf.ClusterConf c = new FootprintConf.ClusterConf();
      c.region = region;
      c.pue = pue;
      more.accept(c);
      conf.clusters.put(name, c);
      return this;
    }

    /** A partition of a cluster added before, with its board and W per core (either may be null). */
    public Builder partition(String cluster, String partition, String gpuModel, Double cpuWattsPerCore) {
      FootprintConf.PartitionConf p = new FootprintConf.PartitionConf();
      p.gpuModel = gpuModel;
      p.cpuWattsPerCore = cpuWattsPerCore;
      conf.clusters.get(cluster).partitions.put(partition, p);
      return this;
    }

    /** Nodes of a cluster added before whose name matches {@code pattern} draw power from {@code region}. */
    public Builder nodeRegion(String cluster, String pattern, String region) {
      FootprintConf.NodeRegion nr = new FootprintConf.NodeRegion();
      nr.pattern = pattern;
      nr.region = region;
      conf.clusters.get(cluster).nodeRegions.add(nr);
      return this;
    }

    /** A board: TDP and idle draw in W, the lower-cased aliases it is named by. */
    public Builder gpu(String model, double tdpW, double idleW, String... aliases) {
      return gpu(model, tdpW, idleW, 0, aliases);
    }

    public Builder gpu(String model, double tdpW, double idleW, int migSlices, String... aliases) {
      profiles.add(new GpuProfiles.Profile(model, tdpW, idleW, migSlices, "test"), "Site.builder", aliases);
      return this;
    }

    /** Sets power: constants (default_gpu_model, cpu_watts_per_core, gpu_util_default, measured_band...). */
    public Builder power(Consumer<FootprintConf.PowerConf> set) {
      set.accept(conf.power);
      return this;
    }

    public Builder price(String model, double lowUsd, double highUsd) {
      FootprintConf.Price p = new FootprintConf.Price();
      p.lowUsd = lowUsd;
      p.highUsd = highUsd;
      conf.prices.models.put(model, p);
      return this;
    }

    public Builder defaultPrice(double lowUsd, double highUsd) {
      conf.prices.defaultPrice.lowUsd = lowUsd;
      conf.prices.defaultPrice.highUsd = highUsd;
      return this;
    }

    public Builder sweepRule(String name, String field, String pattern, String kind) {
      FootprintConf.SweepRule r = new FootprintConf.SweepRule();
      r.name = name;
      r.field = field;
      r.pattern = pattern;
      r.kind = kind;
      conf.sweeps.rules.add(r);
      return this;
    }

    public Builder arrayKind(String kind) {
      conf.sweeps.arrayKind = kind;
      return this;
    }

    /** Annual g/kWh of a region ("*" for any other). */
    public Builder annualIntensity(String region, double gPerKwh) {
      conf.carbon.fallbackGPerKwh.put(region, gPerKwh);
      return this;
    }

    /** Sets method: choices (gpu_util_source, gpu_power, total_cpu_zero, pue, g_per_kwh...). */
    public Builder method(Consumer<MethodConf> set) {
      set.accept(conf.method);
      return this;
    }

    public Builder dayZone(String zone) {
      conf.output.dayZone = zone;
      return this;
    }

    public Site build() {
      conf.method.resolve(conf);
      return Site.of(conf, profiles);
    }
  }
}
