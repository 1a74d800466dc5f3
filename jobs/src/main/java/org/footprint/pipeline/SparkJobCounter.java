package org.footprint.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;

/**
 * Counts the Spark jobs started and stages completed while it is attached: the fixed cost of a run is per job
 * (planning, code generation, scheduling), so the count is what issue 12 tracks. Everything the session's context
 * runs counts, including adaptive execution's shuffle-stage jobs and a listing job; stages skipped because their
 * shuffle output was reused never complete and are not counted.
 */
public final class SparkJobCounter extends SparkListener implements AutoCloseable {
  /** How long {@link #settle()} waits for the listener bus: it is normally empty within milliseconds. */
  private static final long SETTLE_MS = 10_000;
  /** The group of jobs started outside any job group. */
  public static final String NO_GROUP = "none";
  private final SparkContext sc;
  private final AtomicInteger jobs = new AtomicInteger();
  private final AtomicInteger stages = new AtomicInteger();
  private final Map<String, AtomicInteger> jobsByGroup = new ConcurrentHashMap<>();

  private SparkJobCounter(SparkContext sc) {
    this.sc = sc;
  }

  public static SparkJobCounter attach(SparkSession spark) {
    SparkJobCounter c = new SparkJobCounter(spark.sparkContext());
    c.sc.addSparkListener(c);
    return c;
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    jobs.incrementAndGet();
    // the job group travels with the job (phase lines do not: events arrive late), so per group is exact
    String g = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
    jobsByGroup.computeIfAbsent(g == null ? NO_GROUP : g.replaceFirst("^footprint:", ""), k -> new AtomicInteger())
        .incrementAndGet();
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted completed) {
    stages.incrementAndGet();
  }

  /**
   * Listener events arrive asynchronously: the last jobs' events may still be queued when the run returns. Waits
   * until the bus has delivered them (LiveListenerBus.waitUntilEmpty is Spark-internal but public in the
   * bytecode; a count a few events short is better than a failed run, so a timeout only logs).
   */
  public SparkJobCounter settle() {
    try {
      sc.listenerBus().waitUntilEmpty(SETTLE_MS);
    } catch (TimeoutException e) {
      LoggerFactory.getLogger(SparkJobCounter.class)
          .warn("Spark listener events still queued after {} ms: job counts may be short", SETTLE_MS);
    }
    return this;
  }

  public int jobs() {
    return jobs.get();
  }

  public int stages() {
    return stages.get();
  }

  /** Jobs per Spark job group (footprint's groups without their "footprint:" prefix), by name. */
  public Map<String, Integer> jobsByGroup() {
    Map<String, Integer> out = new TreeMap<>();
    jobsByGroup.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public void close() {
    sc.removeSparkListener(this);
  }
}
