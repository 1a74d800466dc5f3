package org.footprint.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.mode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.footprint.model.Schemas;

/** The summary tables of the output contract, each one aggregation over the jobs table. */
public final class Aggregates {
  /** The jobs columns the summaries read: what a reader of the published table needs to keep. */
  public static final List<String> COLUMNS = List.of("day", "cluster", "user", "project",
      "sweep_id", "sweep_kind", "sweep_role", "sweep_best", "failed", "start_utc", "end_utc", "gpu_hours",
      "energy_kwh", "energy_low_kwh", "energy_high_kwh", "co2e_kg", "co2e_low_kg", "co2e_high_kg", "cost_low_usd",
      "cost_high_usd",
      "co2e_market_kg", "co2e_marginal_kg", "avoidable_co2e_kg", "embodied_co2e_kg", "embodied_co2e_low_kg",
      "embodied_co2e_high_kg", "partition", "gpu_count", "nodes", // the machine tables (ClusterDay)
      "job_id", "name"); // by_sweep's run_trials

  /** market-based CO2e; jobs published before the column existed count at their location-based figure. */
  private static Column market() {
    return coalesce(col("co2e_market_kg"), col("co2e_kg"));
  }

  private Aggregates() {}

  public static Dataset<Row> byUser(Dataset<Row> jobs) {
    return Schemas.conform(totals(jobs, "user"), "by_user");
  }

  public static Dataset<Row> byProject(Dataset<Row> jobs) {
    return Schemas.conform(totals(jobs, "project"), "by_project");
  }

  /**
   * The sums every per-user, per-project and per-sweep row carries (after its job count), scope 3 included: one
   * list, read by these queries and by {@link SummaryPass}.
   */
  static List<Column> totalSums() {
    List<Column> sums = new ArrayList<>(List.of(
        sumOf(col("failed").cast("long")).as("failed_jobs"),
        sumOf(col("gpu_hours")).as("gpu_hours"),
        sumOf(col("energy_kwh")).as("energy_kwh"),
        sumOf(col("energy_low_kwh")).as("energy_low_kwh"),
        sumOf(col("energy_high_kwh")).as("energy_high_kwh"),
        sumOf(col("co2e_kg")).as("co2e_kg"),
        sumOf(col("co2e_low_kg")).as("co2e_low_kg"),
        sumOf(col("co2e_high_kg")).as("co2e_high_kg"),
        sumOf(when(col("failed"), col("co2e_kg"))).as("failed_co2e_kg"),
        sumOf(when(col("sweep_kind").equalTo("hpo"), col("co2e_kg"))).as("hpo_co2e_kg"),
        sumOf(when(col("sweep_kind").equalTo("nas"), col("co2e_kg"))).as("nas_co2e_kg"),
        sumOf(col("cost_low_usd")).as("cost_low_usd"),
        sumOf(col("cost_high_usd")).as("cost_high_usd"),
        sumOf(market()).as("co2e_market_kg"),
        sum("co2e_marginal_kg").as("co2e_marginal_kg"),
        sum("avoidable_co2e_kg").as("avoidable_co2e_kg")));
    sums.addAll(EmbodiedTotals.sums()); // scope 3
    return sums;
  }

  private static Dataset<Row> totals(Dataset<Row> jobs, String key) {
    List<Column> aggs = new ArrayList<>(List.of(count(lit(1)).as("jobs")));
    aggs.addAll(totalSums());
    return EmbodiedTotals.withTotal(jobs.groupBy(key)
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])))
        // idle capacity shared out (idle.share: proportional, IdleShare at publishing); null otherwise
        .withColumn("idle_kwh", lit(null).cast("double"))
        .withColumn("idle_co2e_kg", lit(null).cast("double"))
        .orderBy(col("co2e_kg").desc(), col(key));
  }

  public static Dataset<Row> bySweep(Dataset<Row> jobs) {
    return bySweep(jobs, null);
  }

  /** A sweep's job that counts as a trial: a Katib suggestion pod is search overhead, in the footprint only. */
  static Column isTrial() {
    return coalesce(col("sweep_role"), lit("trial")).notEqual("suggestion");
  }

  /**
   * Which trial a sweep's job belongs to: a Katib trial's pods (a PyTorchJob's master and workers, a Job's retries)
   * share their workload's name, which Katib sets to the trial's; elsewhere every job is one trial.
   */
  static Column trialKey() {
    return when(col("sweep_id").startsWith("katib:"), coalesce(col("name"), col("job_id")))
        .otherwise(concat_ws("/", col("cluster"), col("job_id")));
  }

  /**
   * @param specs what the sweep tools' specs plan per sweep (schemas/sweep_specs.ddl), or null when no input has
   *     one: joined in, so that a planned sweep without a job yet has its row with zero usage
   */
  public static Dataset<Row> bySweep(Dataset<Row> jobs, Dataset<Row> specs) {
    Column isTrial = isTrial();
    Column trialKey = trialKey();
    Dataset<Row> agg = jobs.filter(col("sweep_id").isNotNull())
        .groupBy("sweep_id", "sweep_kind")
        .agg(mode(col("cluster"), true).as("cluster"), mode(col("project"), true).as("project"),
            mode(col("user"), true).as("user"),
            // a Katib suggestion pod is search overhead of its sweep, not a trial: in the footprint, not the count
            sumOf(when(isTrial, lit(1L)).otherwise(lit(0L))).as("trials"),
            sumOf(when(isTrial.and(col("failed")), lit(1L)).otherwise(lit(0L))).as("failed_trials"),
            sumOf(col("gpu_hours")).as("gpu_hours"),
            sumOf(col("energy_kwh")).as("energy_kwh"),
            sumOf(col("co2e_kg")).as("co2e_kg"),
            sumOf(col("co2e_low_kg")).as("co2e_low_kg"),
            sumOf(col("co2e_high_kg")).as("co2e_high_kg"),
            sumOf(market()).as("co2e_market_kg"),
            sum("co2e_marginal_kg").as("co2e_marginal_kg"),
            sum("avoidable_co2e_kg").as("avoidable_co2e_kg"),
            min("start_utc").as("first_start_utc"),
            max("end_utc").as("last_end_utc"),
            // the best trial is known only where the sweep tool records it (Katib); Slurm arrays do not
            sum(when(col("sweep_best"), col("co2e_kg"))).as("best_trial_co2e_kg"),
            count_distinct(when(isTrial, trialKey)).as("run_trials"),
            EmbodiedTotals.kg(), EmbodiedTotals.lowKg(), EmbodiedTotals.highKg()); // scope 3
    Dataset<Row> out = specs == null ? withoutSpecs(agg) : withSpecs(agg, specs);
    out = out.withColumn("total_co2e_kg", col("co2e_kg").plus(col("embodied_co2e_kg")))
        .withColumn("search_overhead_factor", try_divide(col("co2e_kg"), col("best_trial_co2e_kg")))
        .orderBy(col("co2e_kg").desc(), col("sweep_id"));
    return Schemas.conform(out, "by_sweep");
  }

  private static Dataset<Row> withoutSpecs(Dataset<Row> agg) {
    return agg.withColumn("planned_trials", lit(null).cast("int"))
        .withColumn("parallel_trials", lit(null).cast("int"))
        .withColumn("max_failed_trials", lit(null).cast("int"))
        .withColumn("gpus_per_trial", lit(null).cast("double"));
  }

  /** Every sweep with jobs or a spec: what the jobs used (0 without jobs), what the spec planned (null without). */
  private static Dataset<Row> withSpecs(Dataset<Row> agg, Dataset<Row> specs) {
    // one spec per sweep: the same experiment named by two clusters' inputs shares one sweep_id, as its pods do
    Dataset<Row> one = specs
        .withColumn("rn", row_number().over(Window.partitionBy("sweep_id").orderBy(col("cluster").asc_nulls_last())))
        .filter(col("rn").equalTo(1))
        .select(col("sweep_id"), col("sweep_kind").as("spec_kind"), col("cluster").as("spec_cluster"),
            col("project").as("spec_project"), col("user").as("spec_user"), col("planned_trials"),
            col("parallel_trials"), col("max_failed_trials"), col("gpus_per_trial"));
    Dataset<Row> joined = agg.join(one, new String[] {"sweep_id"}, "full_outer")
        .withColumn("sweep_kind", coalesce(col("sweep_kind"), col("spec_kind"), lit("hpo")))
        .withColumn("cluster", coalesce(col("cluster"), col("spec_cluster")))
        .withColumn("project", coalesce(col("project"), col("spec_project")))
        .withColumn("user", coalesce(col("user"), col("spec_user")));
    for (String c : List.of("trials", "failed_trials", "run_trials")) {
      joined = joined.withColumn(c, coalesce(col(c), lit(0L)));
    }
    for (String c : List.of("gpu_hours", "energy_kwh", "co2e_kg", "co2e_low_kg", "co2e_high_kg", "co2e_market_kg",
        "embodied_co2e_kg", "embodied_co2e_low_kg", "embodied_co2e_high_kg")) {
      joined = joined.withColumn(c, coalesce(col(c), lit(0.0)));
    }
    return joined;
  }

  /** Per project and for all projects ("*"): single runs vs hyperparameter search vs architecture search. */
  public static Dataset<Row> searchTotals(Dataset<Row> jobs) {
    Dataset<Row> perProject = kindTotals(jobs.withColumn(PROJECT_OR_ALL, coalesce(col("project"), lit("(none)"))));
    Dataset<Row> all = kindTotals(jobs.withColumn(PROJECT_OR_ALL, lit("*")));
    Dataset<Row> rows = perProject.unionByName(all);
    Dataset<Row> projectTotal = rows.groupBy("project").agg(sum("co2e_kg").as("project_co2e_kg"));
    Dataset<Row> out = rows.join(projectTotal, "project")
        .withColumn("share_of_co2e", try_divide(col("co2e_kg"), col("project_co2e_kg")))
        .orderBy(col("project"), col("kind"));
    return Schemas.conform(out, "search_totals");
  }

  /** search_totals' grouping key: the job's project, or "*" for the all-projects rows. */
  private static final String PROJECT_OR_ALL = "project_or_all";

  private static Dataset<Row> kindTotals(Dataset<Row> jobs) {
    return jobs.groupBy(col(PROJECT_OR_ALL).as("project"), col("sweep_kind").as("kind"))
        .agg(count(lit(1)).as("jobs"), sumOf(col("gpu_hours")).as("gpu_hours"),
            sumOf(col("energy_kwh")).as("energy_kwh"), sumOf(col("co2e_kg")).as("co2e_kg"),
            sumOf(market()).as("co2e_market_kg"),
            sum("co2e_marginal_kg").as("co2e_marginal_kg"),
            EmbodiedTotals.kg(), EmbodiedTotals.lowKg(), EmbodiedTotals.highKg()) // scope 3
        .withColumn("total_co2e_kg", col("co2e_kg").plus(col("embodied_co2e_kg")));
  }

  public static Dataset<Row> byDay(Dataset<Row> jobs) {
    Dataset<Row> out = jobs.groupBy("day", "cluster", "project")
        .agg(count(lit(1)).as("jobs"), sumOf(col("failed").cast("long")).as("failed_jobs"),
            sumOf(col("gpu_hours")).as("gpu_hours"), sumOf(col("energy_kwh")).as("energy_kwh"),
            sumOf(col("co2e_kg")).as("co2e_kg"), sumOf(col("co2e_low_kg")).as("co2e_low_kg"),
            sumOf(col("co2e_high_kg")).as("co2e_high_kg"), sumOf(market()).as("co2e_market_kg"),
            sum("co2e_marginal_kg").as("co2e_marginal_kg"), sum("avoidable_co2e_kg").as("avoidable_co2e_kg"),
            EmbodiedTotals.kg(), EmbodiedTotals.lowKg(), EmbodiedTotals.highKg()) // scope 3
        .withColumn("total_co2e_kg", col("co2e_kg").plus(col("embodied_co2e_kg")));
    return Schemas.conform(out, "by_day");
  }

  /** sum that is 0, not null, over no matching rows: totals must add up. */
  static Column sumOf(Column c) {
    return coalesce(sum(c), lit(0));
  }
}
