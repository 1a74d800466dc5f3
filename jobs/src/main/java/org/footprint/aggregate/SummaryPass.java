package org.footprint.aggregate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.mode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.io.SmallQuery;

/**
 * Every summary of the published jobs from ONE aggregation, collected once: by_user, by_project, by_sweep,
 * search_totals and by_day, the GPU-hours each user and project held per cluster and day (the idle share), and per
 * cluster the jobs' totals and first and last day (the machine tables and the report's machine page). Each job is
 * emitted once per table it counts in, tagged with the table and that table's keys, and one group-by over the tags
 * and keys computes every table's sums; a second, over the sweeps' jobs and the sweep tools' specs, what a sweep
 * needs a set or a tally for (both in one Spark job, see {@link #query}). The tables are then
 * derived from those few rows on the driver ({@link SummaryDerivations}), so no table costs a query of its own.
 *
 * <p>The sums are the ones the per-table queries ({@link Aggregates}) compute, bit for bit: a group's rows are
 * added in the same order (each input partition's rows in turn, then the partitions in order), only other tables'
 * rows are interleaved. by_sweep's distinct trial count is the size of the set of trial keys, which is what
 * count_distinct counts.
 */
public final class SummaryPass {
  /** The tag of a row of the aggregation: which table (or driver-side input) it belongs to. */
  static final String USER = "by_user";
  static final String PROJECT = "by_project";
  static final String SWEEP = "by_sweep";
  static final String KIND = "search_totals";
  static final String KIND_ALL = "search_totals*";
  static final String DAY = "by_day";
  static final String CLUSTER = "cluster";
  static final String HELD_USER = "held:user";
  static final String HELD_PROJECT = "held:project";
  static final String SPEC = "spec";
  static final String USER_SCOPE = "report:user";
  static final String CLUSTER_SCOPE = "report:cluster";
  static final String FAILED_STATE = "report:failed";

  /** A spec's fields, as the aggregation keeps them (the largest per sweep and cluster). */
  private static final String SPEC_TYPE = "struct<sweep_kind:string,project:string,user:string,"
      + "planned_trials:int,parallel_trials:int,max_failed_trials:int,gpus_per_trial:double>";

  static final String SET = "g_set";
  static final String A = "g_a";
  static final String B = "g_b";
  static final String C = "g_c";
  static final String D = "g_d";

  /** The rows of the one aggregation, by tag. */
  private final Map<String, List<Row>> rows;
  private final CompactRows sweeps;

  private SummaryPass(Map<String, List<Row>> rows, CompactRows sweeps) {
    this.rows = rows;
    this.sweeps = sweeps;
  }

  /**
   * @param jobs the published jobs (at least {@link Aggregates#COLUMNS})
   * @param specs the sweep tools' specs (schemas/sweep_specs.ddl), or null when no input has one
   * @param heldZone the day zone the idle share cuts jobs at days in, or null: no idle share (no held rows)
   */
  public static SummaryPass of(Dataset<Row> jobs, Dataset<Row> specs, String heldZone) {
    Dataset<Row> query = query(jobs, specs, heldZone);
    jobs.sparkSession().sparkContext().setJobDescription("aggregate the summaries (one pass)");
    // the sweeps' rows grow with the data (a row per job array and experiment: 0.33 M in a generated 10 M-job
    // year), so they are kept column by column as they arrive; every other table's rows are few. A sweep comes as
    // two rows, its sums and its attributes (in either order), completed in one compact row.
    CompactRows sweeps = new CompactRows(query.schema(), SWEEP_COLUMNS);
    int[] sums = sweeps.positions(query.schema(), SWEEP_COLUMNS.stream()
        .filter(c -> !SWEEP_ATTRIBUTES.contains(c)).toList());
    int[] attributes = sweeps.positions(query.schema(), SWEEP_ATTRIBUTES);
    Map<String, Map<String, Integer>> sweepAt = new HashMap<>(); // kind -> sweep_id -> row
    Map<String, List<Row>> bySet = new HashMap<>();
    int jobsAt = query.schema().fieldIndex("jobs"); // a count: null only on the attributes' rows
    SmallQuery.forEach(query, r -> {
      String set = r.getAs(SET);
      if (SWEEP.equals(set)) {
        boolean isSums = !r.isNullAt(jobsAt);
        Map<String, Integer> ofKind = sweepAt.computeIfAbsent(r.getAs(B), k -> new HashMap<>());
        Integer at = ofKind.get(r.<String>getAs(A));
        if (at == null) {
          ofKind.put(r.getAs(A), sweeps.add(r, isSums ? sums : attributes));
        } else {
          sweeps.fill(at, r, isSums ? sums : attributes);
        }
      } else {
        bySet.computeIfAbsent(set, k -> new ArrayList<>()).add(r);
      }
    });
    return new SummaryPass(bySet, sweeps);
  }

  /**
   * The aggregation, as one query: the tagged jobs' sums (a hash aggregate: sums, counts, minima and maxima of
   * numbers and times only) and beside it, over the sweeps' jobs alone, what needs a set or a count per value (the
   * distinct trials, the most frequent cluster, project and user) with the specs' largest per sweep and cluster.
   * Those would make the whole aggregation an object aggregate, which sorts its wide input rows once a task has
   * more than 128 groups (7.2 GB spilled at 10 M jobs); here only the narrow sweep rows are sorted. Both results
   * come out of one partition, so collecting them is one Spark job.
   */
  static Dataset<Row> query(Dataset<Row> jobs, Dataset<Row> specs, String heldZone) {
    Dataset<Row> tagged = tagged(jobs);
    if (heldZone != null) {
      tagged = tagged.unionByName(held(jobs, "user", HELD_USER, heldZone), true)
          .unionByName(held(jobs, "project", HELD_PROJECT, heldZone), true);
    }
    Dataset<Row> sums = tagged.groupBy(SET, A, B, C, D).agg(count(lit(1)).as("jobs"), measures());
    Column isTrial = Aggregates.isTrial();
    Dataset<Row> ofSweeps = jobs.filter(col("sweep_id").isNotNull()).select(lit(SWEEP).as(SET),
        col("sweep_id").as(A), col("sweep_kind").as(B), when(isTrial, Aggregates.trialKey()).as("trial_key"),
        col("cluster").as("sweep_cluster"), col("project").as("sweep_project"), col("user").as("sweep_user"),
        lit(null).cast(SPEC_TYPE).as("spec"));
    if (specs != null) {
      ofSweeps = ofSweeps.unionByName(specs.select(lit(SPEC).as(SET), col("sweep_id").as(A), col("cluster").as(B),
          struct(col("sweep_kind"), col("project"), col("user"), col("planned_trials"), col("parallel_trials"),
              col("max_failed_trials"), col("gpus_per_trial")).as("spec")), true);
    }
    Dataset<Row> attributes = ofSweeps.groupBy(SET, A, B).agg(
        size(collect_set(col("trial_key"))).as("run_trials"),
        mode(col("sweep_cluster"), true).as("sweep_cluster"),
        mode(col("sweep_project"), true).as("sweep_project"),
        mode(col("sweep_user"), true).as("sweep_user"),
        // the specs: one per sweep and cluster
        max(col("spec")).as("spec"));
    return sums.unionByName(attributes, true).coalesce(1);
  }

  /** What a sweep's attributes row brings (the rest of its kept columns come from its sums row). */
  private static final List<String> SWEEP_ATTRIBUTES = List.of("run_trials", "sweep_cluster", "sweep_project",
      "sweep_user");

  /** What by_sweep and the report's sweep pages read of a sweep's row (the other tables' sums are not kept). */
  private static final List<String> SWEEP_COLUMNS = List.of(A, B, "jobs", "trials", "failed_trials", "run_trials",
      "sweep_cluster", "sweep_project", "sweep_user", "gpu_hours", "energy_kwh", "co2e_kg", "co2e_low_kg",
      "co2e_high_kg", "best_trial_co2e_kg", "first_start_utc", "last_end_utc", "co2e_market_kg", "co2e_marginal_kg",
      "avoidable_co2e_kg", "embodied_co2e_kg", "embodied_co2e_low_kg", "embodied_co2e_high_kg",
      "energy_measured_kwh", "energy_sampled_kwh", "energy_modelled_kwh", "energy_hourly_kwh", "energy_forecast_kwh",
      "gpu_hours_hourly", "gpu_hours_default_util");

  /** The sweeps' rows (tag {@link #SWEEP}): keys A (sweep_id) and B (sweep_kind), then {@link #SWEEP_COLUMNS}. */
  CompactRows sweeps() {
    return sweeps;
  }

  /** The aggregation's rows of one tag (in no particular order); the sweeps' are {@link #sweeps()}. */
  List<Row> rows(String set) {
    return rows.getOrDefault(set, List.of());
  }

  /** The summary tables, in their table order; by_user and by_project with their idle columns null. */
  public SummaryRows tables() {
    return SummaryDerivations.tables(this);
  }

  /** The report's aggregates of the jobs (per project, user, cluster, failed state and sweep). */
  public ReportRows report() {
    return SummaryDerivations.report(this);
  }

  /**
   * What the report shows per scope, each row named as the report reads it: per project (jobs, users, how the
   * numbers were obtained, failed-job waste), per user × project × cluster, per cluster × zone × GPU model, per
   * project and final state of the failed jobs, per sweep.
   */
  public record ReportRows(List<Row> jobsPerProject, List<Row> userScope, List<Row> clusterScope,
      List<Row> failedByState, List<Row> sweepScope) {}

  /** GPU-hours held per cluster, day and user (or project): what the idle share divides by. */
  public record Held(String key, String cluster, Date day, double gpuHours) {}

  /** @param key "user" or "project" */
  public List<Held> held(String key) {
    List<Held> out = new ArrayList<>();
    for (Row r : rows("user".equals(key) ? HELD_USER : HELD_PROJECT)) {
      out.add(new Held(r.getAs(A), r.getAs(B), r.getAs(D), r.<Double>getAs("gpu_hours")));
    }
    return out;
  }

  /** One cluster's jobs: their first and last day and the sums the report's machine page divides. */
  public record ClusterJobs(String cluster, Date firstDay, Date lastDay, double energyKwh, double embodiedKg,
      double totalKg) {}

  /** Per cluster with jobs. */
  public Map<String, ClusterJobs> clusters() {
    Map<String, ClusterJobs> out = new LinkedHashMap<>();
    for (Row r : rows(CLUSTER)) {
      out.put(r.getAs(A), new ClusterJobs(r.getAs(A), r.getAs("first_day"), r.getAs("last_day"),
          r.<Double>getAs("energy_kwh"), r.<Double>getAs("embodied_co2e_kg"), r.<Double>getAs("total_co2e_kg")));
    }
    return out;
  }

  /** Each job once per table it counts in: the tag, the table's keys (A, B, D) and the columns the sums read. */
  private static Dataset<Row> tagged(Dataset<Row> jobs) {
    Column none = lit(null).cast("string");
    Column noDay = lit(null).cast("date");
    Column tags = array(
        tag(USER, col("user"), none, none, noDay),
        tag(PROJECT, col("project"), none, none, noDay),
        when(col("sweep_id").isNotNull(), tag(SWEEP, col("sweep_id"), col("sweep_kind"), none, noDay)),
        tag(KIND, coalesce(col("project"), lit("(none)")), col("sweep_kind"), none, noDay),
        tag(KIND_ALL, lit("*"), col("sweep_kind"), none, noDay),
        tag(DAY, col("cluster"), col("project"), none, col("day")),
        tag(CLUSTER, col("cluster"), none, none, noDay),
        // the report's scopes (by_project's rows are its per-project scope)
        tag(USER_SCOPE, col("user"), col("project"), col("cluster"), noDay),
        tag(CLUSTER_SCOPE, col("cluster"), col("region"), col("gpu_model"), noDay),
        // the report's per-sweep scope is by_sweep's rows (a sweep's rows of each kind added up)
        when(col("failed"), tag(FAILED_STATE, col("project"), col("state"), none, noDay)));
    Column isTrial = Aggregates.isTrial();
    Dataset<Row> each = jobs.withColumn("g", explode(tags)).filter(col("g").isNotNull());
    return each.select(col("g." + SET).as(SET), col("g." + A).as(A), col("g." + B).as(B), col("g." + C).as(C),
        col("g." + D).as(D), col("energy_method"), col("gpu_util_method"), col("intensity_hourly_share"),
        col("intensity_forecast_share"),
        col("failed"), col("gpu_hours"), col("energy_kwh"), col("energy_low_kwh"), col("energy_high_kwh"),
        col("co2e_kg"), col("co2e_low_kg"), col("co2e_high_kg"), col("sweep_kind"), col("sweep_best"),
        col("cost_low_usd"), col("cost_high_usd"), col("co2e_market_kg"), col("co2e_marginal_kg"),
        col("avoidable_co2e_kg"), col("embodied_co2e_kg"), col("embodied_co2e_low_kg"),
        col("embodied_co2e_high_kg"), col("start_utc"), col("end_utc"), col("day"),
        isTrial.as("is_trial"));
  }

  private static Column tag(String set, Column a, Column b, Column c, Column d) {
    return struct(lit(set).as(SET), a.as(A), b.as(B), c.as(C), d.as(D));
  }

  /** The GPU-hours each key held per cluster and day, every job cut at the days it ran on (as ClusterDay does). */
  private static Dataset<Row> held(Dataset<Row> jobs, String key, String set, String zone) {
    return JobDays.of(jobs.withColumn("project", col(key)), zone)
        .filter(col("gpu_hours").gt(0))
        .select(lit(set).as(SET), col("project").as(A), col("cluster").as(B), col("day").as(D), col("gpu_hours"));
  }

  /** Every table's sums (after "jobs"), in one list: a table reads its own, the rest cost a few bytes per group. */
  private static Column[] measures() {
    Column isTrial = col("is_trial");
    List<Column> m = new ArrayList<>(Aggregates.totalSums());
    m.addAll(List.of(
        // by_sweep
        sumOf(when(isTrial, lit(1L)).otherwise(lit(0L))).as("trials"),
        sumOf(when(isTrial.and(col("failed")), lit(1L)).otherwise(lit(0L))).as("failed_trials"),
        min("start_utc").as("first_start_utc"),
        max("end_utc").as("last_end_utc"),
        sum(when(col("sweep_best"), col("co2e_kg"))).as("best_trial_co2e_kg"),
        // per cluster (the machine page) and its days (ClusterDay's range)
        coalesce(sum(col("co2e_kg").plus(col("embodied_co2e_kg"))), lit(0.0)).as("total_co2e_kg"),
        min("day").as("first_day"),
        max("day").as("last_day"),
        // the report: how each scope's numbers were obtained, failed-job waste, search CO2e
        sumOf(when(col("energy_method").equalTo("measured"), col("energy_kwh"))).as("energy_measured_kwh"),
        sumOf(when(col("energy_method").equalTo("sampled"), col("energy_kwh"))).as("energy_sampled_kwh"),
        sumOf(when(col("energy_method").equalTo("modelled"), col("energy_kwh"))).as("energy_modelled_kwh"),
        sumOf(col("energy_kwh").multiply(col("intensity_hourly_share"))).as("energy_hourly_kwh"),
        sumOf(col("energy_kwh").multiply(col("intensity_forecast_share"))).as("energy_forecast_kwh"),
        sumOf(col("gpu_hours").multiply(col("intensity_hourly_share"))).as("gpu_hours_hourly"),
        sumOf(when(col("gpu_util_method").equalTo("default"), col("gpu_hours"))).as("gpu_hours_default_util"),
        sumOf(when(col("failed"), col("gpu_hours"))).as("failed_gpu_hours"),
        sumOf(when(col("failed"), col("energy_kwh"))).as("failed_energy_kwh"),
        sumOf(when(col("sweep_kind").isin("hpo", "nas"), col("co2e_kg"))).as("search_co2e_kg")));
    return m.toArray(new Column[0]);
  }

  private static Column sumOf(Column c) {
    return Aggregates.sumOf(c);
  }
}
