package org.footprint.report;

import java.util.List;

/**
 * What the Mustache templates see: every value already formatted as text, which the templates print with
 * {@code {{...}}} and so HTML-escape. The one unescaped value is {@link Daily#svg}, drawn by {@link DailyChart}
 * from numbers and fixed labels only.
 */
final class Views {
  private Views() {}

  record Page(String title, String siteTitle, String heading, String kicker, boolean isIndex, String period,
      String generatedAt, String jobsLine, boolean pseudonymised, boolean empty, List<Figure> figures,
      Equivalents equivalents, Split split, List<ProjectRow> projects, Sweeps sweeps, Users users, Daily daily,
      Jobs jobs, Waste waste, Quality quality, List<SourceRow> sources) {
    boolean anySources() {
      return !sources.isEmpty();
    }
  }

  record Figure(String label, String value, String unit, String band, String note) {}

  record Equivalents(String basis, List<EquivalentRow> rows, String factorSet, String source) {}

  record EquivalentRow(String what, String unit, String factorLbs, String factorKg, String value, String band) {}

  /** A stacked horizontal bar: segments of known CSS classes (never user input) and widths in percent. */
  record Bar(List<Segment> segments) {}

  record Segment(String cls, String width, String title) {}

  record Split(Bar bar, List<SplitRow> rows, String searchLine) {}

  record SplitRow(String cls, String kind, String jobs, String gpuHours, String energy, String co2e, String share) {}

  record ProjectRow(String name, String href, String jobs, String failedJobs, String gpuHours, String energy,
      String energyBand, String co2e, String co2eBand, String share, String shareWidth, String hpo, String nas,
      String failedCo2e, String cost) {}

  record Sweeps(boolean showProject, List<SweepRow> rows, String more) {
    boolean any() {
      return !rows.isEmpty();
    }
  }

  record SweepRow(String id, String kindCls, String kind, String kindTitle, String project, String href,
      String user, String trials, String failedTrials, String gpuHours, String energy, String co2e, String co2eBand,
      String best, String overhead, boolean overheadKnown, String period) {}

  record Users(String caption, List<UserRow> rows) {
    boolean any() {
      return !rows.isEmpty();
    }
  }

  record UserRow(String rank, String user, String jobs, String failedJobs, String gpuHours, String energy,
      String co2e, String share, String shareWidth, String search) {}

  record Daily(String svg, String caption, List<DayRow> rows) {
    boolean any() {
      return !rows.isEmpty();
    }
  }

  record DayRow(String day, String jobs, String failedJobs, String gpuHours, String energy, String co2e,
      String co2eBand) {}

  record Jobs(boolean showProject, List<JobRow> rows) {
    boolean any() {
      return !rows.isEmpty();
    }
  }

  record JobRow(String job, String name, String project, String href, String user, String state, boolean failed,
      String kindCls, String kind, String kindTitle, String gpus, String duration, String gpuHours, String energy,
      String co2e, String method) {}

  record Waste(String jobs, String gpuHours, String energy, String co2e, String share, List<StateRow> states) {
    boolean any() {
      return !states.isEmpty();
    }
  }

  record StateRow(String state, String jobs, String gpuHours, String energy, String co2e) {}

  /** @param forecastShare share of the energy priced with forecast intensity, null when none was */
  record Quality(Bar energyBar, List<Legend> energyLegend, Bar intensityBar, List<Legend> intensityLegend,
      String gpuHoursHourly, String forecastShare) {}

  record Legend(String cls, String label, String value) {}

  record SourceRow(String source, String cluster, String files, String read, String jobs, String merged,
      String skipped, String rejected, String warnings, String modelled, String measured, String hourly) {}
}
