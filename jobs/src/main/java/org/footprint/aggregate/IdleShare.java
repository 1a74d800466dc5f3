package org.footprint.aggregate;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.footprint.model.Schemas;

/**
 * {@code idle.share: proportional}: each project's (or user's) part of the idle capacity, as separate
 * {@code idle_kwh} and {@code idle_co2e_kg} columns of by_project and by_user, never added to the jobs' own numbers.
 * Per cluster and day, a key gets the day's idle energy and CO2e (by_cluster_day) in proportion to its share of the
 * GPU-hours jobs held in that cluster that day (each job clipped to the day); a cluster-day nobody held a GPU on
 * keeps its idle footprint unallocated. Computed on the driver from the GPU-hours held ({@link SummaryPass}, the
 * same aggregation as the summaries) and the by_cluster_day rows, before the summaries are written: so the tables,
 * the console summary and the report show the same rows.
 */
public final class IdleShare {
  private IdleShare() {}

  /**
   * The summary rows ({@code by_project} keyed by project, {@code by_user} by user) with their idle columns
   * filled, in the same order; a key that held no GPU on a cluster-day with a by_cluster_day row keeps nulls.
   */
  public static List<Row> fill(List<Row> summary, String table, String key, List<SummaryPass.Held> held,
      List<Row> byClusterDay) {
    Map<String, Double[]> idle = new HashMap<>();
    for (Row r : byClusterDay) {
      idle.put(clusterDay(r.getAs("cluster"), r.getAs("day")),
          new Double[] {r.getAs("idle_energy_kwh"), r.getAs("idle_co2e_kg")});
    }
    Map<String, Double> total = new HashMap<>();
    for (SummaryPass.Held h : held) {
      total.merge(clusterDay(h.cluster(), h.day()), h.gpuHours(), Double::sum);
    }
    // per key: its idle kWh and CO2e; null (absent) until a cluster-day with a known figure adds to it
    Map<String, Double> kwh = new HashMap<>();
    Map<String, Double> co2e = new HashMap<>();
    for (SummaryPass.Held h : held) {
      String cd = clusterDay(h.cluster(), h.day());
      Double[] day = idle.get(cd);
      if (day == null) {
        continue;
      }
      double share = h.gpuHours() / total.get(cd);
      add(kwh, h.key(), share, day[0]);
      add(co2e, h.key(), share, day[1]);
    }
    int kwhAt = Schemas.of(table).fieldIndex("idle_kwh");
    int co2eAt = Schemas.of(table).fieldIndex("idle_co2e_kg");
    List<Row> out = new ArrayList<>();
    for (Row r : summary) {
      String k = r.getAs(key);
      Object[] cells = new Object[r.size()];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = r.get(i);
      }
      cells[kwhAt] = kwh.get(k);
      cells[co2eAt] = co2e.get(k);
      out.add(new GenericRowWithSchema(cells, r.schema()));
    }
    return out;
  }

  /** SQL's sum: a null figure adds nothing. */
  private static void add(Map<String, Double> sums, String key, double share, Double idle) {
    if (idle != null) {
      sums.merge(key, share * idle, Double::sum);
    }
  }

  private static String clusterDay(String cluster, Date day) {
    return cluster + "\u0000" + day;
  }
}
