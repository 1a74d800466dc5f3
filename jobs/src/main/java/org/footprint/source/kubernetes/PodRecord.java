package org.footprint.source.kubernetes;

import org.footprint.source.InputRecord;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * One object from a pods dump, flattened to what the usage rules need: a pod, an object of another kind
 * ({@code kubectl get all} mixes Services in), or a reject. Internal to the Kubernetes reader; several records
 * of one pod (snapshots) share its uid and are folded by {@link PodDedup}.
 */
final class PodRecord extends InputRecord {
  static final String POD = "pod";
  static final String OTHER = "other";

  static final StructType SCHEMA = StructType.fromDDL(String.join(",",
      "kind STRING", "cluster STRING", "file STRING", "line BIGINT", "raw STRING", "reason STRING",
      "object_kind STRING", "namespace STRING", "name STRING", "uid STRING",
      "labels MAP<STRING,STRING>", "annotations MAP<STRING,STRING>",
      "owner_kind STRING", "owner_name STRING", "owner_uid STRING", "node_name STRING",
      "phase STRING", "status_reason STRING", "creation_utc TIMESTAMP", "start_utc TIMESTAMP",
      "finished_utc TIMESTAMP", "deletion_utc TIMESTAMP", "seen_utc TIMESTAMP",
      "restarts INT", "oom BOOLEAN", "all_terminated BOOLEAN", "exit_code STRING",
      "gpu_nvidia DOUBLE", "gpu_shared DOUBLE", "gpu_amd DOUBLE", "mig_slices DOUBLE", "mig_profile STRING",
      "cpu_count DOUBLE", "mem_gb DOUBLE"));

  String objectKind;
  String namespace;
  String name;
  String uid;
  Map<String, String> labels;
  Map<String, String> annotations;
  String ownerKind;
  String ownerName;
  String ownerUid;
  String nodeName;
  String phase;
  String statusReason;
  Instant creation;
  Instant start;
  /** latest finishedAt of any container, current or previous run (lastState). */
  Instant finished;
  Instant deletion;
  /** latest time stamp anywhere in the object: a lower bound of when this snapshot was taken. */
  Instant seen;
  Integer restarts;
  Boolean oom;
  /** every app container is in state terminated: the pod's processes are done even if the phase is not final. */
  Boolean allTerminated;
  String exitCode;
  Double gpuNvidia;
  Double gpuShared;
  Double gpuAmd;
  Double migSlices;
  String migProfile;
  Double cpuCount;
  Double memGb;

  static PodRecord reject(String cluster, String file, long line, String raw, String reason) {
    PodRecord r = new PodRecord();
    r.rejected(cluster, file, line, raw, reason);
    return r;
  }

  Row toRow() {
    return RowFactory.create(kind, cluster, file, line, raw, reason, objectKind, namespace, name, uid,
        scalaMap(labels), scalaMap(annotations), ownerKind, ownerName, ownerUid, nodeName, phase, statusReason, ts(creation),
        ts(start), ts(finished), ts(deletion), ts(seen), restarts, oom, allTerminated, exitCode, gpuNvidia, gpuShared, gpuAmd,
        migSlices, migProfile, cpuCount, memGb);
  }

  /** Spark's Row encoder takes Scala maps for MAP columns. */
  private static scala.collection.Map<String, String> scalaMap(Map<String, String> m) {
    return m == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(m);
  }

  static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  static {
    // keep the field list and SCHEMA in step: a mismatch would shift every column silently
    if (SCHEMA.fields().length != 34) {
      throw new IllegalStateException("PodRecord.SCHEMA out of step with toRow()");
    }
  }
}
