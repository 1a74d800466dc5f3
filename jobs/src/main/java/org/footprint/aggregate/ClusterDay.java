package org.footprint.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.unix_timestamp;
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
import org.apache.spark.sql.types.StructType;
import org.footprint.conf.CapacityConf;
import org.footprint.conf.EmbodiedConf;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.energy.EnergyEstimate;
import org.footprint.model.Literals;
import org.footprint.model.Schemas;

/**
 * by_cluster_day: per cluster and day, the GPU capacity of {@code clusters.<c>.capacity}, the GPU-hours jobs held in
 * that day (each job clipped to the day), the idle rest, its energy at the boards' idle power (plus a base power per
 * idle node) × PUE, priced at the cluster region's annual fallback intensity, and the embodied emissions of the idle
 * capacity. Days: every day from the first to the last day of the given jobs.
 */
public final class ClusterDay {
  private static final StructType POOL_DAYS = StructType.fromDDL("cluster STRING, pool STRING, day DATE, "
      + "day_start_utc TIMESTAMP, day_end_utc TIMESTAMP, day_hours DOUBLE, nodes BIGINT, gpus BIGINT, gpn DOUBLE, "
      + "idle_w DOUBLE, base_w DOUBLE, pue DOUBLE, intensity DOUBLE, gpu_f DOUBLE, node_f DOUBLE");

  /** One capacity pool: a whole cluster (pool "") or one partition. */
  record Pool(String cluster, String pool, int nodes, int gpusPerNode, double idleW, double baseW, double pue,
      double intensity, Double gpuF, Double nodeF) {}

  private ClusterDay() {}

  public static Dataset<Row> apply(Dataset<Row> jobs, FootprintConf conf, GpuProfiles profiles) {
    List<Pool> pools = pools(conf, profiles);
    var spark = jobs.sparkSession();
    if (pools.isEmpty()) {
      return spark.createDataFrame(List.of(), Schemas.of("by_cluster_day"));
    }
    Map<String, String> byPartition = new LinkedHashMap<>();
    pools.forEach(p -> byPartition.put(p.cluster(), p.pool().isEmpty() ? "cluster" : "partition"));
    Column mode = try_element_at(Literals.stringMap(byPartition), col("cluster"));
    Dataset<Row> pooled = jobs.filter(mode.isNotNull())
        .withColumn("pool", when(mode.equalTo("cluster"), lit("")).otherwise(col("partition")));
    Row range = pooled.agg(min("day"), max("day")).first();
    if (range.isNullAt(0)) {
      return spark.createDataFrame(List.of(), Schemas.of("by_cluster_day"));
    }
    ZoneId zone = ZoneId.of(conf.output.dayZone);
    List<Row> rows = new ArrayList<>();
    for (LocalDate d = range.getDate(0).toLocalDate(); !d.isAfter(range.getDate(1).toLocalDate());
        d = d.plusDays(1)) {
      Instant start = d.atStartOfDay(zone).toInstant();
      Instant end = d.plusDays(1).atStartOfDay(zone).toInstant();
      double hours = (end.getEpochSecond() - start.getEpochSecond()) / 3600.0;
      for (Pool p : pools) {
        rows.add(RowFactory.create(p.cluster(), p.pool(), Date.valueOf(d), Timestamp.from(start),
            Timestamp.from(end), hours, (long) p.nodes(), (long) p.nodes() * p.gpusPerNode(),
            (double) p.gpusPerNode(), p.idleW(), p.baseW(), p.pue(), p.intensity(), p.gpuF(), p.nodeF()));
      }
    }
    Dataset<Row> poolDays = spark.createDataFrame(rows, POOL_DAYS);

    Column localStart = "UTC".equals(conf.output.dayZone) ? col("start_utc")
        : from_utc_timestamp(col("start_utc"), lit(conf.output.dayZone));
    Column localEnd = "UTC".equals(conf.output.dayZone) ? col("end_utc")
        : from_utc_timestamp(col("end_utc"), lit(conf.output.dayZone));
    Dataset<Row> touched = pooled.filter(col("gpu_count").gt(0))
        .select(col("cluster"), col("pool"), col("gpu_count"), col("start_utc"), col("end_utc"),
            explode(sequence(to_date(localStart), to_date(localEnd))).as("day"));
    Column overlapS = greatest(lit(0L), unix_timestamp(least(col("end_utc"), col("day_end_utc")))
        .minus(unix_timestamp(greatest(col("start_utc"), col("day_start_utc")))));
    Dataset<Row> allocated = touched.join(poolDays.select("cluster", "pool", "day", "day_start_utc", "day_end_utc"),
            new String[] {"cluster", "pool", "day"})
        .groupBy("cluster", "pool", "day")
        .agg(sum(col("gpu_count").multiply(overlapS).divide(3600.0)).as("allocated"));

    Column available = col("gpus").multiply(col("day_hours"));
    Column idle = greatest(available.minus(col("allocated")), lit(0.0));
    Dataset<Row> perPool = poolDays.join(allocated, new String[] {"cluster", "pool", "day"}, "left")
        .withColumn("allocated", coalesce(col("allocated"), lit(0.0)))
        .withColumn("available", available)
        .withColumn("idle", idle)
        .withColumn("idle_node_h", col("idle").divide(col("gpn")))
        .withColumn("idle_kwh", EnergyEstimate.facilityKwh(col("idle").multiply(col("idle_w"))
            .plus(col("idle_node_h").multiply(col("base_w"))).divide(1000.0), col("pue")))
        .withColumn("idle_emb", coalesce(col("idle").multiply(col("gpu_f")), lit(0.0))
            .plus(coalesce(col("idle_node_h").multiply(col("node_f")), lit(0.0))));
    Dataset<Row> out = perPool.groupBy("cluster", "day")
        .agg(sum("nodes").as("nodes"), sum("gpus").as("gpus"), sum("available").as("available_gpu_hours"),
            sum("allocated").as("allocated_gpu_hours"), sum("idle").as("idle_gpu_hours"),
            sum("idle_kwh").as("idle_energy_kwh"), max("intensity").as("intensity_g_per_kwh"),
            sum("idle_emb").as("idle_embodied_co2e_kg"))
        .withColumn("allocated_share", try_divide(col("allocated_gpu_hours"), col("available_gpu_hours")))
        .withColumn("intensity_method", lit("fallback"))
        .withColumn("idle_co2e_kg", col("idle_energy_kwh").multiply(col("intensity_g_per_kwh")).divide(1000.0))
        .orderBy("cluster", "day");
    return Schemas.conform(out, "by_cluster_day");
  }

  static List<Pool> pools(FootprintConf conf, GpuProfiles profiles) {
    List<Pool> pools = new ArrayList<>();
    conf.clusters.forEach((name, c) -> {
      CapacityConf cap = c.capacity;
      if (cap == null) {
        return;
      }
      Double fallback = conf.carbon.fallbackGPerKwh.get(c.region);
      double intensity = fallback != null ? fallback : conf.carbon.fallbackGPerKwh.getOrDefault("*", 0.0);
      Map<String, CapacityConf> parts = new LinkedHashMap<>(cap.partitions);
      if (parts.isEmpty()) {
        parts.put("", cap);
      }
      parts.forEach((part, pc) -> {
        FootprintConf.PartitionConf pconf = part.isEmpty() ? null : c.partitions.get(part);
        String model = pc.gpuModel != null ? pc.gpuModel
            : pconf != null && pconf.gpuModel != null ? pconf.gpuModel
            : cap.gpuModel != null ? cap.gpuModel
            : c.defaultGpuModel != null ? c.defaultGpuModel : conf.power.defaultGpuModel;
        GpuProfiles.Profile profile = profiles.byModel().get(model);
        double baseW = pc.nodeBasePowerW != null ? pc.nodeBasePowerW
            : cap.nodeBasePowerW != null ? cap.nodeBasePowerW : 0.0;
        Double gpuF = null;
        Double nodeF = null;
        EmbodiedConf e = c.embodied;
        if (e != null) {
          EmbodiedConf b = e.gpuModels.containsKey(model) ? e.gpuModels.get(model)
              : !part.isEmpty() && e.partitions.containsKey(part) ? e.partitions.get(part) : e;
          gpuF = b.gpuHourFactor();
          nodeF = b.nodeHourFactor();
        }
        pools.add(new Pool(name, part, pc.nodes, pc.gpusPerNode, profile == null ? 0.0 : profile.idleW(), baseW,
            c.pue, intensity, gpuF, nodeF));
      });
    });
    return pools;
  }
}
