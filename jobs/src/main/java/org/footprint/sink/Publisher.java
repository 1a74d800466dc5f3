package org.footprint.sink;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.aggregate.SmallQuery;
import org.footprint.aggregate.SummaryRows;
import org.footprint.conf.FootprintConf;
import org.footprint.model.Schemas;
import org.footprint.report.ReportOptions;
import org.footprint.report.ReportWriter;

/**
 * Publishes one run's tables into DIR: stage every table → the quality gate judges the staged run → swap in →
 * rebuild the summaries from every published day → the report. Per-day tables (jobs, by_day) replace exactly the
 * window's days, or the whole table when the run has no window; so nightly runs accumulate.
 */
public final class Publisher {
  /** What was published: small rows the CLI prints. */
  public record Published(List<Row> runSummary, SummaryRows summaries, long publishedDays,
      List<QualityGate.ReasonCount> topRejectReasons) {}

  private final SparkSession spark;
  private final String outDir;
  private final FootprintConf conf;
  private final boolean publishAnyway;
  private final Consumer<String> say;

  public Publisher(SparkSession spark, String outDir, FootprintConf conf, boolean publishAnyway,
      Consumer<String> say) {
    this.spark = spark;
    this.outDir = outDir;
    this.conf = conf;
    this.publishAnyway = publishAnyway;
    this.say = say;
  }

  /**
   * @param days the days this run owns (its window), or null: the run replaces every day
   * @param phase marks the start of a phase (key, text) for the progress line and run_stats.json
   */
  public Published publish(RunTables t, List<LocalDate> days, PhaseMarker phase) {
    phase.start("write_jobs", "writing per-job tables to a staging folder");
    OutputCommitter commit = new OutputCommitter(outDir);
    TableSink staged = new TableSink(commit.stagingDir());
    spark.sparkContext().setJobGroup("footprint:write", "write tables", false);
    staged.parquet(t.jobs(), "jobs", "day");
    SmallQuery.run(spark, () -> staged.parquet(t.byDay(), "by_day", "day")); // small: one Spark job, not three
    staged.parquet(t.rejects(), "rejects");
    staged.csv(RejectsCsv.of(spark.read().schema(Schemas.of("rejects")).parquet(staged.tablePath("rejects"))),
        "rejects");
    staged.parquet(t.skipped(), "skipped");
    staged.parquet(t.intensityHourly(), "intensity_hourly");
    // local rows (RunSummary): written and collected without recomputing anything
    Dataset<Row> runSummary = t.runSummary();
    staged.parquet(runSummary, "run_summary");
    staged.csv(runSummary, "run_summary");
    List<Row> summary = runSummary.collectAsList();

    // a bad night must not replace a good one: judged once, on the staged run, before anything is swapped in
    QualityGate.Facts quality = QualityFacts.collect(spark, summary, t.emptyInputs(), commit, days);
    new QualityGate(conf.quality).enforce(quality, publishAnyway, commit, say);
    for (String perDay : List.of("tables/jobs", "tables/by_day")) {
      if (days == null) {
        commit.swap(perDay);
      } else {
        commit.swapDays(perDay, days);
      }
    }
    for (String name : List.of("rejects", "skipped", "intensity_hourly", "run_summary")) {
      commit.swap("tables/" + name);
    }
    commit.swap("csv/run_summary.csv");
    commit.swap("csv/rejects.csv");

    phase.start("summaries", "published jobs" + (days == null ? "" : " for " + days.size() + " day(s)")
        + "; rebuilding summaries from all days");
    // summaries over every published day, not only this run's
    spark.sparkContext().setJobGroup("footprint:summaries", "summaries over all days", false);
    Dataset<Row> allJobs = PublishedJobs.readCached(spark, new TableSink(outDir));
    try {
      SummaryRows summaries = SummaryTables.publish(allJobs, staged, commit);
      ClusterDayTable.publish(allJobs, conf, staged, commit); // idle capacity (clusters.<c>.capacity)
      commit.cleanUp();

      phase.start("report", "writing the HTML report");
      ReportWriter.write(spark, outDir, new ReportOptions(conf.report.pseudonymiseUsers, conf.report.salt,
          Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), conf.report.title), allJobs, summaries, summary);
      // Spark writes a day's folder only when it has rows: the days with jobs
      return new Published(summary, summaries, commit.publishedDays("tables/jobs").size(), quality.topReasons());
    } finally {
      allJobs.unpersist();
    }
  }

  /** Marks the start of a publishing phase: a key for run_stats.json and a line for the console. */
  @FunctionalInterface
  public interface PhaseMarker {
    void start(String key, String text);
  }
}
