package org.footprint.sink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.aggregate.SummaryPass;
import org.footprint.aggregate.SummaryRows;
import org.footprint.conf.FootprintConf;
import org.footprint.io.CacheScope;
import org.footprint.model.Schemas;
import org.footprint.report.ReportAssumptions;
import org.footprint.report.ReportOptions;
import org.footprint.report.ReportWriter;

/**
 * Publishes one run's tables into DIR as one commit: stage every table → the quality gate judges the staged run →
 * stage the summaries, by_day and the report, computed from the jobs as they will be published (this run's staged
 * days plus the published days outside its window) → commit ({@link OutputCommitter}: journal, renames). Nothing
 * in DIR changes before the commit, so a run killed while computing or writing leaves the previous run's output
 * whole; a run killed during the commit's renames leaves a journal the next run completes. Per-day tables (jobs)
 * replace exactly the window's days, or the whole table when the run has no window; so nightly runs accumulate.
 */
public final class Publisher {
  /** The resolved configuration beside the tables, committed with them: it always matches what is published. */
  public static final String RUN_CONF = "run_conf.yaml";
  /** What was published: small rows the CLI prints. */
  public record Published(List<Row> runSummary, SummaryRows summaries, long publishedDays,
      List<QualityGate.ReasonCount> topRejectReasons) {}

  private final SparkSession spark;
  private final String outDir;
  private final FootprintConf conf;
  private final boolean publishAnyway;
  private final Consumer<String> say;
  private final ReportAssumptions assumptions;

  public Publisher(SparkSession spark, String outDir, FootprintConf conf, boolean publishAnyway,
      Consumer<String> say, ReportAssumptions assumptions) {
    this.assumptions = assumptions;
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
    FaultPoint.reached("staged-jobs");
    staged.parquet(t.rejects(), "rejects");
    staged.csv(RejectsCsv.of(spark.read().schema(Schemas.of("rejects")).parquet(staged.tablePath("rejects"))),
        "rejects");
    staged.parquet(t.skipped(), "skipped");
    staged.parquet(t.intensityHourly(), "intensity_hourly");
    AtomicFile.write(new Path(commit.stagingDir(), RUN_CONF), t.runConf().getBytes(StandardCharsets.UTF_8));
    // local rows (RunSummary): written and collected without recomputing anything
    Dataset<Row> runSummary = t.runSummary();
    staged.parquet(runSummary, "run_summary");
    List<Row> summary = runSummary.collectAsList();
    staged.csv(summary, runSummary.schema(), "run_summary");

    // a bad night must not replace a good one: judged once, on the staged run, before anything is swapped in
    List<Row> rejectReasons = QualityFacts.rejectReasons(spark, commit);
    QualityGate.Facts quality = QualityFacts.collect(summary, rejectReasons, t.emptyInputs(), commit, days);
    new QualityGate(conf.quality).enforce(quality, publishAnyway, commit, say);

    phase.start("summaries", "staged jobs" + (days == null ? "" : " for " + days.size() + " day(s)")
        + "; summaries over all days");
    // summaries over every day the output will hold, not only this run's: staged, like everything else
    spark.sparkContext().setJobGroup("footprint:summaries", "summaries over all days", false);
    try (CacheScope kept = new CacheScope()) {
      Dataset<Row> allJobs = PublishedJobs.readCached(spark, commit, days, kept);
      // by_user, by_project, by_sweep, search_totals, by_day, the idle share's GPU-hours and the machine page's
      // per-cluster sums: one aggregation, collected once; every table is written from its rows
      SummaryPass pass = SummaryPass.of(allJobs, t.sweepSpecs(), MachineTables.idleZone(conf, t.machine()));
      // capacity, idle and the meter (node inventories, clusters.<c>.capacity, meter inputs); it fills the idle
      // columns of by_user and by_project, so it runs before they are written
      MachineTables.Staged machine = MachineTables.stage(allJobs, pass, conf, t.machine(), t.intensityHourly(),
          staged, commit.stagingDir());
      SummaryRows summaries = machine.summaries();
      SummaryTables.stage(spark, summaries, staged);
      FaultPoint.reached("summaries");

      phase.start("report", "writing the HTML report");
      ReportWriter.write(spark, commit.stagingDir(), new ReportOptions(conf.report.pseudonymiseUsers,
          conf.report.salt, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), conf.report.title), allJobs,
          summaries, pass, summary, rejectReasons, assumptions);
      FaultPoint.reached("report");

      phase.start("commit", "publishing the staged run into " + outDir);
      commit.commit(plan(commit, days, machine.names()), say);
      // Spark writes a day's folder only when it has rows: the days with jobs
      return new Published(summary, summaries, commit.publishedDays("tables/jobs").size(), quality.topReasons());
    }
  }

  /** Every rename of the commit: per-day jobs, the tables, the CSVs, the report's pages (its index last). */
  static List<OutputCommitter.Op> plan(OutputCommitter commit, List<LocalDate> days) {
    return plan(commit, days, List.of());
  }

  /** @param machine the machine tables staged (by_cluster_day, by_partition_day, reconciliation) */
  static List<OutputCommitter.Op> plan(OutputCommitter commit, List<LocalDate> days, List<String> machine) {
    List<OutputCommitter.Op> plan = new ArrayList<>();
    if (days == null) {
      commit.replace(plan, "tables/jobs");
    } else {
      commit.replaceDays(plan, "tables/jobs", days);
    }
    commit.replace(plan, "tables/by_day");
    for (String name : List.of("rejects", "skipped", "intensity_hourly", "run_summary")) {
      commit.replace(plan, "tables/" + name);
    }
    for (String name : SummaryTables.NAMES) {
      commit.replace(plan, "tables/" + name);
    }
    for (String name : List.of("run_summary", "rejects")) {
      commit.replace(plan, "csv/" + name + ".csv");
    }
    for (String name : SummaryTables.NAMES) {
      commit.replace(plan, "csv/" + name + ".csv");
    }
    for (String name : machine) {
      commit.replace(plan, "tables/" + name);
      commit.replace(plan, "csv/" + name + ".csv");
    }
    commit.replace(plan, RUN_CONF);
    commit.replaceFiles(plan, "report", "project-", "index.html");
    return plan;
  }

  /** Marks the start of a publishing phase: a key for run_stats.json and a line for the console. */
  @FunctionalInterface
  public interface PhaseMarker {
    void start(String key, String text);
  }
}
