package org.footprint.run;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
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
import org.footprint.ingest.slurm.SacctReader;
import org.footprint.ingest.slurm.SlurmUsage;
import org.footprint.model.Reject;
import org.footprint.model.Schemas;
import org.footprint.sink.TableSink;

/**
 * One footprint run: ingest every input into canonical usage rows, compute each job's energy and carbon,
 * aggregate, write the output contract. The session is passed in: spark-submit decides where it runs.
 */
public final class FootprintRun {
  private final SparkSession spark;
  private final FootprintConf conf;
  private final RunOptions opts;

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

    spark.sparkContext().setJobGroup("footprint:ingest", "read sacct exports", false);
    Dataset<Row> records = SacctReader.read(spark, plan.sacct).persist(StorageLevel.MEMORY_AND_DISK());
    SlurmUsage.Result slurm = SlurmUsage.build(records);

    Dataset<Row> usage = slurm.usage().withColumn("day", Days.day(col("end_utc"), conf.output.dayZone));
    Column inWindow = lit(true);
    if (opts.from != null) {
      inWindow = inWindow.and(col("day").geq(lit(java.sql.Date.valueOf(opts.from))));
    }
    if (opts.to != null) {
      inWindow = inWindow.and(col("day").leq(lit(java.sql.Date.valueOf(opts.to))));
    }
    Dataset<Row> outside = usage.filter(not(inWindow))
        .withColumn("reason", lit("ended outside --from/--to (" + opts.from + " .. " + opts.to + ")"));
    Dataset<Row> skipped = slurm.skipped().unionByName(Schemas.conform(outside, "skipped"));
    usage = usage.filter(inWindow).drop("day");

    IntensityLoader.Loaded intensity = IntensityLoader.load(spark, plan.intensity, conf.carbon.signal);
    Dataset<Row> hourly = intensity.hourly().persist(StorageLevel.MEMORY_AND_DISK());

    spark.sparkContext().setJobGroup("footprint:jobs", "energy and carbon per job", false);
    Dataset<Row> occupancy = SlurmUsage.occupancy(records);
    Dataset<Row> jobs = JobFootprint.apply(usage, occupancy, hourly, conf, profiles)
        .persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> rejects = slurm.rejects().unionByName(intensityRejects(intensity.rejects()));
    Dataset<Row> runSummary = RunSummary.build(spark, slurm.counts(), outside, jobs, intensity);
    return new Tables(jobs, rejects, skipped, Aggregates.byUser(jobs), Aggregates.byProject(jobs),
        Aggregates.bySweep(jobs), Aggregates.searchTotals(jobs), Aggregates.byDay(jobs), runSummary, hourly);
  }

  public RunResult execute() {
    Tables t = compute();
    TableSink sink = new TableSink(opts.outDir);
    spark.sparkContext().setJobGroup("footprint:write", "write tables", false);
    sink.parquet(t.jobs(), "jobs", "day");
    sink.parquet(t.byDay(), "by_day", "day");
    sink.parquet(t.rejects(), "rejects");
    sink.parquet(t.skipped(), "skipped");
    // the small tables are computed once, then written to both Parquet and CSV
    Dataset<Row> byUser = t.byUser().cache();
    Dataset<Row> byProject = t.byProject().cache();
    Dataset<Row> bySweep = t.bySweep().cache();
    Dataset<Row> searchTotals = t.searchTotals().cache();
    Dataset<Row> runSummary = t.runSummary().cache();
    for (Object[] nt : new Object[][] {{"by_user", byUser}, {"by_project", byProject}, {"by_sweep", bySweep},
        {"search_totals", searchTotals}, {"run_summary", runSummary}}) {
      @SuppressWarnings("unchecked")
      Dataset<Row> df = (Dataset<Row>) nt[1];
      sink.parquet(df, (String) nt[0]);
      sink.csv(df, (String) nt[0]);
    }
    sink.parquet(t.intensityHourly(), "intensity_hourly");

    Row totals = t.jobs().agg(count(lit(1)), coalesce(sum("energy_kwh"), lit(0.0)), coalesce(sum("co2e_kg"), lit(0.0)),
        coalesce(sum("co2e_low_kg"), lit(0.0)), coalesce(sum("co2e_high_kg"), lit(0.0))).first();
    List<Row> top = byProject.limit(5).collectAsList();
    List<Row> search = searchTotals.filter(col("project").equalTo("*")).collectAsList();
    List<Row> summary = runSummary.collectAsList();
    return new RunResult(opts.outDir, summary, top, search, totals.getLong(0), totals.getDouble(1),
        totals.getDouble(2), totals.getDouble(3), totals.getDouble(4));
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
