package org.footprint.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.footprint.report.Pages.Totals;
import org.footprint.report.Views.Chrome;
import org.footprint.report.Views.Fact;
import org.footprint.report.Views.Figure;
import org.footprint.report.Views.SweepPage;
import org.footprint.report.Views.TrialRow;
import org.footprint.report.Views.Trials;
import org.footprint.report.Views.UserListPage;
import org.footprint.report.Views.UserPage;
import org.footprint.report.Views.UserProjectRow;
import org.footprint.report.Views.Users;

/** The drill-down pages: one per user, the list of every user, one per (large) sweep with its trials. */
final class Drill {
  /** Sweeps listed on a user's page. */
  static final int USER_SWEEPS = 50;

  /** A page to write: its file name and view. */
  record Named(String fileName, Object view) {}

  private final Pages pages;

  Drill(Pages pages) {
    this.pages = pages;
  }

  /** A page for every user in by_user. */
  List<Named> userPages() {
    Map<String, List<Row>> scopes = new LinkedHashMap<>();
    for (Row r : pages.data.userScope()) {
      scopes.computeIfAbsent(String.valueOf(Pages.s(r, "user")), k -> new ArrayList<>()).add(r);
    }
    List<Named> out = new ArrayList<>();
    for (Row u : pages.data.byUser()) {
      String user = Pages.s(u, "user");
      out.add(new Named(pages.userPage(user), user(user, Totals.of(u),
          scopes.getOrDefault(String.valueOf(user), List.of()))));
    }
    return out;
  }

  private UserPage user(String user, Totals t, List<Row> scope) {
    String name = pages.user(user);
    double allCo2e = pages.all().co2e();
    String share = allCo2e > 0 ? Fmt.pct(t.co2e() / allCo2e) + " of all users" : null;
    Chrome chrome = new Chrome(name + " \u2014 " + pages.opts.title(), pages.opts.title(), name, "User", false,
        Pages.period(pages.data.byDay()), pages.opts.generatedAt(), Pages.jobsLine(t, null),
        pages.opts.pseudonymiseUsers(), pages.machine);
    // projects of the user, summed over clusters
    Map<String, double[]> perProject = new LinkedHashMap<>();
    Map<String, String> projectNames = new LinkedHashMap<>();
    Set<String> clusters = new TreeSet<>();
    for (Row r : scope) {
      String key = String.valueOf(Pages.s(r, "project"));
      projectNames.put(key, Pages.s(r, "project"));
      double[] a = perProject.computeIfAbsent(key, k -> new double[6]);
      a[0] += Pages.l(r, "jobs");
      a[1] += Pages.l(r, "failed_jobs");
      a[2] += Pages.d(r, "gpu_hours");
      a[3] += Pages.d(r, "energy_kwh");
      a[4] += Pages.d(r, "co2e_kg");
      a[5] += Pages.d(r, "search_co2e_kg");
      if (Pages.s(r, "cluster") != null) {
        clusters.add(Pages.s(r, "cluster"));
      }
    }
    List<UserProjectRow> projects = new ArrayList<>();
    perProject.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[4])
            .thenComparing(Map.Entry::getKey))
        .forEach(e -> {
          double[] a = e.getValue();
          String p = projectNames.get(e.getKey());
          double s = t.co2e() > 0 ? a[4] / t.co2e() : 0;
          projects.add(new UserProjectRow(Pages.label(p), Slugs.pageName(p), Fmt.count((long) a[0]),
              Fmt.count((long) a[1]), Fmt.qty(a[2]), Fmt.qty(a[3]), Fmt.qty(a[4]), Fmt.pct(s), Fmt.width(s),
              Fmt.qty(a[5])));
        });
    Predicate<Row> mine = r -> Objects.equals(Pages.s(r, "user"), user);
    Scope q = Scope.sum(scope);
    return new UserPage(chrome, Pages.figures(t, share), Method.box(pages, q, clusters), projects,
        pages.sweeps(mine, pages.data.sweeps().ofUser(user), USER_SWEEPS, true, false),
        pages.jobs(pages.data.topJobsByUser(), mine, true),
        Pages.quality(q));
  }

  /** Every user, largest footprint first. */
  UserListPage userList() {
    List<Row> rows = pages.usersByCo2e();
    Chrome chrome = new Chrome("Users \u2014 " + pages.opts.title(), pages.opts.title(), "Users", "All users", false,
        Pages.period(pages.data.byDay()), pages.opts.generatedAt(),
        Fmt.count(rows.size()) + (rows.size() == 1 ? " user" : " users"), pages.opts.pseudonymiseUsers(),
        pages.machine);
    Users users = new Users("Every user", "Largest footprint first; share is of all CO2e. Open a user for their"
        + " projects, sweeps and largest jobs.", pages.userRows(rows, rows.size(), pages.all().co2e()), null);
    return new UserListPage(chrome, users, Method.box(pages, Scope.sum(pages.data.jobsPerProject()), null));
  }

  /** A page for each of the largest sweeps ({@link ReportData#sweepPages}). */
  List<Named> sweepPages() {
    Map<String, Row> bySweep = new LinkedHashMap<>();
    pages.data.bySweep().forEach(r -> bySweep.putIfAbsent(Pages.s(r, "sweep_id"), r));
    Map<String, List<Row>> trials = new LinkedHashMap<>();
    pages.data.sweepTrials().forEach(r -> trials.computeIfAbsent(Pages.s(r, "sweep_id"), k -> new ArrayList<>())
        .add(r));
    Map<String, Row> scopes = new LinkedHashMap<>();
    pages.data.sweepScope().forEach(r -> scopes.put(Pages.s(r, "sweep_id"), r));
    List<Named> out = new ArrayList<>();
    for (String id : ReportData.sweepPages(pages.data.bySweep())) {
      Row s = bySweep.get(id);
      if (s != null) {
        out.add(new Named(Pages.sweepPage(id), sweep(id, s, trials.getOrDefault(id, List.of()), scopes.get(id))));
      }
    }
    return out;
  }

  private SweepPage sweep(String id, Row s, List<Row> trialRows, Row scopeRow) {
    String kind = Pages.s(s, "sweep_kind");
    String project = Pages.s(s, "project");
    String user = Pages.s(s, "user");
    Chrome chrome = new Chrome(Fmt.brief(id) + " \u2014 " + pages.opts.title(), pages.opts.title(), Fmt.clip(id),
        Pages.kindLabel(kind) + " sweep", false,
        Pages.span(Pages.instant(s.getAs("first_start_utc")), Pages.instant(s.getAs("last_end_utc"))) + " (UTC)",
        pages.opts.generatedAt(), Fmt.count(Pages.l(s, "trials")) + " trials, "
            + Fmt.count(Pages.l(s, "failed_trials")) + " failed", pages.opts.pseudonymiseUsers(), pages.machine);
    Double best = Pages.dn(s, "best_trial_co2e_kg");
    Double overhead = Pages.dn(s, "search_overhead_factor");
    boolean known = overhead != null && !overhead.isNaN() && !overhead.isInfinite();
    List<Figure> figures = List.of(
        new Figure("Carbon", Fmt.qty(Pages.d(s, "co2e_kg")), "kg CO2e",
            "band " + Fmt.band(Pages.d(s, "co2e_low_kg"), Pages.d(s, "co2e_high_kg")) + " kg", null),
        new Figure("Energy", Fmt.qty(Pages.d(s, "energy_kwh")), "kWh", null, "facility energy (IT \u00d7 PUE)"),
        new Figure("GPU time", Fmt.qty(Pages.d(s, "gpu_hours")), "GPU-h", null, "GPUs \u00d7 run time"),
        new Figure("Search overhead", known ? Fmt.factor(overhead) : "unknown", null,
            best == null ? null : "best trial " + Fmt.qty(best) + " kg",
            known ? "the sweep\u2019s CO2e \u00f7 its best trial\u2019s" : "the sweep tool names no best trial"));
    List<Fact> facts = List.of(
        new Fact("Kind", Pages.kindLabel(kind), null),
        new Fact("Project", Pages.label(project), Slugs.pageName(project)),
        new Fact("User (most trials)", pages.user(user), pages.userHref(user)),
        new Fact("Cluster", Objects.toString(Fmt.clip(Pages.s(s, "cluster")), Fmt.NONE), null));
    List<TrialRow> rows = new ArrayList<>();
    boolean anyBest = false;
    for (Row r : trialRows.stream().sorted(Comparator.comparingLong(r -> Pages.l(r, "rank"))).toList()) {
      boolean isBest = Boolean.TRUE.equals(r.getAs("sweep_best"));
      anyBest |= isBest;
      String name = Pages.s(r, "name");
      String role = Pages.s(r, "sweep_role");
      rows.add(new TrialRow(Fmt.clip(Pages.s(r, "job_id")), Fmt.brief(name), Fmt.briefTitle(name),
          pages.user(Pages.s(r, "user")), pages.userHref(Pages.s(r, "user")), Pages.s(r, "state"),
          Boolean.TRUE.equals(r.getAs("failed")), isBest, "suggestion".equals(role) ? "suggestion" : null,
          startOf(r), Pages.gpus(Pages.d(r, "gpu_count"), Pages.s(r, "gpu_model")),
          Pages.duration(Pages.l(r, "duration_s")), Fmt.qty(Pages.d(r, "gpu_hours")),
          Fmt.qty(Pages.d(r, "energy_kwh")), Fmt.qty(Pages.d(r, "co2e_kg")), Pages.s(r, "energy_method")));
    }
    long jobs = scopeRow == null ? rows.size() : Pages.l(scopeRow, "jobs");
    String more = jobs > rows.size() ? (jobs - rows.size()) + " smaller " + (jobs - rows.size() == 1 ? "job is"
        : "jobs are") + " not listed: every trial is in tables/jobs (sweep_id " + Fmt.brief(id) + ")." : null;
    Scope q = scopeRow == null ? Scope.ZERO : Scope.of(scopeRow);
    String cluster = Pages.s(s, "cluster");
    return new SweepPage(chrome, figures, Method.box(pages, q, cluster == null ? null : List.of(cluster)), facts,
        new Trials(anyBest, rows, more), Pages.quality(q));
  }

  private static String startOf(Row r) {
    Instant start = Pages.instant(r.getAs("start_utc"));
    return start == null ? Fmt.NONE : start.toString().replace('T', ' ').replaceAll(":\\d\\dZ$", "");
  }
}
