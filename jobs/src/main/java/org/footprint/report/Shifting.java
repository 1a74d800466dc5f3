package org.footprint.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The "what shifting would have saved" section: the sweeps and projects with the most avoidable CO2e
 * (avoidable_co2e_kg of by_sweep and by_project: a flexible start within the largest window the intensity series
 * covers), sweeps first, since a sweep's trials are independent and rarely urgent. Rendered only when the
 * counterfactuals ran (some row has avoidable_co2e_kg).
 */
final class Shifting {
  /** Rows per table. */
  static final int TOP = 10;

  private Shifting() {}

  /** @return null when no row has an avoidable figure (carbon.counterfactuals off, or no job covered) */
  static Views.Shifting of(List<Row> bySweep, List<Row> byProject, List<Row> runSummary) {
    double avoidable = 0;
    double co2e = 0;
    boolean any = false;
    for (Row r : byProject) {
      if (Pages.dn(r, "avoidable_co2e_kg") != null) {
        any = true;
        avoidable += Pages.d(r, "avoidable_co2e_kg");
      }
      co2e += Pages.d(r, "co2e_kg");
    }
    if (!any) {
      return null;
    }
    long jobs = 0;
    String signal = "average";
    for (Row r : runSummary) {
      jobs += Pages.l(r, "whatif_jobs");
      String s = Pages.s(r, "signals");
      if (s != null && s.contains("whatif: marginal")) {
        signal = "marginal";
      }
    }
    return new Views.Shifting(Fmt.qty(avoidable), Fmt.pct(co2e > 0 ? avoidable / co2e : null), Fmt.count(jobs),
        signal.equals("marginal") ? "the marginal emission rate (whatif.signal: marginal)"
            : "the average intensity that priced the jobs",
        rows(bySweep, "sweep_id", true), rows(byProject, "project", false));
  }

  private static List<Views.ShiftRow> rows(List<Row> table, String key, boolean sweeps) {
    List<Row> sorted = new ArrayList<>(table.stream().filter(r -> Pages.d(r, "avoidable_co2e_kg") > 0).toList());
    sorted.sort(ReportSweeps.mostAvoidable(key));
    List<Views.ShiftRow> out = new ArrayList<>();
    for (Row r : sorted.subList(0, Math.min(TOP, sorted.size()))) {
      double kg = Pages.d(r, "co2e_kg");
      double avoid = Pages.d(r, "avoidable_co2e_kg");
      String name = sweeps ? Fmt.clip(Pages.s(r, key)) : Pages.label(Pages.s(r, key));
      out.add(new Views.ShiftRow(name, sweeps ? null : Slugs.pageName(Pages.s(r, key)),
          sweeps ? Fmt.clip(Pages.label(Pages.s(r, "project"))) : null, Fmt.qty(avoid), Fmt.qty(kg),
          Fmt.pct(kg > 0 ? avoid / kg : null)));
    }
    return out;
  }
}
