package org.footprint.run;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
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
import org.apache.spark.storage.StorageLevel;
import org.footprint.aggregate.Aggregates;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.conf.Paths;
import org.footprint.ingest.carbon.IntensityLoader;
import org.footprint.ingest.k8s.KubernetesInputs;
import org.footprint.ingest.k8s.KubernetesUsage;
import org.footprint.ingest.power.PowerSampleReader;
import org.footprint.ingest.slurm.SacctJsonReader;
import org.footprint.ingest.slurm.SacctReader;
import org.footprint.ingest.slurm.SlurmUsage;
import org.footprint.model.Reject;
import org.footprint.model.Schemas;
import org.footprint.sink.OutputCommitter;
import org.footprint.sink.TableSink;

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
  private final List<Dataset<Row>> persisted = new ArrayList<>();

  public FootprintRun(SparkSession spark, FootprintConf conf, RunOptions opts) {
    this.spark = spark;
    this.conf = conf;
    this.opts = opts;
  }

  /** All tables, computed but not written: tests call this directly. */
  public record Tables(Dataset<Row> jobs, Dataset<Row> rejects, Dataset<Row> skipped, Dataset<Row> byUser,
      Dataset<Row> byProject, Dataset<Row> bySweep, Dataset<Row> searchTotals, Dataset<Row> byDay,
      Dataset<Row> runSummary, Dataset<Row> intensityHourly) {}

  public Tables compute() {
    GpuProfiles profiles = GpuProfiles.read(Paths.resolve(conf, conf.gpuProfiles));
    InputPlan plan = InputPlan.of(conf, opts);
    List<KubernetesUsage.Inputs> k8sInputs = KubernetesInputs.of(conf);
    List<String> inputFiles = new ArrayList<>(plan.sacct.keySet());
    inputFiles.addAll(plan.sacctJson.keySet());
    inputFiles.addAll(plan.power.keySet());
    k8sInputs.forEach(k -> inputFiles.addAll(k.files()));
    int partitions = ShufflePartitions.fit(spark, inputFiles);

    opts.progress.phase("reading " + plan.sacct.size() + " sacct files, " + plan.sacctJson.size()
        + " sacct --json files, " + plan.power.size() + " GPU power logs, " + plan.intensity.stream()
        .mapToInt(i -> i.files().size()).sum() + " intensity files; " + partitions + " shuffle partitions");
    spark.sparkContext().setJobGroup("footprint:ingest", "read sacct exports", false);
    SlurmUsage.Result slurm = SlurmUsage.build(SacctReader.read(spark, plan.sacct)
        .unionByName(SacctJsonReader.read(spark, plan.sacctJson)));
    persisted.addAll(slurm.persisted());
    Map<String, Dataset<Row>> counts = new LinkedHashMap<>();
    counts.put(SlurmUsage.SOURCE, slurm.counts());
    Dataset<Row> allUsage = slurm.usage();
    Dataset<Row> readerSkipped = slurm.skipped();
    Dataset<Row> readerRejects = slurm.rejects();
    if (!k8sInputs.isEmpty()) {
      opts.progress.phase("reading Kubernetes dumps of " + k8sInputs.size() + " cluster(s)");
      SlurmUsage.Result k8s = KubernetesUsage.build(spark, k8sInputs, conf, profiles);
      persisted.addAll(k8s.persisted());
      counts.put(KubernetesUsage.SOURCE, k8s.counts());
      allUsage = allUsage.unionByName(k8s.usage());
      readerSkipped = readerSkipped.unionByName(k8s.skipped());
      readerRejects = readerRejects.unionByName(k8s.rejects());
    }

    Dataset<Row> samples = null;
    if (!plan.power.isEmpty()) {
      PowerSampleReader.Result power = PowerSampleReader.read(spark, plan.power);
      persisted.addAll(power.persisted());
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
    Dataset<Row> hourly = keep(intensity.hourly().persist(StorageLevel.MEMORY_AND_DISK()));

    opts.progress.phase(intensity.hourlyValues() + " hourly intensity values; computing energy and carbon per job");
    spark.sparkContext().setJobGroup("footprint:jobs", "energy and carbon per job", false);
    Dataset<Row> occupancy = SlurmUsage.occupancy(slurm.records());
    Dataset<Row> jobs = keep(JobFootprint.apply(usage, occupancy, samples, intensity.slots(), conf, profiles,
        persisted::add)
        .persist(StorageLevel.MEMORY_AND_DISK()));

    Dataset<Row> rejects = readerRejects.unionByName(intensityRejects(intensity.rejects()));
    Dataset<Row> runSummary = RunSummary.build(spark, counts, outside, jobs, intensity);
    return new Tables(jobs, rejects, skipped, Aggregates.byUser(jobs), Aggregates.byProject(jobs),
        Aggregates.bySweep(jobs), Aggregates.searchTotals(jobs), Aggregates.byDay(jobs), runSummary, hourly);
  }

  /**
   * Computes and publishes. Per-day tables (jobs, by_day) replace exactly the days of the window (--day,
   * --from/--to) or, without a window, the whole table; the summary tables are then rebuilt from every
   * published day, so nightly runs accumulate. All output goes through a staging folder and is swapped in.
   */
  public RunResult execute() {
    Tables t = compute();
    opts.progress.phase("writing per-job tables to a staging folder");
    OutputCommitter commit = new OutputCommitter(opts.outDir);
    TableSink staged = new TableSink(commit.stagingDir());
    TableSink published = new TableSink(opts.outDir);
    spark.sparkContext().setJobGroup("footprint:write", "write tables", false);
    staged.parquet(t.jobs(), "jobs", "day");
    staged.parquet(t.byDay(), "by_day", "day");
    staged.parquet(t.rejects(), "rejects");
    staged.parquet(t.skipped(), "skipped");
    staged.parquet(t.intensityHourly(), "intensity_hourly");
    Dataset<Row> runSummary = t.runSummary().cache();
    staged.parquet(runSummary, "run_summary");
    staged.csv(runSummary, "run_summary");

    List<LocalDate> days = windowDays(t.jobs());
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

    opts.progress.phase("published jobs" + (days == null ? "" : " for " + days.size() + " day(s)")
        + "; rebuilding summaries from all days");
    // summaries over every published day, not only this run's
    spark.sparkContext().setJobGroup("footprint:summaries", "summaries over all days", false);
    // a previous run in this session may have cached the same path: its listing is stale after the swap
    // read back even after a full run, whose cached jobs hold the same rows: a query over the cached table still
    // carries the whole pipeline's plan, and planning the summaries over it took longer than the read
    spark.catalog().refreshByPath(published.tablePath("jobs"));
    // only the columns the summaries and the report read are cached: the wide text columns (nodes, notes,
    // warnings) were most of the cost of caching the whole table
    java.util.Set<String> needed = new java.util.LinkedHashSet<>(Aggregates.COLUMNS);
    needed.addAll(org.footprint.report.ReportWriter.JOB_COLUMNS);
    Dataset<Row> allJobs = spark.read().schema(Schemas.of("jobs")).parquet(published.tablePath("jobs"))
        .select(needed.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new)).cache();
    Dataset<Row> byProject = Aggregates.byProject(allJobs).cache();
    Dataset<Row> searchTotals = Aggregates.searchTotals(allJobs).cache();
    Map<String, Dataset<Row>> summaries = new LinkedHashMap<>();
    summaries.put("by_user", Aggregates.byUser(allJobs));
    summaries.put("by_project", byProject);
    summaries.put("by_sweep", Aggregates.bySweep(allJobs));
    summaries.put("search_totals", searchTotals);
    for (Map.Entry<String, Dataset<Row>> e : summaries.entrySet()) {
      Dataset<Row> df = e.getValue().cache();
      e.setValue(df);
      staged.parquet(df, e.getKey());
      staged.csv(df, e.getKey());
      commit.swap("tables/" + e.getKey());
      commit.swap("csv/" + e.getKey() + ".csv");
    }
    commit.cleanUp();

    opts.progress.phase("writing the HTML report");
    org.footprint.report.ReportWriter.write(spark, opts.outDir, new org.footprint.report.ReportOptions(
        conf.report.pseudonymiseUsers, conf.report.salt,
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), conf.report.title),
        allJobs);

    Row totals = t.jobs().agg(count(lit(1)), coalesce(sum("energy_kwh"), lit(0.0)), coalesce(sum("co2e_kg"), lit(0.0)),
        coalesce(sum("co2e_low_kg"), lit(0.0)), coalesce(sum("co2e_high_kg"), lit(0.0))).first();
    List<Row> top = byProject.limit(5).collectAsList();
    List<Row> search = searchTotals.filter(col("project").equalTo("*")).collectAsList();
    List<Row> summary = runSummary.collectAsList();
    long allDays = allJobs.select("day").distinct().count();
    for (Dataset<Row> d : summaries.values()) {
      d.unpersist();
    }
    allJobs.unpersist();
    runSummary.unpersist();
    persisted.forEach(Dataset::unpersist);
    persisted.clear();
    return new RunResult(opts.outDir, summary, top, search, totals.getLong(0), totals.getDouble(1),
        totals.getDouble(2), totals.getDouble(3), totals.getDouble(4), days, allDays);
  }

  private Dataset<Row> keep(Dataset<Row> d) {
    persisted.add(d);
    return d;
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
          r.reason()));
    }
    return spark.createDataFrame(rows, Schemas.of("rejects"));
  }

}
