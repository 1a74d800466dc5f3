package org.footprint.source.inventory;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.footprint.source.InputRecord;

/**
 * One node of a node inventory dump as read (scontrol: one node with all its partitions; sinfo -N: one node in one
 * partition), or a reject. {@code day} is the night the dump stands for, from its file name (null: an undated
 * dump, which stands for every day without a dated one).
 */
final class NodeLine extends InputRecord {
  static final String NODE = "node";

  static final StructType SCHEMA = StructType.fromDDL(String.join(",",
      "kind STRING", "cluster STRING", "file STRING", "line BIGINT", "raw STRING", "reason STRING",
      "format STRING", "day DATE", "node STRING", "partitions ARRAY<STRING>", "cpus INT", "gpus DOUBLE",
      "gpu_type STRING", "state STRING", "in_service BOOLEAN"));

  String format;
  LocalDate day;
  String node;
  String[] partitions;
  Integer cpus;
  double gpus;
  String gpuType;
  String state;
  boolean inService;

  static NodeLine node(String cluster, String format, String file, long line, LocalDate day) {
    NodeLine n = new NodeLine();
    n.kind = NODE;
    n.cluster = cluster;
    n.format = format;
    n.file = file;
    n.line = line;
    n.day = day;
    return n;
  }

  static NodeLine reject(String cluster, String format, String file, long line, String raw, String reason) {
    NodeLine r = new NodeLine();
    r.format = format;
    r.rejected(cluster, file, line, raw, reason);
    return r;
  }

  Row toRow() {
    return RowFactory.create(kind, cluster, file, line, raw, reason, format, day == null ? null : Date.valueOf(day),
        node, partitions, cpus, NODE.equals(kind) ? gpus : null, gpuType, state,
        NODE.equals(kind) ? inService : null);
  }

  static {
    if (SCHEMA.fields().length != 15) {
      throw new IllegalStateException("NodeLine.SCHEMA out of step with toRow()");
    }
  }
}
