package org.footprint.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.footprint.report.Views.Bar;
import org.footprint.report.Views.Daily;
import org.footprint.report.Views.DayRow;
import org.footprint.report.Views.EquivalentRow;
import org.footprint.report.Views.Equivalents;
import org.footprint.report.Views.Figure;
import org.footprint.report.Views.JobRow;
import org.footprint.report.Views.Jobs;
import org.footprint.report.Views.Legend;
import org.footprint.report.Views.Page;
import org.footprint.report.Views.ProjectRow;
import org.footprint.report.Views.Quality;
import org.footprint.report.Views.Segment;
import org.footprint.report.Views.SourceRow;
import org.footprint.report.Views.Split;
import org.footprint.report.Views.SplitRow;
import org.footprint.report.Views.StateRow;
import org.footprint.report.Views.SweepRow;
import org.footprint.report.Views.Sweeps;
import org.footprint.report.Views.UserRow;
import org.footprint.report.Views.Users;
import org.footprint.report.Views.Waste;

/** Builds the page views from the collected report data: all selection, sums and formatting happen here. */
final class Pages {
  /** How search_totals names jobs without a project. */
  static final String SEARCH_TOTALS_NO_PROJECT = "(none)";
  static final String NO_PROJECT = "(no project)";
  static final String NO_USER = "(unknown)";
  static final int INDEX_SWEEPS = 15;
  static final int PROJECT_SWEEPS = 50;
  static final int TOP_USERS = 10;
  static final int TOP_JOBS = 10;
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** A project page: its file name and view. */
  record ProjectPage(String project, String fileName, Page page) {}

  /** Additive totals of jobs, as in by_project / by_user. */
  record Totals(long jobs, long failedJobs, double gpuHours, double energy, double energyLow, double energyHigh,
      double co2e, double co2eLow, double co2eHigh, double failedCo2e, double hpo, double nas, double costLow,
      double costHigh) {
    static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    static Totals of(Row r) {
      return new Totals(l(r, "jobs"), l(r, "failed_jobs"), d(r, "gpu_hours"), d(r, "energy_kwh"),
          d(r, "energy_low_kwh"), d(r, "energy_high_kwh"), d(r, "co2e_kg"), d(r, "co2e_low_kg"),
          d(r, "co2e_high_kg"), d(r, "failed_co2e_kg"), d(r, "hpo_co2e_kg"), d(r, "nas_co2e_kg"),
          d(r, "cost_low_usd"), d(r, "cost_high_usd"));
    }

    Totals plus(Totals o) {
      return new Totals(jobs + o.jobs, failedJobs + o.failedJobs, gpuHours + o.gpuHours, energy + o.energy,
          energyLow + o.energyLow, energyHigh + o.energyHigh, co2e + o.co2e, co2eLow + o.co2eLow,
          co2eHigh + o.co2eHigh, failedCo2e + o.failedCo2e, hpo + o.hpo, nas + o.nas, costLow + o.costLow,
          costHigh + o.costHigh);
    }
  }

  private final ReportData data;
  private final ReportOptions opts;
  private final Map<String, Totals> projects = new LinkedHashMap<>();
  private final Totals all;

  Pages(ReportData data, ReportOptions opts) {
    this.data = data;
    this.opts = opts;
    List<Row> rows = new ArrayList<>(data.byProject());
    rows.sort(Comparator.comparingDouble((Row r) -> -d(r, "co2e_kg"))
        .thenComparing(r -> s(r, "project"), Comparator.nullsLast(Comparator.naturalOrder())));
    Totals sum = Totals.ZERO;
    for (Row r : rows) {
      Totals t = Totals.of(r);
      projects.put(s(r, "project"), t);
      sum = sum.plus(t);
    }
    this.all = sum;
  }

  List<String> projectNames() {
    return new ArrayList<>(projects.keySet());
  }

  // ---------------------------------------------------------------- pages

  Page index() {
    List<Row> days = data.byDay();
    return new Page(opts.title(), opts.title(), opts.title(), "All projects", true, period(days),
        opts.generatedAt(),
        jobsLine(all, projects.size() + (projects.size() == 1 ? " project" : " projects")), opts.pseudonymiseUsers(),
        all.jobs() == 0, figures(all, null), equivalents(all), split("*"), projectRows(),
        sweeps(r -> true, INDEX_SWEEPS, true), indexUsers(), daily(days, "daily-all"),
        jobs(r -> true, true), waste(all, r -> true), quality(r -> true), sources());
  }

  ProjectPage project(String project) {
    Totals t = projects.getOrDefault(project, Totals.ZERO);
    Predicate<Row> mine = r -> Objects.equals(s(r, "project"), project);
    List<Row> days = data.byDay().stream().filter(mine).toList();
    String name = label(project);
    String share = all.co2e() > 0 ? Fmt.pct(t.co2e() / all.co2e()) + " of all projects" : null;
    Page page = new Page(name + " \u2014 " + opts.title(), opts.title(), name, "Project", false, period(days),
        opts.generatedAt(), jobsLine(t, null), opts.pseudonymiseUsers(), t.jobs() == 0, figures(t, share),
        equivalents(t), split(project == null ? SEARCH_TOTALS_NO_PROJECT : project), List.of(),
        sweeps(mine, PROJECT_SWEEPS, false), projectUsers(project, t), daily(days, "daily-" + Slugs.of(project)),
        jobs(mine, false), waste(t, mine), quality(mine), List.of());
    return new ProjectPage(project, Slugs.pageName(project), page);
  }

  // ---------------------------------------------------------------- sections

  private static String jobsLine(Totals t, String extra) {
    String s = Fmt.count(t.jobs()) + (t.jobs() == 1 ? " job" : " jobs") + ", " + Fmt.count(t.failedJobs())
        + " failed";
    return extra == null ? s : extra + " \u00b7 " + s;
  }

  private static String period(List<Row> days) {
    LocalDate first = null;
    LocalDate last = null;
    for (Row r : days) {
      LocalDate d = date(r.getAs("day"));
      if (d != null) {
        first = first == null || d.isBefore(first) ? d : first;
        last = last == null || d.isAfter(last) ? d : last;
      }
    }
    if (first == null) {
      return "no jobs in this run";
    }
    return "jobs that ended " + (first.equals(last) ? "on " + first : first + " \u2013 " + last) + " (UTC days)";
  }

  private static List<Figure> figures(Totals t, String shareNote) {
    return List.of(
        new Figure("Carbon", Fmt.qty(t.co2e()), "kg CO2e", "band " + Fmt.band(t.co2eLow(), t.co2eHigh()) + " kg",
            shareNote),
        new Figure("Energy", Fmt.qty(t.energy()), "kWh", "band " + Fmt.band(t.energyLow(), t.energyHigh()) + " kWh",
            "facility energy (IT \u00d7 PUE)"),
        new Figure("GPU time", Fmt.qty(t.gpuHours()), "GPU-h", null, "GPUs \u00d7 run time"),
        new Figure("Cost", Fmt.usdRange(t.costLow(), t.costHigh()), null, null, "GPU-hours \u00d7 price range, USD"));
  }

  private static Equivalents equivalents(Totals t) {
    List<EquivalentRow> rows = new ArrayList<>();
    List<Equivalences.Equivalent> mid = Equivalences.of(t.co2e());
    List<Equivalences.Equivalent> low = Equivalences.of(t.co2eLow());
    List<Equivalences.Equivalent> high = Equivalences.of(t.co2eHigh());
    for (int i = 0; i < mid.size(); i++) {
      Equivalences.Factor f = mid.get(i).factor();
      rows.add(new EquivalentRow(f.what(), f.unit(), Fmt.count(Math.round(f.lbs())), Fmt.count(Math.round(f.kg())),
          Fmt.sig3(mid.get(i).value()), Fmt.sig3(low.get(i).value()) + " \u2013 " + Fmt.sig3(high.get(i).value())));
    }
    return new Equivalents(Fmt.qty(t.co2e()) + " kg CO2e (band " + Fmt.band(t.co2eLow(), t.co2eHigh()) + " kg)",
        rows, Equivalences.FACTOR_SET, Equivalences.SOURCE);
  }

  private Split split(String key) {
    Map<String, Row> byKind = new LinkedHashMap<>();
    for (Row r : data.searchTotals()) {
      if (key.equals(s(r, "project"))) {
        byKind.put(s(r, "kind"), r);
      }
    }
    double total = byKind.values().stream().mapToDouble(r -> d(r, "co2e_kg")).sum();
    List<SplitRow> rows = new ArrayList<>();
    List<Segment> segs = new ArrayList<>();
    List<String> kinds = new ArrayList<>(List.of("single", "hpo", "nas"));
    byKind.keySet().stream().filter(k -> !kinds.contains(k)).sorted().forEach(kinds::add);
    for (String kind : kinds) {
      Row r = byKind.get(kind);
      double co2e = r == null ? 0 : d(r, "co2e_kg");
      double share = total > 0 ? co2e / total : 0;
      rows.add(new SplitRow(kindCls(kind), kindLabel(kind), Fmt.count(r == null ? 0 : l(r, "jobs")),
          Fmt.qty(r == null ? 0.0 : d(r, "gpu_hours")), Fmt.qty(r == null ? 0.0 : d(r, "energy_kwh")),
          Fmt.qty(co2e), total > 0 ? Fmt.pct(share) : Fmt.NONE));
      if (share > 0) {
        segs.add(new Segment(kindCls(kind), Fmt.width(share), kindLabel(kind) + ": " + Fmt.pct(share)));
      }
    }
    double search = byKind.entrySet().stream().filter(e -> !"single".equals(e.getKey()))
        .mapToDouble(e -> d(e.getValue(), "co2e_kg")).sum();
    String searchLine = total > 0
        ? "Search (hyperparameter + architecture) emitted " + Fmt.qty(search) + " kg CO2e, " + Fmt.pct(search / total)
            + " of the total."
        : null;
    return new Split(new Bar(segs), rows, searchLine);
  }

  private List<ProjectRow> projectRows() {
    List<ProjectRow> rows = new ArrayList<>();
    for (var e : projects.entrySet()) {
      Totals t = e.getValue();
      double share = all.co2e() > 0 ? t.co2e() / all.co2e() : 0;
      rows.add(new ProjectRow(label(e.getKey()), Slugs.pageName(e.getKey()), Fmt.count(t.jobs()),
          Fmt.count(t.failedJobs()), Fmt.qty(t.gpuHours()), Fmt.qty(t.energy()),
          Fmt.band(t.energyLow(), t.energyHigh()), Fmt.qty(t.co2e()), Fmt.band(t.co2eLow(), t.co2eHigh()),
          Fmt.pct(share), Fmt.width(share), Fmt.qty(t.hpo()), Fmt.qty(t.nas()), Fmt.qty(t.failedCo2e()),
          Fmt.usdRange(t.costLow(), t.costHigh())));
    }
    return rows;
  }

  private Sweeps sweeps(Predicate<Row> filter, int limit, boolean showProject) {
    List<Row> rows = data.bySweep().stream().filter(filter)
        .sorted(Comparator.comparingDouble((Row r) -> -d(r, "co2e_kg")).thenComparing(r -> s(r, "sweep_id")))
        .toList();
    List<SweepRow> out = new ArrayList<>();
    for (Row r : rows.subList(0, Math.min(limit, rows.size()))) {
      Double best = dn(r, "best_trial_co2e_kg");
      Double overhead = dn(r, "search_overhead_factor");
      boolean known = overhead != null && !overhead.isNaN() && !overhead.isInfinite();
      String kind = s(r, "sweep_kind");
      out.add(new SweepRow(Fmt.clip(s(r, "sweep_id")), kindCls(kind), kindShort(kind), kindLabel(kind),
          label(s(r, "project")), Slugs.pageName(s(r, "project")), user(s(r, "user")), Fmt.count(l(r, "trials")),
          Fmt.count(l(r, "failed_trials")), Fmt.qty(d(r, "gpu_hours")), Fmt.qty(d(r, "energy_kwh")),
          Fmt.qty(d(r, "co2e_kg")), Fmt.band(d(r, "co2e_low_kg"), d(r, "co2e_high_kg")),
          best == null ? Fmt.NONE : Fmt.qty(best), known ? Fmt.factor(overhead) : "unknown", known,
          span(instant(r.getAs("first_start_utc")), instant(r.getAs("last_end_utc")))));
    }
    String more = rows.size() > limit
        ? (rows.size() - limit) + " smaller sweeps are not shown: see csv/by_sweep.csv" : null;
    return new Sweeps(showProject, out, more);
  }

  private Users indexUsers() {
    List<Row> rows = new ArrayList<>(data.byUser());
    rows.sort(Comparator.comparingDouble((Row r) -> -d(r, "co2e_kg"))
        .thenComparing(r -> s(r, "user"), Comparator.nullsLast(Comparator.naturalOrder())));
    List<UserRow> out = new ArrayList<>();
    int rank = 0;
    for (Row r : rows.subList(0, Math.min(TOP_USERS, rows.size()))) {
      double share = all.co2e() > 0 ? d(r, "co2e_kg") / all.co2e() : 0;
      out.add(new UserRow(String.valueOf(++rank), user(s(r, "user")), Fmt.count(l(r, "jobs")),
          Fmt.count(l(r, "failed_jobs")), Fmt.qty(d(r, "gpu_hours")), Fmt.qty(d(r, "energy_kwh")),
          Fmt.qty(d(r, "co2e_kg")), Fmt.pct(share), Fmt.width(share),
          Fmt.qty(d(r, "hpo_co2e_kg") + d(r, "nas_co2e_kg"))));
    }
    return new Users(caption(rows.size(), "users"), out);
  }

  private Users projectUsers(String project, Totals t) {
    List<Row> rows = data.topUsers().stream().filter(r -> Objects.equals(s(r, "project"), project))
        .sorted(Comparator.comparingDouble((Row r) -> -d(r, "co2e_kg"))
            .thenComparing(r -> s(r, "user"), Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
    List<UserRow> out = new ArrayList<>();
    int rank = 0;
    for (Row r : rows.subList(0, Math.min(TOP_USERS, rows.size()))) {
      double share = t.co2e() > 0 ? d(r, "co2e_kg") / t.co2e() : 0;
      out.add(new UserRow(String.valueOf(++rank), user(s(r, "user")), Fmt.count(l(r, "jobs")),
          Fmt.count(l(r, "failed_jobs")), Fmt.qty(d(r, "gpu_hours")), Fmt.qty(d(r, "energy_kwh")),
          Fmt.qty(d(r, "co2e_kg")), Fmt.pct(share), Fmt.width(share), Fmt.qty(d(r, "search_co2e_kg"))));
    }
    long users = data.jobsPerProject().stream().filter(r -> Objects.equals(s(r, "project"), project))
        .mapToLong(r -> l(r, "users")).sum();
    String caption = users > out.size()
        ? "The " + out.size() + " largest of " + users + " users; share is of the project\u2019s CO2e."
        : "Share is of the project\u2019s CO2e.";
    return new Users(caption, out);
  }

  private static String caption(int n, String what) {
    return n > TOP_USERS ? "The " + TOP_USERS + " largest of " + n + " " + what + "; share is of all CO2e."
        : "Share is of all CO2e.";
  }

  private Daily daily(List<Row> byDay, String chartId) {
    // per day: jobs, failed jobs, GPU-hours, kWh, kg CO2e, band low, band high (bands add up like the totals)
    SortedMap<LocalDate, double[]> days = new TreeMap<>();
    for (Row r : byDay) {
      double[] a = days.computeIfAbsent(date(r.getAs("day")), k -> new double[7]);
      a[0] += l(r, "jobs");
      a[1] += l(r, "failed_jobs");
      a[2] += d(r, "gpu_hours");
      a[3] += d(r, "energy_kwh");
      a[4] += d(r, "co2e_kg");
      a[5] += d(r, "co2e_low_kg");
      a[6] += d(r, "co2e_high_kg");
    }
    SortedMap<LocalDate, DailyChart.DayPoint> points = new TreeMap<>();
    List<DayRow> rows = new ArrayList<>();
    if (!days.isEmpty()) {
      // days without jobs are zero in the chart, so the energy line drops instead of bridging the gap
      for (LocalDate d = days.firstKey(); !d.isAfter(days.lastKey()); d = d.plusDays(1)) {
        points.put(d, new DailyChart.DayPoint(0, 0));
      }
    }
    for (var e : days.entrySet()) {
      double[] a = e.getValue();
      points.put(e.getKey(), new DailyChart.DayPoint(a[4], a[3]));
      rows.add(new DayRow(e.getKey().toString(), Fmt.count((long) a[0]), Fmt.count((long) a[1]), Fmt.qty(a[2]),
          Fmt.qty(a[3]), Fmt.qty(a[4]), Fmt.band(a[5], a[6])));
    }
    String svg;
    String caption;
    try {
      svg = DailyChart.svg(points, chartId);
      caption = days.isEmpty() ? "No jobs ended in this run." : "By the UTC day on which jobs ended; " + days.size()
          + (days.size() == 1 ? " day" : " days") + " with jobs.";
    } catch (RuntimeException | LinkageError | java.awt.AWTError | InternalError e) {
      // a driver without fonts (fontconfig) or AWT still gets the report, with the numbers as a table
      svg = null;
      caption = "The chart could not be drawn on this machine (" + e.getClass().getSimpleName()
          + "); the daily values are in the table below.";
    }
    return new Daily(svg, caption, rows);
  }

  private Jobs jobs(Predicate<Row> filter, boolean showProject) {
    List<Row> rows = data.topJobs().stream().filter(filter)
        .sorted(Comparator.comparingDouble((Row r) -> -d(r, "co2e_kg"))
            .thenComparing(r -> s(r, "cluster")).thenComparing(r -> s(r, "job_id")))
        .limit(TOP_JOBS).toList();
    List<JobRow> out = new ArrayList<>();
    for (Row r : rows) {
      String kind = s(r, "sweep_kind");
      String model = s(r, "gpu_model");
      out.add(new JobRow(Fmt.clip(s(r, "cluster") + " " + s(r, "job_id")), Fmt.clip(s(r, "name")),
          label(s(r, "project")),
          Slugs.pageName(s(r, "project")), user(s(r, "user")), s(r, "state"), Boolean.TRUE.equals(r.getAs("failed")),
          kindCls(kind), kindShort(kind), kindLabel(kind), gpus(d(r, "gpu_count"), model),
          duration(l(r, "duration_s")), Fmt.qty(d(r, "gpu_hours")), Fmt.qty(d(r, "energy_kwh")),
          Fmt.qty(d(r, "co2e_kg")), s(r, "energy_method")));
    }
    return new Jobs(showProject, out);
  }

  private Waste waste(Totals t, Predicate<Row> filter) {
    double gpuHours = 0;
    double energy = 0;
    for (Row r : data.jobsPerProject()) {
      if (filter.test(r)) {
        gpuHours += d(r, "failed_gpu_hours");
        energy += d(r, "failed_energy_kwh");
      }
    }
    Map<String, double[]> states = new TreeMap<>();
    for (Row r : data.failedByState()) {
      if (filter.test(r)) {
        double[] a = states.computeIfAbsent(Objects.toString(s(r, "state"), "?"), k -> new double[4]);
        a[0] += l(r, "jobs");
        a[1] += d(r, "gpu_hours");
        a[2] += d(r, "energy_kwh");
        a[3] += d(r, "co2e_kg");
      }
    }
    List<StateRow> rows = states.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[3]))
        .map(e -> new StateRow(e.getKey(), Fmt.count((long) e.getValue()[0]), Fmt.qty(e.getValue()[1]),
            Fmt.qty(e.getValue()[2]), Fmt.qty(e.getValue()[3])))
        .toList();
    return new Waste(Fmt.count(t.failedJobs()) + (t.failedJobs() == 1 ? " job" : " jobs"), Fmt.qty(gpuHours), Fmt.qty(energy), Fmt.qty(t.failedCo2e()),
        t.co2e() > 0 ? Fmt.pct(t.failedCo2e() / t.co2e()) : Fmt.NONE, rows);
  }

  private Quality quality(Predicate<Row> filter) {
    double energy = 0;
    double measured = 0;
    double sampled = 0;
    double modelled = 0;
    double hourly = 0;
    double forecast = 0;
    double gpuHours = 0;
    double gpuHoursHourly = 0;
    for (Row r : data.jobsPerProject()) {
      if (filter.test(r)) {
        energy += d(r, "energy_kwh");
        measured += d(r, "energy_measured_kwh");
        sampled += d(r, "energy_sampled_kwh");
        modelled += d(r, "energy_modelled_kwh");
        hourly += d(r, "energy_hourly_kwh");
        forecast += d(r, "energy_forecast_kwh");
        gpuHours += d(r, "gpu_hours");
        gpuHoursHourly += d(r, "gpu_hours_hourly");
      }
    }
    double other = Math.max(0, energy - measured - sampled - modelled);
    List<Legend> energyLegend = new ArrayList<>();
    List<Segment> energySegs = new ArrayList<>();
    addShare(energyLegend, energySegs, "q-measured", "measured (scheduler energy counters)", measured, energy);
    addShare(energyLegend, energySegs, "q-sampled", "sampled (GPU power samples)", sampled, energy);
    addShare(energyLegend, energySegs, "q-modelled", "modelled (power model)", modelled, energy);
    if (other > 1e-9) {
      addShare(energyLegend, energySegs, "q-other", "other method", other, energy);
    }
    List<Legend> intensityLegend = new ArrayList<>();
    List<Segment> intensitySegs = new ArrayList<>();
    // forecast values are part of the hourly share: shown apart only when there are any
    boolean anyForecast = forecast > 1e-9;
    addShare(intensityLegend, intensitySegs, "q-hourly", "hourly grid intensity",
        anyForecast ? Math.max(0, hourly - forecast) : hourly, energy);
    if (anyForecast) {
      addShare(intensityLegend, intensitySegs, "q-forecast", "hourly forecast (no actual published yet)", forecast,
          energy);
    }
    addShare(intensityLegend, intensitySegs, "q-fallback", "annual average (fallback)",
        Math.max(0, energy - hourly), energy);
    return new Quality(new Bar(energySegs), energyLegend, new Bar(intensitySegs), intensityLegend,
        gpuHours > 0 ? Fmt.pct(gpuHoursHourly / gpuHours) : Fmt.NONE,
        anyForecast && energy > 0 ? Fmt.pct(forecast / energy) : null);
  }

  private static void addShare(List<Legend> legend, List<Segment> segs, String cls, String label, double part,
      double total) {
    Double share = total > 0 ? part / total : null;
    legend.add(new Legend(cls, label, Fmt.pct(share)));
    if (share != null && share > 0) {
      segs.add(new Segment(cls, Fmt.width(share), label + ": " + Fmt.pct(share)));
    }
  }

  private List<SourceRow> sources() {
    List<SourceRow> out = new ArrayList<>();
    for (Row r : data.runSummary()) {
      out.add(new SourceRow(s(r, "source"), Objects.toString(s(r, "cluster"), Fmt.NONE), Fmt.count(l(r, "files")),
          Fmt.count(l(r, "records_read")), Fmt.count(l(r, "jobs")), Fmt.count(l(r, "merged")),
          Fmt.count(l(r, "skipped")), Fmt.count(l(r, "rejected")), Fmt.count(l(r, "warnings")),
          Fmt.pct(dn(r, "energy_share_modelled")), Fmt.pct(dn(r, "energy_share_measured")),
          Fmt.pct(dn(r, "intensity_share_hourly"))));
    }
    out.sort(Comparator.comparing(SourceRow::source).thenComparing(SourceRow::cluster));
    return out;
  }

  // ---------------------------------------------------------------- values

  static String label(String project) {
    return project == null ? NO_PROJECT : Fmt.clip(project);
  }

  private String user(String user) {
    if (user == null) {
      return NO_USER;
    }
    return opts.pseudonymiseUsers() ? Pseudonyms.of(user, opts.salt()) : Fmt.clip(user);
  }

  static String kindLabel(String kind) {
    if (kind == null) {
      return Fmt.NONE;
    }
    return switch (kind) {
      case "single" -> "Single runs";
      case "hpo" -> "Hyperparameter search";
      case "nas" -> "Architecture search";
      default -> kind;
    };
  }

  static String kindShort(String kind) {
    if (kind == null) {
      return Fmt.NONE;
    }
    return switch (kind) {
      case "single" -> "single";
      case "hpo" -> "HPO";
      case "nas" -> "NAS";
      default -> kind;
    };
  }

  /** CSS class of a kind: only known kinds map to classes, so data never reaches an attribute unchecked. */
  static String kindCls(String kind) {
    return kind != null && List.of("single", "hpo", "nas").contains(kind) ? "k-" + kind : "k-other";
  }

  private static String gpus(double count, String model) {
    String n = count == Math.rint(count) ? String.valueOf((long) count) : Fmt.qty(count);
    return count == 0 ? "no GPU" : n + " \u00d7 " + (model == null ? "GPU" : model);
  }

  static String duration(long s) {
    if (s < 60) {
      return s + " s";
    }
    long m = s / 60;
    if (m < 60) {
      return m + " min";
    }
    long h = m / 60;
    if (h < 48) {
      return h + " h " + (m % 60) + " min";
    }
    return (h / 24) + " d " + (h % 24) + " h";
  }

  private static String span(Instant a, Instant b) {
    if (a == null || b == null) {
      return Fmt.NONE;
    }
    String to = MINUTE.format(b);
    boolean sameDay = DAY.format(a).equals(DAY.format(b));
    return MINUTE.format(a) + " \u2192 " + (sameDay ? to.substring(to.length() - 5) : to);
  }

  static LocalDate date(Object o) {
    if (o instanceof LocalDate d) {
      return d;
    }
    if (o instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return null;
  }

  static Instant instant(Object o) {
    if (o instanceof Instant i) {
      return i;
    }
    if (o instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    return null;
  }

  static String s(Row r, String c) {
    Object o = r.getAs(c);
    return o == null ? null : o.toString();
  }

  static double d(Row r, String c) {
    Object o = r.getAs(c);
    return o == null ? 0.0 : ((Number) o).doubleValue();
  }

  static Double dn(Row r, String c) {
    Object o = r.getAs(c);
    return o == null ? null : ((Number) o).doubleValue();
  }

  static long l(Row r, String c) {
    Object o = r.getAs(c);
    return o == null ? 0L : ((Number) o).longValue();
  }
}
