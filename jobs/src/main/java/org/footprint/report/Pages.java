package org.footprint.report;

import java.awt.AWTError;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.footprint.report.Views.Bar;
import org.footprint.report.Views.Chrome;
import org.footprint.report.Views.ClusterRow;
import org.footprint.report.Views.Daily;
import org.footprint.report.Views.DataQuality;
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
import org.footprint.report.Views.RejectRow;
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
  static final int TOP_REJECT_REASONS = 10;
  /** A reject reason is a sentence: more of it is shown than of a job name. */
  static final int REASON_CHARS = 90;
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

  final ReportData data;
  final ReportOptions opts;
  final ReportAssumptions assumptions;
  /** The run has machine tables and a machine page ({@link MachinePage}), which every page's nav links to. */
  final boolean machine;
  private final Map<String, Totals> projects = new LinkedHashMap<>();
  private final Totals all;
  /** The window the trends compare, over every published day. */
  final Trends.Window window;

  Pages(ReportData data, ReportOptions opts) {
    this(data, opts, ReportAssumptions.UNKNOWN);
  }

  Pages(ReportData data, ReportOptions opts, ReportAssumptions assumptions) {
    this(data, opts, assumptions, false);
  }

  Pages(ReportData data, ReportOptions opts, ReportAssumptions assumptions, boolean machine) {
    this.data = data;
    this.opts = opts;
    this.assumptions = assumptions;
    this.machine = machine;
    this.window = Trends.window(data.byDay());
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
    Chrome chrome = new Chrome(opts.title(), opts.title(), opts.title(), "All projects", true, period(days),
        opts.generatedAt(), jobsLine(all, projects.size() + (projects.size() == 1 ? " project" : " projects")),
        opts.pseudonymiseUsers(), machine);
    Scope scope = Scope.sum(data.jobsPerProject());
    return new Page(chrome, all.jobs() == 0, figures(all, null), Method.box(this, scope, null), equivalents(all),
        split("*"), projectRows(), clusterRows(), Trends.projects(this),
        sweeps(r -> true, data.sweeps().total(), INDEX_SWEEPS, true, true),
        indexUsers(), daily(days, "daily-all"), jobs(data.topJobs(), r -> true, true), waste(all, r -> true),
        quality(scope), dataQuality(), Shifting.of(data.bySweep(), data.byProject(), data.runSummary()));
  }

  ProjectPage project(String project) {
    Totals t = projects.getOrDefault(project, Totals.ZERO);
    Predicate<Row> mine = r -> Objects.equals(s(r, "project"), project);
    List<Row> days = data.byDay().stream().filter(mine).toList();
    String name = label(project);
    String share = all.co2e() > 0 ? Fmt.pct(t.co2e() / all.co2e()) + " of all projects" : null;
    Chrome chrome = new Chrome(name + " \u2014 " + opts.title(), opts.title(), name, "Project", false, period(days),
        opts.generatedAt(), jobsLine(t, null), opts.pseudonymiseUsers(), machine);
    Scope scope = Scope.sum(data.jobsPerProject().stream().filter(mine).toList());
    Set<String> clusters = days.stream().map(r -> s(r, "cluster")).filter(Objects::nonNull)
        .collect(Collectors.toCollection(TreeSet::new));
    Page page = new Page(chrome, t.jobs() == 0, figures(t, share), Method.box(this, scope, clusters),
        equivalents(t), split(project == null ? SEARCH_TOTALS_NO_PROJECT : project), List.of(), List.of(),
        Trends.project(this, project), sweeps(mine, data.sweeps().ofProject(project), PROJECT_SWEEPS, false, true),
        projectUsers(project, t),
        daily(days, "daily-" + Slugs.of(project)), jobs(data.topJobs(), mine, false), waste(t, mine), quality(scope),
        new DataQuality(List.of(), List.of(), null), null);
    return new ProjectPage(project, Slugs.pageName(project), page);
  }

  /** Totals of every project. */
  Totals all() {
    return all;
  }

  Map<String, Totals> projects() {
    return projects;
  }

  // ---------------------------------------------------------------- sections

  static String jobsLine(Totals t, String extra) {
    String s = Fmt.count(t.jobs()) + (t.jobs() == 1 ? " job" : " jobs") + ", " + Fmt.count(t.failedJobs())
        + " failed";
    return extra == null ? s : extra + " \u00b7 " + s;
  }

  static String period(List<Row> days) {
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

  static List<Figure> figures(Totals t, String shareNote) {
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

  /** @param total how many sweeps the filter matches (the report holds only the largest: {@link ReportSweeps}) */
  Sweeps sweeps(Predicate<Row> filter, long total, int limit, boolean showProject, boolean showUser) {
    List<Row> rows = data.bySweep().stream().filter(filter)
        .sorted(ReportSweeps.LARGEST)
        .toList();
    List<SweepRow> out = new ArrayList<>();
    for (Row r : rows.subList(0, Math.min(limit, rows.size()))) {
      Double best = dn(r, "best_trial_co2e_kg");
      Double overhead = dn(r, "search_overhead_factor");
      boolean known = overhead != null && !overhead.isNaN() && !overhead.isInfinite();
      String kind = s(r, "sweep_kind");
      String id = s(r, "sweep_id");
      out.add(new SweepRow(Fmt.brief(id), Fmt.briefTitle(id), sweepHref(id), kindCls(kind), kindShort(kind),
          kindLabel(kind), label(s(r, "project")), Slugs.pageName(s(r, "project")), user(s(r, "user")),
          userHref(s(r, "user")), Fmt.count(l(r, "trials")), Fmt.count(l(r, "failed_trials")),
          Fmt.qty(d(r, "gpu_hours")), Fmt.qty(d(r, "energy_kwh")), Fmt.qty(d(r, "co2e_kg")),
          Fmt.band(d(r, "co2e_low_kg"), d(r, "co2e_high_kg")), best == null ? Fmt.NONE : Fmt.qty(best),
          known ? Fmt.factor(overhead) : "unknown", known,
          span(instant(r.getAs("first_start_utc")), instant(r.getAs("last_end_utc")))));
    }
    String more = total > limit
        ? (total - limit) + " smaller sweeps are not shown: see csv/by_sweep.csv" : null;
    return new Sweeps(showProject, showUser, out, more);
  }

  private Users indexUsers() {
    List<Row> rows = usersByCo2e();
    return new Users("Top users", caption(rows.size(), "users"), userRows(rows, TOP_USERS, all.co2e()),
        rows.isEmpty() ? null : "users.html");
  }

  /** by_user, largest footprint first. */
  List<Row> usersByCo2e() {
    List<Row> rows = new ArrayList<>(data.byUser());
    rows.sort(Comparator.comparingDouble((Row r) -> -d(r, "co2e_kg"))
        .thenComparing(r -> s(r, "user"), Comparator.nullsLast(Comparator.naturalOrder())));
    return rows;
  }

  List<UserRow> userRows(List<Row> rows, int limit, double total) {
    List<UserRow> out = new ArrayList<>();
    int rank = 0;
    for (Row r : rows.subList(0, Math.min(limit, rows.size()))) {
      double share = total > 0 ? d(r, "co2e_kg") / total : 0;
      out.add(new UserRow(String.valueOf(++rank), user(s(r, "user")), userHref(s(r, "user")),
          Fmt.count(l(r, "jobs")), Fmt.count(l(r, "failed_jobs")), Fmt.qty(d(r, "gpu_hours")),
          Fmt.qty(d(r, "energy_kwh")), Fmt.qty(d(r, "co2e_kg")), Fmt.pct(share), Fmt.width(share),
          Fmt.qty(d(r, "hpo_co2e_kg") + d(r, "nas_co2e_kg"))));
    }
    return out;
  }

  private Users projectUsers(String project, Totals t) {
    // userScope has a row per user, project and cluster: a project's users, summed over clusters
    Map<String, double[]> perUser = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (Row r : data.userScope()) {
      if (Objects.equals(s(r, "project"), project)) {
        String key = String.valueOf(s(r, "user"));
        names.put(key, s(r, "user"));
        double[] a = perUser.computeIfAbsent(key, k -> new double[7]);
        a[0] += l(r, "jobs");
        a[1] += l(r, "failed_jobs");
        a[2] += d(r, "gpu_hours");
        a[3] += d(r, "energy_kwh");
        a[4] += d(r, "co2e_kg");
        a[5] += d(r, "search_co2e_kg");
      }
    }
    List<String> order = perUser.keySet().stream()
        .sorted(Comparator.comparingDouble((String u) -> -perUser.get(u)[4])
            .thenComparing(u -> names.get(u), Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
    List<UserRow> out = new ArrayList<>();
    int rank = 0;
    for (String key : order.subList(0, Math.min(TOP_USERS, order.size()))) {
      double[] a = perUser.get(key);
      String u = names.get(key);
      double share = t.co2e() > 0 ? a[4] / t.co2e() : 0;
      out.add(new UserRow(String.valueOf(++rank), user(u), userHref(u), Fmt.count((long) a[0]),
          Fmt.count((long) a[1]), Fmt.qty(a[2]), Fmt.qty(a[3]), Fmt.qty(a[4]), Fmt.pct(share), Fmt.width(share),
          Fmt.qty(a[5])));
    }
    int users = order.size();
    String caption = users > out.size()
        ? "The " + out.size() + " largest of " + users + " users; share is of the project\u2019s CO2e."
        : "Share is of the project\u2019s CO2e.";
    return new Users("Top users", caption, out, null);
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
    DailyChart.Bucket bucket = days.isEmpty() ? DailyChart.Bucket.DAY
        : DailyChart.Bucket.forSpan(ChronoUnit.DAYS.between(days.firstKey(), days.lastKey()) + 1);
    // over two months of data a bar (and a table row) per week, over two years per month
    SortedMap<LocalDate, double[]> buckets = new TreeMap<>();
    days.forEach((d, a) -> {
      double[] b = buckets.computeIfAbsent(bucket.of(d), k -> new double[7]);
      for (int i = 0; i < a.length; i++) {
        b[i] += a[i];
      }
    });
    SortedMap<LocalDate, DailyChart.DayPoint> points = new TreeMap<>();
    List<DayRow> rows = new ArrayList<>();
    if (!buckets.isEmpty()) {
      // buckets without jobs are zero in the chart, so the energy line drops instead of bridging the gap
      for (LocalDate d = buckets.firstKey(); !d.isAfter(buckets.lastKey()); d = bucket.next(d)) {
        points.put(d, new DailyChart.DayPoint(0, 0));
      }
    }
    for (var e : buckets.entrySet()) {
      double[] a = e.getValue();
      points.put(e.getKey(), new DailyChart.DayPoint(a[4], a[3]));
      String label = switch (bucket) {
        case DAY -> e.getKey().toString();
        case WEEK -> "week of " + e.getKey();
        case MONTH -> e.getKey().toString().substring(0, 7);
      };
      rows.add(new DayRow(label, Fmt.count((long) a[0]), Fmt.count((long) a[1]), Fmt.qty(a[2]), Fmt.qty(a[3]),
          Fmt.qty(a[4]), Fmt.band(a[5], a[6])));
    }
    String heading = switch (bucket) {
      case DAY -> "Day by day";
      case WEEK -> "Week by week";
      case MONTH -> "Month by month";
    };
    String unit = switch (bucket) {
      case DAY -> "Day (UTC)";
      case WEEK -> "Week (from Monday, UTC)";
      case MONTH -> "Month (UTC)";
    };
    String svg;
    String caption;
    try {
      svg = DailyChart.svg(points, chartId, bucket);
      caption = days.isEmpty() ? "No jobs ended in this run." : "By the UTC day on which jobs ended"
          + (bucket == DailyChart.Bucket.DAY ? "" : ", summed per " + bucket.word) + "; " + days.size()
          + (days.size() == 1 ? " day" : " days") + " with jobs.";
    } catch (RuntimeException | LinkageError | AWTError | InternalError e) {
      // a driver without fonts (fontconfig) or AWT still gets the report, with the numbers as a table
      svg = null;
      caption = "The chart could not be drawn on this machine (" + e.getClass().getSimpleName()
          + "); the values are in the table below.";
    }
    return new Daily(heading, unit, svg, caption, rows);
  }

  Jobs jobs(List<Row> top, Predicate<Row> filter, boolean showProject) {
    List<Row> rows = top.stream().filter(filter)
        .sorted(Comparator.comparingDouble((Row r) -> -d(r, "co2e_kg"))
            .thenComparing(r -> s(r, "cluster")).thenComparing(r -> s(r, "job_id")))
        .limit(TOP_JOBS).toList();
    List<JobRow> out = new ArrayList<>();
    for (Row r : rows) {
      String kind = s(r, "sweep_kind");
      String model = s(r, "gpu_model");
      String name = s(r, "name");
      out.add(new JobRow(Fmt.clip(s(r, "cluster") + " " + s(r, "job_id")), Fmt.brief(name), Fmt.briefTitle(name),
          label(s(r, "project")), Slugs.pageName(s(r, "project")), user(s(r, "user")), userHref(s(r, "user")),
          s(r, "state"), Boolean.TRUE.equals(r.getAs("failed")), kindCls(kind), kindShort(kind), kindLabel(kind),
          gpus(d(r, "gpu_count"), model), duration(l(r, "duration_s")), Fmt.qty(d(r, "gpu_hours")),
          Fmt.qty(d(r, "energy_kwh")), Fmt.qty(d(r, "co2e_kg")), s(r, "energy_method")));
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

  static Quality quality(Scope q) {
    double energy = q.energy();
    double other = Math.max(0, energy - q.measured() - q.sampled() - q.modelled());
    List<Legend> energyLegend = new ArrayList<>();
    List<Segment> energySegs = new ArrayList<>();
    addShare(energyLegend, energySegs, "q-measured", "measured (scheduler energy counters)", q.measured(), energy);
    addShare(energyLegend, energySegs, "q-sampled", "sampled (GPU power samples)", q.sampled(), energy);
    addShare(energyLegend, energySegs, "q-modelled", "modelled (power model)", q.modelled(), energy);
    if (other > 1e-9) {
      addShare(energyLegend, energySegs, "q-other", "other method", other, energy);
    }
    List<Legend> intensityLegend = new ArrayList<>();
    List<Segment> intensitySegs = new ArrayList<>();
    // forecast values are part of the hourly share: shown apart only when there are any
    boolean anyForecast = q.forecast() > 1e-9;
    addShare(intensityLegend, intensitySegs, "q-hourly", "hourly grid intensity",
        anyForecast ? Math.max(0, q.hourly() - q.forecast()) : q.hourly(), energy);
    if (anyForecast) {
      addShare(intensityLegend, intensitySegs, "q-forecast", "hourly forecast (no actual published yet)",
          q.forecast(), energy);
    }
    addShare(intensityLegend, intensitySegs, "q-fallback", "annual average (fallback)", q.fallback(), energy);
    return new Quality(new Bar(energySegs), energyLegend, new Bar(intensitySegs), intensityLegend,
        q.gpuHours() > 0 ? Fmt.pct(q.gpuHoursHourly() / q.gpuHours()) : Fmt.NONE,
        anyForecast && energy > 0 ? Fmt.pct(q.forecast() / energy) : null);
  }

  static void addShare(List<Legend> legend, List<Segment> segs, String cls, String label, double part,
      double total) {
    Double share = total > 0 ? part / total : null;
    legend.add(new Legend(cls, label, Fmt.pct(share)));
    if (share != null && share > 0) {
      segs.add(new Segment(cls, Fmt.width(share), label + ": " + Fmt.pct(share)));
    }
  }

  /** The inputs of the published run and its top reject reasons. */
  private DataQuality dataQuality() {
    List<SourceRow> out = new ArrayList<>();
    for (Row r : data.runSummary()) {
      out.add(new SourceRow(s(r, "source"), Objects.toString(s(r, "cluster"), Fmt.NONE), Fmt.count(l(r, "files")),
          Fmt.count(l(r, "records_read")), Fmt.count(l(r, "jobs")), Fmt.count(l(r, "merged")),
          Fmt.count(l(r, "skipped")), Fmt.count(l(r, "rejected")), Fmt.count(l(r, "warnings")),
          Fmt.pct(dn(r, "energy_share_modelled")), Fmt.pct(dn(r, "energy_share_measured")),
          Fmt.pct(dn(r, "intensity_share_hourly"))));
    }
    out.sort(Comparator.comparing(SourceRow::source).thenComparing(SourceRow::cluster));
    List<Row> reasons = data.rejectReasons().stream()
        .sorted(Comparator.comparingLong((Row r) -> -l(r, "records")).thenComparing(r -> s(r, "source"))
            .thenComparing(r -> String.valueOf(s(r, "cluster"))).thenComparing(r -> s(r, "reason_code")))
        .toList();
    List<RejectRow> rejects = new ArrayList<>();
    for (Row r : reasons.subList(0, Math.min(TOP_REJECT_REASONS, reasons.size()))) {
      String file = s(r, "file");
      String where = file == null ? Fmt.NONE : file.substring(file.lastIndexOf('/') + 1) + ":" + l(r, "line");
      String reason = s(r, "reason");
      rejects.add(new RejectRow(s(r, "source"), Objects.toString(s(r, "cluster"), Fmt.NONE), s(r, "reason_code"),
          Fmt.count(l(r, "records")), Fmt.brief(reason, REASON_CHARS), Fmt.briefTitle(reason, REASON_CHARS),
          Fmt.brief(where),
          file == null ? null : Fmt.clip(file + ":" + l(r, "line"))));
    }
    long total = data.rejectReasons().stream().mapToLong(r -> l(r, "records")).sum();
    String note = reasons.isEmpty() ? null : Fmt.count(total) + (total == 1 ? " record" : " records")
        + " refused in all, for " + reasons.size() + (reasons.size() == 1 ? " reason" : " reasons")
        + (reasons.size() > TOP_REJECT_REASONS ? " (the " + TOP_REJECT_REASONS + " most frequent shown)" : "")
        + "; every one with its file, line and raw text in csv/rejects.csv.";
    return new DataQuality(out, rejects, note);
  }

  /** Per cluster: totals, PUE, the zones its energy was priced in, and how its numbers were obtained. */
  private List<ClusterRow> clusterRows() {
    Map<String, List<Row>> byCluster = new TreeMap<>();
    for (Row r : data.clusterScope()) {
      byCluster.computeIfAbsent(s(r, "cluster"), k -> new ArrayList<>()).add(r);
    }
    List<ClusterRow> out = new ArrayList<>();
    List<Map.Entry<String, List<Row>>> order = new ArrayList<>(byCluster.entrySet());
    order.sort(Comparator.comparingDouble(
        (Map.Entry<String, List<Row>> e) -> -e.getValue().stream().mapToDouble(r -> d(r, "co2e_kg")).sum()));
    for (var e : order) {
      List<Row> rows = e.getValue();
      Scope q = Scope.sum(rows);
      long jobs = rows.stream().mapToLong(r -> l(r, "jobs")).sum();
      double co2e = rows.stream().mapToDouble(r -> d(r, "co2e_kg")).sum();
      double low = rows.stream().mapToDouble(r -> d(r, "co2e_low_kg")).sum();
      double high = rows.stream().mapToDouble(r -> d(r, "co2e_high_kg")).sum();
      Set<String> zones = rows.stream().map(r -> s(r, "region")).filter(Objects::nonNull)
          .collect(Collectors.toCollection(TreeSet::new));
      ReportAssumptions.Cluster c = assumptions.cluster(e.getKey());
      double share = all.co2e() > 0 ? co2e / all.co2e() : 0;
      out.add(new ClusterRow(Fmt.clip(e.getKey()), c == null || c.pue() == null ? Fmt.NONE : Fmt.pue(c.pue()),
          String.join(", ", zones), Fmt.count(jobs), Fmt.qty(q.gpuHours()), Fmt.qty(q.energy()), Fmt.qty(co2e),
          Fmt.band(low, high), Fmt.pct(share), Fmt.width(share), Fmt.pct(q.share(q.measured() + q.sampled())),
          Fmt.pct(q.fallbackShare())));
    }
    return out;
  }

  // ---------------------------------------------------------------- values

  static String label(String project) {
    return project == null ? NO_PROJECT : Fmt.clip(project);
  }

  String user(String user) {
    if (user == null) {
      return NO_USER;
    }
    return opts.pseudonymiseUsers() ? Pseudonyms.of(user, opts.salt()) : Fmt.clip(user);
  }

  /**
   * The file name of a user's page: from the name the report shows (the pseudonym when pseudonymising, so no file
   * name gives a user away).
   */
  String userPage(String user) {
    return "user-" + Slugs.of(user == null ? null : opts.pseudonymiseUsers() ? Pseudonyms.of(user, opts.salt())
        : user) + ".html";
  }

  /** Link to a user's page: every user in by_user has one. */
  String userHref(String user) {
    return userPage(user);
  }

  /** The sweeps with a page of their own. */
  private Set<String> sweepPages;

  /** Link to a sweep's page, null when the sweep has none (smaller than the {@link ReportData#SWEEP_PAGES}). */
  String sweepHref(String sweepId) {
    if (sweepPages == null) {
      sweepPages = new HashSet<>(ReportData.sweepPages(data.bySweep()));
    }
    return sweepId != null && sweepPages.contains(sweepId) ? sweepPage(sweepId) : null;
  }

  static String sweepPage(String sweepId) {
    return "sweep-" + Slugs.of(sweepId) + ".html";
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

  static String gpus(double count, String model) {
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

  static String span(Instant a, Instant b) {
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
    if (o instanceof Date d) {
      return d.toLocalDate();
    }
    return null;
  }

  static Instant instant(Object o) {
    if (o instanceof Instant i) {
      return i;
    }
    if (o instanceof Timestamp t) {
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
