package org.footprint.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.aggregate.SummaryPass;
import org.footprint.aggregate.SummaryRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the static HTML report of a run: {@code DIR/report/index.html} (all projects), one
 * {@code DIR/report/project-<slug>.html} per project, one {@code user-<slug>.html} per user (named after the
 * pseudonym when users are pseudonymised), one {@code sweep-<slug>.html} per large sweep with its trials,
 * {@code users.html} (every user) and {@code methodology.html} (formulas and constants), from the tables already
 * written under {@code DIR/tables/}. When the run has machine tables, {@code machine.html} ({@link MachinePage},
 * written with those tables) is in every page's nav.
 *
 * <p>Pages are self-contained: CSS inline, charts as inline SVG, no script, font or network request (a
 * Content-Security-Policy forbids them), so they open from disk, a mail attachment or an object store. Every
 * value comes from Mustache templates ({@code report/*.mustache}) that HTML-escape it; job names, users and
 * projects are user input.
 */
public final class ReportWriter {
  /** The jobs columns the report reads. */
  public static final List<String> JOB_COLUMNS = List.of("cluster", "job_id", "name", "user", "project",
      "sweep_id", "sweep_kind", "sweep_role", "sweep_best", "state", "failed", "start_utc", "duration_s", "gpu_count",
      "gpu_model", "gpu_util_method", "gpu_hours", "region", "energy_kwh", "energy_low_kwh", "energy_high_kwh",
      "energy_method", "co2e_kg", "co2e_low_kg", "co2e_high_kg", "intensity_method", "intensity_hourly_share",
      "intensity_forecast_share");

  private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);
  static final String INDEX = "index.html";
  static final String USERS = "users.html";
  static final String METHODOLOGY = "methodology.html";
  /** The machine tables: with one of them (and the machine page), the nav links to the machine page. */
  private static final List<String> MACHINE_TABLES = List.of("by_cluster_day", "reconciliation");
  /** Pages of an earlier run whose project, user or sweep is gone are removed. */
  private static final List<String> PER_ITEM = List.of("project-", "user-", "sweep-");

  private ReportWriter() {}

  /**
   * Reads the aggregated tables under {@code outDir/tables/} (Parquet) and writes {@code outDir/report/}. Only
   * small aggregates are collected to the driver. Pages of an earlier run in that folder are replaced; a project
   * page whose project is gone is removed.
   */
  public static void write(SparkSession spark, String outDir, ReportOptions opts) {
    write(spark, outDir, opts, null);
  }

  /** @param allJobs the published jobs table, already read (and cached) by the caller; null to read it here */
  public static void write(SparkSession spark, String outDir, ReportOptions opts, Dataset<Row> allJobs) {
    write(spark, outDir, ReportData.load(spark, outDir, allJobs, null, null, null), opts, ReportAssumptions.UNKNOWN);
  }

  /**
   * The report of a run that holds its summaries and run_summary on the driver already: only the report's aggregates
   * of the jobs (one aggregation) and its top-N lists are computed here.
   *
   * @param allJobs the published jobs table, read (and cached) by the caller
   */
  public static void write(SparkSession spark, String outDir, ReportOptions opts, Dataset<Row> allJobs,
      SummaryRows summaries, List<Row> runSummary) {
    write(spark, outDir, opts, allJobs, summaries, runSummary, ReportAssumptions.UNKNOWN);
  }

  /**
   * The report of a run, with the constants its numbers rest on (PUE, zones, fallback intensity, model defaults),
   * which every page states and the methodology page lists.
   *
   * @param allJobs the published jobs table, read (and cached) by the caller; null to read it here
   * @param summaries the summary tables when the caller has collected them, else null
   * @param runSummary run_summary's rows when the caller has them, else null
   */
  public static void write(SparkSession spark, String outDir, ReportOptions opts, Dataset<Row> allJobs,
      SummaryRows summaries, List<Row> runSummary, ReportAssumptions assumptions) {
    write(spark, outDir, opts, allJobs, summaries, null, runSummary, assumptions);
  }

  /**
   * @param pass the summaries' one aggregation of {@code allJobs} when the caller has it (the report's per-scope
   *     aggregates are among its rows), else null: computed here
   */
  public static void write(SparkSession spark, String outDir, ReportOptions opts, Dataset<Row> allJobs,
      SummaryRows summaries, SummaryPass pass, List<Row> runSummary, ReportAssumptions assumptions) {
    write(spark, outDir, opts, allJobs, summaries, pass, runSummary, null, assumptions);
  }

  /**
   * @param rejectReasons the rejects' RejectReasons rows when the caller has them
   *     (the publisher collected them for the quality gate), else null: aggregated here
   */
  public static void write(SparkSession spark, String outDir, ReportOptions opts, Dataset<Row> allJobs,
      SummaryRows summaries, SummaryPass pass, List<Row> runSummary, List<Row> rejectReasons,
      ReportAssumptions assumptions) {
    write(spark, outDir, ReportData.load(spark, outDir, allJobs, summaries, pass, runSummary, rejectReasons), opts,
        assumptions);
  }

  private static void write(SparkSession spark, String outDir, ReportData data, ReportOptions opts,
      ReportAssumptions assumptions) {
    Pages pages = new Pages(data, opts, assumptions == null ? ReportAssumptions.UNKNOWN : assumptions,
        hasMachinePage(spark, outDir));
    Drill drill = new Drill(pages);
    MustacheFactory mf = new DefaultMustacheFactory("report");
    Mustache projectTemplate = mf.compile("project.mustache");
    Mustache userTemplate = mf.compile("user.mustache");
    Mustache sweepTemplate = mf.compile("sweep.mustache");

    Path dir = new Path(outDir, "report");
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.mkdirs(dir);
      List<String> written = new ArrayList<>();
      for (String project : pages.projectNames()) {
        Pages.ProjectPage p = pages.project(project);
        put(fs, new Path(dir, p.fileName()), render(projectTemplate, p.page()));
        written.add(p.fileName());
      }
      for (Drill.Named p : drill.userPages()) {
        put(fs, new Path(dir, p.fileName()), render(userTemplate, p.view()));
        written.add(p.fileName());
      }
      for (Drill.Named p : drill.sweepPages()) {
        put(fs, new Path(dir, p.fileName()), render(sweepTemplate, p.view()));
        written.add(p.fileName());
      }
      put(fs, new Path(dir, USERS), render(mf.compile("userlist.mustache"), drill.userList()));
      written.add(USERS);
      put(fs, new Path(dir, METHODOLOGY), render(mf.compile("methodology.mustache"), Method.page(pages)));
      written.add(METHODOLOGY);
      put(fs, new Path(dir, INDEX), render(mf.compile("index.mustache"), pages.index()));
      written.add(INDEX);
      removeStale(fs, dir, written);
      LOG.info("report: {} pages in {}", written.size(), dir);
    } catch (IOException e) {
      throw new UncheckedIOException("report: cannot write " + dir, e);
    }
  }

  /**
   * Whether the run has machine tables (by_cluster_day or reconciliation) and its machine page, which the
   * publisher writes before the report: only then does every page's nav link to {@link MachinePage#FILE}.
   */
  static boolean hasMachinePage(SparkSession spark, String outDir) {
    Path page = new Path(new Path(outDir, "report"), MachinePage.FILE);
    try {
      FileSystem fs = page.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(page) && MACHINE_TABLES.stream()
          .anyMatch(t -> exists(fs, new Path(new Path(outDir, "tables"), t)));
    } catch (IOException e) {
      throw new UncheckedIOException("report: cannot look for " + page, e);
    }
  }

  private static boolean exists(FileSystem fs, Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("report: cannot look for " + p, e);
    }
  }

  static String render(Mustache template, Object view) {
    StringWriter w = new StringWriter();
    template.execute(w, view);
    return w.toString();
  }

  private static void put(FileSystem fs, Path file, String html) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write(html.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Project, user and sweep pages of an earlier run whose project, user or sweep is gone (or, for a sweep, no
   * longer among the largest); nothing else in the folder is touched.
   */
  private static void removeStale(FileSystem fs, Path dir, List<String> written) throws IOException {
    Set<String> keep = new HashSet<>(written);
    for (FileStatus st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      if (st.isFile() && PER_ITEM.stream().anyMatch(name::startsWith) && name.endsWith(".html")
          && !keep.contains(name)) {
        fs.delete(st.getPath(), false);
      }
    }
  }
}
