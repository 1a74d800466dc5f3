package org.footprint.carbon;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.footprint.conf.EmbodiedConf;
import org.footprint.conf.FootprintConf;
import org.footprint.model.Literals;

/**
 * Embodied (scope 3) emissions per job: hours of use × the factors of the most specific {@code embodied} block of
 * the job's cluster (GPU model, then partition, then the cluster's own). Adds {@code embodied_co2e_kg} with its band
 * ({@code _low_kg}, {@code _high_kg}), {@code embodied_method} (factor | amortised | none) and
 * {@code total_co2e_kg} = operational {@code co2e_kg} + embodied. Pure: a Spark plan over the job rows.
 *
 * <p>Hours: GPU-hours as the jobs table counts them (whole-board equivalents: a MIG 1/7 slice bears 1/7); node-hours
 * as the share of the nodes the job held (GPU-hours ÷ gpus_per_node, else core-hours ÷ cores_per_node, else whole
 * nodes × hours), never more than its nodes × hours; core-hours = cores × hours.
 */
public final class EmbodiedEmissions {
  /** separates cluster and override in the lookup keys (not in names from a conf). */
  private static final String SEP = "\u0001";

  private EmbodiedEmissions() {}

  public static Dataset<Row> apply(Dataset<Row> jobs, Map<String, FootprintConf.ClusterConf> clusters) {
    Map<String, String> method = new LinkedHashMap<>();
    Map<String, Double> gpuF = new LinkedHashMap<>();
    Map<String, Double> nodeF = new LinkedHashMap<>();
    Map<String, Double> coreF = new LinkedHashMap<>();
    Map<String, Double> band = new LinkedHashMap<>();
    Map<String, Double> gpn = new LinkedHashMap<>();
    Map<String, Double> cpn = new LinkedHashMap<>();
    clusters.forEach((name, c) -> {
      EmbodiedConf e = c.embodied;
      if (e == null) {
        return;
      }
      Map<String, EmbodiedConf> blocks = new LinkedHashMap<>();
      blocks.put(name + SEP, e);
      e.partitions.forEach((p, b) -> blocks.put(name + SEP + "p:" + p, b));
      e.gpuModels.forEach((m, b) -> blocks.put(name + SEP + "m:" + m, b));
      blocks.forEach((key, b) -> {
        method.put(key, b.method());
        put(gpuF, key, b.gpuHourFactor());
        put(nodeF, key, b.nodeHourFactor());
        put(coreF, key, b.coreHourFactor());
        band.put(key, b.band);
        put(gpn, key, b.gpusPerNode == null ? null : b.gpusPerNode.doubleValue());
        put(cpn, key, b.coresPerNode == null ? null : b.coresPerNode.doubleValue());
      });
    });
    if (method.isEmpty()) {
      return withEmbodied(jobs, lit(0.0), lit(0.0), lit("none"));
    }
    Column methods = Literals.stringMap(method);
    Column byModel = concat(col("cluster"), lit(SEP + "m:"), col("gpu_model"));
    Column byPartition = concat(col("cluster"), lit(SEP + "p:"), col("partition"));
    Column byCluster = concat(col("cluster"), lit(SEP));
    Column key = coalesce(
        when(try_element_at(methods, byModel).isNotNull(), byModel),
        when(try_element_at(methods, byPartition).isNotNull(), byPartition),
        when(try_element_at(methods, byCluster).isNotNull(), byCluster));
    Dataset<Row> df = jobs.withColumn("_emb_key", key);
    Column k = col("_emb_key");
    Column hours = col("duration_s").cast("double").divide(3600.0);
    Column gpuHours = coalesce(col("gpu_hours"), lit(0.0));
    Column cores = coalesce(col("cpu_count"), lit(0.0));
    Column coreHours = cores.multiply(hours);
    Column nodeCount = df.schema().apply("nodes").dataType() instanceof ArrayType
        ? coalesce(size(col("nodes")), lit(0))
        : when(col("nodes").isNull().or(col("nodes").equalTo("")), lit(0)).otherwise(size(split(col("nodes"), ",")));
    Column wholeNodeHours = when(nodeCount.gt(0), nodeCount).otherwise(lit(1)).multiply(hours);
    Column gpusPerNode = lookup(gpn, k);
    Column coresPerNode = lookup(cpn, k);
    Column nodeHours = least(wholeNodeHours,
        when(gpusPerNode.isNotNull().and(gpuHours.gt(0)), gpuHours.divide(gpusPerNode))
            .when(coresPerNode.isNotNull().and(cores.gt(0)), coreHours.divide(coresPerNode))
            .otherwise(wholeNodeHours));
    Column fg = lookup(gpuF, k);
    Column fn = lookup(nodeF, k);
    Column fc = lookup(coreF, k);
    Column applies = fg.isNotNull().and(gpuHours.gt(0))
        .or(fn.isNotNull().and(nodeHours.gt(0)))
        .or(fc.isNotNull().and(coreHours.gt(0)));
    Column kg = coalesce(fg.multiply(gpuHours), lit(0.0))
        .plus(coalesce(fn.multiply(nodeHours), lit(0.0)))
        .plus(coalesce(fc.multiply(coreHours), lit(0.0)));
    Column b = coalesce(lookup(band, k), lit(0.0));
    return withEmbodied(df, when(applies, kg).otherwise(lit(0.0)), b,
        when(applies, try_element_at(methods, k)).otherwise(lit("none"))).drop("_emb_key");
  }

  private static Dataset<Row> withEmbodied(Dataset<Row> df, Column kg, Column band, Column method) {
    return df.withColumn("embodied_co2e_kg", kg)
        .withColumn("embodied_co2e_low_kg", col("embodied_co2e_kg").multiply(lit(1.0).minus(band)))
        .withColumn("embodied_co2e_high_kg", col("embodied_co2e_kg").multiply(lit(1.0).plus(band)))
        .withColumn("embodied_method", method)
        .withColumn("total_co2e_kg", col("co2e_kg").plus(col("embodied_co2e_kg")));
  }

  private static Column lookup(Map<String, Double> m, Column key) {
    return m.isEmpty() ? lit(null).cast("double") : try_element_at(Literals.doubleMap(m), key);
  }

  private static void put(Map<String, Double> m, String key, Double v) {
    if (v != null) {
      m.put(key, v);
    }
  }
}
