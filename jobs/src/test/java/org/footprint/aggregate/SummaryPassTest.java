package org.footprint.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.footprint.testing.Frames.row;
import static org.footprint.testing.Frames.utc;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.footprint.model.Schemas;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The summaries' one aggregation: from six jobs built in code (two days, two clusters, a Slurm sweep with a failed
 * trial, a Katib sweep whose trial had two pods plus a suggestion pod, a spec for a sweep that has not run yet),
 * every table equal to what its own query ({@link Aggregates}) computes, value for value and in the same order; a
 * few totals by hand; the idle share filled from the same pass.
 */
class SummaryPassTest extends SparkTestBase {
  private static final String COLUMNS = "job_id STRING, name STRING, day DATE, cluster STRING, user STRING, "
      + "project STRING, sweep_id STRING, sweep_kind STRING, sweep_role STRING, sweep_best BOOLEAN, "
      + "failed BOOLEAN, start_utc TIMESTAMP, end_utc TIMESTAMP, gpu_count DOUBLE, gpu_hours DOUBLE, "
      + "energy_kwh DOUBLE, energy_low_kwh DOUBLE, energy_high_kwh DOUBLE, co2e_kg DOUBLE, co2e_low_kg DOUBLE, "
      + "co2e_high_kg DOUBLE, cost_low_usd DOUBLE, cost_high_usd DOUBLE, co2e_market_kg DOUBLE, "
      + "co2e_marginal_kg DOUBLE, avoidable_co2e_kg DOUBLE, embodied_co2e_kg DOUBLE, embodied_co2e_low_kg DOUBLE, "
      + "embodied_co2e_high_kg DOUBLE";
  private static Dataset<Row> jobs;
  private static Dataset<Row> specs;
  private static SummaryPass pass;
  private static SummaryRows tables;

  @BeforeAll
  static void jobs() {
    Date d1 = Date.valueOf("2026-03-02");
    Date d2 = Date.valueOf("2026-03-03");
    jobs = Frames.fill(Frames.of(spark, COLUMNS,
        // ann, a single run: 2 GPUs × 2 h on day 1
        row("1", "a", d1, "c", "ann", "p1", null, "single", null, null, false, utc("2026-03-02T08:00:00Z"),
            utc("2026-03-02T10:00:00Z"), 2.0, 4.0, 1.1, 1.0, 1.2, 0.3, 0.2, 0.4, 1.0, 3.0, 0.2, null, 0.1, 0.1,
            0.05, 0.15),
        // ann, a failed trial of the array c/7 (1 GPU, 1 h, day 1); no market figure: counts its co2e_kg
        row("7_1", "t", d1, "c", "ann", "p1", "c/7", "hpo", "trial", null, true, utc("2026-03-02T09:00:00Z"),
            utc("2026-03-02T10:00:00Z"), 1.0, 1.0, 0.7, 0.6, 0.8, 0.1, 0.05, 0.15, 0.5, 1.5, null, 0.7, null,
            0.2, 0.1, 0.3),
        // bob, the array's other trial, day 2 (1 GPU from 23:00 to 01:00: an hour on each day)
        row("7_2", "t", d2, "c", "bob", "p1", "c/7", "hpo", "trial", null, false, utc("2026-03-02T23:00:00Z"),
            utc("2026-03-03T01:00:00Z"), 1.0, 2.0, 0.2, 0.1, 0.3, 0.2, 0.1, 0.3, 0.5, 1.5, 0.1, 0.3, 0.05, 0.0,
            0.0, 0.0),
        // bob, Katib trial t1's two pods (one the best) and the experiment's suggestion pod, on cluster k
        row("m", "t1", d2, "k", "bob", "p2", "katib:ns/e", "nas", "trial", true, false,
            utc("2026-03-03T02:00:00Z"), utc("2026-03-03T03:00:00Z"), 1.0, 1.0, 0.3, 0.2, 0.4, 0.3, 0.2, 0.4, 0.0,
            0.0, 0.3, null, null, 0.0, 0.0, 0.0),
        row("w", "t1", d2, "k", "bob", "p2", "katib:ns/e", "nas", "trial", false, false,
            utc("2026-03-03T02:00:00Z"), utc("2026-03-03T03:00:00Z"), 1.0, 1.0, 0.3, 0.2, 0.4, 0.3, 0.2, 0.4, 0.0,
            0.0, 0.3, null, null, 0.0, 0.0, 0.0),
        row("s", "sugg", d2, "k", "bob", "p2", "katib:ns/e", "nas", "suggestion", null, false,
            utc("2026-03-03T01:00:00Z"), utc("2026-03-03T04:00:00Z"), 0.0, 0.0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.0,
            0.0, null, null, null, 0.0, 0.0, 0.0)), Schemas.of("jobs"));
    specs = Frames.fill(Frames.of(spark, Schemas.of("sweep_specs"),
        RowFactory.create("katib:ns/e", "nas", "k", "p2", "bob", 10, 2, 3, 1.0),
        RowFactory.create("katib:ns/planned", null, "k", "p3", "cy", 5, 1, null, 2.0)), Schemas.of("sweep_specs"));
    pass = SummaryPass.of(jobs, specs, "UTC");
    tables = pass.tables();
  }

  @Test
  void everyTableIsWhatItsOwnQueryComputesInTheSameOrder() {
    assertThat(tables.byUser()).containsExactlyElementsOf(Aggregates.byUser(jobs).collectAsList());
    assertThat(tables.byProject()).containsExactlyElementsOf(Aggregates.byProject(jobs).collectAsList());
    assertThat(tables.bySweep()).containsExactlyElementsOf(Aggregates.bySweep(jobs, specs).collectAsList());
    assertThat(tables.searchTotals()).containsExactlyElementsOf(Aggregates.searchTotals(jobs).collectAsList());
    assertThat(tables.byDay()).containsExactlyElementsOf(Aggregates.byDay(jobs)
        .orderBy("day", "cluster", "project").collectAsList());
  }

  @Test
  void theSumsAreAHashAggregateAndOnlyTheSweepsAttributesAnObjectAggregate() {
    List<String> lines = List.of(SummaryPass.query(jobs, specs, "UTC").queryExecution().executedPlan()
        .treeString().split("\n"));
    List<String> objectAggregates = lines.stream().filter(l -> l.contains("ObjectHashAggregate")).toList();
    // partial and final, grouped by tag, sweep and kind (or cluster), and nothing else is one
    assertThat(objectAggregates).hasSize(2).allSatisfy(l -> assertThat(l)
        .containsPattern("keys=\\[g_set#\\d+, g_a#\\d+, g_b#\\d+\\], functions=\\[(partial_)?collect_set"));
    assertThat(lines.stream().filter(l -> l.contains(" HashAggregate(") || l.startsWith("HashAggregate("))
        .filter(l -> l.matches(".*keys=\\[g_set#\\d+, g_a#\\d+, g_b#\\d+, g_c#\\d+, g_d#\\d+\\].*"))).hasSize(2);
    assertThat(lines).noneMatch(l -> l.contains("SortAggregate"));
  }

  @Test
  void withoutSpecsTheSweepsThatRanOnly() {
    assertThat(SummaryPass.of(jobs, null, null).tables().bySweep())
        .containsExactlyElementsOf(Aggregates.bySweep(jobs).collectAsList());
  }

  @Test
  void totalsByHand() {
    Map<String, Row> users = byKey(tables.byUser(), "user");
    assertThat(users.get("ann").<Long>getAs("jobs")).isEqualTo(2L);
    assertThat(users.get("ann").<Long>getAs("failed_jobs")).isEqualTo(1L);
    assertThat(users.get("ann").<Double>getAs("gpu_hours")).isEqualTo(5.0);
    assertThat(users.get("ann").<Double>getAs("co2e_market_kg")).isEqualTo(0.2 + 0.1);
    assertThat(users.get("bob").<Long>getAs("jobs")).isEqualTo(4L);
    Map<String, Row> sweeps = byKey(tables.bySweep(), "sweep_id");
    Row katib = sweeps.get("katib:ns/e");
    assertThat(katib.<Long>getAs("trials")).isEqualTo(2L); // the two pods, not the suggestion
    assertThat(katib.<Long>getAs("run_trials")).isEqualTo(1L); // one trial however many pods
    assertThat(katib.<Integer>getAs("planned_trials")).isEqualTo(10);
    assertThat(katib.<Double>getAs("best_trial_co2e_kg")).isEqualTo(0.3);
    Row array = sweeps.get("c/7");
    assertThat(array.<Long>getAs("run_trials")).isEqualTo(2L);
    assertThat(array.<Long>getAs("failed_trials")).isEqualTo(1L);
    assertThat(array.<Integer>getAs("planned_trials")).isNull();
    Row planned = sweeps.get("katib:ns/planned");
    assertThat(planned.<String>getAs("sweep_kind")).isEqualTo("hpo"); // no kind in its spec
    assertThat(planned.<String>getAs("project")).isEqualTo("p3");
    assertThat(planned.<Long>getAs("trials")).isZero();
    assertThat(planned.<Double>getAs("co2e_kg")).isZero();
    assertThat(planned.<Double>getAs("search_overhead_factor")).isNull();
    SummaryPass.ClusterJobs c = pass.clusters().get("c");
    assertThat(c.firstDay()).isEqualTo(Date.valueOf("2026-03-02"));
    assertThat(c.lastDay()).isEqualTo(Date.valueOf("2026-03-03"));
    assertThat(c.energyKwh()).isEqualTo(1.1 + 0.7 + 0.2);
  }

  @Test
  void theIdleShareByGpuHoursHeldPerClusterAndDay() {
    // cluster c: day 1 ann held 2 × 2 h + 1 h = 5 GPU-hours, bob 1 (7_2 before midnight); day 2 bob 1 (after)
    assertThat(pass.held("user")).extracting(h -> h.key() + "@" + h.cluster() + "/" + h.day() + "=" + h.gpuHours())
        .containsExactlyInAnyOrder("ann@c/2026-03-02=5.0", "bob@c/2026-03-02=1.0", "bob@c/2026-03-03=1.0",
            "bob@k/2026-03-03=2.0");
    List<Row> byClusterDay = List.of(clusterDay("c", "2026-03-02", 6.0, 3.0), clusterDay("c", "2026-03-03", 2.0,
        null));
    List<Row> users = IdleShare.fill(tables.byUser(), "by_user", "user", pass.held("user"), byClusterDay);
    Map<String, Row> u = byKey(users, "user");
    assertThat(u.get("ann").<Double>getAs("idle_kwh")).isEqualTo(5.0 / 6.0 * 6.0);
    assertThat(u.get("ann").<Double>getAs("idle_co2e_kg")).isEqualTo(5.0 / 6.0 * 3.0);
    assertThat(u.get("bob").<Double>getAs("idle_kwh")).isEqualTo(1.0 / 6.0 * 6.0 + 1.0 * 2.0);
    // day 2's idle CO2e is unknown: bob's share is of day 1 alone
    assertThat(u.get("bob").<Double>getAs("idle_co2e_kg")).isEqualTo(1.0 / 6.0 * 3.0);
    // the rest of the rows untouched, in their order
    assertThat(users).extracting(r -> r.<String>getAs("user"))
        .containsExactlyElementsOf(tables.byUser().stream().map(r -> r.<String>getAs("user")).toList());
    assertThat(u.get("ann").<Double>getAs("co2e_kg")).isEqualTo(byKey(tables.byUser(), "user").get("ann")
        .<Double>getAs("co2e_kg"));
    // a project that held nothing on a cluster-day with a row keeps nulls
    Map<String, Row> p = byKey(IdleShare.fill(tables.byProject(), "by_project", "project", pass.held("project"),
        byClusterDay), "project");
    assertThat(p.get("p2").<Double>getAs("idle_kwh")).isNull();
    assertThat(p.get("p1").<Double>getAs("idle_kwh")).isEqualTo(6.0 / 6.0 * 6.0 + 2.0);
  }

  @Test
  void theReportsSweepScopeIsTheSweepsRows() {
    Map<String, Row> scope = byKey(pass.report().sweepScope(), "sweep_id");
    assertThat(scope).containsOnlyKeys("c/7", "katib:ns/e"); // the planned sweep has no jobs to describe
    Row array = scope.get("c/7");
    assertThat(array.<Long>getAs("jobs")).isEqualTo(2L);
    assertThat(array.<Double>getAs("gpu_hours")).isEqualTo(1.0 + 2.0);
    assertThat(array.<Double>getAs("energy_kwh")).isEqualTo(0.7 + 0.2);
    Row katib = scope.get("katib:ns/e");
    assertThat(katib.<Long>getAs("jobs")).isEqualTo(3L); // the suggestion pod too: it is in the footprint
    assertThat(katib.<Double>getAs("energy_kwh")).isEqualTo(0.3 + 0.3 + 0.1);
  }

  @Test
  void bySweepIsReadAgainAlike() {
    // a view derived as it is read: the same rows each time, and indexable
    List<Row> s = tables.bySweep();
    assertThat(s).hasSize(3);
    assertThat(s.get(0)).isEqualTo(s.get(0)).isNotSameAs(s.get(0));
    assertThat(List.copyOf(s)).containsExactlyElementsOf(s);
  }

  private static Row clusterDay(String cluster, String day, double kwh, Double co2e) {
    Object[] cells = new Object[Schemas.of("by_cluster_day").size()];
    cells[Schemas.of("by_cluster_day").fieldIndex("cluster")] = cluster;
    cells[Schemas.of("by_cluster_day").fieldIndex("day")] = Date.valueOf(day);
    cells[Schemas.of("by_cluster_day").fieldIndex("idle_energy_kwh")] = kwh;
    cells[Schemas.of("by_cluster_day").fieldIndex("idle_co2e_kg")] = co2e;
    return new GenericRowWithSchema(cells, Schemas.of("by_cluster_day"));
  }

  private static Map<String, Row> byKey(List<Row> rows, String key) {
    return rows.stream().collect(Collectors.toMap(r -> String.valueOf(r.<Object>getAs(key)), r -> r));
  }
}
