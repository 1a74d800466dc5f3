package org.footprint.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.CapacityConf;
import org.footprint.conf.EmbodiedConf;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.conf.Site;
import org.footprint.io.SmallQuery;

/**
 * What each cluster has installed on a day, as capacity pools: one per partition (or node pool) and one for the
 * whole cluster ({@code partition} null). From the night's node inventory when the cluster has dumps (the day's
 * dump, else the latest earlier one, else an undated one, else the earliest later one), else from
 * {@code clusters.<c>.capacity}. A node listed in two partitions counts in both partition pools and once in the
 * cluster's. Nodes out of service (powered down, FUTURE) are not capacity.
 */
final class CapacityPools {
  /** One pool on one day: installed nodes and GPUs, their summed idle draw, and how to price it. */
  record Pool(String cluster, String partition, int nodes, double gpus, double gpuIdleW, double baseW, double pue,
      Double gpuF, Double nodeF, String source) {}

  /** Inventory aggregated per cluster, day (null: undated) and partition (null: the cluster, nodes once). */
  private record Installed(int nodes, double gpus, double gpuIdleW) {}

  private final Map<String, TreeMap<LocalDate, Map<String, Installed>>> dated = new LinkedHashMap<>();
  private final Map<String, Map<String, Installed>> undated = new LinkedHashMap<>();
  private final Map<String, String> sourceOf = new LinkedHashMap<>();
  private final FootprintConf conf;
  private final Site site;

  private CapacityPools(FootprintConf conf, Site site) {
    this.conf = conf;
    this.site = site;
  }

  /** @param inventory node_inventory rows (null: no dumps were read) */
  static CapacityPools of(FootprintConf conf, Site site, Dataset<Row> inventory) {
    CapacityPools pools = new CapacityPools(conf, site);
    if (inventory != null) {
      pools.read(inventory);
    }
    return pools;
  }

  /** Whether any cluster has capacity (dumps or conf). */
  boolean any() {
    return !dated.isEmpty() || !undated.isEmpty()
        || conf.clusters.values().stream().anyMatch(c -> c.capacity != null);
  }

  /** The clusters with capacity, in conf order. */
  List<String> clusters() {
    List<String> out = new ArrayList<>();
    conf.clusters.forEach((name, c) -> {
      if (c.capacity != null || dated.containsKey(name) || undated.containsKey(name)) {
        out.add(name);
      }
    });
    return out;
  }

  /** Whether the cluster's capacity comes from node dumps (jobs of any partition count as allocated). */
  boolean fromInventory(String cluster) {
    return dated.containsKey(cluster) || undated.containsKey(cluster);
  }

  /** The pools of one cluster on one day; the cluster pool first. */
  List<Pool> on(String cluster, LocalDate day) {
    FootprintConf.ClusterConf c = conf.clusters.get(cluster);
    CapacityConf cap = c.capacity != null ? c.capacity : new CapacityConf();
    double baseDefault = cap.nodeBasePowerW != null ? cap.nodeBasePowerW : 0.0;
    Map<String, Installed> installed = inventoryOn(cluster, day);
    String source;
    if (installed == null) {
      installed = fromConf(cluster, cap);
      source = "conf";
    } else {
      source = sourceOf.get(cluster);
    }
    List<Pool> out = new ArrayList<>();
    for (Map.Entry<String, Installed> e : installed.entrySet()) {
      String part = e.getKey();
      Installed in = e.getValue();
      CapacityConf pc = part == null ? null : cap.partitions.get(part);
      double baseW = pc != null && pc.nodeBasePowerW != null ? pc.nodeBasePowerW : baseDefault;
      EmbodiedConf emb = embodied(c, part);
      Pool pool = new Pool(cluster, part, in.nodes(), in.gpus(), in.gpuIdleW(), baseW, c.pue,
          emb == null ? null : emb.gpuHourFactor(), emb == null ? null : emb.nodeHourFactor(), source);
      if (part == null) {
        out.add(0, pool);
      } else {
        out.add(pool);
      }
    }
    return out;
  }

  private Map<String, Installed> inventoryOn(String cluster, LocalDate day) {
    TreeMap<LocalDate, Map<String, Installed>> byDay = dated.get(cluster);
    if (byDay != null) {
      Map.Entry<LocalDate, Map<String, Installed>> e = byDay.floorEntry(day);
      if (e != null) {
        return e.getValue();
      }
    }
    Map<String, Installed> u = undated.get(cluster);
    if (u != null) {
      return u;
    }
    return byDay == null ? null : byDay.firstEntry().getValue();
  }

  /** The conf's pools: the whole cluster, or each partition plus their sum. */
  private Map<String, Installed> fromConf(String cluster, CapacityConf cap) {
    Map<String, Installed> out = new LinkedHashMap<>();
    if (cap.partitions.isEmpty()) {
      if (cap.nodes != null && cap.gpusPerNode != null) {
        out.put(null, installed(cap.nodes, cap.gpusPerNode, model(cluster, null, cap.gpuModel)));
      }
      return out;
    }
    int nodes = 0;
    double gpus = 0;
    double idle = 0;
    for (Map.Entry<String, CapacityConf> e : cap.partitions.entrySet()) {
      CapacityConf pc = e.getValue();
      String model = model(cluster, e.getKey(), pc.gpuModel != null ? pc.gpuModel : cap.gpuModel);
      Installed in = installed(pc.nodes, pc.gpusPerNode, model);
      out.put(e.getKey(), in);
      nodes += in.nodes();
      gpus += in.gpus();
      idle += in.gpuIdleW();
    }
    out.put(null, new Installed(nodes, gpus, idle));
    return out;
  }

  private Installed installed(int nodes, int gpusPerNode, String model) {
    GpuProfiles.Profile p = model == null ? null : site.gpus().get(model);
    double gpus = (double) nodes * gpusPerNode;
    return new Installed(nodes, gpus, gpus * (p == null ? 0.0 : p.idleW()));
  }

  /** The board of a pool: its own, else the partition's gpu_model, else the cluster's default, else power's. */
  private String model(String cluster, String partition, String own) {
    if (own != null) {
      return own;
    }
    Site.Cluster c = site.clusters().get(cluster);
    Site.Partition p = partition == null ? null : c.partitions().get(partition);
    if (p != null && p.gpuModel() != null) {
      return p.gpuModel();
    }
    return c.defaultGpuModel() != null ? c.defaultGpuModel() : site.power().defaultGpuModel();
  }

  private static EmbodiedConf embodied(FootprintConf.ClusterConf c, String partition) {
    EmbodiedConf e = c.embodied;
    if (e == null) {
      return null;
    }
    String model = partition != null && c.partitions.containsKey(partition) && c.partitions.get(partition) != null
        ? c.partitions.get(partition).gpuModel : null;
    if (model == null) {
      model = c.defaultGpuModel;
    }
    if (model != null && e.gpuModels.containsKey(model)) {
      return e.gpuModels.get(model);
    }
    return partition != null && e.partitions.containsKey(partition) ? e.partitions.get(partition) : e;
  }

  /** The inventory, aggregated in Spark to a few rows per cluster and day, then kept on the driver. */
  private void read(Dataset<Row> inventory) {
    Column model = coalesce(site.gpuModelOfAlias(lower(col("gpu_type"))),
        site.partitionGpuModel(Site.partitionKey(col("cluster"), col("partition"))),
        site.clusterGpuModel(col("cluster")), lit(site.power().defaultGpuModel()));
    Dataset<Row> nodes = inventory.filter(col("in_service"))
        .withColumn("idle_w", col("gpus").multiply(coalesce(site.idleW(model), lit(0.0))));
    // nodes in no partition (and Kubernetes nodes) count for the cluster only
    Dataset<Row> perPartition = nodes.filter(col("partition").notEqual("")).groupBy("cluster", "day", "partition")
        .agg(count(lit(1)).as("nodes"), sum("gpus").as("gpus"), sum("idle_w").as("idle_w"),
            max("source").as("source"));
    Dataset<Row> perCluster = nodes.groupBy("cluster", "day", "node")
        .agg(max("gpus").as("gpus"), max("idle_w").as("idle_w"), max("source").as("source"))
        .groupBy("cluster", "day")
        .agg(count(lit(1)).as("nodes"), sum("gpus").as("gpus"), sum("idle_w").as("idle_w"),
            max("source").as("source"))
        .withColumn("partition", lit(null).cast("string"));
    for (Row r : SmallQuery.collect(perCluster.unionByName(perPartition))) {
      String cluster = r.getAs("cluster");
      Date d = r.getAs("day");
      Map<String, Installed> pools = d == null ? undated.computeIfAbsent(cluster, k -> new TreeMap<>(
          Comparator.nullsFirst(Comparator.naturalOrder())))
          : dated.computeIfAbsent(cluster, k -> new TreeMap<>()).computeIfAbsent(d.toLocalDate(),
              k -> new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder())));
      pools.put(r.getAs("partition"), new Installed((int) r.getLong(r.fieldIndex("nodes")),
          r.<Double>getAs("gpus"), r.getAs("idle_w")));
      sourceOf.merge(cluster, r.getAs("source"),
          (a, b) -> List.of(a.split("\\+")).contains(b) ? a : a + "+" + b);
    }
  }
}
