package org.footprint.source.slurm;

import org.footprint.source.InputRecord;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One line of a sacct export after parsing: an allocation row, a step row, a not-yet-started array range,
 * or a reject. Internal to the Slurm reader: {@link SlurmUsage} folds these into canonical usage rows.
 */
public final class SacctRecord extends InputRecord {
  public static final String ALLOC = "alloc";
  public static final String STEP = "step";
  public static final String ARRAY_PENDING = "array_pending";

  public static final StructType SCHEMA = StructType.fromDDL(String.join(",",
      "kind STRING", "cluster STRING", "file STRING", "line BIGINT", "raw STRING", "reason STRING",
      "job_id STRING", "step STRING", "job_id_raw STRING", "array_parent STRING", "het_parent STRING",
      "user STRING", "account STRING", "name STRING", "partition STRING", "state STRING", "state_raw STRING",
      "submit_utc TIMESTAMP", "start_utc TIMESTAMP", "end_utc TIMESTAMP", "duration_s BIGINT",
      "nodes ARRAY<STRING>", "node_count INT", "gpu_count DOUBLE", "gpu_devices DOUBLE", "gpu_type STRING",
      "gpu_mig BOOLEAN", "gpu_mixed BOOLEAN", "cpu_count DOUBLE", "mem_gb DOUBLE", "cpu_seconds DOUBLE",
      "gpu_util_sum DOUBLE", "energy_j DOUBLE", "comment STRING", "wckey STRING", "restarts INT",
      "exit_code STRING", "notes STRING", "no_times BOOLEAN", "start_estimated BOOLEAN", "qos STRING"));

  public String jobId;
  public String step;
  public String jobIdRaw;
  public String arrayParent;
  public String hetParent;
  public String user;
  public String account;
  public String name;
  public String partition;
  public String state;
  public String stateRaw;
  public Instant submit;
  public Instant start;
  public Instant end;
  public Long durationS;
  public List<String> nodes;
  public Integer nodeCount;
  public Double gpuCount;
  public Double gpuDevices;
  public String gpuType;
  public Boolean gpuMig;
  public Boolean gpuMixed;
  public Double cpuCount;
  public Double memGb;
  public Double cpuSeconds;
  public Double gpuUtilSum;
  public Double energyJ;
  public String comment;
  public String wckey;
  public Integer restarts;
  public String exitCode;
  public String notes;
  public Boolean noTimes;
  /** placed at Submit: the export has neither Start nor End */
  public boolean startEstimated;
  /** the job's quality of service (sacct QOS, sacct --json qos) */
  public String qos;

  static SacctRecord reject(String cluster, String file, long line, String raw, String reason) {
    SacctRecord r = new SacctRecord();
    r.rejected(cluster, file, line, raw, reason);
    return r;
  }

  public Row toRow() {
    return RowFactory.create(kind, cluster, file, line, raw, reason, jobId, step, jobIdRaw, arrayParent,
        hetParent, user, account, name, partition, state, stateRaw, ts(submit), ts(start), ts(end), durationS,
        nodes == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(nodes).toSeq(), nodeCount,
        gpuCount, gpuDevices, gpuType, gpuMig, gpuMixed, cpuCount, memGb, cpuSeconds, gpuUtilSum, energyJ,
        comment, wckey, restarts, exitCode, notes, noTimes, startEstimated, qos);
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  static {
    // keep the field list and SCHEMA in step: a mismatch would corrupt every row silently
    if (SCHEMA.fields().length != 41 || !SCHEMA.apply("nodes").dataType().equals(
        DataTypes.createArrayType(DataTypes.StringType))) {
      throw new IllegalStateException("SacctRecord.SCHEMA out of step with toRow()");
    }
  }
}
