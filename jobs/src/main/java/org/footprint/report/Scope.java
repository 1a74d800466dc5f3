package org.footprint.report;

import java.util.Collection;
import org.apache.spark.sql.Row;

/**
 * How the numbers of a set of jobs (all, a project, a user, a cluster, a sweep) were obtained: energy by method,
 * energy priced with hourly, forecast or fallback intensity, GPU-hours with hourly intensity and with the default
 * GPU utilisation. Sums of the {@code ReportData.scope} columns, so scopes add up.
 */
record Scope(double energy, double measured, double sampled, double modelled, double hourly, double forecast,
    double gpuHours, double gpuHoursHourly, double gpuHoursDefaultUtil) {
  static final Scope ZERO = new Scope(0, 0, 0, 0, 0, 0, 0, 0, 0);

  static Scope of(Row r) {
    return new Scope(Pages.d(r, "energy_kwh"), Pages.d(r, "energy_measured_kwh"), Pages.d(r, "energy_sampled_kwh"),
        Pages.d(r, "energy_modelled_kwh"), Pages.d(r, "energy_hourly_kwh"), Pages.d(r, "energy_forecast_kwh"),
        Pages.d(r, "gpu_hours"), Pages.d(r, "gpu_hours_hourly"), Pages.d(r, "gpu_hours_default_util"));
  }

  static Scope sum(Collection<Row> rows) {
    Scope s = ZERO;
    for (Row r : rows) {
      s = s.plus(of(r));
    }
    return s;
  }

  Scope plus(Scope o) {
    return new Scope(energy + o.energy, measured + o.measured, sampled + o.sampled, modelled + o.modelled,
        hourly + o.hourly, forecast + o.forecast, gpuHours + o.gpuHours, gpuHoursHourly + o.gpuHoursHourly,
        gpuHoursDefaultUtil + o.gpuHoursDefaultUtil);
  }

  /** Energy priced with the annual fallback (no hourly value for its hours). */
  double fallback() {
    return Math.max(0, energy - hourly);
  }

  /** Share of the energy priced with the fallback, null without energy. */
  Double fallbackShare() {
    return energy > 0 ? fallback() / energy : null;
  }

  /** Share of the energy {@code part} is, null without energy. */
  Double share(double part) {
    return energy > 0 ? part / energy : null;
  }
}
