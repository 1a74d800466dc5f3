package org.footprint.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.footprint.model.Schemas;
import org.junit.jupiter.api.Test;

/** The report keeps the sweeps a page can show and the counts of the rest, not a row per sweep. */
class ReportSweepsTest {
  private static Row sweep(String id, String project, String user, double co2e, double avoidable) {
    Map<String, Object> values = new HashMap<>(Map.of("sweep_id", id, "sweep_kind", "hpo", "project", project,
        "user", user, "co2e_kg", co2e, "avoidable_co2e_kg", avoidable, "trials", 1L, "failed_trials", 0L));
    StructType schema = Schemas.of("by_sweep");
    Object[] v = new Object[schema.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.get(schema.fields()[i].name());
    }
    return new GenericRowWithSchema(v, schema);
  }

  /** 60 sweeps of one user in "big" (b00 the largest), 5 of another in "small"; b59 alone has avoidable CO2e. */
  private static List<Row> bySweep() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(sweep(String.format("b%02d", i), "big", "u1", 100 - i, i == 59 ? 5.0 : 0.0));
    }
    for (int i = 0; i < 5; i++) {
      rows.add(sweep("s" + i, "small", "u2", 1.0 - 0.1 * i, 0.0));
    }
    return rows;
  }

  @Test
  void keepsEachProjectsAndUsersLargestAndTheMostAvoidable() {
    ReportSweeps s = ReportSweeps.of(bySweep());
    List<String> ids = s.shown().stream().map(r -> r.<String>getAs("sweep_id")).toList();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      expected.add(String.format("b%02d", i));
    }
    // b50..b58: past big's and u1's 50 largest; b59 for the shifting section; in by_sweep's order
    expected.add("b59");
    expected.addAll(List.of("s0", "s1", "s2", "s3", "s4"));
    assertThat(ids).containsExactlyElementsOf(expected);
    assertThat(s.total()).isEqualTo(65);
    assertThat(s.ofProject("big")).isEqualTo(60);
    assertThat(s.ofUser("u2")).isEqualTo(5);
    assertThat(s.ofProject("none")).isZero();
  }

  @Test
  void pagesCountTheSweepsTheyDoNotShow() {
    List<Row> all = bySweep();
    ReportSweeps kept = ReportSweeps.of(all);
    List<Row> none = List.of();
    Pages pages = new Pages(new ReportData(none, none, kept.shown(), none, none, none, none, none, none, none,
        none, none, none, none, none, kept), ReportOptions.plain("t"));
    Pages everything = new Pages(new ReportData(none, none, all, none, none, none, none, none, none, none, none,
        none, none, none, none), ReportOptions.plain("t"));
    // 65 sweeps, 15 on the index; 60 in big, 50 on its page: the same text as with every row at hand
    assertThat(pages.index().sweeps().more()).isEqualTo("50 smaller sweeps are not shown: see csv/by_sweep.csv")
        .isEqualTo(everything.index().sweeps().more());
    assertThat(pages.project("big").page().sweeps().more())
        .isEqualTo("10 smaller sweeps are not shown: see csv/by_sweep.csv")
        .isEqualTo(everything.project("big").page().sweeps().more());
    assertThat(pages.project("big").page().sweeps().rows()).hasSize(50);
    assertThat(pages.index().shifting()).isNull(); // no by_project rows: no section, but the sweep was kept for it
  }

  @Test
  void aSweepWithJobsOfTwoKindsHasOneScopeRow() {
    StructType schema = StructType.fromDDL("sweep_id STRING, jobs BIGINT, gpu_hours DOUBLE, energy_kwh DOUBLE");
    List<Row> perKind = List.of(new GenericRowWithSchema(new Object[] {"a", 2L, 1.5, null}, schema),
        new GenericRowWithSchema(new Object[] {"b", 1L, 4.0, 1.0}, schema),
        new GenericRowWithSchema(new Object[] {"a", 3L, 0.25, 2.0}, schema));
    List<Row> scope = ReportData.sweepScope(perKind, List.of("a"));
    assertThat(scope).hasSize(1);
    assertThat(scope.get(0).<Long>getAs("jobs")).isEqualTo(5L);
    assertThat(scope.get(0).<Double>getAs("gpu_hours")).isEqualTo(1.75);
    assertThat(scope.get(0).<Double>getAs("energy_kwh")).isEqualTo(2.0);
  }
}
