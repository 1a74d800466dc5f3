package org.footprint.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.footprint.testing.Frames.row;
import static org.footprint.testing.Frames.utc;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.model.Schemas;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The summary tables from four jobs built in code (two users, two projects, one HPO sweep with a suggestion pod),
 * each total added up by hand.
 */
class AggregatesTest extends SparkTestBase {
  private static final double EPS = 1e-12;
  private static final String COLUMNS = "job_id STRING, day DATE, cluster STRING, user STRING, project STRING, "
      + "sweep_id STRING, sweep_kind STRING, sweep_role STRING, sweep_best BOOLEAN, failed BOOLEAN, "
      + "start_utc TIMESTAMP, end_utc TIMESTAMP, gpu_hours DOUBLE, energy_kwh DOUBLE, energy_low_kwh DOUBLE, "
      + "energy_high_kwh DOUBLE, co2e_kg DOUBLE, co2e_low_kg DOUBLE, co2e_high_kg DOUBLE, cost_low_usd DOUBLE, "
      + "cost_high_usd DOUBLE, co2e_market_kg DOUBLE, co2e_marginal_kg DOUBLE, embodied_co2e_kg DOUBLE, "
      + "embodied_co2e_low_kg DOUBLE, embodied_co2e_high_kg DOUBLE";
  private static Dataset<Row> jobs;

  @BeforeAll
  static void jobs() {
    Date day = Date.valueOf("2026-03-02");
    jobs = Frames.fill(Frames.of(spark, COLUMNS,
        // ann, a single run
        row("j1", day, "c", "ann", "p1", null, "single", null, null, false, utc("2026-03-02T08:00:00Z"),
            utc("2026-03-02T10:00:00Z"), 2.0, 1.0, 0.9, 1.1, 0.5, 0.4, 0.6, 1.0, 3.0, 0.2, null, 0.1, 0.05, 0.15),
        // ann, a failed trial of sweep s1; no market figure (published before the column): counts its co2e_kg
        row("j2", day, "c", "ann", "p1", "s1", "hpo", "trial", false, true, utc("2026-03-02T09:00:00Z"),
            utc("2026-03-02T10:00:00Z"), 1.0, 2.0, 1.8, 2.2, 1.0, 0.8, 1.2, 0.5, 1.5, null, 0.7, 0.2, 0.1, 0.3),
        // bob, the best trial of s1
        row("j3", day, "c", "bob", "p2", "s1", "hpo", "trial", true, false, utc("2026-03-02T07:00:00Z"),
            utc("2026-03-02T08:00:00Z"), 1.0, 1.0, 0.9, 1.1, 0.25, 0.2, 0.3, 0.5, 1.5, 0.1, 0.3, 0.0, 0.0, 0.0),
        // bob, the sweep's suggestion pod: in its footprint, not among its trials
        row("j4", day, "c", "bob", "p2", "s1", "hpo", "suggestion", null, false, utc("2026-03-02T06:00:00Z"),
            utc("2026-03-02T11:00:00Z"), 0.5, 0.5, 0.45, 0.55, 0.25, 0.2, 0.3, 0.0, 0.0, null, null, 0.0, 0.0,
            0.0)), Schemas.of("jobs"));
  }

  @Test
  void byUserAddsUpEachUsersJobs() {
    Map<String, Row> u = Frames.byKey(Aggregates.byUser(jobs), "user");
    Row ann = u.get("ann");
    assertThat(ann.<Long>getAs("jobs")).isEqualTo(2L);
    assertThat(ann.<Long>getAs("failed_jobs")).isEqualTo(1L);
    assertThat(ann.<Double>getAs("gpu_hours")).isCloseTo(3.0, within(EPS));
    assertThat(ann.<Double>getAs("energy_kwh")).isCloseTo(3.0, within(EPS));
    assertThat(ann.<Double>getAs("energy_low_kwh")).isCloseTo(2.7, within(EPS));
    assertThat(ann.<Double>getAs("energy_high_kwh")).isCloseTo(3.3, within(EPS));
    assertThat(ann.<Double>getAs("co2e_kg")).isCloseTo(1.5, within(EPS));
    assertThat(ann.<Double>getAs("co2e_low_kg")).isCloseTo(1.2, within(EPS));
    assertThat(ann.<Double>getAs("co2e_high_kg")).isCloseTo(1.8, within(EPS));
    assertThat(ann.<Double>getAs("failed_co2e_kg")).isCloseTo(1.0, within(EPS));
    assertThat(ann.<Double>getAs("hpo_co2e_kg")).isCloseTo(1.0, within(EPS));
    assertThat(ann.<Double>getAs("nas_co2e_kg")).isZero();
    assertThat(ann.<Double>getAs("cost_low_usd")).isCloseTo(1.5, within(EPS));
    assertThat(ann.<Double>getAs("cost_high_usd")).isCloseTo(4.5, within(EPS));
    assertThat(ann.<Double>getAs("co2e_market_kg")).isCloseTo(0.2 + 1.0, within(EPS)); // j2 at its co2e_kg
    assertThat(ann.<Double>getAs("co2e_marginal_kg")).isCloseTo(0.7, within(EPS)); // j1 has none
    assertThat(ann.<Double>getAs("avoidable_co2e_kg")).isNull(); // no job has one
    assertThat(ann.<Double>getAs("embodied_co2e_kg")).isCloseTo(0.3, within(EPS));
    assertThat(ann.<Double>getAs("total_co2e_kg")).isCloseTo(1.8, within(EPS));
    Row bob = u.get("bob");
    assertThat(bob.<Long>getAs("failed_jobs")).isZero();
    assertThat(bob.<Double>getAs("failed_co2e_kg")).as("0, not null: totals add up").isZero();
    assertThat(bob.<Double>getAs("co2e_market_kg")).isCloseTo(0.1 + 0.25, within(EPS));
    // largest CO2e first
    assertThat(Aggregates.byUser(jobs).collectAsList()).extracting(r -> r.<String>getAs("user"))
        .containsExactly("ann", "bob");
    assertThat(Aggregates.byProject(jobs).schema()).isEqualTo(Schemas.of("by_project"));
    assertThat(Frames.byKey(Aggregates.byProject(jobs), "project").get("p2").<Double>getAs("co2e_kg"))
        .isCloseTo(0.5, within(EPS));
  }

  @Test
  void bySweepCountsTrialsNotTheSuggestionAndComparesWithTheBestTrial() {
    Row s1 = Frames.byKey(Aggregates.bySweep(jobs), "sweep_id").get("s1");
    assertThat(s1.<String>getAs("sweep_kind")).isEqualTo("hpo");
    assertThat(s1.<String>getAs("project")).isEqualTo("p2"); // two of its three jobs
    assertThat(s1.<String>getAs("user")).isEqualTo("bob");
    assertThat(s1.<Long>getAs("trials")).isEqualTo(2L);
    assertThat(s1.<Long>getAs("failed_trials")).isEqualTo(1L);
    assertThat(s1.<Double>getAs("gpu_hours")).isCloseTo(2.5, within(EPS));
    assertThat(s1.<Double>getAs("energy_kwh")).isCloseTo(3.5, within(EPS));
    assertThat(s1.<Double>getAs("co2e_kg")).isCloseTo(1.5, within(EPS));
    assertThat(s1.<Double>getAs("best_trial_co2e_kg")).isCloseTo(0.25, within(EPS));
    assertThat(s1.<Double>getAs("search_overhead_factor")).isCloseTo(6.0, within(EPS)); // 1.5 / 0.25
    assertThat(s1.getAs("first_start_utc").toString()).isEqualTo(utc("2026-03-02T06:00:00Z").toString());
    assertThat(s1.<Double>getAs("total_co2e_kg")).isCloseTo(1.5 + 0.2, within(EPS));
    assertThat(Aggregates.bySweep(jobs).count()).as("j1 is in no sweep").isOne();
  }

  @Test
  void aSweepSplitEvenlyBetweenTwoUsersNamesTheFirstInOrderWhicheverWayTheRowsCome() {
    Date day = Date.valueOf("2026-03-02");
    List<Row> rows = new ArrayList<>();
    for (String[] j : new String[][] {{"t1", "zoe", "pz"}, {"t2", "amy", "pa"}, {"t3", "zoe", "pz"},
        {"t4", "amy", "pa"}}) {
      rows.add(row(j[0], day, "c", j[1], j[2], "tie", "hpo", "trial", false, false, utc("2026-03-02T08:00:00Z"),
          utc("2026-03-02T09:00:00Z"), 1.0, 1.0, 0.9, 1.1, 0.5, 0.4, 0.6, 0.0, 0.0, 0.5, null, 0.0, 0.0, 0.0));
    }
    // before: mode() kept whichever tied value it met first, so a rerun could name the other user
    List<Row> reversed = new ArrayList<>(rows);
    Collections.reverse(reversed);
    for (List<Row> order : List.of(rows, reversed)) {
      Dataset<Row> tie = Frames.fill(Frames.of(spark, COLUMNS, order.toArray(Row[]::new)), Schemas.of("jobs"))
          .repartition(3);
      Row s = Frames.byKey(Aggregates.bySweep(tie), "sweep_id").get("tie");
      assertThat(s.<String>getAs("user")).isEqualTo("amy");
      assertThat(s.<String>getAs("project")).isEqualTo("pa");
      Row p = SummaryPass.of(tie, null, null).tables().bySweep().get(0);
      assertThat(p.<String>getAs("user")).isEqualTo("amy");
      assertThat(p.<String>getAs("project")).isEqualTo("pa");
    }
  }

  @Test
  void searchTotalsSplitEachProjectAndAllBySearchKind() {
    Map<String, Row> t = Frames.byKey(Aggregates.searchTotals(jobs),
        r -> r.<String>getAs("project") + "/" + r.getAs("kind"));
    assertThat(t).containsOnlyKeys("p1/single", "p1/hpo", "p2/hpo", "*/single", "*/hpo");
    assertThat(t.get("*/single").<Double>getAs("share_of_co2e")).isCloseTo(0.25, within(EPS)); // 0.5 of 2.0
    assertThat(t.get("*/hpo").<Double>getAs("share_of_co2e")).isCloseTo(0.75, within(EPS));
    assertThat(t.get("*/hpo").<Long>getAs("jobs")).isEqualTo(3L);
    assertThat(t.get("p1/hpo").<Double>getAs("share_of_co2e")).isCloseTo(2.0 / 3.0, within(EPS));
    assertThat(t.get("p2/hpo").<Double>getAs("share_of_co2e")).isCloseTo(1.0, within(EPS));
  }

  @Test
  void byDayPerClusterAndProject() {
    Map<String, Row> d = Frames.byKey(Aggregates.byDay(jobs), "project");
    assertThat(d.get("p1").<Long>getAs("jobs")).isEqualTo(2L);
    assertThat(d.get("p1").<Long>getAs("failed_jobs")).isEqualTo(1L);
    assertThat(d.get("p1").<Double>getAs("co2e_kg")).isCloseTo(1.5, within(EPS));
    assertThat(d.get("p2").<Double>getAs("energy_kwh")).isCloseTo(1.5, within(EPS));
    assertThat(d.get("p2").<Double>getAs("co2e_marginal_kg")).isCloseTo(0.3, within(EPS));
    assertThat(d.get("p2").getAs("day").toString()).isEqualTo("2026-03-02");
  }
}
