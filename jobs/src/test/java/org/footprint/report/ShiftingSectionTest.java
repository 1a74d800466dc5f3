package org.footprint.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.footprint.model.Schemas;
import org.junit.jupiter.api.Test;

/** "What shifting would have saved", from the summary rows, without Spark: sweeps first, only when it ran. */
class ShiftingSectionTest {
  private static Row row(String table, Map<String, Object> values) {
    StructType schema = Schemas.of(table);
    Object[] v = new Object[schema.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.get(schema.fields()[i].name());
    }
    return new GenericRowWithSchema(v, schema);
  }

  private static Pages pages(List<Row> bySweep, List<Row> byProject, List<Row> runSummary) {
    List<Row> none = List.of();
    return new Pages(new ReportData(byProject, none, bySweep, none, none, runSummary, none, none, none, none, none,
        none, none, none, none), ReportOptions.plain("t"));
  }

  @Test
  void theLargestAvoidableSweepsAndProjectsWithTheirShare() {
    List<Row> sweeps = List.of(
        row("by_sweep", Map.of("sweep_id", "c/1", "project", "vision", "co2e_kg", 10.0, "avoidable_co2e_kg", 2.0)),
        row("by_sweep", Map.of("sweep_id", "c/2", "project", "nlp", "co2e_kg", 4.0, "avoidable_co2e_kg", 3.0)),
        row("by_sweep", Map.of("sweep_id", "c/3", "project", "nlp", "co2e_kg", 4.0, "avoidable_co2e_kg", 0.0)));
    List<Row> projects = List.of(
        row("by_project", Map.of("project", "vision", "jobs", 5L, "co2e_kg", 30.0, "avoidable_co2e_kg", 4.0)),
        row("by_project", Map.of("project", "nlp", "jobs", 5L, "co2e_kg", 10.0, "avoidable_co2e_kg", 6.0)));
    List<Row> summary = List.of(row("run_summary", Map.of("source", "slurm", "whatif_jobs", 9L,
        "signals", "location: average; market: location; marginal: none; whatif: average")));
    Views.Shifting s = pages(sweeps, projects, summary).index().shifting();
    // 4 + 6 of 40 kg
    assertThat(s.avoidable()).isEqualTo("10.0");
    assertThat(s.share()).isEqualTo(Fmt.pct(0.25));
    assertThat(s.jobs()).isEqualTo("9");
    // largest first; a sweep with nothing avoidable is not listed
    assertThat(s.sweeps()).extracting(Views.ShiftRow::name).containsExactly("c/2", "c/1");
    assertThat(s.sweeps().get(0).share()).isEqualTo(Fmt.pct(0.75));
    assertThat(s.projects()).extracting(Views.ShiftRow::name).containsExactly("nlp", "vision");
  }

  @Test
  void noSectionWhenTheCounterfactualsDidNotRun() {
    List<Row> projects = List.of(row("by_project", Map.of("project", "vision", "jobs", 5L, "co2e_kg", 30.0)));
    assertThat(pages(List.of(), projects, List.of()).index().shifting()).isNull();
  }

  @Test
  void theIndexPageRendersSweepsBeforeProjects() throws Exception {
    List<Row> sweeps = List.of(
        row("by_sweep", Map.of("sweep_id", "c/1", "project", "vision", "co2e_kg", 10.0, "avoidable_co2e_kg", 2.0)));
    List<Row> projects = List.of(
        row("by_project", Map.of("project", "vision", "jobs", 5L, "co2e_kg", 30.0, "avoidable_co2e_kg", 4.0)));
    String html = ReportWriter.render(new com.github.mustachejava.DefaultMustacheFactory("report").compile("index.mustache"),
        pages(sweeps, projects, List.of()).index());
    assertThat(html).contains("What shifting would have saved");
    assertThat(html.indexOf("<h3>Sweeps</h3>")).isPositive().isLessThan(html.indexOf("<h3>Projects</h3>"));
  }
}
