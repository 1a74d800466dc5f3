package org.footprint.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The sweeps a report can show, out of by_sweep's rows, and how many there are per project and per user. A page
 * lists at most the {@link Pages#PROJECT_SWEEPS} largest of a project, the {@link Drill#USER_SWEEPS} largest of a
 * user, and the {@link Shifting#TOP} with the most avoidable CO2e; the index's and the sweep pages' choices are
 * among a project's largest. So the report keeps those rows (a few thousand at most) and the counts its "N smaller
 * sweeps are not shown" lines need, not a row per sweep of a year (hundreds of thousands on a large centre).
 *
 * @param shown the rows any page may show, in by_sweep's order
 * @param total every sweep
 * @param perProject sweeps per project (the null project included)
 * @param perUser sweeps per user (the null user included)
 */
record ReportSweeps(List<Row> shown, long total, Map<String, Long> perProject, Map<String, Long> perUser) {

  /** The sweep lists' order (index, project and user pages, the sweep pages' choice): largest CO2e, then id. */
  static final Comparator<Row> LARGEST = Comparator.comparingDouble((Row r) -> -Pages.d(r, "co2e_kg"))
      .thenComparing(r -> Pages.s(r, "sweep_id"));

  /** The shifting section's order (of sweeps or projects, by {@code key}): most avoidable CO2e, then the key. */
  static Comparator<Row> mostAvoidable(String key) {
    return Comparator.comparingDouble((Row r) -> -Pages.d(r, "avoidable_co2e_kg"))
        .thenComparing(r -> String.valueOf(Pages.s(r, key)));
  }

  /** One pass over {@code bySweep} (each row is read once: it may be derived as it is read). */
  static ReportSweeps of(List<Row> bySweep) {
    Map<String, Top> byProject = new HashMap<>();
    Map<String, Top> byUser = new HashMap<>();
    Top avoidable = new Top(Shifting.TOP, mostAvoidable("sweep_id"));
    Map<String, Long> perProject = new HashMap<>();
    Map<String, Long> perUser = new HashMap<>();
    long total = 0;
    for (Row r : bySweep) {
      Indexed x = new Indexed(total++, r);
      String project = Pages.s(r, "project");
      String user = Pages.s(r, "user");
      perProject.merge(project, 1L, Long::sum);
      perUser.merge(user, 1L, Long::sum);
      byProject.computeIfAbsent(project, k -> new Top(Pages.PROJECT_SWEEPS, LARGEST)).offer(x);
      byUser.computeIfAbsent(user, k -> new Top(Drill.USER_SWEEPS, LARGEST)).offer(x);
      if (Pages.d(r, "avoidable_co2e_kg") > 0) {
        avoidable.offer(x);
      }
    }
    // the union, in by_sweep's order (a sweep id with two kinds keeps its rows' order)
    TreeMap<Long, Row> kept = new TreeMap<>();
    for (Top t : byProject.values()) {
      t.into(kept);
    }
    for (Top t : byUser.values()) {
      t.into(kept);
    }
    avoidable.into(kept);
    return new ReportSweeps(new ArrayList<>(kept.values()), total, perProject, perUser);
  }

  /** Every sweep kept, as when by_sweep is small: the counts come from the rows. */
  static ReportSweeps all(List<Row> bySweep) {
    return new ReportSweeps(bySweep, bySweep.size(), count(bySweep, "project"), count(bySweep, "user"));
  }

  private static Map<String, Long> count(List<Row> rows, String key) {
    Map<String, Long> n = new HashMap<>();
    rows.forEach(r -> n.merge(Pages.s(r, key), 1L, Long::sum));
    return n;
  }

  long ofProject(String project) {
    return perProject.getOrDefault(project, 0L);
  }

  long ofUser(String user) {
    return perUser.getOrDefault(user, 0L);
  }

  private record Indexed(long at, Row row) {}

  /** The {@code n} first rows in an order, kept while the rows go by. */
  private static final class Top {
    private final int n;
    private final Comparator<Indexed> order;
    /** the worst kept row at the head */
    private final PriorityQueue<Indexed> kept;

    Top(int n, Comparator<Row> order) {
      this.n = n;
      // ties (same figure, same id: one sweep of two kinds) in by_sweep's order, as a stable sort keeps them
      this.order = Comparator.comparing(Indexed::row, order).thenComparingLong(Indexed::at);
      this.kept = new PriorityQueue<>(this.order.reversed());
    }

    void offer(Indexed x) {
      if (kept.size() < n) {
        kept.add(x);
      } else if (order.compare(x, kept.peek()) < 0) {
        kept.poll();
        kept.add(x);
      }
    }

    void into(Map<Long, Row> out) {
      for (Indexed x : kept) {
        out.put(x.at(), x.row());
      }
    }
  }
}
