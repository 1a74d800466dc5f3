package org.footprint.pipeline;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
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
  private static final String OUR_PACKAGE = "org.footprint.";
  /** Our frames that run work for a caller (caches, small-query settings): the caller's line is named instead. */
  private static final List<String> HELPERS = List.of("pipeline.SparkJobCounter", "io.");
  private static final String EXECUTION_ID = "spark.sql.execution.id";
  private static final String ROOT_EXECUTION_ID = "spark.sql.execution.root.id";
  /** Jobs neither our code nor one of our queries started (listing files, a listener's own work). */
  private static final String OTHER_SITE = "other";
  /** The group of jobs started outside any job group. */
  public static final String NO_GROUP = "none";
  private final SparkContext sc;
  private final AtomicInteger jobs = new AtomicInteger();
  private final AtomicInteger stages = new AtomicInteger();
  private final Map<String, AtomicInteger> jobsByGroup = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> jobsBySite = new ConcurrentHashMap<>();
  private final Map<Long, String> querySites = new ConcurrentHashMap<>();

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
    jobsBySite.computeIfAbsent(callSite(start), k -> new AtomicInteger()).incrementAndGet();
  }

  /**
   * What started the job: the first frame of our code in its call stack (Spark records it as the stage's details),
   * or, for the jobs adaptive execution and broadcasts start from their own threads, the call site of the SQL
   * query they belong to. A profile then names the line to change.
   */
  private String callSite(SparkListenerJobStart start) {
    String own = start.stageInfos().isEmpty() ? null : ourFrame(start.stageInfos().head().details());
    if (own != null) {
      return own;
    }
    String id = start.properties() == null ? null : start.properties().getProperty(ROOT_EXECUTION_ID,
        start.properties().getProperty(EXECUTION_ID));
    String query = id == null ? null : querySites.get(Long.parseLong(id));
    return query != null ? query : OTHER_SITE;
  }

  /** {@code sink.TableSink.csv(:111)} for the frame {@code org.footprint.sink.TableSink.csv(TableSink.java:111)}. */
  private static String ourFrame(String stack) {
    for (String line : stack.split("\n")) {
      String frame = line.strip();
      if (frame.startsWith(OUR_PACKAGE) && HELPERS.stream().noneMatch(h -> frame.startsWith(OUR_PACKAGE + h))) {
        return frame.substring(OUR_PACKAGE.length()).replaceFirst("\\([A-Za-z0-9_$]+\\.java:", "(:");
      }
    }
    return null;
  }

  @Override
  public void onOtherEvent(SparkListenerEvent event) {
    if (event instanceof SparkListenerSQLExecutionStart s) {
      String site = ourFrame(s.details());
      if (site != null) {
        querySites.put(s.executionId(), site);
      }
    }
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

  /** Jobs per call site (our first frame, e.g. {@code sink.Publisher.publish(:120)}), by site. */
  public Map<String, Integer> jobsByCallSite() {
    Map<String, Integer> out = new TreeMap<>();
    jobsBySite.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public void close() {
    sc.removeSparkListener(this);
  }
}
