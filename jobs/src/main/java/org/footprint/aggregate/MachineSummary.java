package org.footprint.aggregate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The report's machine section, per cluster over the published days: utilisation (allocated ÷ available
 * GPU-hours), the idle share of the energy (idle ÷ (idle + the jobs')), the embodied share of the jobs' total CO2e,
 * and, with a meter, the unexplained share of the metered energy. Computed here from the machine tables' rows and
 * the jobs' per-cluster sums of the summaries' one aggregation ({@link SummaryPass}); the report only renders it.
 */
public final class MachineSummary {
  /** One cluster's line; a share is null when its denominator is 0 or absent (no meter). */
  public record Line(String cluster, String firstDay, String lastDay, double availableGpuHours,
      double allocatedGpuHours, Double utilisation, double idleKwh, double idleCo2eKg, double jobsKwh,
      Double idleShare, double embodiedKg, double totalKg, Double embodiedShare, Double meteredKwh,
      Double unexplainedKwh, Double unexplainedShare) {}

  private MachineSummary() {}

  /**
   * @param byClusterDay by_cluster_day rows
   * @param reconciliation reconciliation rows (empty without a meter)
   */
  public static List<Line> of(List<Row> byClusterDay, List<Row> reconciliation,
      Map<String, SummaryPass.ClusterJobs> clusterJobs) {
    Map<String, double[]> jobTotals = new LinkedHashMap<>();
    clusterJobs.forEach((c, j) -> jobTotals.put(c, new double[] {j.energyKwh(), j.embodiedKg(), j.totalKg()}));
    Map<String, double[]> cap = new LinkedHashMap<>();
    Map<String, String[]> days = new LinkedHashMap<>();
    for (Row r : byClusterDay) {
      String c = r.getAs("cluster");
      double[] t = cap.computeIfAbsent(c, k -> new double[4]);
      t[0] += r.<Double>getAs("available_gpu_hours");
      t[1] += r.<Double>getAs("allocated_gpu_hours");
      t[2] += r.<Double>getAs("idle_energy_kwh");
      t[3] += r.<Double>getAs("idle_co2e_kg");
      String d = r.getAs("day").toString();
      days.merge(c, new String[] {d, d}, (a, b) -> new String[] {a[0].compareTo(b[0]) <= 0 ? a[0] : b[0],
          a[1].compareTo(b[1]) >= 0 ? a[1] : b[1]});
    }
    Map<String, double[]> meter = new LinkedHashMap<>();
    for (Row r : reconciliation) {
      double[] m = meter.computeIfAbsent(r.getAs("cluster"), k -> new double[2]);
      m[0] += r.<Double>getAs("metered_kwh");
      m[1] += r.<Double>getAs("unexplained_kwh");
    }
    List<Line> out = new ArrayList<>();
    cap.forEach((c, t) -> {
      double[] j = jobTotals.getOrDefault(c, new double[3]);
      double[] m = meter.get(c);
      out.add(new Line(c, days.get(c)[0], days.get(c)[1], t[0], t[1], share(t[1], t[0]), t[2], t[3], j[0],
          share(t[2], t[2] + j[0]), j[1], j[2], share(j[1], j[2]), m == null ? null : m[0], m == null ? null : m[1],
          m == null ? null : share(m[1], m[0])));
    });
    return out;
  }

  private static Double share(double part, double whole) {
    return whole > 0 ? part / whole : null;
  }
}
