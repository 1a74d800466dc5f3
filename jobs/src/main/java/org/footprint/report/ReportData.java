package org.footprint.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.footprint.aggregate.SmallQuery;
import org.footprint.aggregate.SummaryRows;
import org.footprint.model.Schemas;

/**
 * Everything a report shows, collected to the driver. Only small tables are collected: the aggregated tables of
 * the output contract, and aggregates of {@code jobs} computed in Spark with a bounded number of rows per project
 * (top users, largest jobs, failed states, energy methods). The jobs table itself is never collected.
 */
record ReportData(List<Row> byProject, List<Row> byUser, List<Row> bySweep, List<Row> searchTotals,
    List<Row> byDay, List<Row> runSummary, List<Row> jobsPerProject, List<Row> failedByState,
    List<Row> topUsers, List<Row> topJobs) {

  /** Rows per project kept by the top-N aggregates. */
  static final int TOP_N = 10;

  /**
   * @param allJobs the published jobs table when the caller has it at hand (cached), else null: read it
   * @param summaries the summary tables when the caller has collected them, else null: read them
   * @param runSummary run_summary's rows when the caller has them, else null: read the table
   */
  static ReportData load(SparkSession spark, String outDir, Dataset<Row> allJobs, SummaryRows summaries,
      List<Row> runSummary) {
    spark.sparkContext().setJobGroup("footprint:report", "aggregate for the HTML report", false);
    try {
      Dataset<Row> jobs = (allJobs != null ? allJobs : table(spark, outDir, "jobs"))
          .select(ReportWriter.JOB_COLUMNS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
      if (allJobs == null) {
        jobs = jobs.persist(StorageLevel.MEMORY_AND_DISK()); // read by four aggregates
      }
      try {
        SummaryRows s = summaries != null ? summaries : new SummaryRows(collect(table(spark, outDir, "by_user")),
            collect(table(spark, outDir, "by_project")), collect(table(spark, outDir, "by_sweep")),
            collect(table(spark, outDir, "search_totals")));
        return new ReportData(
            s.byProject(),
            s.byUser(),
            s.bySweep(),
            s.searchTotals(),
            // in a fixed order: the daily chart adds the rows of a day up in list order, and the order a table is
            // read in follows its file layout
            collect(table(spark, outDir, "by_day").orderBy("day", "cluster", "project")),
            runSummary != null ? runSummary : collect(table(spark, outDir, "run_summary")),
            collect(jobsPerProject(jobs)),
            collect(failedByState(jobs)),
            collect(topUsers(jobs)),
            collect(topJobs(jobs)));
      } finally {
        if (allJobs == null) {
          jobs.unpersist();
        }
      }
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** A table of the output contract, read with its declared schema (so an empty table reads as no rows). */
  static Dataset<Row> table(SparkSession spark, String outDir, String name) {
    Path p = new Path(new Path(outDir, "tables"), name);
    try {
      if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
        throw new IllegalStateException("report: table " + name + " not found at " + p
            + " (write the tables before the report)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("report: cannot look for " + p, e);
    }
    // the pipeline swaps table folders in place: a listing cached earlier in this session would be stale
    spark.catalog().refreshByPath(p.toString());
    return spark.read().schema(Schemas.of(name)).parquet(p.toString());
  }

  /** Failed-job waste, energy by method and intensity coverage, per project. */
  static Dataset<Row> jobsPerProject(Dataset<Row> jobs) {
    return jobs.groupBy("project").agg(
        count(lit(1)).as("jobs"),
        countDistinct(col("user")).as("users"),
        sumOf(col("gpu_hours")).as("gpu_hours"),
        sumOf(col("energy_kwh")).as("energy_kwh"),
        sumOf(when(col("failed"), col("gpu_hours"))).as("failed_gpu_hours"),
        sumOf(when(col("failed"), col("energy_kwh"))).as("failed_energy_kwh"),
        sumOf(when(col("energy_method").equalTo("measured"), col("energy_kwh"))).as("energy_measured_kwh"),
        sumOf(when(col("energy_method").equalTo("sampled"), col("energy_kwh"))).as("energy_sampled_kwh"),
        sumOf(when(col("energy_method").equalTo("modelled"), col("energy_kwh"))).as("energy_modelled_kwh"),
        sumOf(col("energy_kwh").multiply(col("intensity_hourly_share"))).as("energy_hourly_kwh"),
        sumOf(col("energy_kwh").multiply(col("intensity_forecast_share"))).as("energy_forecast_kwh"),
        sumOf(col("gpu_hours").multiply(col("intensity_hourly_share"))).as("gpu_hours_hourly"));
  }

  /** Jobs that did not complete, per project and final state. */
  static Dataset<Row> failedByState(Dataset<Row> jobs) {
    return jobs.filter(col("failed")).groupBy("project", "state").agg(
        count(lit(1)).as("jobs"),
        sumOf(col("gpu_hours")).as("gpu_hours"),
        sumOf(col("energy_kwh")).as("energy_kwh"),
        sumOf(col("co2e_kg")).as("co2e_kg"));
  }

  /** The {@link #TOP_N} users with the most CO2e in each project. */
  static Dataset<Row> topUsers(Dataset<Row> jobs) {
    Dataset<Row> perUser = jobs.groupBy("project", "user").agg(
        count(lit(1)).as("jobs"),
        sumOf(col("failed").cast("long")).as("failed_jobs"),
        sumOf(col("gpu_hours")).as("gpu_hours"),
        sumOf(col("energy_kwh")).as("energy_kwh"),
        sumOf(col("co2e_kg")).as("co2e_kg"),
        sumOf(when(col("sweep_kind").isin("hpo", "nas"), col("co2e_kg"))).as("search_co2e_kg"));
    return top(perUser, col("co2e_kg").desc(), col("user").asc_nulls_last());
  }

  /** The {@link #TOP_N} jobs with the most CO2e in each project. */
  static Dataset<Row> topJobs(Dataset<Row> jobs) {
    return top(jobs, col("co2e_kg").desc(), col("cluster"), col("job_id"));
  }

  private static Dataset<Row> top(Dataset<Row> df, Column... order) {
    return df.withColumn("rank", row_number().over(Window.partitionBy("project").orderBy(order)))
        .filter(col("rank").leq(TOP_N));
  }

  private static Column sumOf(Column c) {
    return coalesce(sum(c), lit(0));
  }

  private static List<Row> collect(Dataset<Row> small) {
    return SmallQuery.collect(small);
  }
}
