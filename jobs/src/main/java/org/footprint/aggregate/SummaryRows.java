package org.footprint.aggregate;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The summary tables over every published day, collected to the driver (each has a row per user, project, sweep
 * or project × kind: dozens to thousands; by_day a row per day, cluster and project), in their table order (by_day
 * by day, cluster and project). Computed once per run and then written, printed
 * and rendered from here, so no consumer aggregates the jobs again.
 */
public record SummaryRows(List<Row> byUser, List<Row> byProject, List<Row> bySweep, List<Row> searchTotals,
    List<Row> byDay) {}
