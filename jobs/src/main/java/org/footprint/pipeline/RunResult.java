package org.footprint.pipeline;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.footprint.aggregate.SummaryRows;
import org.footprint.sink.Publisher;
import org.footprint.sink.QualityGate;
import org.footprint.sink.RunTotals;

/** What the CLI prints after a run: small, already-aggregated rows. */
public record RunResult(String outDir, List<Row> runSummary, List<Row> topProjects, List<Row> searchTotalsAll,
    long jobs, double energyKwh, double co2eKg, double co2eLowKg, double co2eHighKg,
    /** the days this run replaced, null when it replaced everything */
    List<LocalDate> days,
    /** days in the published jobs table after this run */
    long publishedDays,
    /** the most frequent reject codes per source and cluster, most frequent first */
    List<QualityGate.ReasonCount> topRejectReasons,
    /** what the run cost (as in run_stats.json); null until it is written, after the publish */
    RunStats stats,
    /** which inputs the run read, a line or two (InputPlan.summary) */
    List<String> inputs) {

  /** Projects in the printed summary. */
  static final int TOP_PROJECTS = 5;

  /** From what the run already holds on the driver: no Spark job. */
  static RunResult of(String outDir, Publisher.Published published, RunTotals thisRun, List<LocalDate> days) {
    List<Row> runSummary = published.runSummary();
    SummaryRows summaries = published.summaries();
    List<Row> byProject = summaries.byProject(); // in table order: most CO2e first
    List<Row> top = List.copyOf(byProject.subList(0, Math.min(TOP_PROJECTS, byProject.size())));
    List<Row> allProjects = summaries.searchTotals().stream().filter(r -> "*".equals(r.getAs("project"))).toList();
    return new RunResult(outDir, runSummary, top, allProjects, thisRun.jobs(), thisRun.energyKwh(), thisRun.co2eKg(),
        thisRun.co2eLowKg(), thisRun.co2eHighKg(), days, published.publishedDays(), published.topRejectReasons(), null,
        List.of());
  }

  RunResult withStats(RunStats s) {
    return new RunResult(outDir, runSummary, topProjects, searchTotalsAll, jobs, energyKwh, co2eKg, co2eLowKg,
        co2eHighKg, days, publishedDays, topRejectReasons, s, inputs);
  }

  RunResult withInputs(List<String> lines) {
    return new RunResult(outDir, runSummary, topProjects, searchTotalsAll, jobs, energyKwh, co2eKg, co2eLowKg,
        co2eHighKg, days, publishedDays, topRejectReasons, stats, List.copyOf(lines));
  }
}
