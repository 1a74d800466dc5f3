package org.footprint.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.footprint.pipeline.ShufflePartitions;

/**
 * The SparkSession: spark-submit's master and settings win; without one (bin/footprint, an IDE) it runs in
 * local mode with the UI off. The session time zone is always UTC: every timestamp in footprint is UTC.
 */
public final class Sessions {
  private Sessions() {}

  public static SparkSession create() {
    SparkConf sc = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName("footprint")
        .config("spark.sql.session.timeZone", "UTC")
        // reading a day-partitioned table lists its folders: a year is 365, which Spark by default lists with a
        // distributed job (threshold 32) each time the table is read; the driver lists a few thousand folders
        // faster than a job starts
        .config("spark.sql.sources.parallelPartitionDiscovery.threshold",
            sc.get("spark.sql.sources.parallelPartitionDiscovery.threshold", "4096"))
        // footprint caches a few intermediate tables, each read two or three times in the same run: compressing
        // the cached columns (dictionary statistics per value) cost more CPU than all the parsing — over half the
        // task time at 1 M jobs — and saved none
        .config("spark.sql.inMemoryColumnarStorage.compressed",
            sc.get("spark.sql.inMemoryColumnarStorage.compressed", "false"));
    if (!sc.contains("spark.master")) {
      b.master("local[*]")
          .config("spark.ui.enabled", sc.get("spark.ui.enabled", "false"))
          .config("spark.sql.shuffle.partitions", sc.get("spark.sql.shuffle.partitions", "8"))
          // a count the user did not set grows with the input (run.ShufflePartitions)
          .config(ShufflePartitions.AUTO,
              Boolean.toString(!sc.contains("spark.sql.shuffle.partitions")))
          // and adaptive execution is switched by the input's size unless the user chose (ShufflePartitions)
          .config(ShufflePartitions.ADAPTIVE_AUTO, Boolean.toString(!sc.contains(ShufflePartitions.ADAPTIVE)))
          .config("spark.driver.host", sc.get("spark.driver.host", "127.0.0.1"))
          // the progress bar helps at a terminal and floods a cron log: only when a person is watching
          .config("spark.ui.showConsoleProgress", sc.get("spark.ui.showConsoleProgress",
              Boolean.toString(System.console() != null)))
          .config("spark.sql.debug.maxToStringFields", sc.get("spark.sql.debug.maxToStringFields", "200"));
    }
    // Spark 4.2 race (docs/operations.md, "A Spark NullPointerException in the log"): every cached table
    // (Dataset.persist → CachedRDDBuilder) registers a PartitionKeyedAccumulator of per-partition row counts and
    // sizes; no setting turns it off. A task that fills the cache deserializes it with its closure, and
    // AccumulatorV2.readObject adds it to the task's metrics before the subclass's map has been read: for that
    // moment the map is null, and two heartbeat paths can read it then — the executor's (isZero, to drop zero
    // updates: the heartbeat task dies and the executor is declared lost) and the driver's (value(): an ERROR).
    // footprint itself no longer persists anything (io/CacheScope keeps rows as checkpoints, which have no such
    // accumulator), so its runs cannot meet the race; a session shared with other code (a notebook) still can,
    // and sending zero updates too (below) closes the executor's path for it, at a few kB per heartbeat.
    b.config("spark.executor.heartbeat.dropZeroAccumulatorUpdates",
        sc.get("spark.executor.heartbeat.dropZeroAccumulatorUpdates", "false"));
    return b.getOrCreate();
  }
}
