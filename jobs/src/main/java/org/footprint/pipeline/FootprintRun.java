package org.footprint.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.aggregate.Aggregates;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.conf.Paths;
import org.footprint.io.CacheScope;
import org.footprint.source.intensity.IntensityLoader;
import org.footprint.source.kubernetes.KubernetesInputs;
import org.footprint.source.kubernetes.KubernetesUsage;
import org.footprint.source.power.PowerSampleReader;
import org.footprint.source.slurm.SacctJsonReader;
import org.footprint.source.slurm.SacctReader;
import org.footprint.source.slurm.SlurmUsage;
import org.footprint.model.Reject;
import org.footprint.model.Schemas;
import org.footprint.sink.OutputCommitter;
import org.footprint.sink.OutputLock;
import org.footprint.sink.Publisher;
import org.footprint.sink.RunTables;
import org.footprint.sink.RunTotals;

/**
 * One footprint run: ingest every input into canonical usage rows, compute each job's energy and carbon,
 * aggregate, write the output contract. The session is passed in: spark-submit decides where it runs.
 */
public final class FootprintRun {
  /** run_summary source of the GPU power samples (nvidia-smi, dcgm). */
  public static final String POWER = "power";
  private final SparkSession spark;
  private final FootprintConf conf;
  private final RunOptions opts;
  /** what compute() persisted, released when execute() is done (a long-lived session runs many nights). */
  private final CacheScope cache = new CacheScope();

  public FootprintRun(SparkSession spark, FootprintConf conf, RunOptions opts) {
    this.spark = spark;
    this.conf = conf;
    this.opts = opts;
  }

  /** All tables, computed but not written: tests call this directly. */
  public RunTables compute() {
    GpuProfiles profiles = GpuProfiles.read(Paths.resolve(conf, conf.gpuProfiles));
    InputPlan plan = InputPlan.of(conf, opts);
    List<KubernetesUsage.Inputs> k8sInputs = KubernetesInputs.of(conf);
    List<String> inputFiles = new ArrayList<>(plan.sacct.keySet());
    inputFiles.addAll(plan.sacctJson.keySet());
    inputFiles.addAll(plan.power.keySet());
    k8sInputs.forEach(k -> inputFiles.addAll(k.files()));
    int partitions = ShufflePartitions.fit(spark, inputFiles);

    opts.progress.phase("read", "reading " + plan.sacct.size() + " sacct files, " + plan.sacctJson.size()
        + " sacct --json files, " + plan.power.size() + " GPU power logs, " + plan.intensity.stream()
        .mapToInt(i -> i.files().size()).sum() + " intensity files; " + partitions + " shuffle partitions");
    spark.sparkContext().setJobGroup("footprint:ingest", "read sacct exports", false);
    SlurmUsage.Result slurm = SlurmUsage.build(SacctReader.read(spark, plan.sacct)
        .unionByName(SacctJsonReader.read(spark, plan.sacctJson)));
    cache.adoptAll(slurm.persisted());
    Map<String, Dataset<Row>> counts = new LinkedHashMap<>();
    counts.put(SlurmUsage.SOURCE, slurm.counts());
    Dataset<Row> allUsage = slurm.usage();
    Dataset<Row> readerSkipped = slurm.skipped();
    Dataset<Row> readerRejects = slurm.rejects();
    if (!k8sInputs.isEmpty()) {
      opts.progress.phase("read_kubernetes", "reading Kubernetes dumps of " + k8sInputs.size() + " cluster(s)");
      SlurmUsage.Result k8s = KubernetesUsage.build(spark, k8sInputs, conf, profiles);
      cache.adoptAll(k8s.persisted());
      counts.put(KubernetesUsage.SOURCE, k8s.counts());
      allUsage = allUsage.unionByName(k8s.usage());
      readerSkipped = readerSkipped.unionByName(k8s.skipped());
      readerRejects = readerRejects.unionByName(k8s.rejects());
    }

    Dataset<Row> samples = null;
    if (!plan.power.isEmpty()) {
      PowerSampleReader.Result power = PowerSampleReader.read(spark, plan.power);
      cache.adoptAll(power.persisted());
      counts.put(POWER, power.counts());
      readerRejects = readerRejects.unionByName(power.rejects());
      readerSkipped = readerSkipped.unionByName(power.skipped());
      samples = power.samples();
    }

    Dataset<Row> usage = allUsage.withColumn("day", Days.day(col("end_utc"), conf.output.dayZone));
    Column inWindow = lit(true);
    if (opts.from != null) {
      inWindow = inWindow.and(col("day").geq(lit(java.sql.Date.valueOf(opts.from))));
    }
    if (opts.to != null) {
      inWindow = inWindow.and(col("day").leq(lit(java.sql.Date.valueOf(opts.to))));
    }
    Dataset<Row> outside = usage.filter(not(inWindow))
        .withColumn("reason", lit("ended outside --from/--to (" + opts.from + " .. " + opts.to + ")"));
    Dataset<Row> skipped = readerSkipped.unionByName(Schemas.conform(outside, "skipped"));
    usage = usage.filter(inWindow).drop("day");

    IntensityLoader.Loaded intensity = IntensityLoader.load(spark, plan.intensity, conf.carbon.signal);
    Dataset<Row> hourly = cache.keep(intensity.hourly());

    opts.progress.phase("energy_carbon",
        intensity.hourlyValues() + " hourly intensity values; computing energy and carbon per job");
    spark.sparkContext().setJobGroup("footprint:jobs", "energy and carbon per job", false);
    Dataset<Row> occupancy = SlurmUsage.occupancy(slurm.records());
    Dataset<Row> jobs = cache.keep(JobFootprint.apply(usage, occupancy, samples, intensity.slots(), conf, profiles,
        cache::adopt));

    Dataset<Row> rejects = readerRejects.unionByName(intensityRejects(intensity.rejects()));
    Map<String, List<String>> emptyInputs = EmptyInputs.sacct(plan, slurm.records());
    RunSummary.Result runSummary = RunSummary.build(spark, counts, outside, jobs, intensity, emptyInputs);
    return new RunTables(jobs, rejects, skipped, Aggregates.byUser(jobs), Aggregates.byProject(jobs),
        Aggregates.bySweep(jobs), Aggregates.searchTotals(jobs), Aggregates.byDay(jobs), runSummary.table(), hourly,
        emptyInputs, runSummary.totals());
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
        java.time.Duration.ofMinutes(Math.round(conf.output.lockStaleHours * 60)), opts.forceUnlock,
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
    Publisher.Published p = new Publisher(spark, opts.outDir, conf, opts.publishAnyway, opts.progress::phase)
        .publish(t, days, opts.progress::phase);
    return RunResult.of(opts.outDir, p.runSummary(), p.summaries(), t.thisRun(), days, p.publishedDays(),
        p.topRejectReasons());
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

  private Dataset<Row> intensityRejects(List<Reject> rejects) {
    List<Row> rows = new ArrayList<>();
    for (Reject r : rejects) {
      rows.add(org.apache.spark.sql.RowFactory.create(r.source(), r.cluster(), r.file(), r.line(), r.raw(),
          r.reason(), org.footprint.model.RejectCodes.of(r.reason())));
    }
    return spark.createDataFrame(rows, Schemas.of("rejects"));
  }

}
