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
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.aggregate.SummaryRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the static HTML report of a run: {@code DIR/report/index.html} (all projects) and one
 * {@code DIR/report/project-<slug>.html} per project, from the tables already written under {@code DIR/tables/}.
 *
 * <p>Pages are self-contained: CSS inline, charts as inline SVG, no script, font or network request (a
 * Content-Security-Policy forbids them), so they open from disk, a mail attachment or an object store. Every
 * value comes from Mustache templates ({@code report/*.mustache}) that HTML-escape it; job names, users and
 * projects are user input.
 */
public final class ReportWriter {
  /** The jobs columns the report reads. */
  public static final List<String> JOB_COLUMNS = List.of("cluster", "job_id", "name", "user", "project",
      "sweep_id", "sweep_kind", "state", "failed", "start_utc", "duration_s", "gpu_count", "gpu_model", "gpu_hours",
      "energy_kwh", "energy_method", "co2e_kg", "intensity_method", "intensity_hourly_share",
      "intensity_forecast_share");

  private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);
  static final String INDEX = "index.html";

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
    write(spark, outDir, ReportData.load(spark, outDir, allJobs, null, null), opts);
  }

  /**
   * The report of a run that holds its summaries and run_summary on the driver already: only by_day and the
   * per-project aggregates of the jobs are computed here.
   *
   * @param allJobs the published jobs table, read (and cached) by the caller
   */
  public static void write(SparkSession spark, String outDir, ReportOptions opts, Dataset<Row> allJobs,
      SummaryRows summaries, List<Row> runSummary) {
    write(spark, outDir, ReportData.load(spark, outDir, allJobs, summaries, runSummary), opts);
  }

  private static void write(SparkSession spark, String outDir, ReportData data, ReportOptions opts) {
    Pages pages = new Pages(data, opts);
    MustacheFactory mf = new DefaultMustacheFactory("report");
    Mustache indexTemplate = mf.compile("index.mustache");
    Mustache projectTemplate = mf.compile("project.mustache");

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
      put(fs, new Path(dir, INDEX), render(indexTemplate, pages.index()));
      written.add(INDEX);
      removeStale(fs, dir, written);
      LOG.info("report: {} pages in {}", written.size(), dir);
    } catch (IOException e) {
      throw new UncheckedIOException("report: cannot write " + dir, e);
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

  /** Project pages of an earlier run for projects that no longer exist; nothing else in the folder is touched. */
  private static void removeStale(FileSystem fs, Path dir, List<String> written) throws IOException {
    for (FileStatus st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      if (st.isFile() && name.startsWith("project-") && name.endsWith(".html") && !written.contains(name)) {
        fs.delete(st.getPath(), false);
      }
    }
  }
}
