package org.footprint.aggregate;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.footprint.model.Schemas;

/**
 * The summary tables from {@link SummaryPass}'s rows, on the driver: what {@link Aggregates} does in Spark after
 * its aggregation (the totals columns, by_sweep's spec join, search_totals' shares, the sort orders) done on those
 * few rows, with Spark's semantics (a division by 0 is null; ascending order puts nulls first, descending last;
 * text compares as UTF-8 bytes).
 */
final class SummaryDerivations {
  private SummaryDerivations() {}

  static SummaryRows tables(SummaryPass pass) {
    return new SummaryRows(totals(pass, SummaryPass.USER, "by_user", "user"),
        totals(pass, SummaryPass.PROJECT, "by_project", "project"), bySweep(pass), searchTotals(pass),
        byDay(pass));
  }

  /** by_user, by_project: the sums as they are, the idle columns null, the largest first. */
  private static List<Row> totals(SummaryPass pass, String set, String table, String key) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : pass.rows(set)) {
      Map<String, Object> v = values(r);
      v.put(key, r.getAs(SummaryPass.A));
      v.put("total_co2e_kg", plus(v.get("co2e_kg"), v.get("embodied_co2e_kg")));
      v.put("idle_kwh", null);
      v.put("idle_co2e_kg", null);
      out.add(v);
    }
    out.sort(descDouble("co2e_kg").thenComparing(text(key)));
    return rows(out, table);
  }

  /**
   * by_sweep: the sweeps' sums joined (full outer, on sweep_id) to one spec per sweep, the largest first. A view:
   * each row is derived when it is read, so a year's hundreds of thousands of sweeps are held once, compactly
   * ({@link CompactRows}), not again as finished rows.
   */
  private static List<Row> bySweep(SummaryPass pass) {
    // one spec per sweep: the same experiment named by two clusters' inputs shares one sweep_id, as its pods do;
    // the first cluster's (nulls last)
    Map<String, Row> specCluster = new HashMap<>();
    Map<String, Row> spec = new LinkedHashMap<>();
    boolean withSpecs = !pass.rows(SummaryPass.SPEC).isEmpty();
    for (Row r : pass.rows(SummaryPass.SPEC)) {
      String id = r.getAs(SummaryPass.A);
      Row had = specCluster.get(id);
      if (had == null || CLUSTER_NULLS_LAST.compare(r, had) < 0) {
        specCluster.put(id, r);
        spec.put(id, r.getAs("spec"));
      }
    }
    CompactRows sweeps = pass.sweeps();
    int idAt = sweeps.schema().fieldIndex(SummaryPass.A);
    int co2eAt = sweeps.schema().fieldIndex("co2e_kg");
    // a planned sweep without a job yet: its row with zero usage
    List<String> plannedOnly = new ArrayList<>();
    if (withSpecs) {
      Set<String> ran = new HashSet<>();
      for (int k = 0; k < sweeps.size(); k++) {
        ran.add((String) sweeps.value(k, idAt));
      }
      spec.keySet().stream().filter(id -> !ran.contains(id)).forEach(plannedOnly::add);
    }
    // entries: k >= 0 a sweep's row, -1 - j the j-th planned-only spec; sorted as Aggregates.bySweep orders
    int n = sweeps.size() + plannedOnly.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i < sweeps.size() ? i : -1 - (i - sweeps.size());
    }
    Function<Integer, Double> co2e = e -> e >= 0 ? (Double) sweeps.value(e, co2eAt) : 0.0;
    Function<Integer, String> id = e -> e >= 0 ? (String) sweeps.value(e, idAt) : plannedOnly.get(-1 - e);
    Arrays.sort(order, (x, y) -> {
      int c = -sparkCompare(co2e.apply(x), co2e.apply(y));
      return c != 0 ? c : Comparator.nullsFirst(SummaryDerivations::utf8).compare(id.apply(x), id.apply(y));
    });
    return new AbstractList<Row>() {
      @Override
      public Row get(int i) {
        int e = order[i];
        Map<String, Object> v = e >= 0 ? ranSweep(sweeps.get(e), spec, specCluster, withSpecs)
            : plannedSweep(plannedOnly.get(-1 - e), spec.get(plannedOnly.get(-1 - e)), specCluster);
        v.put("total_co2e_kg", plus(v.get("co2e_kg"), v.get("embodied_co2e_kg")));
        v.put("search_overhead_factor", divide(v.get("co2e_kg"), v.get("best_trial_co2e_kg")));
        return rows(List.of(v), "by_sweep").get(0);
      }

      @Override
      public int size() {
        return n;
      }
    };
  }

  /** A sweep that ran: its sums, joined to its spec when it has one. */
  private static Map<String, Object> ranSweep(Row r, Map<String, Row> spec, Map<String, Row> specCluster,
      boolean withSpecs) {
    String id = r.getAs(SummaryPass.A);
    Map<String, Object> v = values(r);
    v.put("sweep_id", id);
    v.put("sweep_kind", r.getAs(SummaryPass.B));
    v.put("run_trials", ((Integer) r.getAs("run_trials")).longValue());
    Row s = spec.get(id);
    v.put("cluster", first(r.getAs("sweep_cluster"), s == null ? null : specCluster.get(id).getAs(SummaryPass.B)));
    v.put("project", first(r.getAs("sweep_project"), s == null ? null : s.getAs("project")));
    v.put("user", first(r.getAs("sweep_user"), s == null ? null : s.getAs("user")));
    if (withSpecs && v.get("sweep_kind") == null) {
      v.put("sweep_kind", first(s == null ? null : s.getAs("sweep_kind"), "hpo"));
    }
    planned(v, s);
    return v;
  }

  /** A planned sweep without a job yet. */
  private static Map<String, Object> plannedSweep(String id, Row s, Map<String, Row> specCluster) {
    Map<String, Object> v = new HashMap<>();
    v.put("sweep_id", id);
    v.put("sweep_kind", first(s.getAs("sweep_kind"), "hpo"));
    v.put("cluster", specCluster.get(id).getAs(SummaryPass.B));
    v.put("project", s.getAs("project"));
    v.put("user", s.getAs("user"));
    for (String c : List.of("trials", "failed_trials", "run_trials")) {
      v.put(c, 0L);
    }
    for (String c : List.of("gpu_hours", "energy_kwh", "co2e_kg", "co2e_low_kg", "co2e_high_kg", "co2e_market_kg",
        "embodied_co2e_kg", "embodied_co2e_low_kg", "embodied_co2e_high_kg")) {
      v.put(c, 0.0);
    }
    for (String c : List.of("best_trial_co2e_kg", "first_start_utc", "last_end_utc", "co2e_marginal_kg",
        "avoidable_co2e_kg")) {
      v.put(c, null);
    }
    planned(v, s);
    return v;
  }

  /**
   * The report's per-sweep scope (sweep_id, jobs, then the scope's sums): a view of the sweeps' rows, each
   * derived when read. A sweep with jobs of two kinds has a row per kind here; the report adds them up.
   */
  private static List<Row> sweepScope(SummaryPass pass) {
    CompactRows sweeps = pass.sweeps();
    List<String> sums = concat(List.of("jobs"), SCOPE);
    return new AbstractList<Row>() {
      @Override
      public Row get(int i) {
        Row r = sweeps.get(i);
        String id = r.getAs(SummaryPass.A);
        return pick(r, List.of("sweep_id"), List.of(id), sums);
      }

      @Override
      public int size() {
        return sweeps.size();
      }
    };
  }

  private static final Comparator<Row> CLUSTER_NULLS_LAST = Comparator.comparing(
      (Row r) -> r.<String>getAs(SummaryPass.B), Comparator.nullsLast(SummaryDerivations::utf8));

  private static void planned(Map<String, Object> v, Row spec) {
    for (String c : List.of("planned_trials", "parallel_trials", "max_failed_trials", "gpus_per_trial")) {
      v.put(c, spec == null ? null : spec.getAs(c));
    }
  }

  /** search_totals: per project and kind, and for all projects ("*"), each with its share of the project's CO2e. */
  private static List<Row> searchTotals(SummaryPass pass) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Double> projectTotal = new HashMap<>();
    for (String set : List.of(SummaryPass.KIND, SummaryPass.KIND_ALL)) {
      for (Row r : pass.rows(set)) {
        Map<String, Object> v = values(r);
        v.put("project", r.getAs(SummaryPass.A));
        v.put("kind", r.getAs(SummaryPass.B));
        v.put("total_co2e_kg", plus(v.get("co2e_kg"), v.get("embodied_co2e_kg")));
        out.add(v);
      }
    }
    out.sort(text("project").thenComparing(text("kind")));
    for (Map<String, Object> v : out) {
      projectTotal.merge((String) v.get("project"), (Double) v.get("co2e_kg"), Double::sum);
    }
    for (Map<String, Object> v : out) {
      v.put("share_of_co2e", divide(v.get("co2e_kg"), projectTotal.get((String) v.get("project"))));
    }
    return rows(out, "search_totals");
  }

  /** by_day: per day, cluster and project, in that order (the report's daily chart adds a day's rows in order). */
  private static List<Row> byDay(SummaryPass pass) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : pass.rows(SummaryPass.DAY)) {
      Map<String, Object> v = values(r);
      v.put("cluster", r.getAs(SummaryPass.A));
      v.put("project", r.getAs(SummaryPass.B));
      v.put("day", r.getAs(SummaryPass.D));
      v.put("total_co2e_kg", plus(v.get("co2e_kg"), v.get("embodied_co2e_kg")));
      out.add(v);
    }
    out.sort(Comparator.comparing((Map<String, Object> v) -> (Date) v.get("day"))
        .thenComparing(text("cluster")).thenComparing(text("project")));
    return rows(out, "by_day");
  }

  /** The sums every report scope reads to say how its numbers were obtained (ReportData's scope()). */
  private static final List<String> SCOPE = List.of("gpu_hours", "energy_kwh", "energy_measured_kwh",
      "energy_sampled_kwh", "energy_modelled_kwh", "energy_hourly_kwh", "energy_forecast_kwh", "gpu_hours_hourly",
      "gpu_hours_default_util");

  static SummaryPass.ReportRows report(SummaryPass pass) {
    // users per project: the distinct non-null users of its user × project × cluster rows
    Map<String, Set<String>> users = new HashMap<>();
    for (Row r : pass.rows(SummaryPass.USER_SCOPE)) {
      Set<String> u = users.computeIfAbsent(r.getAs(SummaryPass.B), k -> new HashSet<>());
      if (r.getAs(SummaryPass.A) != null) {
        u.add(r.getAs(SummaryPass.A));
      }
    }
    List<Row> perProject = new ArrayList<>();
    for (Row r : pass.rows(SummaryPass.PROJECT)) {
      String project = r.getAs(SummaryPass.A);
      perProject.add(pick(r, List.of("project", "users"),
          List.of(project, (long) users.getOrDefault(project, Set.of()).size()),
          concat(List.of("jobs"), SCOPE, List.of("failed_gpu_hours", "failed_energy_kwh"))));
    }
    return new SummaryPass.ReportRows(perProject,
        keyed(pass, SummaryPass.USER_SCOPE, List.of("user", "project", "cluster"),
            concat(List.of("jobs"), SCOPE, List.of("failed_jobs", "co2e_kg", "search_co2e_kg"))),
        keyed(pass, SummaryPass.CLUSTER_SCOPE, List.of("cluster", "region", "gpu_model"),
            concat(List.of("jobs"), SCOPE, List.of("failed_jobs", "energy_low_kwh", "energy_high_kwh", "co2e_kg",
                "co2e_low_kg", "co2e_high_kg"))),
        keyed(pass, SummaryPass.FAILED_STATE, List.of("project", "state"),
            List.of("jobs", "gpu_hours", "energy_kwh", "co2e_kg")),
        sweepScope(pass));
  }

  /** A set's rows with its keys (A, B, C) named, then the sums named. */
  private static List<Row> keyed(SummaryPass pass, String set, List<String> keys, List<String> sums) {
    List<String> at = List.of(SummaryPass.A, SummaryPass.B, SummaryPass.C);
    List<Row> out = new ArrayList<>();
    for (Row r : pass.rows(set)) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        values.add(r.getAs(at.get(i)));
      }
      out.add(pick(r, keys, values, sums));
    }
    return out;
  }

  /** A row of the given leading (string or long) values, then the aggregation row's named sums. */
  private static Row pick(Row r, List<String> names, List<Object> values, List<String> sums) {
    StructType schema = new StructType();
    Object[] cells = new Object[names.size() + sums.size()];
    for (int i = 0; i < names.size(); i++) {
      Object v = values.get(i);
      schema = schema.add(names.get(i), v instanceof Long ? DataTypes.LongType : DataTypes.StringType);
      cells[i] = v;
    }
    for (int i = 0; i < sums.size(); i++) {
      StructField f = r.schema().apply(sums.get(i));
      schema = schema.add(f);
      cells[names.size() + i] = r.getAs(f.name());
    }
    return new GenericRowWithSchema(cells, schema);
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> out = new ArrayList<>();
    for (List<String> l : lists) {
      out.addAll(l);
    }
    return out;
  }

  /** An aggregation row's sums by name. */
  private static Map<String, Object> values(Row r) {
    Map<String, Object> v = new HashMap<>();
    for (String f : r.schema().fieldNames()) {
      v.put(f, r.getAs(f));
    }
    return v;
  }

  /** The table's rows, its columns in schema order, each value of the column's type. */
  static List<Row> rows(List<Map<String, Object>> values, String table) {
    StructType schema = Schemas.of(table);
    List<Row> out = new ArrayList<>();
    for (Map<String, Object> v : values) {
      Object[] cells = new Object[schema.size()];
      StructField[] fields = schema.fields();
      for (int i = 0; i < fields.length; i++) {
        if (!v.containsKey(fields[i].name())) {
          throw new IllegalStateException("table " + table + ": column " + fields[i].name() + " is not computed");
        }
        cells[i] = as(v.get(fields[i].name()), fields[i].dataType());
      }
      out.add(new GenericRowWithSchema(cells, schema));
    }
    return out;
  }

  private static Object as(Object value, DataType type) {
    if (value instanceof Number n) {
      if (type.equals(DataTypes.LongType)) {
        return n.longValue();
      }
      if (type.equals(DataTypes.IntegerType)) {
        return n.intValue();
      }
      if (type.equals(DataTypes.DoubleType)) {
        return n.doubleValue();
      }
    }
    return value;
  }

  /** Spark's + : null when either side is. */
  private static Double plus(Object a, Object b) {
    return a == null || b == null ? null : (Double) a + (Double) b;
  }

  /** Spark's try_divide of doubles: null when either side is null or the divisor is 0. */
  private static Double divide(Object a, Object b) {
    return a == null || b == null || (Double) b == 0.0 ? null : (Double) a / (Double) b;
  }

  private static Object first(Object a, Object b) {
    return a != null ? a : b;
  }

  /** Spark's descending order of a double: the largest first, NaN above every number, -0.0 equal to 0.0. */
  private static Comparator<Map<String, Object>> descDouble(String c) {
    return (x, y) -> -sparkCompare((Double) x.get(c), (Double) y.get(c));
  }

  private static int sparkCompare(Double a, Double b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1; // nulls first ascending, last descending
    }
    if (a.isNaN() || b.isNaN()) {
      return Boolean.compare(a.isNaN(), b.isNaN());
    }
    return a.doubleValue() == b.doubleValue() ? 0 : (a < b ? -1 : 1);
  }

  /** Spark's ascending order of text: nulls first, then by UTF-8 bytes. */
  private static Comparator<Map<String, Object>> text(String c) {
    Function<Map<String, Object>, String> get = v -> (String) v.get(c);
    return Comparator.comparing(get, Comparator.nullsFirst(SummaryDerivations::utf8));
  }

  private static int utf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
