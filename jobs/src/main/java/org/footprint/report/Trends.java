package org.footprint.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.footprint.report.Views.ProjectTrendRow;
import org.footprint.report.Views.Trend;
import org.footprint.report.Views.TrendRow;

/**
 * This period against the previous period of equal length, from by_day. The period ends on the last day of the
 * published output (the same for every project, so projects compare): the last 30 days when the output holds 60
 * days or more, else the last 7 when it holds 14 or more, else the last half.
 */
final class Trends {
  /** The compared periods, both inclusive; null when the output holds fewer than two days. */
  record Window(LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo, long days) {
    boolean holds(LocalDate d, boolean current) {
      return d != null && (current ? !d.isBefore(from) && !d.isAfter(to)
          : !d.isBefore(previousFrom) && !d.isAfter(previousTo));
    }

    String caption() {
      return "The last " + days + (days == 1 ? " day" : " days") + " (" + range(from, to) + ") against the "
          + (days == 1 ? "day" : days + " days") + " before (" + range(previousFrom, previousTo)
          + "), by the UTC day jobs ended.";
    }

    private static String range(LocalDate a, LocalDate b) {
      return a.equals(b) ? a.toString() : a + " \u2013 " + b;
    }
  }

  private Trends() {}

  static Window window(List<Row> byDay) {
    LocalDate first = null;
    LocalDate last = null;
    for (Row r : byDay) {
      LocalDate d = Pages.date(r.getAs("day"));
      if (d != null) {
        first = first == null || d.isBefore(first) ? d : first;
        last = last == null || d.isAfter(last) ? d : last;
      }
    }
    if (first == null) {
      return null;
    }
    long span = ChronoUnit.DAYS.between(first, last) + 1;
    if (span < 2) {
      return null;
    }
    long days = span >= 60 ? 30 : span >= 14 ? 7 : span / 2;
    LocalDate from = last.minusDays(days - 1);
    return new Window(from, last, from.minusDays(days), from.minusDays(1), days);
  }

  /** jobs, GPU-hours, kWh, kg CO2e of the rows in one period. */
  private static double[] sums(List<Row> byDay, Predicate<Row> filter, Window w, boolean current) {
    double[] a = new double[4];
    for (Row r : byDay) {
      if (filter.test(r) && w.holds(Pages.date(r.getAs("day")), current)) {
        a[0] += Pages.l(r, "jobs");
        a[1] += Pages.d(r, "gpu_hours");
        a[2] += Pages.d(r, "energy_kwh");
        a[3] += Pages.d(r, "co2e_kg");
      }
    }
    return a;
  }

  /** A project's trend: its jobs, GPU-hours, kWh and CO2e in both periods. */
  static Trend project(Pages pages, String project) {
    Window w = pages.window;
    if (w == null) {
      return new Trend("The output holds less than two days: no trend yet.", List.of(), List.of());
    }
    Predicate<Row> mine = r -> Objects.equals(Pages.s(r, "project"), project);
    double[] now = sums(pages.data.byDay(), mine, w, true);
    double[] before = sums(pages.data.byDay(), mine, w, false);
    List<TrendRow> rows = new ArrayList<>();
    String[] metrics = {"Jobs", "GPU-hours", "kWh", "kg CO2e"};
    for (int i = 0; i < metrics.length; i++) {
      String cur = i == 0 ? Fmt.count((long) now[i]) : Fmt.qty(now[i]);
      String prev = i == 0 ? Fmt.count((long) before[i]) : Fmt.qty(before[i]);
      rows.add(new TrendRow(metrics[i], cur, prev, change(now[i], before[i]), changeCls(now[i], before[i])));
    }
    return new Trend(w.caption(), rows, List.of());
  }

  /** Every project's CO2e in both periods, largest now first. */
  static Trend projects(Pages pages) {
    Window w = pages.window;
    if (w == null) {
      return new Trend("The output holds less than two days: no trend yet.", List.of(), List.of());
    }
    Map<String, double[]> perProject = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (Row r : pages.data.byDay()) {
      LocalDate d = Pages.date(r.getAs("day"));
      boolean now = w.holds(d, true);
      if (now || w.holds(d, false)) {
        String key = String.valueOf(Pages.s(r, "project"));
        names.put(key, Pages.s(r, "project"));
        perProject.computeIfAbsent(key, k -> new double[2])[now ? 0 : 1] += Pages.d(r, "co2e_kg");
      }
    }
    List<ProjectTrendRow> rows = new ArrayList<>();
    perProject.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0])
            .thenComparingDouble(e -> -e.getValue()[1]).thenComparing(Map.Entry::getKey))
        .forEach(e -> {
          String p = names.get(e.getKey());
          double[] a = e.getValue();
          rows.add(new ProjectTrendRow(Pages.label(p), Slugs.pageName(p), Fmt.qty(a[0]), Fmt.qty(a[1]),
              change(a[0], a[1]), changeCls(a[0], a[1])));
        });
    return new Trend(w.caption() + " kg CO2e per project.", List.of(), rows);
  }

  /** The change from {@code before} to {@code now}: {@code +12.5%}, {@code −40.0%}, {@code new}, {@code gone}. */
  static String change(double now, double before) {
    if (before <= 0) {
      return now > 0 ? "new" : Fmt.NONE;
    }
    double c = (now - before) / before;
    String pct = Fmt.pct(Math.abs(c));
    return c > 0 ? "+" + pct : c < 0 ? "\u2212" + pct : "0.0%";
  }

  /** More is worse: a CSS class of fixed names only. */
  static String changeCls(double now, double before) {
    return now > before ? "up" : now < before ? "down" : "same";
  }
}
