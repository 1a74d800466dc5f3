package org.footprint.report;

import java.util.List;

/**
 * What the Mustache templates see: every value already formatted as text, which the templates print with
 * {@code {{...}}} and so HTML-escape. The one unescaped value is {@link Daily#svg}, drawn by {@link DailyChart}
 * from numbers and fixed labels only.
 */
final class Views {
  private Views() {}

  /**
   * What every page's header and footer show.
   *
   * @param machine whether the run has machine tables and {@link MachinePage}: the nav links to it
   */
  record Chrome(String title, String siteTitle, String heading, String kicker, boolean isIndex, String period,
      String generatedAt, String jobsLine, boolean pseudonymised, boolean machine) {}

  record Page(Chrome chrome, boolean empty, List<Figure> figures, Assumptions assumptions, Equivalents equivalents,
      Split split, List<ProjectRow> projects, List<ClusterRow> clusters, Trend trend, Sweeps sweeps, Users users,
      Daily daily, Jobs jobs, Waste waste, Quality quality, DataQuality dataQuality, Shifting shifting) {
    boolean anyClusters() {
      return !clusters.isEmpty();
    }
  }

  /** A user's page: the user's totals, projects, sweeps and largest jobs. */
  record UserPage(Chrome chrome, List<Figure> figures, Assumptions assumptions, List<UserProjectRow> userProjects,
      Sweeps sweeps, Jobs jobs, Quality quality) {}

  record UserProjectRow(String project, String href, String jobs, String failedJobs, String gpuHours, String energy,
      String co2e, String share, String shareWidth, String search) {}

  /** Every user, largest footprint first. */
  record UserListPage(Chrome chrome, Users users, Assumptions assumptions) {}

  /** A sweep's page: its totals and its trials. */
  record SweepPage(Chrome chrome, List<Figure> figures, Assumptions assumptions, List<Fact> facts, Trials trials,
      Quality quality) {}

  record Fact(String label, String value, String href) {}

  record Trials(boolean anyBest, List<TrialRow> rows, String more) {
    boolean any() {
      return !rows.isEmpty();
    }
  }

  record TrialRow(String job, String name, String nameTitle, String user, String userHref, String state,
      boolean failed, boolean best, String role, String start, String gpus, String duration, String gpuHours,
      String energy, String co2e, String method) {}

  /** The methodology page: formulas, and the constants each cluster's numbers were computed with. */
  record MethodologyPage(Chrome chrome, Assumptions assumptions, boolean known, List<MethodCluster> clusters,
      List<Constant> constants, List<ZoneRow> fallbacks, String fallbackSource, String signal,
      List<String> intensityInputs, List<GpuRow> gpus) {}

  record MethodCluster(String name, String timeZone, String pue, String pueSource, String energyScope,
      String cpuWatts, String defaultGpu, String partitions, List<ZoneRow> zones, List<GpuRow> gpus) {
    boolean anyGpus() {
      return !gpus.isEmpty();
    }
  }

  record ZoneRow(String zone, String rule, String fallback, String energy, String hourly) {}

  record GpuRow(String model, String tdp, String idle, String gpuHours, String source) {}

  record Constant(String key, String value, String meaning) {}

  /**
   * The assumptions box of every page.
   *
   * @param warning the fallback-intensity warning, null when little energy was priced with the fallback
   */
  record Assumptions(String warning, boolean known, List<AssumedCluster> clusters, String energyMethods,
      String intensity, String intensitySources, String gpuUtil, String excluded) {
    boolean anyAssumed() {
      return !clusters.isEmpty();
    }
  }

  record AssumedCluster(String name, String pue, String pueSource, String zones, String timeZone) {}

  record ClusterRow(String name, String pue, String zones, String jobs, String gpuHours, String energy,
      String co2e, String co2eBand, String share, String shareWidth, String measured, String fallback) {}

  /** This period against the one before it, of equal length. */
  record Trend(String caption, List<TrendRow> metrics, List<ProjectTrendRow> projects) {
    boolean any() {
      return !metrics.isEmpty() || !projects.isEmpty();
    }

    boolean anyProjects() {
      return !projects.isEmpty();
    }

    boolean anyMetrics() {
      return !metrics.isEmpty();
    }
  }

  record TrendRow(String metric, String current, String previous, String change, String changeCls) {}

  record ProjectTrendRow(String project, String href, String current, String previous, String change,
      String changeCls) {}

  /** Inputs read by the published run, and the top reasons records were refused. */
  record DataQuality(List<SourceRow> sources, List<RejectRow> rejects, String rejectsNote) {
    boolean any() {
      return !sources.isEmpty() || !rejects.isEmpty();
    }

    boolean anyRejects() {
      return !rejects.isEmpty();
    }
  }

  record RejectRow(String source, String cluster, String code, String records, String reason, String reasonTitle,
      String where, String whereTitle) {}

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

  record Sweeps(boolean showProject, boolean showUser, List<SweepRow> rows, String more) {
    boolean any() {
      return !rows.isEmpty();
    }
  }

  record SweepRow(String id, String idTitle, String sweepHref, String kindCls, String kind, String kindTitle,
      String project, String href, String user, String userHref, String trials, String failedTrials, String gpuHours, String energy, String co2e, String co2eBand,
      String best, String overhead, boolean overheadKnown, String period) {}

  record Users(String heading, String caption, List<UserRow> rows, String allHref) {
    boolean any() {
      return !rows.isEmpty();
    }
  }

  record UserRow(String rank, String user, String href, String jobs, String failedJobs, String gpuHours, String energy,
      String co2e, String share, String shareWidth, String search) {}

  /** @param unit what a row and a bar of the chart are: Day, Week or Month */
  record Daily(String heading, String unit, String svg, String caption, List<DayRow> rows) {
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

  record JobRow(String job, String name, String nameTitle, String project, String href, String user,
      String userHref, String state, boolean failed, String kindCls, String kind, String kindTitle, String gpus,
      String duration, String gpuHours, String energy, String co2e, String method) {}

  record Waste(String jobs, String gpuHours, String energy, String co2e, String share, List<StateRow> states) {
    boolean any() {
      return !states.isEmpty();
    }
  }

  record StateRow(String state, String jobs, String gpuHours, String energy, String co2e) {}

  /**
   * What shifting would have saved: the avoidable CO2e over all jobs, its share of the footprint, the jobs that
   * have counterfactuals, the signal they used, and the top sweeps (first) and projects.
   */
  record Shifting(String avoidable, String share, String jobs, String signal, List<ShiftRow> sweeps,
      List<ShiftRow> projects) {
    boolean anySweeps() {
      return !sweeps.isEmpty();
    }

    boolean anyProjects() {
      return !projects.isEmpty();
    }
  }

  /** @param href the project page (projects only); @param project the sweep's project (sweeps only) */
  record ShiftRow(String name, String href, String project, String avoidable, String co2e, String share) {}

  /** @param forecastShare share of the energy priced with forecast intensity, null when none was */
  record Quality(Bar energyBar, List<Legend> energyLegend, Bar intensityBar, List<Legend> intensityLegend,
      String gpuHoursHourly, String forecastShare) {}

  record Legend(String cls, String label, String value) {}

  record SourceRow(String source, String cluster, String files, String read, String jobs, String merged,
      String skipped, String rejected, String warnings, String modelled, String measured, String hourly) {}
}
