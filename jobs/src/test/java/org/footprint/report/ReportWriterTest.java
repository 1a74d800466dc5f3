package org.footprint.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import org.footprint.conf.FootprintConf;
import org.footprint.model.Schemas;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report from small hand-made tables. Two projects: {@code nlp} (4 jobs, 100 kg CO2e, one hpo sweep of 2
 * trials whose best trial is 10 kg, one failed job of 20 kg) and {@code a/b & c} (1 nas trial, 20 kg). A job, a
 * sweep and a user are named {@code <script>alert(1)</script>}.
 */
class ReportWriterTest extends SparkTestBase {
  static final String XSS = "<script>alert(1)</script>";
  static final String XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
  static final String ODD_PROJECT = "a/b & c";
  static final String GENERATED = "2026-11-26T06:00:00Z";
  /** A runaway job name (1 MiB): the report shows its first 200 characters. */
  static final String LONG_NAME = "cell-search-7-" + "x".repeat(1 << 20);

  @TempDir
  static Path out;

  @BeforeAll
  static void tablesAndReport() {
    Instant t = Instant.parse("2026-11-02T12:00:00Z");
    write("jobs", List.of(
        job("j1", "alice", "nlp", "train-big", null, "single", null, "COMPLETED", 5, 100, 50, "modelled", 1.0,
            "2026-11-01", 20, 75),
        job("j2", "alice", "nlp", "hpo-trial-1", XSS, "hpo", true, "COMPLETED", 1, 20, 10, "measured", 1.0,
            "2026-11-02", 4, 15),
        job("j3", "alice", "nlp", "hpo-trial-2", XSS, "hpo", false, "COMPLETED", 2, 40, 20, "measured", 0.5,
            "2026-11-02", 8, 30),
        job("j4", XSS, "nlp", XSS, null, "single", null, "FAILED", 2, 40, 20, "modelled", 0.0,
            "2026-11-02", 8, 30),
        forecast(job("k1", "bob", ODD_PROJECT, LONG_NAME, "nas:cell", "nas", null, "COMPLETED", 4, 50, 20,
            "modelled", 1.0, "2026-11-03", 10, 30), 0.4)), "day");
    // the aggregated tables, summed by hand from the jobs above (bands are 0.9 and 1.1 of each job)
    String[] totals = {"jobs", "failed_jobs", "gpu_hours", "energy_kwh", "energy_low_kwh", "energy_high_kwh",
        "co2e_kg", "co2e_low_kg", "co2e_high_kg", "failed_co2e_kg", "hpo_co2e_kg", "nas_co2e_kg", "cost_low_usd",
        "cost_high_usd"};
    write("by_project", List.of(
        totalsRow("by_project", "project", "nlp", totals, 4, 1, 10, 200, 180, 220, 100, 90, 110, 20, 30, 0, 40, 150),
        totalsRow("by_project", "project", ODD_PROJECT, totals, 1, 0, 4, 50, 45, 55, 20, 18, 22, 0, 0, 20, 10, 30)));
    write("by_user", List.of(
        totalsRow("by_user", "user", "alice", totals, 3, 0, 8, 160, 144, 176, 80, 72, 88, 0, 30, 0, 32, 120),
        totalsRow("by_user", "user", XSS, totals, 1, 1, 2, 40, 36, 44, 20, 18, 22, 20, 0, 0, 8, 30),
        totalsRow("by_user", "user", "bob", totals, 1, 0, 4, 50, 45, 55, 20, 18, 22, 0, 0, 20, 10, 30)));
    write("by_sweep", List.of(
        row("by_sweep", "sweep_id", XSS, "sweep_kind", "hpo", "cluster", "c1", "project", "nlp", "user", "alice",
            "trials", 2, "failed_trials", 0, "gpu_hours", 3, "energy_kwh", 60, "co2e_kg", 30, "co2e_low_kg", 27,
            "co2e_high_kg", 33, "best_trial_co2e_kg", 10, "search_overhead_factor", 3.0,
            "first_start_utc", Timestamp.from(t.minusSeconds(7200)), "last_end_utc", Timestamp.from(t)),
        row("by_sweep", "sweep_id", "nas:cell", "sweep_kind", "nas", "cluster", "c1", "project", ODD_PROJECT,
            "user", "bob", "trials", 1, "failed_trials", 0, "gpu_hours", 4, "energy_kwh", 50, "co2e_kg", 20,
            "co2e_low_kg", 18, "co2e_high_kg", 22, "first_start_utc", Timestamp.from(t.plusSeconds(72_000)),
            "last_end_utc", Timestamp.from(t.plusSeconds(86_400)))));
    String[] kind = {"jobs", "gpu_hours", "energy_kwh", "co2e_kg", "share_of_co2e"};
    write("search_totals", List.of(
        kindRow("*", "single", kind, 2, 7, 140, 70, 70 / 120.0),
        kindRow("*", "hpo", kind, 2, 3, 60, 30, 0.25),
        kindRow("*", "nas", kind, 1, 4, 50, 20, 20 / 120.0),
        kindRow("nlp", "single", kind, 2, 7, 140, 70, 0.7),
        kindRow("nlp", "hpo", kind, 2, 3, 60, 30, 0.3),
        kindRow(ODD_PROJECT, "nas", kind, 1, 4, 50, 20, 1.0)));
    String[] day = {"jobs", "failed_jobs", "gpu_hours", "energy_kwh", "co2e_kg", "co2e_low_kg", "co2e_high_kg"};
    write("by_day", List.of(
        dayRow("2026-11-01", "nlp", day, 1, 0, 5, 100, 50, 45, 55),
        dayRow("2026-11-02", "nlp", day, 3, 1, 5, 100, 50, 45, 55),
        dayRow("2026-11-03", ODD_PROJECT, day, 1, 0, 4, 50, 20, 18, 22)), "day");
    write("run_summary", List.of(row("run_summary", "source", "slurm", "cluster", "c1", "files", 1, "records_read", 10,
        "jobs", 5, "merged", 3, "skipped", 1, "rejected", 1, "warnings", 0, "energy_kwh", 250, "co2e_kg", 120,
        "energy_share_measured", 0.24, "energy_share_sampled", 0, "energy_share_modelled", 0.76,
        "intensity_share_hourly", 0.56, "intensity_share_fallback", 0.44)));
    // three rejects: two field_count lines of one file, one bad_time
    write("rejects", List.of(
        row("rejects", "source", "slurm", "cluster", "c1", "file", "/data/sacct/alpine_2026-11-02.txt", "line", 34L,
            "raw", "x|y", "reason", "17 fields, header has 18", "reason_code", "field_count"),
        row("rejects", "source", "slurm", "cluster", "c1", "file", "/data/sacct/alpine_2026-11-02.txt", "line", 12L,
            "raw", "x|y|z", "reason", "16 fields, header has 18", "reason_code", "field_count"),
        row("rejects", "source", "slurm", "cluster", "c1", "file", "/data/sacct/alpine_2026-11-03.txt", "line", 7L,
            "raw", "1|2", "reason", XSS, "reason_code", "bad_time")));

    ReportWriter.write(spark, out.toString(), ReportOptions.plain(GENERATED), null, null, null,
        ReportAssumptions.of(conf(), List.of("electricitymaps: carbon/*.csv", "--intensity /data/uk/extra.json")));
  }

  /** The run's conf: one cluster c1 in DE (PUE 1.2 from a site measurement), its gpu partition an A100 one. */
  static FootprintConf conf() {
    FootprintConf conf = new FootprintConf();
    FootprintConf.ClusterConf c1 = new FootprintConf.ClusterConf();
    c1.timeZone = "Europe/Berlin";
    c1.region = "DE";
    c1.pue = 1.2;
    c1.pueSource = "site measurement 2025";
    FootprintConf.PartitionConf gpu = new FootprintConf.PartitionConf();
    gpu.gpuModel = "A100-SXM4-40GB";
    c1.partitions.put("gpu", gpu);
    FootprintConf.NodeRegion tx = new FootprintConf.NodeRegion();
    tx.pattern = "^tx[0-9]+$";
    tx.region = "US-TEX-ERCO";
    c1.nodeRegions.add(tx);
    conf.clusters.put("c1", c1);
    FootprintConf.InputConf hourly = new FootprintConf.InputConf();
    hourly.type = "intensity";
    hourly.format = "electricitymaps";
    hourly.path = "carbon/*.csv";
    conf.inputs.add(hourly);
    conf.gpuProfiles = TestPaths.repo().resolve("conf/gpu-profiles.csv").toString();
    conf.carbon.fallbackGPerKwh.put("DE", 381.0);
    conf.carbon.fallbackGPerKwh.put("*", 475.0);
    conf.carbon.fallbackSource = "Electricity Maps 2024 yearly averages";
    conf.power.gpuUtilDefault = 0.8;
    conf.power.gpuUtilLow = 0.5;
    return conf;
  }

  @Test
  void writesIndexAndOnePagePerProjectWithSafeNames() throws IOException {
    Path report = out.resolve("report");
    String odd = Slugs.pageName(ODD_PROJECT);
    assertThat(odd).matches("project-a-b-c-[0-9a-f]{6}\\.html");
    assertThat(report.resolve("index.html")).exists();
    assertThat(report.resolve("project-nlp.html")).exists();
    assertThat(report.resolve(odd)).exists();
    try (Stream<Path> files = Files.list(report)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html")))
          .containsExactlyInAnyOrder("index.html", "project-nlp.html", odd, "users.html", "methodology.html",
              "user-alice.html", "user-bob.html", "user-" + Slugs.of(XSS) + ".html",
              "sweep-" + Slugs.of("nas:cell") + ".html", "sweep-" + Slugs.of(XSS) + ".html");
    }
    String index = read("index.html");
    assertThat(index).contains("href=\"project-nlp.html\"", "href=\"" + odd + "\"", ">a/b &amp; c</a>");
    assertThat(read(odd)).contains("<h1>a/b &amp; c</h1>", "href=\"index.html\"");
  }

  @Test
  void totalsBandsEquivalencesAndSweepsAreFormatted() throws IOException {
    String index = text(read("index.html"));
    // all projects: 120 kg (108-132), 250 kWh (225-275), 14 GPU-h, $50-$180
    assertThat(index).contains("120.0 kg CO2e band 108.0 \u2013 132.0 kg", "250.0 kWh band 225.0 \u2013 275.0 kWh",
        "14.0 GPU-h", "$50.00 \u2013 $180", "5 jobs, 1 failed");
    // 120 kg = 264.55 lbs: / 1,984 = 0.133 flights, / 11,023 = 0.0240 years
    assertThat(index).contains("0.133 flights", "0.0240 years of an average life", "band 0.120 \u2013 0.147");
    assertThat(index).contains("Strubell et al. 2019", "arXiv:1906.02243", "1,984 lbs CO2e (900 kg) each");
    // split: single 70, hpo 30, nas 20 of 120 kg
    assertThat(index).contains("Single runs 2 7.00 140.0 70.0 58.3%", "Hyperparameter search 2 3.00 60.0 30.0 25.0%",
        "Architecture search 1 4.00 50.0 20.0 16.7%");

    String nlp = text(read("project-nlp.html"));
    assertThat(nlp).contains("100.0 kg CO2e band 90.0 \u2013 110.0 kg", "83.3% of all projects",
        "200.0 kWh band 180.0 \u2013 220.0 kWh", "$40.00 \u2013 $150");
    // 100 kg = 220.46 lbs: 0.111 flights, 0.0200 average-life years, 0.00610 American-life years, 0.00175 cars
    assertThat(nlp).contains("0.111 flights", "0.0200 years of an average life", "0.00610 years of an American life",
        "0.00175 car lifetimes");
    // the hpo sweep: 2 trials, 30 kg, best trial 10 kg, overhead 3x
    assertThat(nlp).contains(XSS_ESCAPED + " HPO alice 2 0 3.00 60.0 30.0 27.0 \u2013 33.0 10.0 \u00d73.0");
    // failed waste: 1 job, 2 GPU-h, 40 kWh, 20 kg = 20% of 100 kg
    assertThat(nlp).contains("1 job ended failed", "2.00 GPU-hours and 40.0 kWh and emitted 20.0 kg CO2e : 20.0%");
    // energy: 60 of 200 kWh measured; hourly intensity: 100 + 20 + 20 of 200 kWh; GPU-hours: 7 of 10
    assertThat(nlp).contains("measured (scheduler energy counters): 30.0%", "modelled (power model): 70.0%",
        "hourly grid intensity: 70.0%", "annual average (fallback): 30.0%", "Of the GPU-hours, 70.0% ran");
    assertThat(nlp).contains("1 alice 3 0 8.00 160.0 80.0 80.0%");

    String odd = text(read(Slugs.pageName(ODD_PROJECT)));
    assertThat(odd).contains("nas:cell NAS bob 1 0 4.00 50.0 20.0", "unknown");
    // k1: all 50 kWh hourly, 40 % of it with forecast values
    assertThat(odd).contains("hourly grid intensity: 60.0%", "hourly forecast (no actual published yet): 40.0%",
        "annual average (fallback): 0.0%", "Forecast intensity : 40.0% of the energy was priced with forecast values");
    // all projects: 20 of 250 kWh
    assertThat(text(read("index.html"))).contains("hourly forecast (no actual published yet): 8.0%",
        "Forecast intensity : 8.0% of the energy");
    assertThat(nlp).doesNotContain("forecast");
  }

  @Test
  void userInputIsEscapedEverywhere() throws IOException {
    for (String page : List.of("index.html", "project-nlp.html", Slugs.pageName(ODD_PROJECT))) {
      String html = read(page);
      assertThat(html).as(page).doesNotContainIgnoringCase("<script");
    }
    String index = read("index.html");
    // the job name, its user and the sweep id all appear as text
    assertThat(index).contains("<span class=\"sub name\">" + XSS_ESCAPED + "</span>",
        "<td class=\"who\"><a href=\"user-" + Slugs.of(XSS) + ".html\">" + XSS_ESCAPED + "</a>",
        "<td class=\"id sweep\"><a href=\"sweep-" + Slugs.of(XSS) + ".html\">" + XSS_ESCAPED + "</a></td>",
        // a reject's reason is input text too
        "<td class=\"name\">" + XSS_ESCAPED + "</td>");
    assertThat(read("project-nlp.html")).contains(XSS_ESCAPED);
    for (String page : List.of("user-" + Slugs.of(XSS) + ".html", "sweep-" + Slugs.of(XSS) + ".html",
        "users.html")) {
      assertThat(read(page)).as(page).contains(XSS_ESCAPED.substring(0, 10)).doesNotContainIgnoringCase("<script");
    }
  }

  @Test
  void runawayFreeTextIsCutInTheReport() throws IOException {
    // the table shows 40 characters; its title the first 200, as far as the report keeps free text
    for (String page : List.of("index.html", Slugs.pageName(ODD_PROJECT), "user-bob.html", "sweep-"
        + Slugs.of("nas:cell") + ".html")) {
      String html = read(page);
      assertThat(html).as(page)
          .contains(" title=\"" + LONG_NAME.substring(0, 200) + "\u2026\">" + LONG_NAME.substring(0, 40) + "\u2026<")
          .doesNotContain(LONG_NAME.substring(0, 201));
      assertThat(html.length()).as(page + " stays small").isLessThan(100_000);
    }
  }

  @Test
  void pseudonymsReplaceUserNamesAndAreStablePerSalt(@TempDir Path dir) throws IOException {
    String first = pseudonymised(dir.resolve("a"), "salt-1");
    String alice = Pseudonyms.of("alice", "salt-1");
    assertThat(alice).matches("user-[0-9a-f]{10}").isNotEqualTo("alice");
    assertThat(first).contains(">" + alice + "<", ">" + Pseudonyms.of("bob", "salt-1") + "<",
        ">" + Pseudonyms.of(XSS, "salt-1") + "<", "pseudonymised");
    assertThat(first).doesNotContain(">alice<", ">bob<", "<td class=\"who\">" + XSS_ESCAPED);
    assertThat(Files.readString(dir.resolve("a/report/project-nlp.html"))).contains(alice).doesNotContain(">alice<");
    // user pages are named after the pseudonym; no page names a user
    assertThat(dir.resolve("a/report/user-" + alice + ".html")).exists();
    try (Stream<Path> files = Files.list(dir.resolve("a/report"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
        assertThat(f.getFileName().toString()).doesNotContain("alice", "bob");
        assertThat(Files.readString(f)).as(f.getFileName().toString()).doesNotContain(">alice<", ">bob<",
            "user-alice", "user-bob", "<td class=\"who\"><a href=\"user-" + Slugs.of(XSS));
      }
    }

    assertEquals(first, pseudonymised(dir.resolve("b"), "salt-1"), "same salt, same page");

    String other = pseudonymised(dir.resolve("c"), "salt-2");
    assertThat(Pseudonyms.of("alice", "salt-2")).isNotEqualTo(alice);
    assertThat(other).contains(Pseudonyms.of("alice", "salt-2")).doesNotContain(alice, ">alice<");
  }

  /** The index of a pseudonymised report in {@code dir}, from the class's tables. */
  private static String pseudonymised(Path dir, String salt) throws IOException {
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("tables"), out.resolve("tables"));
    ReportWriter.write(spark, dir.toString(), new ReportOptions(true, salt, GENERATED, null));
    return Files.readString(dir.resolve("report/index.html"));
  }

  @Test
  void everyPageLinksTheMachinePageOnlyWhenTheRunHasMachineTables(@TempDir Path dir) throws IOException {
    // this fixture has no machine tables: no page links to a machine page that is not there
    try (Stream<Path> files = Files.list(out.resolve("report"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
        assertThat(Files.readString(f)).as(f.getFileName().toString()).doesNotContain("machine.html");
      }
    }
    // the same tables plus by_cluster_day, and the machine page the publisher writes with it before the report
    Files.createDirectories(dir.resolve("tables"));
    try (Stream<Path> tables = Files.list(out.resolve("tables"))) {
      for (Path t : tables.toList()) {
        Files.createSymbolicLink(dir.resolve("tables").resolve(t.getFileName()), t);
      }
    }
    spark.createDataFrame(List.of(), Schemas.of("by_cluster_day")).write()
        .parquet(dir.resolve("tables/by_cluster_day").toString());
    Files.createDirectories(dir.resolve("report"));
    Files.writeString(dir.resolve("report/machine.html"), "<!DOCTYPE html>");

    ReportWriter.write(spark, dir.toString(), ReportOptions.plain(GENERATED));
    for (String page : List.of("index.html", "users.html", "methodology.html", "project-nlp.html")) {
      assertThat(Files.readString(dir.resolve("report").resolve(page))).as(page)
          .contains("<a href=\"machine.html\">Machine</a>");
    }
    // a machine page left without machine tables (an inventory input with no capacity and no meter) is not linked
    Files.writeString(dir.resolve("report/machine.html"), "<!DOCTYPE html>");
    deleteTree(dir.resolve("tables/by_cluster_day"));
    ReportWriter.write(spark, dir.toString(), ReportOptions.plain(GENERATED));
    assertThat(Files.readString(dir.resolve("report/index.html"))).doesNotContain("machine.html");
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> all = Files.walk(p)) {
      for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  @Test
  void anEmptyRunStillGetsAnIndex(@TempDir Path empty) throws IOException {
    for (String t : List.of("jobs", "by_user", "by_project", "by_sweep", "search_totals", "by_day", "run_summary")) {
      var w = spark.createDataFrame(List.of(), Schemas.of(t)).write();
      (t.equals("jobs") || t.equals("by_day") ? w.partitionBy("day") : w).parquet(empty.resolve("tables/" + t)
          .toString());
    }

    ReportWriter.write(spark, empty.toString(), ReportOptions.plain(GENERATED));
    String index = Files.readString(empty.resolve("report/index.html"));
    assertThat(text(index)).contains("No jobs in this run", "no jobs in this run", "0 jobs, 0 failed");
    try (Stream<Path> files = Files.list(empty.resolve("report"))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html")))
          .containsExactlyInAnyOrder("index.html", "users.html", "methodology.html");
    }
    assertThat(text(Files.readString(empty.resolve("report/methodology.html"))))
        .contains("configuration was not passed", "IT kWh &times; PUE");
  }

  @Test
  void everyPageStatesItsAssumptions() throws IOException {
    try (Stream<Path> files = Files.list(out.resolve("report"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
        assertThat(text(Files.readString(f))).as(f.getFileName().toString())
            .contains("Assumptions", "c1 1.20 site measurement 2025", "Not included: embodied emissions",
                "idle capacity", "networking and storage", "Methodology");
      }
    }
    String index = text(read("index.html"));
    // c1: DE and, for its tx nodes, US-TEX-ERCO (no value of its own: the "*" default)
    assertThat(index).contains("c1 1.20 site measurement 2025 DE (fallback 381 g/kWh); US-TEX-ERCO (fallback 475"
        + " g/kWh) Europe/Berlin");
    // 60 of 250 kWh measured (j2, j3); 190 hourly (20 of it forecast), so 60 kWh = 24 % with the fallback
    assertThat(index).contains("Energy: 24.0% measured (scheduler energy counters), 0.0% sampled (GPU power"
        + " samples), 76.0% modelled (power model).",
        "Carbon intensity: 76.0% of the energy priced with the grid\u2019s hourly values (8.0% forecast), 24.0% with"
        + " the zone\u2019s annual average (fallback).",
        "Hourly intensity read from electricitymaps: carbon/*.csv, --intensity /data/uk/extra.json; annual fallback:"
        + " Electricity Maps 2024 yearly averages (lifecycle emissions).",
        // j1, j4, k1 (11 of 14 GPU-hours) reported no utilisation
        "GPU utilisation where the job did not report it: 80.0% (band 50.0% \u2013 100.0%), used for 78.6% of the"
        + " GPU-hours.");
    // above 10 % a warning heads the page; nlp: 60 of 200 kWh; a/b & c: all of it hourly
    assertThat(read("index.html")).contains("<p class=\"warn\" role=\"alert\"><strong>Estimated carbon"
        + " intensity.</strong> 24.0% of this energy was priced with an annual-average carbon intensity");
    assertThat(read("project-nlp.html")).contains("30.0% of this energy was priced with an annual-average");
    assertThat(read(Slugs.pageName(ODD_PROJECT))).doesNotContain("class=\"warn\"")
        .contains("0.0% with the zone\u2019s annual average");
    assertThat(read("index.html").indexOf("class=\"warn\"")).isLessThan(read("index.html").indexOf("id=\"split\""));
  }

  @Test
  void methodologyPageHasTheFormulasAndEachClustersConstants() throws IOException {
    String m = text(read("methodology.html"));
    assertThat(m).contains("GPU W = boards &times; (idle + u &times; (TDP &minus; idle))",
        "CPU W = cores &times; W per core &times; usage", "memory W = GB allocated &times; W per GB",
        "energy (facility kWh) = IT kWh &times; PUE", "CO2e kg = &Sigma; slots energy slot &times; intensity slot",
        "Band");
    assertThat(m).contains("Cluster c1", "PUE 1.20 &mdash; site measurement 2025", "Time zone Europe/Berlin",
        "CPU W per core 12 (power default)", "Partitions gpu \u2192 A100-SXM4-40GB",
        // zones: what each covers, its fallback, its kWh and the share priced hourly
        "DE cluster region 381 250.0 76.0%", "US-TEX-ERCO nodes matching ^tx[0-9]+$ 475 0 \u2013",
        // the board in use with its profile (conf/gpu-profiles.csv) and GPU-hours
        "A100-SXM4-40GB 400 50 14.0",
        "power.gpu_util_default 0.8", "power.gpu_util_low / _high 0.5 / 1", "power.memory_watts_per_gb 0.3725 W",
        "DE 381", "* (every other zone) 475", "Source of the fallback values: Electricity Maps 2024 yearly averages",
        "What is not counted");
  }

  @Test
  void drillDownPagesForUsersSweepsAndClusters() throws IOException {
    String index = read("index.html");
    assertThat(index).contains("<a href=\"user-alice.html\">alice</a>", "<a href=\"users.html\">All users</a>",
        "href=\"methodology.html\"");
    // clusters: c1 has every job: 250 kWh, 120 kg, 24 % measured, 24 % fallback
    assertThat(text(index)).contains("c1 1.20 DE 5 14.0 250.0 120.0 108.0 \u2013 132.0 100.0% 24.0% 24.0%");

    String alice = text(read("user-alice.html"));
    assertThat(alice).contains("User alice", "80.0 kg CO2e band 72.0 \u2013 88.0 kg", "66.7% of all users",
        // her one project, and her hpo sweep
        "nlp 3 0 8.00 160.0 80.0 100.0% 30.0", XSS_ESCAPED + " HPO nlp 2 0 3.00 60.0 30.0");
    assertThat(alice.indexOf("c1 j1")).isLessThan(alice.indexOf("c1 j3")).isPositive();
    assertThat(alice).doesNotContain("c1 k1");

    String users = text(read("users.html"));
    assertThat(users).contains("1 alice 3 0 8.00 160.0 80.0 66.7%", "bob 1 0 4.00 50.0 20.0 16.7%");

    // the hpo sweep: the best trial (j2) first and marked, then j3
    String sweep = read("sweep-" + Slugs.of(XSS) + ".html");
    assertThat(sweep).contains("<tr class=\"best\"><td class=\"job\"><span class=\"id\">j2</span>");
    assertThat(text(sweep)).contains("Hyperparameter search sweep", "\u00d73.0", "best trial 10.0 kg",
        "j2 &#9733; best hpo-trial-1 alice COMPLETED", "j3 hpo-trial-2 alice COMPLETED")
        .contains("Project nlp", "User (most trials) alice", "Cluster c1");
    assertThat(sweep.indexOf(">j2<")).isLessThan(sweep.indexOf(">j3<"));
    assertThat(text(read("sweep-" + Slugs.of("nas:cell") + ".html"))).contains("The sweep tool names no best trial",
        "k1", "unknown");
    // the index and the project link their sweeps
    assertThat(read("project-nlp.html")).contains("href=\"sweep-" + Slugs.of(XSS) + ".html\"",
        "href=\"user-alice.html\"");
  }

  @Test
  void trendsCompareEqualPeriods() throws IOException {
    // days 1-3 Nov: the last day against the one before
    String index = text(read("index.html"));
    assertThat(index).contains("The last 1 day (2026-11-03) against the day before (2026-11-02)",
        "a/b &amp; c 20.0 0 new", "nlp 0 50.0 \u2212100.0%");
    assertThat(text(read("project-nlp.html"))).contains("Jobs 0 3 \u2212100.0%", "GPU-hours 0 5.00 \u2212100.0%",
        "kWh 0 100.0 \u2212100.0%", "kg CO2e 0 50.0 \u2212100.0%");
  }

  @Test
  void dataQualityShowsInputsAndTopRejectReasons() throws IOException {
    String index = text(read("index.html"));
    assertThat(index).contains("Data quality", "slurm c1 1 10 5 3 1 1 0 24.0% 76.0% 56.0%",
        // two field_count lines of one file: the first line is the example
        "slurm c1 field_count 2 16 fields, header has 18 alpine_2026-11-02.txt:12",
        "slurm c1 bad_time 1 " + XSS_ESCAPED + " alpine_2026-11-03.txt:7",
        "3 records refused in all, for 2 reasons");
    assertThat(read("index.html")).contains("title=\"/data/sacct/alpine_2026-11-02.txt:12\"");
  }

  /** Opens the pages in headless Chromium: no script errors, the script-named job is text, and a screenshot. */
  @Test
  void opensInHeadlessChromium() throws Exception {
    // Debian's chromium package; -Dfootprint.chromium=PATH points elsewhere
    Path chromium = Path.of(System.getProperty("footprint.chromium", "/usr/bin/chromium"));
    if (!Files.isExecutable(chromium)) {
      System.out.println("SKIP opensInHeadlessChromium: " + chromium + " is absent (apt-get install -y chromium)");
      Assumptions.abort(chromium + " is absent");
    }
    Path target = TestPaths.repo().resolve("jobs/target");
    Files.createDirectories(target);

    for (String page : List.of("index.html", "project-nlp.html")) {
      String url = out.resolve("report").resolve(page).toUri().toString();
      Chromium dom = chromium(chromium, "--dump-dom", url);
      assertEquals(0, dom.exit(), page + ": chromium exit code; stderr:\n" + dom.stderr());
      assertThat(dom.stderr()).as(page + " console").doesNotContain("Uncaught", "Refused to");
      assertThat(dom.stdout()).as(page + " DOM")
          .contains(XSS_ESCAPED, "<svg", "</html>")
          .doesNotContainIgnoringCase("<script");

      String shot = page.equals("index.html") ? "report-screenshot.png" : "report-project-screenshot.png";
      Path png = target.resolve(shot);
      Files.deleteIfExists(png);
      Chromium s = chromium(chromium, "--screenshot=" + png, url);
      assertEquals(0, s.exit(), page + ": chromium exit code; stderr:\n" + s.stderr());
      assertThat(s.stderr()).as(page + " console").doesNotContain("Uncaught", "Refused to");
      assertThat(png).exists();
      assertThat(Files.size(png)).isGreaterThan(10_000);
    }
  }

  /**
   * Every page fits a 1,280 px and a 375 px wide window: tables scroll inside their cards, the page body never
   * does. Headless Chromium will not make a window narrower than 500 px, so each page is opened in an iframe of
   * the width under test; a copy of the page (the report's own pages forbid scripts) gets a script that posts to
   * the harness whether the document is wider than its viewport, and which elements stick out; the harness writes
   * that into its DOM for --dump-dom.
   */
  @Test
  void pagesFitDesktopAndPhoneWidths(@TempDir Path probes) throws Exception {
    Path chromium = Path.of(System.getProperty("footprint.chromium", "/usr/bin/chromium"));
    if (!Files.isExecutable(chromium)) {
      System.out.println("SKIP pagesFitDesktopAndPhoneWidths: " + chromium + " is absent");
      Assumptions.abort(chromium + " is absent");
    }
    String probe = "<script>(function(){var d=document.documentElement,w=d.clientWidth,out=[];"
        + "document.querySelectorAll('body *').forEach(function(e){if(e.closest('.scroll,svg'))return;"
        + "var r=e.getBoundingClientRect();if(r.right>w+1&&out.length<5)out.push(e.tagName+'.'+e.className);});"
        + "parent.postMessage((d.scrollWidth<=w)+' '+d.scrollWidth+'/'+w+' '+out.join(','),'*');})();</script>";
    List<String> pages = List.of("index.html", "project-nlp.html", Slugs.pageName(ODD_PROJECT), "user-alice.html",
        "sweep-" + Slugs.of(XSS) + ".html", "users.html", "methodology.html");
    for (String page : pages) {
      String html = read(page).replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
          .replace("</body>", probe + "</body>");
      Files.writeString(probes.resolve(page), html);
      for (int width : new int[] {1280, 375}) {
        Path harness = probes.resolve("fit-" + width + "-" + page);
        Files.writeString(harness, "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"" + page
            + "\" style=\"border:0;width:" + width + "px;height:1500px\"></iframe><script>window.addEventListener("
            + "'message',function(e){document.body.setAttribute('data-fit',e.data);});</script></body></html>");
        Chromium dom = chromium(chromium, 1400, "--dump-dom", harness.toUri().toString(), "--virtual-time-budget=5000");
        assertEquals(0, dom.exit(), page + " at " + width + ": chromium exit code; stderr:\n" + dom.stderr());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-fit=\"([^\"]*)\"").matcher(dom.stdout());
        assertThat(m.find()).as(page + " at " + width + ": the probe ran").isTrue();
        // "true 375/375 ": not wider than the viewport, and the viewport is the width under test
        assertThat(m.group(1)).as(page + " at " + width + " px: fits, document width / viewport, elements wider")
            .isEqualTo("true " + width + "/" + width + " ");
      }
    }
    // the probe does see a page that is too wide
    Files.writeString(probes.resolve("wide.html"), read("index.html")
        .replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
        .replace("</body>", "<div class=\"too-wide\" style=\"width:600px\">x</div>" + probe + "</body>"));
    Path harness = probes.resolve("fit-wide.html");
    Files.writeString(harness, "<!DOCTYPE html><html><body><iframe src=\"wide.html\" style=\"border:0;width:375px\">"
        + "</iframe><script>window.addEventListener('message',function(e){document.body.setAttribute('data-fit',"
        + "e.data);});</script></body></html>");
    assertThat(chromium(chromium, 1400, "--dump-dom", harness.toUri().toString(), "--virtual-time-budget=5000")
        .stdout()).contains("data-fit=\"false ", "DIV.too-wide");
  }

  record Chromium(int exit, String stdout, String stderr) {}

  private static Chromium chromium(Path exe, String action, String url) throws Exception {
    return chromium(exe, 1280, action, url);
  }

  private static Chromium chromium(Path exe, int width, String action, String url, String... more) throws Exception {
    Path profile = Files.createTempDirectory("report-chromium-");
    Path stdout = Files.createTempFile("chromium-out", ".txt");
    Path stderr = Files.createTempFile("chromium-err", ".txt");
    try {
      List<String> cmd = new ArrayList<>(List.of(exe.toString(), "--headless", "--no-sandbox", "--disable-gpu",
          "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
          "--window-size=" + width + ",2000"));
      cmd.addAll(List.of(more));
      cmd.addAll(List.of(action, url));
      Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("chromium did not finish in 120 s: " + cmd);
      }
      return new Chromium(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    } finally {
      try (Stream<Path> all = Files.walk(profile)) {
        all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String read(String page) throws IOException {
    return Files.readString(out.resolve("report").resolve(page), StandardCharsets.UTF_8);
  }

  /** The page's text: tags become spaces, runs of white space one space (entities stay escaped). */
  static String text(String html) {
    return html.replaceAll("(?s)<style>.*?</style>", " ").replaceAll("(?s)<svg.*?</svg>", " ")
        .replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ");
  }

  private static void write(String table, List<Row> rows, String... partitionBy) {
    var w = spark.createDataFrame(rows, Schemas.of(table)).coalesce(1).write().mode(SaveMode.Overwrite);
    if (partitionBy.length > 0) {
      w = w.partitionBy(partitionBy);
    }
    w.parquet(out.resolve("tables").resolve(table).toString());
  }

  private static Row totalsRow(String table, String keyColumn, String key, String[] columns, double... values) {
    return row(table, keyedValues(keyColumn, key, columns, values));
  }

  private static Row kindRow(String project, String kind, String[] columns, double... values) {
    Object[] kv = keyedValues("project", project, columns, values);
    Object[] withKind = Arrays.copyOf(kv, kv.length + 2);
    withKind[kv.length] = "kind";
    withKind[kv.length + 1] = kind;
    return row("search_totals", withKind);
  }

  private static Row dayRow(String day, String project, String[] columns, double... values) {
    Object[] kv = keyedValues("project", project, columns, values);
    Object[] more = Arrays.copyOf(kv, kv.length + 4);
    more[kv.length] = "day";
    more[kv.length + 1] = Date.valueOf(day);
    more[kv.length + 2] = "cluster";
    more[kv.length + 3] = "c1";
    return row("by_day", more);
  }

  private static Object[] keyedValues(String keyColumn, String key, String[] columns, double[] values) {
    Object[] kv = new Object[2 + 2 * columns.length];
    kv[0] = keyColumn;
    kv[1] = key;
    for (int i = 0; i < columns.length; i++) {
      kv[2 + 2 * i] = columns[i];
      kv[3 + 2 * i] = values[i];
    }
    return kv;
  }

  /** A row of {@code table} from column/value pairs: numbers take the column's type; others null or neutral. */
  private static Row row(String table, Object... kv) {
    Map<String, Object> v = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      v.put((String) kv[i], kv[i + 1]);
    }
    return row(Schemas.of(table), v);
  }

  private static Row row(StructType schema, Map<String, Object> v) {
    Object[] values = new Object[schema.size()];
    for (int i = 0; i < values.length; i++) {
      StructField f = schema.fields()[i];
      Object x = v.containsKey(f.name()) || f.nullable() ? v.get(f.name()) : neutral(f.dataType());
      if (x instanceof Number n && f.dataType() instanceof DoubleType) {
        x = n.doubleValue();
      } else if (x instanceof Number n && f.dataType() instanceof LongType) {
        x = n.longValue();
      }
      values[i] = x;
    }
    return RowFactory.create(values);
  }

  /** A jobs row: the given values, the rest null or a neutral default for NOT NULL columns. */
  private static Row job(String id, String user, String project, String name, String sweepId, String kind,
      Boolean best, String state, double gpuHours, double kwh, double kg, String method, double hourlyShare,
      String day, double costLow, double costHigh) {
    Instant end = LocalDate.parse(day).atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
    Instant start = end.minusSeconds((long) (gpuHours * 3600));
    Map<String, Object> v = new HashMap<>();
    v.put("cluster", "c1");
    v.put("source", "slurm");
    v.put("job_id", id);
    v.put("user", user);
    v.put("project", project);
    v.put("name", name);
    v.put("sweep_id", sweepId);
    v.put("sweep_kind", kind);
    v.put("sweep_role", sweepId == null ? null : "trial");
    v.put("sweep_best", best);
    v.put("state", state);
    v.put("failed", !"COMPLETED".equals(state));
    v.put("start_utc", Timestamp.from(start));
    v.put("end_utc", Timestamp.from(end));
    v.put("duration_s", (long) (gpuHours * 3600));
    v.put("gpu_count", 1.0);
    v.put("gpu_model", "A100-SXM4-40GB");
    v.put("gpu_hours", gpuHours);
    v.put("region", "DE");
    v.put("pue", 1.2);
    v.put("energy_it_kwh", kwh / 1.2);
    v.put("energy_kwh", kwh);
    v.put("energy_low_kwh", kwh * 0.9);
    v.put("energy_high_kwh", kwh * 1.1);
    v.put("energy_method", method);
    v.put("co2e_kg", kg);
    v.put("co2e_low_kg", kg * 0.9);
    v.put("co2e_high_kg", kg * 1.1);
    v.put("gpu_util_method", "modelled".equals(method) ? "default" : "measured");
    v.put("intensity_method", hourlyShare == 1.0 ? "hourly" : hourlyShare == 0.0 ? "fallback" : "mixed");
    v.put("intensity_hourly_share", hourlyShare);
    v.put("cost_low_usd", costLow);
    v.put("cost_high_usd", costHigh);
    v.put("day", Date.valueOf(day));
    return row(Schemas.of("jobs"), v);
  }

  /** The job priced partly with forecast intensity: that share of its energy, its method hourly-forecast. */
  private static Row forecast(Row job, double share) {
    StructType schema = Schemas.of("jobs");
    Map<String, Object> v = new HashMap<>();
    for (StructField f : schema.fields()) {
      v.put(f.name(), job.get(schema.fieldIndex(f.name())));
    }
    v.put("intensity_forecast_share", share);
    v.put("intensity_method", "hourly-forecast");
    return row(schema, v);
  }

  private static Object neutral(DataType t) {
    if (t instanceof DoubleType) {
      return 0.0;
    }
    if (t instanceof LongType) {
      return 0L;
    }
    if (t instanceof BooleanType) {
      return false;
    }
    if (t instanceof DateType) {
      return Date.valueOf("2026-11-01");
    }
    if (t instanceof TimestampType) {
      return Timestamp.from(Instant.EPOCH);
    }
    return "";
  }
}
