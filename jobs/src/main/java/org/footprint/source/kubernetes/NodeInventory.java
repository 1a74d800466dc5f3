package org.footprint.source.kubernetes;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.model.Schemas;

/**
 * The nodes dump as capacity (node_inventory rows): each node's physical boards, GPU Feature Discovery's
 * {@code nvidia.com/gpu.count} label where it counts boards (not on a MIG single-strategy node: there it counts
 * MIG devices), else nvidia.com/gpu capacity ÷ its time-slicing replicas (× g/7 on a MIG single-strategy node,
 * whose nvidia.com/gpu are slices). The label is what counts a MIG mixed-strategy node, whose boards are
 * advertised only as {@code nvidia.com/mig-<profile>} resources. A nodes dump
 * names no night, so it is undated (it stands for every day without a dated inventory), and node pools are not
 * partitions of the jobs (pods' partition is their namespace): the nodes count for the cluster as a whole.
 */
final class NodeInventory {
  private NodeInventory() {}

  static Dataset<Row> of(Dataset<Row> nodes) {
    Dataset<Row> n = nodes.filter(col("kind").equalTo(NodeRecord.NODE));
    return Schemas.conform(n
        .withColumn("day", lit(null).cast("date"))
        .withColumn("partition", lit(""))
        .withColumn("cpus", lit(null).cast("int"))
        .withColumn("gpus", coalesce(col("physical_gpus").cast("double"), coalesce(col("gpu_capacity"), lit(0.0))
            .divide(coalesce(col("replicas"), lit(1)).cast("double"))
            .multiply(when(col("mig_single_g").isNotNull(), col("mig_single_g").divide(NodeFacts.DEFAULT_MIG_SLICES))
                .otherwise(lit(1.0)))))
        .withColumn("gpu_type", col("gpu_base"))
        .withColumn("state", lit(null).cast("string"))
        .withColumn("in_service", lit(true))
        .withColumn("source", lit("kubectl-nodes")), "node_inventory");
  }
}
