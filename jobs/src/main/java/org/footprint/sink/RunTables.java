package org.footprint.sink;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.aggregate.Aggregates;

/**
 * Everything one run computed, not yet written: what the {@link Publisher} publishes and what tests inspect.
 *
 * @param runSummary small local rows (one per source and cluster)
 * @param emptyInputs per "source/cluster", input files that held no record (empty or header-only exports)
 * @param thisRun the window's totals, from rows already computed (what the CLI prints)
 * @param runConf the resolved configuration the tables were computed with (conf.RunConf), published as
 *     run_conf.yaml
 * @param sweepSpecs what sweep tools' specs plan per sweep (schemas/sweep_specs.ddl), or null without such inputs:
 *     by_sweep over every published day joins it
 * @param machine what the machine tables need besides the jobs (null: none are written)
 */
public record RunTables(Dataset<Row> jobs, Dataset<Row> rejects, Dataset<Row> skipped, Dataset<Row> byUser,
    Dataset<Row> byProject, Dataset<Row> bySweep, Dataset<Row> searchTotals, Dataset<Row> byDay,
    Dataset<Row> runSummary, Dataset<Row> intensityHourly, Map<String, List<String>> emptyInputs,
    RunTotals thisRun, String runConf, Dataset<Row> sweepSpecs, MachineInputs machine) {

  /** Without a resolved configuration, sweep specs or machine inputs. */
  public RunTables(Dataset<Row> jobs, Dataset<Row> rejects, Dataset<Row> skipped, Dataset<Row> byUser,
      Dataset<Row> byProject, Dataset<Row> bySweep, Dataset<Row> searchTotals, Dataset<Row> byDay,
      Dataset<Row> runSummary, Dataset<Row> intensityHourly, Map<String, List<String>> emptyInputs,
      RunTotals thisRun) {
    this(jobs, rejects, skipped, byUser, byProject, bySweep, searchTotals, byDay, runSummary, intensityHourly,
        emptyInputs, thisRun, null, null, null);
  }

  /** This run's tables, with the summaries of its own jobs ({@link Aggregates}). */
  public static RunTables of(Dataset<Row> jobs, Dataset<Row> rejects, Dataset<Row> skipped, Dataset<Row> runSummary,
      Dataset<Row> intensityHourly, Map<String, List<String>> emptyInputs, RunTotals thisRun, String runConf,
      Dataset<Row> sweepSpecs, MachineInputs machine) {
    return new RunTables(jobs, rejects, skipped, Aggregates.byUser(jobs), Aggregates.byProject(jobs),
        Aggregates.bySweep(jobs, sweepSpecs), Aggregates.searchTotals(jobs), Aggregates.byDay(jobs), runSummary,
        intensityHourly, emptyInputs, thisRun, runConf, sweepSpecs, machine);
  }
}
