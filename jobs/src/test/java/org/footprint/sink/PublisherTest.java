package org.footprint.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.footprint.testing.Frames.row;
import static org.footprint.testing.Frames.utc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.FootprintConf;
import org.footprint.model.Schemas;
import org.footprint.report.ReportAssumptions;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publisher on tables built in code: one commit brings the per-day jobs, the summaries over every published day,
 * the CSVs, the report and run_conf.yaml; a windowed run replaces only its days.
 */
class PublisherTest extends SparkTestBase {
  private static final double EPS = 1e-12;
  private static final String JOB = "cluster STRING, source STRING, job_id STRING, user STRING, project STRING, "
      + "sweep_kind STRING, state STRING, failed BOOLEAN, start_utc TIMESTAMP, end_utc TIMESTAMP, "
      + "duration_s BIGINT, gpu_count DOUBLE, gpu_hours DOUBLE, region STRING, pue DOUBLE, energy_it_kwh DOUBLE, "
      + "energy_kwh DOUBLE, energy_low_kwh DOUBLE, energy_high_kwh DOUBLE, energy_method STRING, "
      + "energy_coverage DOUBLE, co2e_kg DOUBLE, co2e_low_kg DOUBLE, co2e_high_kg DOUBLE, intensity_method STRING, "
      + "intensity_hourly_share DOUBLE, embodied_co2e_kg DOUBLE, embodied_co2e_low_kg DOUBLE, "
      + "embodied_co2e_high_kg DOUBLE, embodied_method STRING, total_co2e_kg DOUBLE, day DATE";

  @TempDir
  Path dir;

  /** A one-hour job of {@code project} ending on {@code day}: 1 kWh facility (0.8 IT × PUE 1.25) at co2e kg. */
  private static Row job(String id, String project, String day, double co2e) {
    return row("c", "slurm", id, "ann", project, "single", "COMPLETED", false, utc(day + "T10:00:00Z"),
        utc(day + "T11:00:00Z"), 3600L, 1.0, 1.0, "ZZ", 1.25, 0.8, 1.0, 0.9, 1.1, "modelled", 0.0, co2e, co2e * 0.9,
        co2e * 1.1, "hourly", 1.0, 0.0, 0.0, 0.0, "none", co2e, Date.valueOf(day));
  }

  private RunTables tables(String runConf, Row... jobs) {
    Dataset<Row> j = Frames.fill(Frames.of(spark, JOB, jobs), Schemas.of("jobs"));
    List<Row> summary = List.of(Frames.fill(Frames.of(spark,
        "source STRING, cluster STRING, files BIGINT, records_read BIGINT, jobs BIGINT, merged BIGINT, "
            + "skipped BIGINT, rejected BIGINT, warnings BIGINT, measured_unused BIGINT",
        row("slurm", "c", 1L, (long) jobs.length, (long) jobs.length, 0L, 0L, 0L, 0L, 0L)),
        Schemas.of("run_summary")).first());
    Dataset<Row> runSummary = spark.createDataFrame(summary, Schemas.of("run_summary"));
    return RunTables.of(j, none("rejects"), none("skipped"), runSummary, none("intensity_hourly"), Map.of(),
        new RunTotals(jobs.length, 0, 0, 0, 0), runConf, null, null);
  }

  private Dataset<Row> none(String table) {
    return spark.createDataFrame(List.of(), Schemas.of(table));
  }

  private Publisher.Published publish(RunTables t, List<LocalDate> days) {
    List<String> said = new ArrayList<>();
    return new Publisher(spark, dir.toString(), new FootprintConf(), false, said::add, ReportAssumptions.UNKNOWN)
        .publish(t, days, (key, text) -> said.add(key));
  }

  private double projectCo2e(String project) {
    spark.catalog().refreshByPath(dir.resolve("tables/by_project").toString());
    return spark.read().parquet(dir.resolve("tables/by_project").toString()).filter(col("project").equalTo(project))
        .first().getAs("co2e_kg");
  }

  private List<String> files(String sub) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve(sub))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  @Test
  void oneCommitBringsTablesSummariesCsvsReportAndRunConf() throws IOException {
    Publisher.Published p = publish(tables("clusters:\n  c:\n    pue: 1.25\n",
        job("1", "p1", "2026-03-02", 0.2), job("2", "p1", "2026-03-03", 0.3), job("3", "p2", "2026-03-03", 0.1)),
        null);

    assertThat(files("tables/jobs")).containsExactly("_SUCCESS", "day=2026-03-02", "day=2026-03-03");
    assertThat(files("csv")).containsExactly("by_project.csv", "by_sweep.csv", "by_user.csv", "rejects.csv",
        "run_summary.csv", "search_totals.csv");
    assertThat(files("report")).contains("index.html");
    assertThat(Files.readString(dir.resolve("run_conf.yaml"))).isEqualTo("clusters:\n  c:\n    pue: 1.25\n");
    assertThat(files(".")).as("nothing staged or half-committed is left").doesNotContain(OutputCommitter.JOURNAL)
        .noneMatch(n -> n.startsWith(".staging"));
    assertThat(projectCo2e("p1")).isCloseTo(0.5, within(EPS));
    assertThat(Files.readAllLines(dir.resolve("csv/by_project.csv")).get(1)).startsWith("p1,2,0,2.0,2.0,1.8,2.2,0.5,");

    assertThat(p.publishedDays()).isEqualTo(2);
    assertThat(p.runSummary()).hasSize(1);
    assertThat(p.summaries().byProject()).extracting(r -> r.<String>getAs("project")).containsExactly("p1", "p2");
    assertThat(p.topRejectReasons()).isEmpty();
  }

  @Test
  void aWindowReplacesItsDaysAndTheSummariesCoverEveryPublishedDay() throws IOException {
    publish(tables("first\n", job("1", "p1", "2026-03-02", 0.2), job("2", "p1", "2026-03-03", 0.3)), null);
    // 3 March again, now with another figure; 2 March stays as published
    publish(tables("second\n", job("2", "p1", "2026-03-03", 0.7)), List.of(LocalDate.of(2026, 3, 3)));

    assertThat(files("tables/jobs")).containsExactly("_SUCCESS", "day=2026-03-02", "day=2026-03-03");
    assertThat(projectCo2e("p1")).isCloseTo(0.2 + 0.7, within(EPS));
    spark.catalog().refreshByPath(dir.resolve("tables/jobs").toString());
    assertThat(spark.read().parquet(dir.resolve("tables/jobs").toString()).agg(sum("co2e_kg")).first().getDouble(0))
        .isCloseTo(0.9, within(EPS));
    assertThat(Files.readString(dir.resolve("run_conf.yaml"))).as("the conf of the run that published last")
        .isEqualTo("second\n");
  }
}
