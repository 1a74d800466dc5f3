package org.footprint.pipeline;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Between the phase lines of a long run, one line every {@code everySeconds} with what Spark is doing: the phase's
 * job group, tasks finished, and rows so far (read: files and shuffles; written: shuffles and tables). A line only
 * when tasks finished since the last one, or five minutes passed: a cron log gets a few dozen lines a night, not
 * one per task. Spark's own console bar, when a person watches at a terminal, still shows each stage.
 */
public final class ProgressListener extends SparkListener implements AutoCloseable {
  private final Progress progress;
  private static final long QUIET_LINE_NS = 300_000_000_000L;
  private final AtomicLong tasks = new AtomicLong();
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private volatile String group = "starting";
  private long reportedTasks = -1;
  private long quietSince = System.nanoTime();
  private final ScheduledExecutorService timer;
  private final SparkSession spark;

  private ProgressListener(SparkSession spark, Progress progress, long everySeconds) {
    this.spark = spark;
    this.progress = progress;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "footprint-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::report, everySeconds, everySeconds, TimeUnit.SECONDS);
  }

  /** Registers on the session's context; close() stops the timer and removes the listener. */
  public static ProgressListener attach(SparkSession spark, Progress progress, long everySeconds) {
    ProgressListener l = new ProgressListener(spark, progress, everySeconds);
    spark.sparkContext().addSparkListener(l);
    return l;
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    String g = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
    if (g != null) {
      group = g.startsWith("footprint:") ? g.substring("footprint:".length()) : g;
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    tasks.incrementAndGet();
    if (end.taskMetrics() != null) {
      var m = end.taskMetrics();
      read.addAndGet(m.inputMetrics().recordsRead() + m.shuffleReadMetrics().recordsRead());
      written.addAndGet(m.shuffleWriteMetrics().recordsWritten() + m.outputMetrics().recordsWritten());
    }
  }

  private synchronized void report() {
    long t = tasks.get();
    // a line when tasks finished since the last one, and at least every 5 minutes while long tasks run
    if (t == reportedTasks && System.nanoTime() - quietSince < QUIET_LINE_NS) {
      return;
    }
    reportedTasks = t;
    quietSince = System.nanoTime();
    progress.line(String.format(Locale.ROOT, "  … %s: %,d Spark tasks done; rows so far: %,d read, %,d written",
        group, t, read.get(), written.get()));
  }

  @Override
  public void close() {
    timer.shutdownNow();
    spark.sparkContext().removeSparkListener(this);
  }
}
