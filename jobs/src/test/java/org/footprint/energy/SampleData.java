package org.footprint.energy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.footprint.model.Schemas;
import org.footprint.testing.Frames;

/** Hand-made gpu_samples and jobs rows for the SampledEnergy tests; times are seconds after {@link #T0}. */
final class SampleData {
  static final Instant T0 = Instant.parse("2026-10-20T10:00:00Z");
  static final StructType JOBS = StructType.fromDDL("job_key STRING, cluster STRING, source STRING, job_id STRING, "
      + "partition STRING, nodes ARRAY<STRING>, start_utc TIMESTAMP, end_utc TIMESTAMP, duration_s BIGINT, "
      + "gpu_count DOUBLE");

  private final List<Row> samples = new ArrayList<>();
  private final List<Row> jobs = new ArrayList<>();

  static Timestamp at(double seconds) {
    return Timestamp.from(T0.plusMillis(Math.round(seconds * 1000)));
  }

  /** One nvidia-smi-like sample: power (null = [N/A]) and utilisation 0-1. */
  SampleData power(String node, int gpu, double t, Double watts, Double util) {
    return sample(node, gpu, t, watts, null, util, null, null);
  }

  SampleData sample(String node, int gpu, double t, Double watts, Double energyMj, Double util, String pod,
      String namespace) {
    samples.add(RowFactory.create("c", pod == null ? "nvidia-smi" : "dcgm", node, gpu, "GPU-" + node + "-" + gpu,
        null, "test board", at(t), "log", watts, energyMj, util, pod, namespace, "/test/" + node, (long) samples.size() + 1));
    return this;
  }

  /** A constant power series from t0 to t1 (inclusive) every step seconds. */
  SampleData constant(String node, int gpu, double t0, double t1, double step, double watts, String pod,
      String namespace) {
    for (double t = t0; t <= t1 + 1e-9; t += step) {
      sample(node, gpu, t, watts, null, 0.5, pod, namespace);
    }
    return this;
  }

  /** A Slurm-like job: matched to its nodes' boards by node share. */
  SampleData job(String key, double start, double end, double gpus, String... nodes) {
    jobs.add(RowFactory.create(key, "c", "slurm", key, "gpu", Frames.seq(List.of(nodes)), at(start), at(end),
        Math.round(end - start), gpus));
    return this;
  }

  /** A Kubernetes pod: job_id namespace/pod, partition = namespace. */
  SampleData pod(String key, String namespace, String pod, String node, double start, double end, double gpus) {
    jobs.add(RowFactory.create(key, "c", "kubernetes", namespace + "/" + pod, namespace, Frames.seq(List.of(node)),
        at(start), at(end), Math.round(end - start), gpus));
    return this;
  }

  Dataset<Row> samples(SparkSession spark) {
    return spark.createDataFrame(samples, Schemas.of("gpu_samples"));
  }

  Dataset<Row> jobs(SparkSession spark) {
    return spark.createDataFrame(jobs, JOBS);
  }
}
