package org.footprint.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.footprint.aggregate.Aggregates;
import org.footprint.aggregate.RejectReasons;
import org.footprint.io.SmallQuery;
import org.footprint.aggregate.SummaryPass;
import org.footprint.aggregate.SummaryRows;
import org.footprint.io.CacheScope;
import org.footprint.model.Schemas;

/**
 * Everything a report shows, collected to the driver. Only small tables are collected: the aggregated tables of
 * the output contract, the aggregates of {@code jobs} per project, user, cluster, failed state and sweep (rows of
 * the summaries' one aggregation, {@link SummaryPass}), and, in one more query, the largest jobs per project and
 * per user and the listed trials of the largest sweeps. The jobs table itself is never collected; names are cut to what the report shows.
 */
record ReportData(List<Row> byProject, List<Row> byUser, List<Row> bySweep, List<Row> searchTotals,
    List<Row> byDay, List<Row> runSummary, List<Row> jobsPerProject, List<Row> failedByState,
    List<Row> userScope, List<Row> topJobs, List<Row> clusterScope, List<Row> topJobsByUser,
    List<Row> sweepTrials, List<Row> sweepScope, List<Row> rejectReasons, ReportSweeps sweeps) {

  /** Every sweep of {@code bySweep} shown, its counts from its rows (a report of a few sweeps, tests). */
  ReportData(List<Row> byProject, List<Row> byUser, List<Row> bySweep, List<Row> searchTotals,
      List<Row> byDay, List<Row> runSummary, List<Row> jobsPerProject, List<Row> failedByState,
      List<Row> userScope, List<Row> topJobs, List<Row> clusterScope, List<Row> topJobsByUser,
      List<Row> sweepTrials, List<Row> sweepScope, List<Row> rejectReasons) {
    this(byProject, byUser, bySweep, searchTotals, byDay, runSummary, jobsPerProject, failedByState, userScope,
        topJobs, clusterScope, topJobsByUser, sweepTrials, sweepScope, rejectReasons, ReportSweeps.all(bySweep));
  }

  /** Rows per project (and per user) kept by the top-N aggregates. */
  static final int TOP_N = 10;
  /** Sweeps that get a page of their own: the largest, at most this many. */
  static final int SWEEP_PAGES = 300;
  /** Trials listed on a sweep page (the best trial first, then by CO2e). */
  static final int TRIALS_PER_PAGE = 100;
  /** Characters of a job name collected: the report shows at most {@link Fmt#MAX_TEXT}. */
  static final int NAME_CHARS = Fmt.MAX_TEXT + 1;

  /**
   * @param allJobs the published jobs table when the caller has it at hand (cached), else null: read it
   * @param summaries the summary tables when the caller has collected them, else null: read them
   * @param pass the summaries' one aggregation of the jobs when the caller has it, else null: computed here (its
   *     rows hold the report's per-scope aggregates)
   * @param runSummary run_summary's rows when the caller has them, else null: read the table
   */
  static ReportData load(SparkSession spark, String outDir, Dataset<Row> allJobs, SummaryRows summaries,
      SummaryPass pass, List<Row> runSummary) {
    return load(spark, outDir, allJobs, summaries, pass, runSummary, null);
  }

  /**
   * @param rejectReasons the rejects table's {@link RejectReasons} rows when the caller has them, else null:
   *     aggregated here
   */
  static ReportData load(SparkSession spark, String outDir, Dataset<Row> allJobs, SummaryRows summaries,
      SummaryPass pass, List<Row> runSummary, List<Row> rejectReasons) {
    spark.sparkContext().setJobGroup("footprint:report", "aggregate for the HTML report", false);
    try (CacheScope kept = new CacheScope()) {
      Dataset<Row> whole = allJobs;
      if (allJobs == null) {
        Set<String> needed = new LinkedHashSet<>(Aggregates.COLUMNS);
        needed.addAll(ReportWriter.JOB_COLUMNS);
        // read by the aggregation and the top-N lists below
        whole = kept.cut(table(spark, outDir, "jobs")
            .select(needed.stream().map(Column::new).toArray(Column[]::new)));
      }
      Dataset<Row> jobs = whole.select(ReportWriter.JOB_COLUMNS.stream().map(Column::new).toArray(Column[]::new));
      SummaryPass.ReportRows scopes = (pass != null ? pass : SummaryPass.of(whole, null, null)).report();
      SummaryRows s = summaries != null ? summaries : new SummaryRows(collect(table(spark, outDir, "by_user")),
          collect(table(spark, outDir, "by_project")), collect(table(spark, outDir, "by_sweep")),
          collect(table(spark, outDir, "search_totals")),
          // in a fixed order: the daily chart adds the rows of a day up in list order, and the order a table is
          // read in follows its file layout
          collect(table(spark, outDir, "by_day").orderBy("day", "cluster", "project")));
      // the sweeps a page can show (by_sweep has a row per sweep of every published day)
      ReportSweeps sweeps = ReportSweeps.of(s.bySweep());
      List<String> pages = sweepPages(sweeps.shown());
      Map<String, List<Row>> lists = topLists(jobs, pages);
      return new ReportData(
          s.byProject(),
          s.byUser(),
          sweeps.shown(),
          s.searchTotals(),
          s.byDay(),
          runSummary != null ? runSummary : collect(table(spark, outDir, "run_summary")),
          scopes.jobsPerProject(),
          scopes.failedByState(),
          scopes.userScope(),
          lists.get("project"),
          scopes.clusterScope(),
          lists.get("user"),
          lists.get("sweep"),
          sweepScope(scopes.sweepScope(), pages),
          shortReasons(rejectReasons != null ? rejectReasons : rejectReasons(spark, outDir)), sweeps);
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

  /**
   * The top-N lists of jobs (per project, per user, the trials of the sweeps with pages), as one query: one
   * Spark job; each list's rows in the order its own query gives them.
   */
  static Map<String, List<Row>> topLists(Dataset<Row> jobs, List<String> sweepPages) {
    Dataset<Row> all = topJobs(jobs).withColumn(LIST, lit("project"))
        .unionByName(topJobsByUser(jobs).withColumn(LIST, lit("user")))
        .unionByName(sweepTrials(jobs, sweepPages).withColumn(LIST, lit("sweep")));
    Map<String, List<Row>> out = new HashMap<>();
    for (String list : List.of("project", "user", "sweep")) {
      out.put(list, new ArrayList<>());
    }
    for (Row r : collect(all)) {
      out.get(r.<String>getAs(LIST)).add(r);
    }
    return out;
  }

  /** Which top-N list a row of {@link #topLists} belongs to. */
  private static final String LIST = "top_list";

  /** The {@link #TOP_N} jobs with the most CO2e in each project. */
  static Dataset<Row> topJobs(Dataset<Row> jobs) {
    return top(shortNames(jobs), "project", col("co2e_kg").desc(), col("cluster"), col("job_id"));
  }

  /** The {@link #TOP_N} jobs with the most CO2e of each user. */
  static Dataset<Row> topJobsByUser(Dataset<Row> jobs) {
    return top(shortNames(jobs), "user", col("co2e_kg").desc(), col("cluster"), col("job_id"));
  }

  /**
   * The sweeps that get a page: the {@link Pages#PROJECT_SWEEPS} largest of each project (what the project pages
   * list), of those the {@link #SWEEP_PAGES} largest.
   */
  static List<String> sweepPages(List<Row> bySweep) {
    Map<String, Integer> perProject = new HashMap<>();
    return bySweep.stream().sorted(ReportSweeps.LARGEST)
        .filter(r -> perProject.merge(String.valueOf(Pages.s(r, "project")), 1, Integer::sum) <= Pages.PROJECT_SWEEPS)
        .limit(SWEEP_PAGES).map(r -> Pages.s(r, "sweep_id")).toList();
  }

  /** The trials of those sweeps: the best trial first, then the largest, {@link #TRIALS_PER_PAGE} per sweep. */
  static Dataset<Row> sweepTrials(Dataset<Row> jobs, List<String> sweeps) {
    Dataset<Row> mine = shortNames(jobs.filter(col("sweep_id").isin(sweeps.toArray())));
    return mine.withColumn("rank", row_number().over(Window.partitionBy("sweep_id").orderBy(
            coalesce(col("sweep_best"), lit(false)).desc(), col("co2e_kg").desc(), col("cluster"), col("job_id"))))
        .filter(col("rank").leq(TRIALS_PER_PAGE));
  }

  /** How the numbers of those sweeps were obtained (all their trials, listed or not): their rows of the pass. */
  static List<Row> sweepScope(List<Row> perSweep, List<String> sweeps) {
    Set<String> pages = new HashSet<>(sweeps);
    // a sweep whose jobs have two kinds has a row per kind: added up, in their order
    Map<String, Row> one = new LinkedHashMap<>();
    for (Row r : perSweep) {
      String id = r.getAs("sweep_id");
      if (pages.contains(id)) {
        one.merge(id, r, ReportData::plus);
      }
    }
    return new ArrayList<>(one.values());
  }

  /** Two scope rows of one sweep: the id kept, every number added. */
  private static Row plus(Row a, Row b) {
    Object[] cells = new Object[a.size()];
    for (int i = 0; i < cells.length; i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x instanceof Long l) {
        cells[i] = y == null ? l : l + (Long) y;
      } else if (x instanceof Double d) {
        cells[i] = y == null ? d : d + (Double) y;
      } else {
        cells[i] = x == null && y instanceof Number ? y : x;
      }
    }
    return new GenericRowWithSchema(cells, a.schema());
  }

  /**
   * The rejects of the published run by source, cluster and reason code, each with one example (the first file
   * and line); no rows when the output has no rejects table (tables written before it existed).
   */
  static List<Row> rejectReasons(SparkSession spark, String outDir) {
    Path p = new Path(new Path(outDir, "tables"), "rejects");
    try {
      if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
        return List.of();
      }
    } catch (IOException e) {
      return List.of();
    }
    return collect(RejectReasons.of(table(spark, outDir, "rejects")));
  }

  /** The example reasons cut to {@link #NAME_CHARS} characters (code points, as Spark's substring counts). */
  static List<Row> shortReasons(List<Row> reasons) {
    List<Row> out = new ArrayList<>();
    for (Row r : reasons) {
      Object[] cells = new Object[r.size()];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = r.get(i);
      }
      int at = r.fieldIndex("reason");
      String reason = r.getString(at);
      if (reason != null && reason.codePointCount(0, reason.length()) > NAME_CHARS) {
        cells[at] = reason.substring(0, reason.offsetByCodePoints(0, NAME_CHARS));
      }
      out.add(new GenericRowWithSchema(cells, r.schema()));
    }
    return out;
  }

  /** Job names cut to what the report can show: a runaway name is not collected whole. */
  private static Dataset<Row> shortNames(Dataset<Row> jobs) {
    return jobs.withColumn("name", substring(col("name"), 1, NAME_CHARS));
  }

  private static Dataset<Row> top(Dataset<Row> df, String by, Column... order) {
    return df.withColumn("rank", row_number().over(Window.partitionBy(by).orderBy(order)))
        .filter(col("rank").leq(TOP_N));
  }

  private static List<Row> collect(Dataset<Row> small) {
    return SmallQuery.collect(small);
  }
}
