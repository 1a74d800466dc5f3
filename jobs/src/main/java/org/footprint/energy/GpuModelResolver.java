package org.footprint.energy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;
import org.footprint.model.Columns;

/**
 * Names the GPU board of each job from what the source says, in this order: for MIG slices the partition's
 * board (MIG profile names are shared between A100-80GB and H100), then the gres type or node label via the
 * profile aliases, then the partition's configured board, then the cluster default, then power.default_gpu_model.
 * Anything but the first three adds a counted warning to the job.
 */
public final class GpuModelResolver {
  /** How the model was found: none | partition | gres_type | cluster_default | default. */
  public static final String RULE = "gpu_model_rule";

  private GpuModelResolver() {}

  public static Dataset<Row> apply(Dataset<Row> usage, Site site) {
    Column clusterPartition = Site.partitionKey(col("cluster"), col("partition"));
    Column aliasModel = site.gpuModelOfAlias(lower(col("gpu_type")));
    Column partModel = site.partitionGpuModel(clusterPartition);
    Column defModel = site.clusterGpuModel(col("cluster"));
    Column partMig = coalesce(site.migSlices(partModel), lit(0.0)).gt(0);
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
        .otherwise(lit(site.power().defaultGpuModel()));

    Column unknownType = when(isGpu.and(col("gpu_type").isNotNull()).and(aliasModel.isNull()),
        concat(lit("unknown_gpu_type:"), col("gpu_type")));
    Column unknownPartition = when(site.listsPartitions(col("cluster")).and(not(site.knowsPartition(clusterPartition))),
        concat(lit("unknown_partition:"), coalesce(col("partition"), lit("(none)"))));
    Column defaulted = when(col(RULE).isin("cluster_default", "default"),
        concat(lit("gpu_model_defaulted:"), col(Columns.GPU_MODEL)));

    Dataset<Row> out = usage.withColumn(RULE, rule).withColumn(Columns.GPU_MODEL, model);
    // the job's warnings are gathered here, the first step after the readers: the reader's own (a start placed
    // at Submit) and this step's GPU model guesses
    Column startEstimated = when(col("start_estimated"), lit("start_estimated:submit"));
    Column warnings = concat_ws(";", startEstimated, unknownType, unknownPartition, defaulted);
    return out.withColumn(Columns.WARNINGS, when(warnings.equalTo(""), lit(null).cast("string")).otherwise(warnings));
  }
}
