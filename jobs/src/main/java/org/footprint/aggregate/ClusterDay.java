package org.footprint.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.conf.Site;
import org.footprint.energy.EnergyEstimate;
import org.footprint.io.SmallQuery;
import org.footprint.model.Literals;
import org.footprint.model.Schemas;

/**
 * by_cluster_day and by_partition_day: per cluster (and per partition / node pool) and day, the capacity installed
 * ({@link CapacityPools}: the night's node inventory, else the conf), the node- and GPU-hours jobs held in the day
 * (each job clipped to the day, {@link JobDays}), the idle rest, its energy at the boards' idle power plus a base
 * power per idle node × PUE, priced at the day's mean hourly intensity of the cluster's region (the annual fallback
 * for hours without), and the embodied emissions of the idle capacity. Days: every day from the first to the last
 * day of the given jobs.
 *
 * <p>A partition row counts the jobs of its partition; the cluster row counts each node once (partitions may
 * overlap, as in sinfo) and the jobs of every partition the capacity covers, so it is not the sum of its partitions.
 */
public final class ClusterDay {
  private static final StructType POOL_DAYS = StructType.fromDDL("cluster STRING, partition STRING, day DATE, "
      + "day_hours DOUBLE, nodes BIGINT, gpus DOUBLE, gpu_idle_w DOUBLE, base_w DOUBLE, pue DOUBLE, "
      + "region STRING, fallback DOUBLE, gpu_f DOUBLE, node_f DOUBLE, capacity_source STRING");

  /** The two tables, and the idle footprint per cluster and day with its allocated GPU-hours (for the idle share). */
  public record Tables(Dataset<Row> byCluster, Dataset<Row> byPartition) {}

  private ClusterDay() {}

  /** by_cluster_day alone, capacity from the conf, fallback intensity (tests). */
  public static Dataset<Row> apply(Dataset<Row> jobs, FootprintConf conf, GpuProfiles profiles) {
    return apply(jobs, conf, Site.of(conf, profiles), null, null).byCluster();
  }

  /**
   * @param inventory node_inventory rows, or null
   * @param hourly intensity_hourly rows, or null (every hour at the annual fallback)
   */
  public static Tables apply(Dataset<Row> jobs, FootprintConf conf, Site site, Dataset<Row> inventory,
      Dataset<Row> hourly) {
    return apply(jobs, conf, site, inventory, hourly, null);
  }

  /**
   * @param dayRanges per cluster, its jobs' first and last day when the caller has them ({@link SummaryPass}),
   *     else null: a query finds them
   */
  public static Tables apply(Dataset<Row> jobs, FootprintConf conf, Site site, Dataset<Row> inventory,
      Dataset<Row> hourly, Map<String, SummaryPass.ClusterJobs> dayRanges) {
    SparkSession spark = jobs.sparkSession();
    Tables none = new Tables(spark.createDataFrame(List.of(), Schemas.of("by_cluster_day")),
        spark.createDataFrame(List.of(), Schemas.of("by_partition_day")));
    CapacityPools pools = CapacityPools.of(conf, site, inventory);
    List<String> clusters = pools.clusters();
    if (clusters.isEmpty()) {
      return none;
    }
    Dataset<Row> theirs = jobs.filter(col("cluster").isin(clusters.toArray()));
    Date[] range = dayRanges != null ? range(dayRanges, clusters) : range(theirs);
    if (range == null) {
      return none;
    }
    String zone = site.dayZone();
    ZoneId zoneId = ZoneId.of(zone);
    List<Row> rows = new ArrayList<>();
    Map<String, String> allJobs = new LinkedHashMap<>();
    Map<String, String> listed = new LinkedHashMap<>();
    for (LocalDate d = range[0].toLocalDate(); !d.isAfter(range[1].toLocalDate());
        d = d.plusDays(1)) {
      Instant start = d.atStartOfDay(zoneId).toInstant();
      Instant end = d.plusDays(1).atStartOfDay(zoneId).toInstant();
      double hours = (end.getEpochSecond() - start.getEpochSecond()) / 3600.0;
      for (String cluster : clusters) {
        String region = site.clusters().get(cluster).region();
        Double f = site.annualIntensity().get(region);
        double fallback = f != null ? f : site.annualIntensity().getOrDefault("*", 0.0);
        List<CapacityPools.Pool> onDay = pools.on(cluster, d);
        boolean partitioned = onDay.size() > 1;
        if (!partitioned || pools.fromInventory(cluster)) {
          allJobs.put(cluster, "y");
        }
        for (CapacityPools.Pool p : onDay) {
          if (p.partition() != null && !pools.fromInventory(cluster)) {
            listed.put(cluster + "/" + p.partition(), "y");
          }
          rows.add(RowFactory.create(cluster, p.partition(), Date.valueOf(d), hours, (long) p.nodes(),
              p.gpus(), p.gpuIdleW(), p.baseW(), p.pue(), region, fallback, p.gpuF(), p.nodeF(),
              p.source()));
        }
      }
    }
    Dataset<Row> poolDays = spark.createDataFrame(rows, POOL_DAYS);

    Dataset<Row> pieces = JobDays.of(theirs, zone);
    Dataset<Row> byPartition = pieces.groupBy("cluster", "partition", "day")
        .agg(sum("gpu_hours").as("allocated"), sum("node_hours").as("allocated_nodes"));
    Column counted = try_element_at(Literals.stringMap(allJobs), col("cluster")).isNotNull()
        .or(try_element_at(Literals.stringMap(listed), Site.partitionKey(col("cluster"), col("partition")))
            .isNotNull());
    Dataset<Row> byCluster = byPartition.filter(counted).groupBy("cluster", "day")
        .agg(sum("allocated").as("allocated"), sum("allocated_nodes").as("allocated_nodes"))
        .withColumn("partition", lit(null).cast("string"));
    Dataset<Row> allocated = byPartition.unionByName(byCluster);

    Column availableGpu = col("gpus").multiply(col("day_hours"));
    Column availableNode = col("nodes").multiply(col("day_hours"));
    Column idleGpu = greatest(availableGpu.minus(col("allocated")), lit(0.0));
    // on a GPU pool the node share of the idle boards; on a CPU pool the nodes' hours nobody held
    Column idleNode = when(col("gpus").gt(0), idleGpu.multiply(col("nodes")).divide(col("gpus")))
        .otherwise(greatest(availableNode.minus(col("allocated_nodes")), lit(0.0)));
    Column meanIdleW = when(col("gpus").gt(0), col("gpu_idle_w").divide(col("gpus"))).otherwise(lit(0.0));
    // gpus may be fractional (MIG slices as parts of boards): the hours use the sum, the gpus column is rounded
    Dataset<Row> out = poolDays
        .join(allocated, poolDays.col("cluster").equalTo(allocated.col("cluster"))
            .and(poolDays.col("day").equalTo(allocated.col("day")))
            .and(poolDays.col("partition").eqNullSafe(allocated.col("partition"))), "left")
        .select(poolDays.col("*"), coalesce(allocated.col("allocated"), lit(0.0)).as("allocated"),
            coalesce(allocated.col("allocated_nodes"), lit(0.0)).as("allocated_nodes"))
        .withColumn("available_gpu_hours", availableGpu)
        .withColumn("allocated_gpu_hours", col("allocated"))
        .withColumn("idle_gpu_hours", idleGpu)
        .withColumn("available_node_hours", availableNode)
        .withColumn("allocated_node_hours", col("allocated_nodes"))
        .withColumn("idle_node_hours", idleNode)
        .withColumn("allocated_share", try_divide(col("allocated"), availableGpu))
        .withColumn("idle_energy_kwh", EnergyEstimate.facilityKwh(col("idle_gpu_hours").multiply(meanIdleW)
            .plus(col("idle_node_hours").multiply(col("base_w"))).divide(1000.0), col("pue")))
        .withColumn("idle_embodied_co2e_kg", coalesce(col("idle_gpu_hours").multiply(col("gpu_f")), lit(0.0))
            .plus(coalesce(col("idle_node_hours").multiply(col("node_f")), lit(0.0))));
    out = DayIntensity.attach(out, hourly, zone)
        .withColumn("idle_co2e_kg", col("idle_energy_kwh").multiply(col("intensity_g_per_kwh")).divide(1000.0))
        .withColumn("gpus", round(col("gpus")));
    return new Tables(
        Schemas.conform(out.filter(col("partition").isNull()).orderBy("cluster", "day"), "by_cluster_day"),
        Schemas.conform(out.filter(col("partition").isNotNull()).orderBy("cluster", "day", "partition"),
            "by_partition_day"));
  }

  /**
   * Both tables' rows from one query (one Spark job where collecting each table ran the day cuts twice), in the
   * tables' order: by_partition_day's rows, and by_cluster_day's (its rows are those without a partition).
   *
   * @return {by_cluster_day rows, by_partition_day rows}
   */
  public static List<List<Row>> collect(Tables t) {
    // by_partition_day's columns are by_cluster_day's plus partition; a null partition marks a cluster row
    Dataset<Row> both = t.byPartition()
        .unionByName(t.byCluster().withColumn("partition", lit(null).cast("string")), true)
        .orderBy(col("cluster"), col("day"), col("partition").asc_nulls_first());
    StructType cluster = t.byCluster().schema();
    List<Row> clusterRows = new ArrayList<>();
    List<Row> partitionRows = new ArrayList<>();
    for (Row r : SmallQuery.collect(both)) {
      if (r.isNullAt(r.fieldIndex("partition"))) {
        Object[] cells = new Object[cluster.size()];
        for (int i = 0; i < cells.length; i++) {
          cells[i] = r.get(r.fieldIndex(cluster.fields()[i].name()));
        }
        clusterRows.add(new GenericRowWithSchema(cells, cluster));
      } else {
        partitionRows.add(r);
      }
    }
    return List.of(clusterRows, partitionRows);
  }

  /** The first and last day of the jobs of the capacity's clusters; null without such jobs. */
  private static Date[] range(Dataset<Row> theirs) {
    Row r = theirs.agg(min("day"), max("day")).first();
    return r.isNullAt(0) ? null : new Date[] {r.getDate(0), r.getDate(1)};
  }

  private static Date[] range(Map<String, SummaryPass.ClusterJobs> ranges, List<String> clusters) {
    Date first = null;
    Date last = null;
    for (String c : clusters) {
      SummaryPass.ClusterJobs j = ranges.get(c);
      if (j == null || j.firstDay() == null) {
        continue;
      }
      first = first == null || j.firstDay().before(first) ? j.firstDay() : first;
      last = last == null || j.lastDay().after(last) ? j.lastDay() : last;
    }
    return first == null ? null : new Date[] {first, last};
  }
}
