package org.footprint.energy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.model.Literals;

/**
 * Names the GPU board of each job from what the source says, in this order: for MIG slices the partition's
 * board (MIG profile names are shared between A100-80GB and H100), then the gres type or node label via the
 * profile aliases, then the partition's configured board, then the cluster default, then power.default_gpu_model.
 * Anything but the first three adds a counted warning to the job.
 */
public final class GpuModelResolver {
  private GpuModelResolver() {}

  public static Dataset<Row> apply(Dataset<Row> usage, FootprintConf conf, GpuProfiles profiles) {
    Map<String, String> partitionModel = new LinkedHashMap<>();
    Map<String, String> knownPartition = new LinkedHashMap<>();
    Map<String, String> clusterDefault = new LinkedHashMap<>();
    Map<String, String> clusterHasPartitions = new LinkedHashMap<>();
    conf.clusters.forEach((name, c) -> {
      if (c.defaultGpuModel != null) {
        clusterDefault.put(name, c.defaultGpuModel);
      }
      if (!c.partitions.isEmpty()) {
        clusterHasPartitions.put(name, "y");
      }
      c.partitions.forEach((p, pc) -> {
        knownPartition.put(name + "/" + p, "y");
        if (pc != null && pc.gpuModel != null) {
          partitionModel.put(name + "/" + p, pc.gpuModel);
        }
      });
    });
    Map<String, Double> migSlices = new LinkedHashMap<>();
    profiles.byModel().forEach((m, p) -> migSlices.put(m, (double) p.migSlices()));

    Column clusterPartition = concat(col("cluster"), lit("/"), coalesce(col("partition"), lit("")));
    Column aliasModel = try_element_at(Literals.stringMap(profiles.aliasToModel()), lower(col("gpu_type")));
    Column partModel = try_element_at(Literals.stringMap(partitionModel), clusterPartition);
    Column defModel = try_element_at(Literals.stringMap(clusterDefault), col("cluster"));
    Column partMig = coalesce(try_element_at(Literals.doubleMap(migSlices), partModel), lit(0.0)).gt(0);
    Column isGpu = col("gpu_count").gt(0);
    Column migFromPartition = isGpu.and(coalesce(col("gpu_mig"), lit(false))).and(partModel.isNotNull()).and(partMig);

    Column rule = when(not(isGpu), lit("none"))
        .when(migFromPartition, lit("partition"))
        .when(aliasModel.isNotNull(), lit("gres_type"))
        .when(partModel.isNotNull(), lit("partition"))
        .when(defModel.isNotNull(), lit("cluster_default"))
        .otherwise(lit("default"));
    Column model = when(not(isGpu), lit(null).cast("string"))
        .when(migFromPartition, partModel)
        .when(aliasModel.isNotNull(), aliasModel)
        .when(partModel.isNotNull(), partModel)
        .when(defModel.isNotNull(), defModel)
        .otherwise(lit(conf.power.defaultGpuModel));

    Column unknownType = when(isGpu.and(col("gpu_type").isNotNull()).and(aliasModel.isNull()),
        concat(lit("unknown_gpu_type:"), col("gpu_type")));
    Column unknownPartition = when(try_element_at(Literals.stringMap(clusterHasPartitions), col("cluster")).isNotNull()
            .and(try_element_at(Literals.stringMap(knownPartition), clusterPartition).isNull()),
        concat(lit("unknown_partition:"), coalesce(col("partition"), lit("(none)"))));
    Column defaulted = when(col("gpu_model_rule").isin("cluster_default", "default"),
        concat(lit("gpu_model_defaulted:"), col("gpu_model")));

    Dataset<Row> out = usage.withColumn("gpu_model_rule", rule).withColumn("gpu_model", model);
    // the job's warnings are gathered here, the first step after the readers: the reader's own (a start placed
    // at Submit) and this step's GPU model guesses
    Column startEstimated = when(col("start_estimated"), lit("start_estimated:submit"));
    Column warnings = concat_ws(";", startEstimated, unknownType, unknownPartition, defaulted);
    return out.withColumn("warnings", when(warnings.equalTo(""), lit(null).cast("string")).otherwise(warnings));
  }
}
