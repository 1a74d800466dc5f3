package org.footprint.energy;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.footprint.io.HadoopFs;

/**
 * gpu_samples → one row per sample with the interval to the next sample of the same series (a board, or a
 * board and the pod its DCGM labels name): the segment the integration clips to each job. Segment energy:
 * <ul>
 *   <li>the energy counter's delta when both ends have one and it did not go down (NVML/DCGM counters see
 *       every millisecond, sampled power misses what happens between samples: docs/method.md);</li>
 *   <li>a counter that went down was reset (driver reload): the trapezoid of the two power readings is used
 *       for that interval when both exist, else the post-reset value (energy since the reload, a lower
 *       bound: what was drawn before the reload is lost);</li>
 *   <li>else the trapezoid rule on the two power readings.</li>
 * </ul>
 * Intervals longer than maxGapS, or with neither two counters nor two power readings, carry no energy and
 * count as not covered. Samples with neither power nor counter ([N/A]) are dropped first, so their neighbours
 * form one longer interval (covered if still within maxGapS).
 *
 * <p>Everything is window functions over the samples shuffled once by board (a 64-bit hash of cluster, node and
 * board leads the sort keys, so that sorting compares longs): lead() over (board, pod) in time order gives the
 * next sample; a second sort by (board, time, pod) counts the pods a time-sliced board is shared by at each
 * time (each gets an equal share) with lag() and a zero-width range frame — no window with one group per
 * sample, no per-row sets. Two identical samples (a log read twice) form a zero-length interval, which is
 * dropped: duplicates cannot double energy.
 */
final class SampleSeries {
  private SampleSeries() {}

  /** Canonical samples → points: time_s (epoch seconds, ms precision), board and pod keys, n samples each. */
  static Dataset<Row> points(Dataset<Row> samples) {
    Column podKey = when(col("pod").isNotNull(), concat(coalesce(col("namespace"), lit("")), lit("/"), col("pod")));
    return samples
        .filter(col("power_w").isNotNull().or(col("energy_mj").isNotNull()))
        .select(col("cluster"), col("node"),
            coalesce(col("gpu_index").cast("string"), col("gpu_uuid"), col("gpu_board"), lit("")).as("gpu_key"),
            podKey.as("pod_key"),
            unix_micros(col("ts_utc")).divide(1e6).as("time_s"),
            col("power_w"), col("energy_mj"), col("util"), lit(1L).as("n"));
  }

  /**
   * Average power, utilisation and counter per series and bucket of {@code seconds}, placed at the mean
   * sample time. The mean of a counter is its value at the mean time when power is steady within the bucket;
   * a bucket in which the counter went down (reset) keeps no counter and falls back to power.
   */
  static Dataset<Row> downsample(Dataset<Row> points, double seconds) {
    return points
        .groupBy(col("cluster"), col("node"), col("gpu_key"), col("pod_key"),
            floor(col("time_s").divide(seconds)).as("ds_bucket"))
        .agg(avg("time_s").as("time_s"), avg("power_w").as("power_w"), avg("util").as("util"),
            avg("energy_mj").as("energy_avg"),
            min_by(col("energy_mj"), col("time_s")).as("energy_first"),
            max_by(col("energy_mj"), col("time_s")).as("energy_last"),
            sum("n").as("n"))
        .withColumn("energy_mj", when(col("energy_last").geq(col("energy_first")), col("energy_avg")))
        .drop("ds_bucket", "energy_avg", "energy_first", "energy_last");
  }

  /** On-disk bytes of samples per partition of the board shuffle: rows grow several-fold in the sort. */
  private static final long BYTES_PER_PARTITION = 32L << 20;

  /**
   * Partitions of the board shuffle: the session's default, or more when the samples are read from files Spark
   * lists (Parquet, as in the benchmark): 50 M samples in 8 partitions sorted ~6 M rows per task in a 4 g heap and
   * spilled 14 GB; at 32 MB of input each, nothing spills. (The plan's size estimate is no guide: through the
   * readers' projections it is far off.) The log readers are not file scans: their shuffle keeps the default, which
   * spark-submit sets (spark.sql.shuffle.partitions) for the cluster's size.
   */
  static int boardPartitions(Dataset<Row> points) {
    int base = points.sparkSession().sessionState().conf().numShufflePartitions();
    long bytes = 0;
    try {
      for (String f : points.inputFiles()) {
        Path p = new Path(f);
        bytes += HadoopFs.of(p).getFileStatus(p).getLen();
      }
    } catch (IOException e) {
      return base; // sizing is an optimisation: a file that cannot be stat'ed will fail the read with its name
    }
    return (int) Math.max(base, Math.min(2048, bytes / BYTES_PER_PARTITION + 1));
  }

  /** The key a point is matched to jobs by: "pod:" + pod_key, or "node:" + node when it names no pod. */
  static Column matchKey() {
    return when(col("pod_key").isNotNull(), concat(lit("pod:"), col("pod_key")))
        .otherwise(concat(lit("node:"), col("node")));
  }

  /** The distinct (cluster, match_key) the points cover: a few per logged node and pod. */
  static Dataset<Row> matchKeys(Dataset<Row> points) {
    return points.select(col("cluster"), matchKey().as("match_key")).distinct();
  }

  /** Points → segments keyed for the join: cluster, match_key, bucket (floor(t / bucketS)). */
  static Dataset<Row> segments(Dataset<Row> points, double maxGapS, long bucketS) {
    Column matchKey = matchKey();
    // board_hash, a 64-bit hash of the board, leads every sort key: the sorts compare one long, not three strings,
    // except between rows of the same board (the string keys follow it, so a hash collision changes nothing)
    Column[] board = {col("board_hash"), col("cluster"), col("node"), col("gpu_key")};
    // a series is a board and its pod (match_key is "pod:" + pod_key, or "node:" + node when pod_key is null)
    WindowSpec series = Window.partitionBy(append(board, col("pod_key"))).orderBy(col("time_s"));
    // the pods sharing a board at one time: the first row of each (time_s, pod_key) counts one, summed over the
    // rows at that time (a range frame of width 0). Both windows sort by (board, time_s, pod_key): one sort; the
    // series' sort (board, pod_key, time_s) then receives rows already in order when the samples have no pods
    WindowSpec byTimeAndPod = Window.partitionBy(board).orderBy(col("time_s"), col("pod_key"));
    WindowSpec instant = Window.partitionBy(board).orderBy(col("time_s"))
        .rangeBetween(Window.currentRow(), Window.currentRow());
    Column firstOfPod = col("pod_key").isNotNull().and(not(
        lag(col("time_s"), 1).over(byTimeAndPod).eqNullSafe(col("time_s"))
            .and(lag(col("pod_key"), 1).over(byTimeAndPod).eqNullSafe(col("pod_key")))));

    Column dt = col("next_time_s").minus(col("time_s"));
    Column ok = col("next_time_s").isNotNull().and(dt.leq(maxGapS));
    Column c0 = col("energy_mj");
    Column c1 = col("next_energy_mj");
    Column counters = c0.isNotNull().and(c1.isNotNull());
    Column powers = col("power_w").isNotNull().and(col("next_power_w").isNotNull());
    Column counterJ = c1.minus(c0).divide(1000.0);
    Column trapezoidJ = dt.multiply(col("power_w").plus(col("next_power_w"))).divide(2.0);
    Column segmentJ = when(ok.and(counters).and(c1.geq(c0)), counterJ)
        .when(ok.and(powers), trapezoidJ)
        .when(ok.and(counters), c1.divide(1000.0));
    // the power line the clip integrates: the two readings for a trapezoid, the counter's mean power otherwise
    Column fromCounter = counters.and(c1.geq(c0).or(not(powers)));
    Column meanW = try_divide(col("segment_j"), dt);

    // one shuffle, by board: both windows are partitioned by the board plus more keys
    return points
        .withColumn("board_hash", xxhash64(col("cluster"), col("node"), col("gpu_key")))
        .repartition(boardPartitions(points), col("board_hash"))
        // pods first: Spark moves a window partitioned by fewer keys below one partitioned by more
        // (TransposeWindow), and the lag and the sum must stay adjacent to share their sort
        .withColumn("first_of_pod", when(firstOfPod, lit(1)).otherwise(lit(0)))
        .withColumn("pods", sum(col("first_of_pod")).over(instant))
        .withColumn("next_time_s", lead(col("time_s"), 1).over(series))
        .withColumn("next_power_w", lead(col("power_w"), 1).over(series))
        .withColumn("next_energy_mj", lead(col("energy_mj"), 1).over(series))
        .filter(col("next_time_s").isNull().or(col("next_time_s").gt(col("time_s"))))
        .withColumn("segment_j", segmentJ)
        .withColumn("seg_start_w", when(fromCounter, meanW).otherwise(col("power_w")))
        .withColumn("seg_end_w", when(fromCounter, meanW).otherwise(col("next_power_w")))
        .withColumn("pod_share", when(col("pods").gt(1), lit(1.0).divide(col("pods"))).otherwise(lit(1.0)))
        .withColumn("bucket", floor(col("time_s").divide(bucketS)))
        .select(col("cluster"), matchKey.as("match_key"), col("bucket"), col("gpu_key"),
            col("time_s").as("seg_start_s"), col("next_time_s").as("seg_end_s"), col("segment_j"), col("seg_start_w"),
            col("seg_end_w"), col("util"), col("n"), col("pod_share"));
  }

  private static Column[] append(Column[] cols, Column more) {
    Column[] all = Arrays.copyOf(cols, cols.length + 1);
    all[cols.length] = more;
    return all;
  }
}
