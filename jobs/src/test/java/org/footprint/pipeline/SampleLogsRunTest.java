package org.footprint.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.model.Schemas;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled sample logs through the whole run, written to disk, checked against the counts the sample
 * generator computed from the lines it wrote (sample-logs/EXPECTED.json) and against the schema files.
 */
class SampleLogsRunTest extends SparkTestBase {
  @TempDir
  static Path out;

  private static JsonNode expected;
  private static RunResult result;

  @BeforeAll
  static void run() throws IOException {
    expected = new ObjectMapper().readTree(TestPaths.repo().resolve("sample-logs/EXPECTED.json").toFile());
    FootprintConf conf = ConfLoader.load(TestPaths.repo().resolve("conf/footprint.yaml").toString(), Map.of());
    RunOptions opts = new RunOptions();
    opts.outDir = out.toString();
    result = new FootprintRun(spark, conf, opts).execute();
  }

  private static Dataset<Row> table(String name) {
    return spark.read().parquet(out.resolve("tables").resolve(name).toString());
  }

  @Test
  void runSummaryMatchesTheGeneratorsCountsAndReconciles() {
    Map<String, Row> summary = Frames.byKey(table("run_summary").filter(col("source").equalTo("slurm")), "cluster");
    assertThat(summary).containsOnlyKeys("alpine", "bayou");
    for (String cluster : List.of("alpine", "bayou")) {
      JsonNode e = expected.get("clusters").get(cluster);
      Row s = summary.get(cluster);
      long read = s.getAs("records_read");
      long jobs = s.getAs("jobs");
      long merged = s.getAs("merged");
      long skipped = s.getAs("skipped");
      long rejected = s.getAs("rejected");
      assertThat(read).as(cluster + " read").isEqualTo(e.get("lines_read").asLong());
      assertThat(jobs).as(cluster + " jobs").isEqualTo(e.get("ended_allocations").asLong());
      assertThat(merged).as(cluster + " merged")
          .isEqualTo(e.get("duplicate_allocation_rows").asLong() + e.get("step_rows").asLong());
      assertThat(skipped).as(cluster + " skipped").isEqualTo(
          e.get("running").asLong() + e.get("pending").asLong() + e.get("pending_array_rows").asLong());
      assertThat(rejected).as(cluster + " rejected").isEqualTo(e.get("malformed_rows").asLong());
      assertThat(read).isEqualTo(jobs + merged + skipped + rejected);
      assertThat(s.<Long>getAs("files")).isEqualTo(e.get("files").asLong());
    }
    Row intensity = table("run_summary").filter(col("source").equalTo("intensity")).first();
    // the two average series and the marginal one (carbon.marginal, 840 hourly values)
    assertThat(intensity.<Long>getAs("jobs")).isEqualTo(834 + 840 + 840);
  }

  @Test
  void rejectsAreTheMalformedLinesTheGeneratorPlanted() {
    Set<String> planted = new HashSet<>();
    for (String cluster : List.of("alpine", "bayou")) {
      for (JsonNode m : expected.get("clusters").get(cluster).get("malformed")) {
        planted.add(m.get("file").asText() + ":" + m.get("line").asLong());
      }
    }
    Set<String> got = table("rejects").filter(col("source").equalTo("slurm")).collectAsList().stream()
        .map(r -> {
          String file = r.getAs("file");
          return file.substring(file.indexOf("slurm/")) + ":" + r.getAs("line");
        })
        .collect(Collectors.toSet());
    assertThat(got).isEqualTo(planted);
    assertThat(table("rejects").filter(col("reason").isNull().or(col("raw").isNull())).count()).isZero();
  }

  @Test
  void rejectsCsvHasEveryRejectWithAReasonCodeAndTheSummaryTheTopCodes() throws IOException {
    Map<String, String> codes = new java.util.TreeMap<>();
    try (var in = Files.newBufferedReader(out.resolve("csv/rejects.csv"));
        var csv = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(in)) {
      assertThat(csv.getHeaderNames()).containsExactly("source", "cluster", "file", "line", "reason_code", "reason",
          "raw");
      for (var r : csv.getRecords()) {
        String file = r.get("file");
        codes.put(r.get("source") + " " + file.substring(file.indexOf("sample-logs/") + 12) + ":" + r.get("line"),
            r.get("reason_code"));
      }
    }
    assertThat(codes).hasSize((int) table("rejects").count()).doesNotContainValue("other");
    assertThat(codes).containsEntry("slurm slurm/alpine/sacct_2026-10-22.txt:20", "bad_time")
        .containsEntry("slurm slurm/alpine/sacct_2026-10-30.txt:34", "field_count")
        .containsEntry("slurm slurm/alpine/sacct_2026-11-04.txt:8", "missing_value")
        .containsEntry("slurm slurm/bayou/sacct_week_43.txt:99", "field_count")
        .containsEntry("slurm slurm/bayou/sacct_week_44.txt:76", "bad_number")
        // node inventory: a dump line cut short; meter: a time without UTC offset
        .containsEntry("inventory inventory/alpine/scontrol_nodes_2026-10-23.txt:73", "missing_value")
        .containsEntry("meter meter/alpine_facility_2026.csv:2018", "bad_time");
    // the closing summary's top codes: every slurm reject counted under its code and cluster
    assertThat(result.topRejectReasons()).filteredOn(q -> q.source().equals("slurm"))
        .extracting(q -> q.cluster() + " " + q.code() + " " + q.count())
        .containsExactlyInAnyOrder("alpine bad_time 1", "alpine field_count 1", "alpine missing_value 1",
            "bayou bad_number 1", "bayou field_count 1");
  }

  @Test
  void statesGpuHoursAndSweepsMatch() {
    Dataset<Row> jobs = table("jobs");
    for (String cluster : List.of("alpine", "bayou")) {
      JsonNode e = expected.get("clusters").get(cluster);
      Map<String, Long> states = Frames.countBy(jobs.filter(col("cluster").equalTo(cluster)), "state");
      e.get("states").fields().forEachRemaining(f -> assertThat(states.getOrDefault(f.getKey(), 0L))
          .as(cluster + " " + f.getKey()).isEqualTo(f.getValue().asLong()));
      double gpuHours = jobs.filter(col("cluster").equalTo(cluster)).agg(sum("gpu_hours")).first().getDouble(0);
      assertThat(gpuHours).as(cluster + " GPU-hours").isCloseTo(e.get("gpu_hours").asDouble(), within(1e-3));
      assertThat(jobs.filter(col("cluster").equalTo(cluster).and(col("gpu_count").gt(0))).count())
          .isEqualTo(e.get("gpu_jobs").asLong());
      for (JsonNode sw : e.get("sweeps")) {
        Row s = table("by_sweep").filter(col("sweep_id").equalTo(sw.get("sweep_id").asText())).first();
        assertThat(s.<Long>getAs("trials")).isEqualTo(sw.get("trials").asLong());
        assertThat(s.<Long>getAs("failed_trials")).isEqualTo(sw.get("failed_trials").asLong());
        assertThat((String) s.getAs("sweep_kind")).isEqualTo(sw.get("kind").asText());
      }
    }
  }

  @Test
  void dstJobsKeepTheirTrueDuration() {
    Dataset<Row> jobs = table("jobs");
    for (String cluster : List.of("alpine", "bayou")) {
      for (JsonNode c : expected.get("clusters").get(cluster).get("dst").get("cases")) {
        Row j = jobs.filter(col("cluster").equalTo(cluster).and(col("job_id_raw").equalTo(c.get("jobid").asText())))
            .first();
        assertThat((long) j.getAs("duration_s")).isEqualTo(c.get("elapsed_raw").asLong());
        assertThat(((java.sql.Timestamp) j.getAs("start_utc")).toInstant().toString())
            .isEqualTo(c.get("start_utc").asText());
        assertThat(((java.sql.Timestamp) j.getAs("end_utc")).toInstant().toString())
            .isEqualTo(c.get("end_utc").asText());
      }
    }
  }

  @Test
  void theTexasRackIsPricedWithItsOwnZonesFallbackAndTheDeGapIsMixed() {
    Dataset<Row> jobs = table("jobs");
    assertThat(jobs.filter(col("region").equalTo("US-TEX-ERCO")).count()).isPositive();
    assertThat(jobs.filter(col("region").equalTo("US-TEX-ERCO").and(col("intensity_method").notEqual("fallback")))
        .count()).isZero();
    assertThat(jobs.filter(col("region").equalTo("DE").and(col("intensity_method").equalTo("mixed"))).count())
        .isPositive();
  }

  @Test
  void everyWrittenTableMatchesItsSchemaFile() throws IOException {
    for (String name : List.of("jobs", "by_user", "by_project", "by_sweep", "search_totals", "by_day", "rejects",
        "run_summary", "skipped", "intensity_hourly", "by_cluster_day", "by_partition_day", "reconciliation")) {
      StructType declared = Schemas.of(name);
      StructType written = table(name).schema();
      // per-day tables read back with the partition column last, as Spark lays them out
      for (StructField f : declared.fields()) {
        StructField w = written.apply(f.name());
        assertThat(w.dataType()).as(name + "." + f.name()).isEqualTo(f.dataType());
      }
      assertThat(written.fieldNames()).as(name).containsExactlyInAnyOrder(declared.fieldNames());
      for (StructField f : declared.fields()) {
        if (!f.nullable()) {
          assertThat(table(name).filter(col(f.name()).isNull()).count()).as(name + "." + f.name() + " NOT NULL")
              .isZero();
        }
      }
    }
    for (String name : List.of("by_user", "by_project", "by_sweep", "search_totals", "run_summary")) {
      List<String> lines = Files.readAllLines(out.resolve("csv").resolve(name + ".csv"));
      assertThat(lines.get(0)).isEqualTo(String.join(",", Schemas.of(name).fieldNames()));
      assertThat(lines.size() - 1).as(name + ".csv rows").isEqualTo(table(name).count());
    }
    assertThat(Files.list(out.resolve("tables/jobs")).filter(p -> p.getFileName().toString().startsWith("day="))
        .count()).isGreaterThanOrEqualTo(21);
  }

  @Test
  void bayouNodeEnergyIsUsedOnlyWhereTheGeneratorSaysItIsAttributable() {
    JsonNode e = expected.get("clusters").get("bayou").get("consumed_energy");
    Dataset<Row> measured = table("jobs").filter(col("cluster").equalTo("bayou")
        .and(col("energy_method").equalTo("measured")));
    assertThat(measured.count()).isEqualTo(e.get("counts").get("usable").asLong());
    assertThat(measured.agg(sum("energy_it_kwh")).first().getDouble(0))
        .isCloseTo(e.get("usable_kwh").asDouble(), within(1e-3));
    Row s = table("run_summary").filter(col("cluster").equalTo("bayou")).first();
    assertThat(s.<Long>getAs("measured_unused")).isEqualTo(e.get("counts").get("absurd").asLong()
        + e.get("counts").get("shared").asLong() + e.get("counts").get("zero").asLong());
    // alpine has no energy plugin: nothing measured there (its power samples make some jobs sampled)
    assertThat(table("jobs").filter(col("cluster").equalTo("alpine").and(col("energy_method").equalTo("measured")))
        .count()).isZero();
  }

  @Test
  void kubernetesSampleReconcilesAndKatibSweepsMatch() throws IOException {
    JsonNode k = new ObjectMapper().readTree(TestPaths.repo().resolve("sample-logs/kubernetes/EXPECTED.json")
        .toFile());
    Row s = table("run_summary").filter(col("source").equalTo("kubernetes")).first();
    JsonNode c = k.get("counts");
    assertThat(s.<Long>getAs("records_read")).isEqualTo(c.get("records_read").asLong());
    assertThat(s.<Long>getAs("jobs")).isEqualTo(c.get("usage").asLong());
    assertThat(s.<Long>getAs("merged")).isEqualTo(c.get("merged").asLong());
    assertThat(s.<Long>getAs("skipped")).isEqualTo(c.get("skipped").asLong());
    assertThat(s.<Long>getAs("rejected")).isEqualTo(c.get("rejected").asLong());
    k.get("sweeps").fields().forEachRemaining(e -> {
      Row sw = table("by_sweep").filter(col("sweep_id").equalTo(e.getKey())).first();
      assertThat(sw.<Long>getAs("trials")).as(e.getKey()).isEqualTo(e.getValue().get("trials").asLong());
      assertThat(sw.<Long>getAs("failed_trials")).as(e.getKey()).isEqualTo(e.getValue().get("failed_trials").asLong());
      assertThat((String) sw.getAs("sweep_kind")).isEqualTo(e.getValue().get("kind").asText());
      boolean best = e.getValue().get("best_pods").asLong() > 0;
      assertThat(sw.isNullAt(sw.fieldIndex("best_trial_co2e_kg"))).as(e.getKey() + " best trial").isEqualTo(!best);
      if (best) {
        assertThat((double) sw.getAs("search_overhead_factor")).isGreaterThan(1.0);
      }
    });
  }

  @Test
  void nvidiaSmiLogsMakeTheirJobsSampledWithTheGeneratorsCoverage() throws IOException {
    JsonNode p = new ObjectMapper().readTree(TestPaths.repo().resolve("sample-logs/power/EXPECTED.json").toFile());
    Map<String, Row> alpine = Frames.byKey(table("jobs").filter(col("cluster").equalTo("alpine")
            .and(col("energy_method").equalTo("sampled"))), "job_id");
    for (JsonNode id : p.get("fully_covered")) {
      assertThat(alpine).as("sampled job " + id.asText()).containsKey(id.asText());
      assertThat((double) alpine.get(id.asText()).getAs("energy_coverage")).isCloseTo(1.0, within(1e-3));
    }
    p.get("not_fully_covered").fields().forEachRemaining(e ->
        assertThat((double) alpine.get(e.getKey()).getAs("energy_coverage")).as(e.getKey())
            .isCloseTo(e.getValue().asDouble(), within(1e-3)));
    Row power = table("run_summary").filter(col("source").equalTo("power")).first();
    assertThat(power.<Long>getAs("records_read")).isEqualTo(p.get("totals").get("records_read").asLong());
    assertThat(power.<Long>getAs("jobs")).isEqualTo(p.get("totals").get("samples").asLong());
    assertThat(power.<Long>getAs("rejected")).isEqualTo(p.get("totals").get("rejected").asLong());
  }

  @Test
  void dcgmScrapesMakeTheirPodsSampledThroughPodLabels() throws IOException {
    JsonNode d = new ObjectMapper().readTree(TestPaths.repo().resolve("sample-logs/power/dcgm/EXPECTED.json")
        .toFile());
    // pods recreated under the same name are separate jobs: the covered pods have unique names
    Map<String, Row> kestrel = Frames.firstByKey(table("jobs").filter(col("cluster").equalTo("kestrel")), "job_id");
    for (JsonNode id : d.get("pods_fully_covered")) {
      Row j = kestrel.get(id.asText());
      assertThat((String) j.getAs("energy_method")).as(id.asText()).isEqualTo("sampled");
      // 60 s scrapes: up to a minute at each end of a pod's run falls between samples
      assertThat((double) j.getAs("energy_coverage")).as(id.asText()).isBetween(0.95, 1.0);
      assertThat((String) j.getAs("sampled_match")).isEqualTo("pod");
    }
    for (JsonNode id : d.get("pods_partly_covered")) {
      assertThat((double) kestrel.get(id.asText()).getAs("energy_coverage")).as(id.asText()).isBetween(0.01, 0.99);
    }
    assertThat(table("run_summary").filter(col("source").equalTo("power").and(col("cluster").equalTo("kestrel")))
        .first().<Long>getAs("jobs")).isEqualTo(d.get("scrapes").asLong() * 8);
  }

  @Test
  void runStatsJsonSaysWhatTheRunCost() throws IOException {
    JsonNode stats = new ObjectMapper().readTree(out.resolve(RunStats.FILE_NAME).toFile());
    assertThat(stats.get("spark_jobs").asInt()).isPositive().isEqualTo(result.stats().sparkJobs());
    assertThat(stats.get("spark_stages").asInt()).isPositive();
    int byGroup = 0;
    for (JsonNode n : stats.get("spark_jobs_by_group")) {
      byGroup += n.asInt();
    }
    assertThat(byGroup).isEqualTo(stats.get("spark_jobs").asInt());
    assertThat(stats.get("spark_jobs_by_group").fieldNames()).toIterable().contains("write", "summaries", "report");
    assertThat(stats.get("phase_s").fieldNames()).toIterable().containsExactly("setup", "read", "energy_carbon",
        "write_jobs", "summaries", "report", "commit");
    double phases = 0;
    for (JsonNode s : stats.get("phase_s")) {
      phases += s.asDouble();
    }
    assertThat(phases).isCloseTo(stats.get("total_s").asDouble(), within(0.01));
    assertThat(stats.get("rows_per_source")).hasSize(result.runSummary().size());
    assertThat(stats.get("peak_heap_bytes").asLong()).isPositive();
  }

  @Test
  void printedTotalsAreTheJobsTableTotals() {
    double co2e = table("jobs").agg(sum("co2e_kg")).first().getDouble(0);
    assertThat(result.co2eKg()).isCloseTo(co2e, within(1e-9));
    assertThat(result.jobs()).isEqualTo(336 + 166);
    assertThat(result.co2eLowKg()).isLessThan(result.co2eKg());
    assertThat(result.co2eHighKg()).isGreaterThan(result.co2eKg());
    // from the collected summaries, in table order, and the day folders of the published jobs
    List<Row> byProject = table("by_project").orderBy(col("co2e_kg").desc(), col("project")).limit(5).collectAsList();
    assertThat(result.topProjects()).extracting(r -> r.getAs("project")).containsExactlyElementsOf(
        byProject.stream().map(r -> r.getAs("project")).toList());
    assertThat(result.searchTotalsAll()).extracting(r -> r.getAs("kind")).containsExactly("hpo", "nas", "single");
    assertThat(result.publishedDays()).isEqualTo(table("jobs").select("day").distinct().count());
  }

  /**
   * Dodge et al. 2022's finding, qualitatively, on the sample's day-shaped intensity series: jobs under 4 h save a
   * larger share (1 − Σ shift_co2e / Σ co2e over the jobs that have the counterfactual) from a flexible start than
   * jobs of 24 h or more, in every window; most long jobs cannot gain from moving their start at all (median 0). Pause
   * and resume goes the other way here: a long job spans many dirty hours it can skip (bench/RESULTS.md).
   */
  @Test
  void shortJobsGainMostFromAFlexibleStart() {
    Dataset<Row> jobs = table("jobs").filter(col("co2e_kg").gt(0));
    Column hours = col("duration_s").divide(3600.0);
    Dataset<Row> shortJobs = jobs.filter(hours.lt(4));
    Dataset<Row> longJobs = jobs.filter(hours.geq(24));
    for (int w : new int[] {6, 12, 24}) {
      String c = "shift_co2e_kg_" + w + "h";
      Row s = saving(shortJobs, c);
      Row l = saving(longJobs, c);
      assertThat(s.getLong(0)).as("short jobs with " + c).isGreaterThan(100);
      assertThat(l.getLong(0)).as("long jobs with " + c).isGreaterThanOrEqualTo(5);
      assertThat(s.getDouble(1)).as(c + ": short vs long").isGreaterThan(l.getDouble(1));
    }
    assertThat(saving(shortJobs, "shift_co2e_kg_24h").getDouble(2)).isGreaterThan(0.1);
    assertThat(saving(longJobs, "shift_co2e_kg_24h").getDouble(2)).isLessThan(0.01);
    assertThat(saving(longJobs, "pause_co2e_kg_100pct").getDouble(1))
        .isGreaterThan(saving(shortJobs, "pause_co2e_kg_100pct").getDouble(1));
  }

  /** Jobs with the counterfactual, 1 − Σ it / Σ co2e_kg, and the median of the jobs' own 1 − it / co2e_kg. */
  private static Row saving(Dataset<Row> jobs, String counterfactual) {
    return jobs.filter(col(counterfactual).isNotNull()).agg(count(lit(1)),
        lit(1.0).minus(sum(counterfactual).divide(sum("co2e_kg"))),
        percentile_approx(lit(1.0).minus(col(counterfactual).divide(col("co2e_kg"))), lit(0.5), lit(10000)))
        .first();
  }
}
