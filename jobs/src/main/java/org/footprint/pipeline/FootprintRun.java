package org.footprint.pipeline;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.conf.RunConf;
import org.footprint.conf.Site;
import org.footprint.io.CacheScope;
import org.footprint.report.ReportAssumptions;
import org.footprint.sink.MachineInputs;
import org.footprint.sink.OutputCommitter;
import org.footprint.sink.OutputLock;
import org.footprint.sink.Publisher;
import org.footprint.sink.RunTables;
import org.footprint.source.InputPlan;
import org.footprint.source.Source;
import org.footprint.source.SourceResult;
import org.footprint.source.Sources;

/**
 * One footprint run: sources → window → {@link JobPipeline} → tables, then published ({@link Publisher}). The
 * session is passed in: spark-submit decides where it runs.
 */
public final class FootprintRun {
  private final SparkSession spark;
  private final FootprintConf conf;
  private final RunOptions opts;
  private final RunWindow window;
  private InputPlan plan;
  /** what compute() persisted, released when execute() is done (a long-lived session runs many nights). */
  private final CacheScope cache = new CacheScope();

  public FootprintRun(SparkSession spark, FootprintConf conf, RunOptions opts) {
    this.spark = spark;
    this.conf = conf;
    this.opts = opts;
    this.window = new RunWindow(opts.from, opts.to);
  }

  /** The run's inputs: planned by the command line, or here from the conf alone (tests, notebooks). */
  private InputPlan plan() {
    if (plan == null) {
      plan = opts.plan != null ? opts.plan : InputPlan.of(conf);
    }
    return plan;
  }

  /** What the run keeps until it is done, with the plans behind its cuts (plan tests read them). */
  CacheScope cache() {
    return cache;
  }

  /** All tables, computed but not written: tests call this directly. */
  public RunTables compute() {
    GpuProfiles profiles = GpuProfiles.load(conf);
    Site site = Site.of(conf, profiles);
    String runConf = RunConf.yaml(conf, site, plan().intensityInputs());
    if (opts.verbose) {
      opts.progress.line("the resolved configuration (written as run_conf.yaml):\n" + runConf.stripTrailing());
    }
    int partitions = ShufflePartitions.fit(spark, plan().files());
    opts.progress.phase("read", "reading " + plan().describe() + "; " + partitions + " shuffle partitions");
    SourceResult read = Sources.read(spark, new Source.Context(conf, profiles, cache), plan());
    // cut before the window's split: its inside, outside count and skipped rows all read the same usage rows
    // (Kubernetes' are joins after its own cut: each reader of them would join again)
    RunWindow.Split usage = window.split(cache.cut(read.usage()), conf.output.dayZone);
    Dataset<Row> hourly = cache.cut(read.table(SourceResult.INTENSITY_HOURLY));
    opts.progress.phase("energy_carbon", "computing energy and carbon per job");
    spark.sparkContext().setJobGroup("footprint:jobs", "energy and carbon per job", false);
    Dataset<Row> jobs = cache.cut(JobPipeline.of(site, read.table(SourceResult.OCCUPANCY),
        read.table(SourceResult.GPU_SAMPLES), read.table(SourceResult.INTENSITY_SLOTS),
        JobPipeline.CarbonSignals.of(read.table(SourceResult.INTENSITY_MARGINAL), conf), cache)
        .apply(usage.inside()));
    RunSummary.Result summary = RunSummary.build(spark, read.counts(), Sources.JOB_SOURCES, usage.outside(), jobs);
    return RunTables.of(jobs, read.rejects(), read.skipped().unionByName(usage.skipped()), summary.table(), hourly,
        read.emptyInputs(), summary.totals(), runConf, read.table(SourceResult.SWEEP_SPECS),
        new MachineInputs(site, read.table(SourceResult.NODE_INVENTORY), read.table(SourceResult.METER_READINGS)));
  }

  /**
   * Computes and publishes: the window's days (or every day) replaced, the summaries rebuilt over every published
   * day, all in one commit ({@link Publisher}); DIR/run_stats.json last.
   */
  public RunResult execute() {
    // one run at a time per --out (a second fails at once, before reading anything): interleaved swaps would mix runs
    try (OutputLock lock = OutputLock.acquire(opts.outDir,
        Duration.ofMinutes(Math.round(conf.output.lockStaleHours * 60)), opts.forceUnlock,
        opts.progress::phase);
        RunStatsRecorder stats = RunStatsRecorder.start(spark, opts.progress)) {
      // before anything else: a commit a killed run left half done is completed, its leftovers removed
      OutputCommitter.recover(opts.outDir, opts.progress::phase);
      RunTables t = compute();
      List<LocalDate> days = window.days(t.jobs());
      Publisher.Published p = new Publisher(spark, opts.outDir, conf, opts.publishAnyway, opts.progress::line,
          ReportAssumptions.of(conf, plan().intensityInputs())).publish(t, days, opts.progress::phase);
      RunResult r = RunResult.of(opts.outDir, p, t.thisRun(), days).withInputs(plan().summary());
      return r.withStats(stats.write(opts.outDir, r.runSummary()));
    } finally {
      // a refused or failed run too: a long-lived session (tests, a notebook) runs again
      cache.close();
    }
  }
}
