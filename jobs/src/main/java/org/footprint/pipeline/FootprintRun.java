package org.footprint.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.aggregate.Aggregates;
import org.footprint.carbon.MarketBased;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.conf.InputSpec;
import org.footprint.conf.Site;
import org.footprint.io.CacheScope;
import org.footprint.io.JobGroup;
import org.footprint.model.Schemas;
import org.footprint.report.ReportAssumptions;
import org.footprint.sink.OutputCommitter;
import org.footprint.sink.OutputLock;
import org.footprint.sink.Publisher;
import org.footprint.sink.RunTables;
import org.footprint.sink.RunTotals;
import org.footprint.source.Source;
import org.footprint.source.SourceResult;
import org.footprint.sink.MachineInputs;
import org.footprint.source.intensity.IntensitySource;
import org.footprint.source.inventory.InventorySource;
import org.footprint.source.kubernetes.KubernetesSource;
import org.footprint.source.meter.MeterSource;
import org.footprint.source.power.PowerSource;
import org.footprint.source.slurm.SlurmSource;

/**
 * One footprint run: ingest every input into canonical usage rows, compute each job's energy and carbon,
 * aggregate, write the output contract. The session is passed in: spark-submit decides where it runs.
 */
public final class FootprintRun {
  /** Every source, read in this order; each reads its own inputs of the plan (possibly none). */
  static final List<Source> SOURCES = List.of(new SlurmSource(), new KubernetesSource(), new PowerSource(),
      new IntensitySource(), new InventorySource(), new MeterSource());
  /** The sources whose records become jobs. */
  private static final Set<String> JOB_SOURCES = SOURCES.stream().filter(Source::yieldsJobs)
      .map(s -> s.kind().label()).collect(Collectors.toSet());
  private final SparkSession spark;
  private final FootprintConf conf;
  private final RunOptions opts;
  /** what compute() persisted, released when execute() is done (a long-lived session runs many nights). */
  private final CacheScope cache = new CacheScope();
  private InputPlan plan;

  public FootprintRun(SparkSession spark, FootprintConf conf, RunOptions opts) {
    this.spark = spark;
    this.conf = conf;
    this.opts = opts;
  }

  /** All tables, computed but not written: tests call this directly. */
  public RunTables compute() {
    GpuProfiles profiles = GpuProfiles.load(conf);
    InputPlan plan = plan();
    int partitions = ShufflePartitions.fit(spark, plan.files());

    opts.progress.phase("read", "reading " + describe(plan) + "; " + partitions + " shuffle partitions");
    SourceResult read = null;
    try (JobGroup g = JobGroup.of(spark, "footprint:ingest", "read inputs")) {
      Source.Context ctx = new Source.Context(conf, profiles, cache);
      for (Source source : SOURCES) {
        SourceResult one = source.read(spark, ctx, plan.of(source.kind()));
        read = read == null ? one : read.union(one);
      }
    }
    Dataset<Row> readerSkipped = read.skipped();
    Dataset<Row> readerRejects = read.rejects();
    Dataset<Row> samples = read.table(SourceResult.GPU_SAMPLES);

    Dataset<Row> usage = read.usage().withColumn("day", Days.day(col("end_utc"), conf.output.dayZone));
    Column inWindow = lit(true);
    if (opts.from != null) {
      inWindow = inWindow.and(col("day").geq(lit(Date.valueOf(opts.from))));
    }
    if (opts.to != null) {
      inWindow = inWindow.and(col("day").leq(lit(Date.valueOf(opts.to))));
    }
    Dataset<Row> outside = usage.filter(not(inWindow))
        .withColumn("reason", lit("ended outside --from/--to (" + opts.from + " .. " + opts.to + ")"));
    Dataset<Row> skipped = readerSkipped.unionByName(Schemas.conform(outside, "skipped"));
    usage = usage.filter(inWindow).drop("day");

    Dataset<Row> hourly = cache.keep(read.table(SourceResult.INTENSITY_HOURLY));
    Intensity intensity = new Intensity(read.table(SourceResult.INTENSITY_SLOTS));

    opts.progress.phase("energy_carbon", "computing energy and carbon per job");
    spark.sparkContext().setJobGroup("footprint:jobs", "energy and carbon per job", false);
    Dataset<Row> occupancy = read.table(SourceResult.OCCUPANCY);
    Site site = Site.of(conf, profiles);
    Dataset<Row> jobs = cache.keep(JobPipeline.of(site, occupancy, samples, intensity.slots(),
        new JobPipeline.CarbonSignals(MarketBased.of(conf), read.table(SourceResult.INTENSITY_MARGINAL), conf.carbon,
            conf.clusters, conf.whatif), cache)
        .apply(usage));

    Dataset<Row> rejects = readerRejects;
    Map<String, List<String>> emptyInputs = read.emptyInputs();
    Dataset<Row> sweepSpecs = read.table(SourceResult.SWEEP_SPECS);
    RunSummary.Result runSummary = RunSummary.build(spark, read.counts(), JOB_SOURCES, outside, jobs);
    return new RunTables(jobs, rejects, skipped, Aggregates.byUser(jobs), Aggregates.byProject(jobs),
        Aggregates.bySweep(jobs, sweepSpecs), Aggregates.searchTotals(jobs), Aggregates.byDay(jobs),
        runSummary.table(), hourly, emptyInputs, runSummary.totals(), sweepSpecs,
        new MachineInputs(site, read.table(SourceResult.NODE_INVENTORY), read.table(SourceResult.METER_READINGS)));
  }

  /**
   * Computes and publishes. Per-day tables (jobs, by_day) replace exactly the days of the window (--day,
   * --from/--to) or, without a window, the whole table; the summary tables are then rebuilt from every
   * published day, so nightly runs accumulate. All output goes through a staging folder and is committed at
   * once (sink.OutputCommitter); DIR/run_stats.json last.
   */
  public RunResult execute() {
    // one run at a time per --out (a second fails at once, before reading anything): interleaved swaps would mix runs
    try (OutputLock lock = OutputLock.acquire(opts.outDir,
        Duration.ofMinutes(Math.round(conf.output.lockStaleHours * 60)), opts.forceUnlock,
        opts.progress::phase);
        RunStatsRecorder stats = RunStatsRecorder.start(spark, opts.progress)) {
      // before anything else: a commit a killed run left half done is completed, its leftovers removed
      OutputCommitter.recover(opts.outDir, opts.progress::phase);
      RunResult r = publish();
      return r.withStats(stats.write(opts.outDir, r.runSummary()));
    } finally {
      // a refused or failed run too: a long-lived session (tests, a notebook) runs again
      cache.close();
    }
  }

  private RunResult publish() {
    RunTables t = compute();
    List<LocalDate> days = windowDays(t.jobs());
    Publisher.Published p = new Publisher(spark, opts.outDir, conf, opts.publishAnyway, opts.progress::line,
        ReportAssumptions.of(conf, intensitySources()))
        .publish(t, days, opts.progress::phase);
    return RunResult.of(opts.outDir, p.runSummary(), p.summaries(), t.thisRun(), days, p.publishedDays(),
        p.topRejectReasons()).withInputs(plan().summary());
  }

  /** The run's intensity inputs as the report names them. */
  private List<String> intensitySources() {
    return plan().of(InputSpec.Source.INTENSITY).stream()
        .map(i -> (i.options() == null || i.options().format() == null ? "auto" : i.options().format().toString()) + ": " + i.path())
        .toList();
  }

  /** The days a windowed run owns; null for a full run. */
  private List<LocalDate> windowDays(Dataset<Row> jobs) {
    if (opts.from == null && opts.to == null) {
      return null;
    }
    LocalDate from = opts.from;
    LocalDate to = opts.to;
    if (from == null || to == null) {
      // an open window reaches as far as this run's jobs do on its open side
      Row r = jobs.agg(org.apache.spark.sql.functions.min("day"), org.apache.spark.sql.functions.max("day")).first();
      if (r.isNullAt(0)) {
        return from != null ? List.of(from) : List.of(to);
      }
      from = from != null ? from : r.getDate(0).toLocalDate();
      to = to != null ? to : r.getDate(1).toLocalDate();
      if (to.isBefore(from)) {
        to = from;
      }
    }
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      out.add(d);
    }
    return out;
  }

  /** The run's inputs: planned by the command line, or here from the conf alone (tests, notebooks). */
  private InputPlan plan() {
    if (plan == null) {
      plan = opts.plan != null ? opts.plan : InputPlan.of(conf);
    }
    return plan;
  }

  /** "24 sacct files, 6 nvidia-smi files, ..." */
  private static String describe(InputPlan plan) {
    Map<String, Integer> files = new LinkedHashMap<>();
    plan.inputs().forEach(in -> files.merge(in.type().toString(), in.files().size(), Integer::sum));
    List<String> parts = new ArrayList<>();
    files.forEach((type, n) -> parts.add(n + " " + type + (n == 1 ? " file" : " files")));
    return parts.isEmpty() ? "no inputs" : String.join(", ", parts);
  }

  /** The carbon intensity the jobs are priced with, at each zone's native grain. */
  private record Intensity(Dataset<Row> slots) {}
}
