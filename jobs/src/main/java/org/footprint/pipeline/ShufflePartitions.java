package org.footprint.pipeline;

import java.io.IOException;
import java.util.Collection;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.footprint.io.HadoopFs;

/**
 * Sizes the shuffles to the input in local mode. bin/footprint starts with 8 shuffle partitions (Spark's 200 are
 * mostly empty tasks for the bundled samples), but a fixed count does not scale: at 10 M jobs (29 GB) each of 8
 * partitions held a gigabyte, sorted and spilled by two tasks in a 4 GB heap. One partition per
 * {@value #BYTES_PER_PARTITION} bytes of input, never fewer than the start; adaptive execution still merges the
 * small ones. Small inputs get one per core instead ({@link #forBytes(long, int, int)}). A count set by the user
 * (--conf, spark-submit) is never changed.
 *
 * <p>Adaptive execution is switched off for inputs smaller than {@value #ADAPTIVE_FROM_BYTES} bytes, on above.
 * It re-plans a query after each shuffle and runs every shuffle as a Spark job of its own: for the bundled
 * samples (13 MB) that was half of the run's ~110 jobs, each planned and scheduled on its own, with nothing to
 * adapt (a few partitions of a few megabytes, sides small enough to broadcast from their statistics). Large inputs
 * keep it: there it merges the many small partitions and splits skewed ones. A setting made by the user is kept.
 */
public final class ShufflePartitions {
  /** Set by Sessions when it chose the shuffle partition count itself, so that a run may fit it to its input. */
  public static final String AUTO = "footprint.shufflePartitions.auto";
  /** Set by Sessions when the user did not set {@link #ADAPTIVE}, so that a run may switch it by input size. */
  public static final String ADAPTIVE_AUTO = "footprint.adaptive.auto";
  public static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  static final long BYTES_PER_PARTITION = 256L << 20;
  static final long ADAPTIVE_FROM_BYTES = 256L << 20;
  private static final String KEY = "spark.sql.shuffle.partitions";

  private ShufflePartitions() {}

  /** @return the count in force after fitting */
  static int fit(SparkSession spark, Collection<String> inputFiles) {
    int current = Integer.parseInt(spark.conf().get(KEY));
    boolean partitions = Boolean.parseBoolean(spark.conf().get(AUTO, "false"));
    boolean adaptive = Boolean.parseBoolean(spark.conf().get(ADAPTIVE_AUTO, "false"));
    if (!partitions && !adaptive) {
      return current;
    }
    long bytes = bytes(inputFiles);
    if (adaptive) {
      spark.conf().set(ADAPTIVE, Boolean.toString(adaptiveFor(bytes)));
    }
    if (!partitions) {
      return current;
    }
    int n = forBytes(bytes, current, spark.sparkContext().defaultParallelism());
    spark.conf().set(KEY, Integer.toString(n));
    return n;
  }

  static boolean adaptiveFor(long bytes) {
    return bytes >= ADAPTIVE_FROM_BYTES;
  }

  private static long bytes(Collection<String> inputFiles) {
    long bytes = 0;
    for (String f : inputFiles) {
      try {
        Path p = new Path(f);
        bytes += HadoopFs.of(p).getFileStatus(p).getLen();
      } catch (IOException e) {
        // the reader reports an unreadable file with its name; it only counts for nothing here
      }
    }
    return bytes;
  }

  /**
   * Below {@value #ADAPTIVE_FROM_BYTES} bytes, where adaptive execution is off and nothing merges small partitions,
   * one per core (at most the start): the bundled samples' per-job query has 27 shuffle stages, and on 2 cores each
   * of their 8 tiny partitions was a task scheduled in four waves (8 → 2: the sample run 5–10 % shorter).
   */
  static int forBytes(long bytes, int start, int cores) {
    return adaptiveFor(bytes) ? forBytes(bytes, start) : Math.max(1, Math.min(start, cores));
  }

  static int forBytes(long bytes, int floor) {
    long n = (bytes + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION;
    return (int) Math.max(floor, Math.min(4000, n));
  }
}
