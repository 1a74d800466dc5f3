package org.footprint.run;

import java.util.List;
import org.apache.spark.sql.Row;

/** What the CLI prints after a run: small, already-aggregated rows. */
public record RunResult(String outDir, List<Row> runSummary, List<Row> topProjects, List<Row> searchTotalsAll,
    long jobs, double energyKwh, double co2eKg, double co2eLowKg, double co2eHighKg,
    /** the days this run replaced, null when it replaced everything */
    java.util.List<java.time.LocalDate> days,
    /** days in the published jobs table after this run */
    long publishedDays,
    /** what the run cost (as in run_stats.json); null until it is written, after the publish */
    RunStats stats) {

  RunResult withStats(RunStats s) {
    return new RunResult(outDir, runSummary, topProjects, searchTotalsAll, jobs, energyKwh, co2eKg, co2eLowKg,
        co2eHighKg, days, publishedDays, s);
  }
}
