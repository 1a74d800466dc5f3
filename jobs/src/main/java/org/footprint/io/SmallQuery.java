package org.footprint.io;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a query whose shuffles and result are small (an aggregate after its partial aggregation, a window top-N
 * after its group limit: dozens to thousands of rows) as one Spark job. Under adaptive execution each shuffle is a
 * job of its own, re-planned after the one before, and a global sort adds a sampling job: a sorted aggregate took
 * four jobs, search_totals nine. Planned without adaptive execution and with one shuffle partition, the stages form
 * one job and the sort needs no sample (a one-partition range partitioner has no bounds to find); joins are not
 * broadcast, as a broadcast is a job too and a sort-merge join of two small sides costs nothing. Partial
 * aggregates still run on every input partition and are merged in the same order, so the sums are the same.
 */
public final class SmallQuery {
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  private static final String PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String BROADCAST = "spark.sql.autoBroadcastJoinThreshold";

  private SmallQuery() {}

  public static List<Row> collect(Dataset<Row> query) {
    return run(query.sparkSession(), query::collectAsList);
  }

  /**
   * Hands each row of {@code query} to {@code each} as it is decoded, rather than holding every row at once: for a
   * result that is small next to the data but large next to the driver's heap (a row per sweep of a year). With one
   * shuffle partition the result is one partition: one Spark job, as {@link #collect}.
   */
  public static void forEach(Dataset<Row> query, Consumer<Row> each) {
    run(query.sparkSession(), () -> query.toLocalIterator().forEachRemaining(each));
  }

  /** Writes (or does anything else with) small queries under the settings above. */
  public static void run(SparkSession spark, Runnable action) {
    run(spark, () -> {
      action.run();
      return null;
    });
  }

  /** Runs {@code action} with the settings above; the session's own are restored after (the plan is made inside). */
  public static <T> T run(SparkSession spark, Supplier<T> action) {
    RuntimeConfig conf = spark.conf();
    String adaptive = conf.get(ADAPTIVE);
    String partitions = conf.get(PARTITIONS);
    String broadcast = conf.get(BROADCAST);
    conf.set(ADAPTIVE, "false");
    conf.set(PARTITIONS, "1");
    conf.set(BROADCAST, "-1");
    try {
      return action.get();
    } finally {
      conf.set(ADAPTIVE, adaptive);
      conf.set(PARTITIONS, partitions);
      conf.set(BROADCAST, broadcast);
    }
  }
}
