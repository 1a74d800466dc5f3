package org.footprint.energy;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Jobs → the keys their samples are found under, so that the join with the (much larger) samples is an
 * equi-join on (cluster, match_key, bucket) followed by an interval filter, never a range or cross join.
 * <ul>
 *   <li>Kubernetes pods: {@code pod:<namespace>/<pod>}, the DCGM pod/namespace labels. Pod and namespace are
 *       the jobs' {@code pod}/{@code namespace} columns when present, else job_id {@code namespace/pod} and
 *       partition (= namespace) of source kubernetes.</li>
 *   <li>Everything else (Slurm): {@code node:<node>} for each node of the expanded NodeList; only jobs holding
 *       GPUs (a CPU job on a GPU node gets none of the boards' power). Which boards of a node are the job's is
 *       not known: sacct prints GPU counts, not device indices (those are only in {@code scontrol show job -d}),
 *       so a Slurm job gets its share of the node ({@link SampledEnergy}).</li>
 * </ul>
 * Each key is repeated for every time bucket (floor(epoch / bucketS)) from the one maxGapS before the start
 * (a sample up to maxGapS before the start opens the interval that covers the start) to the end's.
 */
final class JobSampleKeys {
  static final String POD = "pod";
  static final String NODE_SHARE = "node_share";

  private JobSampleKeys() {}

  /**
   * One row per job: job_key, cluster, job_start_s, job_end_s (epoch seconds), duration_s, match, units, g_unit...
   */
  static Dataset<Row> prepare(Dataset<Row> jobs) {
    Set<String> have = Set.of(jobs.columns());
    Column kube = col("source").equalTo("kubernetes");
    Column pod = have.contains("pod") ? col("pod") : when(kube, substring_index(col("job_id"), "/", -1));
    Column namespace = have.contains("namespace") ? col("namespace") : when(kube, col("partition"));
    Column nodes = coalesce(col("nodes"), array().cast("array<string>"));

    Column isPod = col("pod").isNotNull();
    Column gpus = coalesce(col("gpu_count"), lit(0.0));
    return jobs.select(col("job_key"), col("cluster"), pod.as("pod"), namespace.as("namespace"),
            nodes.as("nodes"), gpus.as("gpu_count"), col("duration_s"),
            unix_micros(col("start_utc")).divide(1e6).as("job_start_s"),
            unix_micros(col("end_utc")).divide(1e6).as("job_end_s"))
        .withColumn("match", when(isPod, lit(POD)).when(col("gpu_count").gt(0), lit(NODE_SHARE)))
        .withColumn("match_keys", when(isPod,
                array(concat(lit("pod:"), coalesce(col("namespace"), lit("")), lit("/"), col("pod"))))
            .when(col("match").isNotNull(), transform(col("nodes"), n -> concat(lit("node:"), n)))
            .otherwise(array().cast("array<string>")))
        // a pod is one unit; a Slurm job is one unit per node, its GPUs assumed spread evenly over them
        .withColumn("units", when(isPod, lit(1)).otherwise(size(col("nodes"))))
        .withColumn("g_unit", try_divide(col("gpu_count"), col("units")));
  }

  /**
   * Prepared jobs → one row per (job, match_key, bucket), for the match keys that have samples
   * ({@code sampled}: cluster, match_key). Only a share of a centre's nodes log power: the jobs elsewhere are
   * dropped by a semi-join on (cluster, match_key) before their time buckets are exploded, not after (at 1 M
   * jobs that was 15 M key rows for 5.8 M samples).
   */
  static Dataset<Row> explodeKeys(Dataset<Row> prepared, Dataset<Row> sampled, double maxGapS, long bucketS) {
    Column first = floor(col("job_start_s").minus(maxGapS).divide(bucketS));
    Column last = floor(col("job_end_s").divide(bucketS));
    return prepared
        .withColumn("match_key", explode(col("match_keys")))
        .join(sampled, new String[] {"cluster", "match_key"}, "left_semi")
        .withColumn("bucket", explode(sequence(first, last)))
        .select(col("job_key"), col("cluster"), col("match_key"), col("bucket"), col("job_start_s"), col("job_end_s"),
            col("match"), col("units"), col("g_unit"), col("duration_s"));
  }
}
