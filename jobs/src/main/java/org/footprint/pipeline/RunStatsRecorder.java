package org.footprint.pipeline;

import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.sink.AtomicFile;

/**
 * Records one run's statistics from its start to its publish: times the phases the run announces through
 * {@link Progress}, counts Spark jobs and stages, tracks the heap peak; then writes {@code DIR/run_stats.json}.
 */
final class RunStatsRecorder implements AutoCloseable {
  /** The time before the run's first announced phase: input listing, profiles, shuffle sizing. */
  static final String FIRST_PHASE = "setup";
  private final Progress progress;
  private final PhaseTimes phases = PhaseTimes.startingWith(FIRST_PHASE);
  private final SparkJobCounter counter;

  private RunStatsRecorder(SparkSession spark, Progress progress) {
    this.progress = progress;
    DriverHeap.resetPeak();
    this.counter = SparkJobCounter.attach(spark);
    progress.timeIn(phases);
  }

  static RunStatsRecorder start(SparkSession spark, Progress progress) {
    return new RunStatsRecorder(spark, progress);
  }

  /** The statistics so far, written atomically to {@code outDir/run_stats.json}. */
  RunStats write(String outDir, List<Row> runSummary) {
    counter.settle();
    RunStats stats = new RunStats(phases.seconds(), phases.totalSeconds(), counter.jobs(), counter.stages(),
        counter.jobsByGroup(), counter.jobsByCallSite(), RunStats.sourcesOf(runSummary), DriverHeap.peakBytes());
    AtomicFile.write(new Path(outDir, RunStats.FILE_NAME), stats.toJson());
    return stats;
  }

  @Override
  public void close() {
    progress.timeIn(null);
    counter.close();
  }
}
