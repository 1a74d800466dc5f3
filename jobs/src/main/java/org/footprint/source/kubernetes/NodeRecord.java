package org.footprint.source.kubernetes;

import org.footprint.source.InputRecord;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** One node from a nodes dump, reduced to what GPU fractions and carbon zones need; or a reject. */
final class NodeRecord extends InputRecord {
  static final String NODE = "node";

  static final StructType SCHEMA = StructType.fromDDL(String.join(",",
      "kind STRING", "cluster STRING", "file STRING", "line BIGINT", "raw STRING", "reason STRING",
      "node STRING", "uid STRING", "creation_utc TIMESTAMP", "gpu_product STRING", "gpu_base STRING",
      "mig_single_g INT", "replicas INT", "sharing STRING", "gpu_capacity DOUBLE",
      "region_label STRING", "zone_label STRING", "instance_type STRING", "physical_gpus INT"));

  String node;
  String uid;
  Instant creation;
  /** nvidia.com/gpu.product as labelled, suffixes and all. */
  String gpuProduct;
  /** lower-case board name: the product without -MIG-… and -SHARED (an alias in gpu-profiles.csv). */
  String gpuBase;
  /** MIG "single strategy": every nvidia.com/gpu on the node is a slice of this many compute slices. */
  Integer migSingleG;
  /** time-slicing/MPS replicas per physical GPU; null when the node says nothing about sharing. */
  Integer replicas;
  String sharing;
  Double gpuCapacity;
  String regionLabel;
  String zoneLabel;
  String instanceType;
  /**
   * Physical boards from GPU Feature Discovery's {@code nvidia.com/gpu.count}; null without the label and on a MIG
   * single-strategy node, where GFD overwrites it with the number of MIG devices.
   */
  Integer physicalGpus;

  static NodeRecord reject(String cluster, String file, long line, String raw, String reason) {
    NodeRecord r = new NodeRecord();
    r.rejected(cluster, file, line, raw, reason);
    return r;
  }

  Row toRow() {
    return RowFactory.create(kind, cluster, file, line, raw, reason, node, uid, PodRecord.ts(creation),
        gpuProduct, gpuBase, migSingleG, replicas, sharing, gpuCapacity, regionLabel, zoneLabel, instanceType,
        physicalGpus);
  }

  static {
    if (SCHEMA.fields().length != 19) {
      throw new IllegalStateException("NodeRecord.SCHEMA out of step with toRow()");
    }
  }
}
