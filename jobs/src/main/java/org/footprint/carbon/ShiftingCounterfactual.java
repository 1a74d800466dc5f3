package org.footprint.carbon;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.forall;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.WhatifConf;
import org.footprint.model.Literals;

/**
 * Carbon-aware counterfactuals after Dodge et al. (2022, FAccT, "Measuring the carbon intensity of AI in cloud
 * instances"): what the same job would have emitted, at the same flat power, from the same intensity series that
 * priced it (or the marginal series, {@code whatif.signal: marginal}), had it been
 *
 * <ul>
 *   <li><b>shifted</b> (flexible start): started up to W hours later (W = 6, 12, 24), at the start s + j × grain
 *       (j = 0, 1, ...) of least emissions. Each candidate's mean intensity is two lookups in the running integral
 *       I ({@link IntensitySteps}): (I(t + D) − I(t)) / D, and the best start is the least of W ÷ grain + 1 such
 *       differences.
 *   <li><b>paused and resumed</b>: run in the cleanest slots of [s, s + D × (1 + slack)] (slack 25, 50, 100 %),
 *       chosen greedily — the window's slots sorted by intensity, taken until they add up to the job's duration D.
 * </ul>
 *
 * <p>How: the step table of every region is small (a zone-year is 8,760 hourly values), so it travels with the plan
 * as constant arrays, and each job's candidates and slots are arrays inside its own row (transform, sort_array,
 * aggregate). Nothing is exploded, joined, shuffled or grouped: the step adds no Spark job and no stage, and the
 * job rows are read once. (The first version exploded candidates and slots into rows, looked them up with
 * broadcast joins, grouped them back per job and joined them to the jobs: two shuffles, a window sort and a
 * re-computation of the whole job pipeline per side; it doubled the sample run's per-job phase.)
 *
 * <p>Only real values count: a job whose window reaches a slot without a value (before, inside or after the series)
 * gets null and says why in {@code shift_note}, as do the jobs it does not apply to (interactive, non-deferrable,
 * still running: {@link WhatifConf}). Both use a flat power profile, so they are compared with the job at flat
 * power at its real start ({@code j = 0}): {@code avoidable_co2e_kg} = that − the best shift of the largest window
 * the series covers (24 h, else 12, else 6; ≥ 0).
 */
public final class ShiftingCounterfactual {
  /** The flexible-start windows, hours: columns shift_co2e_kg_6h, shift_best_start_utc_6h, ... (schemas/jobs.ddl). */
  public static final int[] WINDOWS_H = {6, 12, 24};
  /** The pause-and-resume slacks, percent of the duration: columns pause_co2e_kg_25pct, ... */
  public static final int[] SLACKS_PCT = {25, 50, 100};
  /** shift_note: the job's region has no value in the series at all. */
  public static final String NO_SERIES = "no_intensity_series";
  /** shift_note: the job has no duration to shift. */
  public static final String ZERO_DURATION = "zero_duration";
  /** shift_note prefix: the series does not cover a window ({@code <W>h_window} or {@code <P>pct_pause}). */
  public static final String NOT_COVERED = "series_does_not_cover_";
  /** shift_note: an interactive job (whatif.interactive_names) waits for nobody. */
  public static final String INTERACTIVE = "interactive";
  /** shift_note: a partition listed in whatif.non_deferrable_partitions. */
  public static final String NON_DEFERRABLE = "non_deferrable_partition";
  /** shift_note: a Slurm QoS listed in whatif.non_deferrable_qos. */
  public static final String NON_DEFERRABLE_QOS = "non_deferrable_qos";
  /** shift_note: a job still running (Kubernetes include_running) has no final duration. */
  public static final String RUNNING = "running";
  /** whatif_signal: the series the counterfactuals used. */
  public static final String AVERAGE = "average";
  public static final String MARGINAL = "marginal";
  private static final double EPS = 1e-6;

  private ShiftingCounterfactual() {}

  /** The columns this adds, in order (whatif_signal is appended at the end of the jobs table, after them). */
  public static List<String> columns() {
    List<String> c = new ArrayList<>();
    for (int w : WINDOWS_H) {
      c.add("shift_co2e_kg_" + w + "h");
      c.add("shift_best_start_utc_" + w + "h");
    }
    for (int p : SLACKS_PCT) {
      c.add("pause_co2e_kg_" + p + "pct");
    }
    c.add("avoidable_co2e_kg");
    c.add("shift_note");
    c.add("whatif_signal");
    return c;
  }

  /**
   * With the conf: carbon.counterfactuals false: every column null; whatif.signal chooses the series (the marginal
   * one needs carbon.marginal, checked by the conf validator), whatif's lists exclude jobs.
   *
   * @param average the series that priced the jobs; @param marginal the marginal series or null
   */
  public static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> average, Dataset<Row> marginal,
      FootprintConf.CarbonConf carbon, WhatifConf whatif) {
    if (!carbon.counterfactuals) {
      Dataset<Row> out = jobs;
      for (String c : columns()) {
        out = out.withColumn(c, lit(null).cast(c.startsWith("shift_best") ? "timestamp"
            : c.equals("shift_note") || c.equals("whatif_signal") ? "string" : "double"));
      }
      return out;
    }
    boolean useMarginal = MARGINAL.equals(whatif.signal) && marginal != null;
    // the marginal series has no fallback: a slot without a value is not covered either way
    return apply(jobs, useMarginal ? marginal : average, useMarginal ? Map.of("*", 0.0) : carbon.fallbackGPerKwh,
        useMarginal ? MARGINAL : AVERAGE, exclusion(whatif));
  }

  /** Tests: the average series, nothing excluded. */
  public static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> slots, Map<String, Double> fallback) {
    return apply(jobs, slots, fallback, AVERAGE, lit(null).cast("string"));
  }

  /**
   * Why a job is not a candidate for shifting (null: it is): interactive by name, non-deferrable by partition or
   * by QoS, running. Reads name, partition and state, and qos when whatif.non_deferrable_qos lists any.
   */
  static Column exclusion(WhatifConf whatif) {
    Map<String, String> names = new LinkedHashMap<>();
    whatif.interactiveNames.forEach(n -> names.put(n.toLowerCase(), INTERACTIVE));
    Map<String, String> partitions = new LinkedHashMap<>();
    whatif.nonDeferrablePartitions.forEach(p -> partitions.put(p, NON_DEFERRABLE));
    Column byName = names.isEmpty() ? lit(null).cast("string")
        : try_element_at(Literals.stringMap(names), lower(col("name")));
    Column byPartition = partitions.isEmpty() ? lit(null).cast("string")
        : try_element_at(Literals.stringMap(partitions), col("partition"));
    Map<String, String> qos = new LinkedHashMap<>();
    whatif.nonDeferrableQos.forEach(q -> qos.put(q.toLowerCase(Locale.ROOT), NON_DEFERRABLE_QOS));
    Column byQos = qos.isEmpty() ? lit(null).cast("string")
        : try_element_at(Literals.stringMap(qos), lower(col("qos")));
    return when(col("state").equalTo("RUNNING"), lit(RUNNING))
        .when(byName.isNotNull(), byName)
        .when(byPartition.isNotNull(), byPartition)
        .otherwise(byQos);
  }

  /**
   * @param jobs needs job_key, region, start_utc, end_utc, energy_kwh (and what {@code excluded} reads)
   * @param slots schemas/intensity_slots.ddl: the series the counterfactuals use
   * @param fallback only to build the same step table as {@link HourlyIntensityJoin}; fallback slots count as not
   *     covered
   * @param excluded per job, the reason it is not shifted, or null
   */
  static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> slots, Map<String, Double> fallback, String signal,
      Column excluded) {
    IntensitySteps steps = IntensitySteps.of(jobs.sparkSession(), slots, fallback);
    Series series = new Series(steps);
    Column s = unix_seconds(col("start_utc"));
    Column d = unix_seconds(col("end_utc")).minus(s);
    Dataset<Row> df = jobs
        .withColumn("_cf_excluded", excluded)
        .withColumn("_cf_s", s)
        .withColumn("_cf_d", d)
        .withColumn("_cf_r", series.region(col("region")))
        .withColumn("_cf_on", col("_cf_excluded").isNull().and(col("_cf_r").isNotNull()).and(col("_cf_d").gt(0)));
    // the slots any candidate or pause window can reach: from the start slot to 24 h + D, or 2 D, later
    Column g = col("_cf_r.grain");
    long reach = WINDOWS_H[WINDOWS_H.length - 1] * 3600L;
    Column last = col("_cf_s").plus(greatest(col("_cf_d").plus(reach),
        col("_cf_d").multiply(100 + SLACKS_PCT[SLACKS_PCT.length - 1]).divide(100.0)));
    df = df.withColumn("_cf_w", when(col("_cf_on"),
        series.window(floor(col("_cf_s").divide(g)), floor(last.divide(g)).plus(1))));
    df = shift(df);
    df = pause(df);
    Column note = lit(null).cast("string");
    for (int i = SLACKS_PCT.length - 1; i >= 0; i--) {
      note = when(col("_cf_pcov_" + SLACKS_PCT[i]).equalTo(false),
          lit(NOT_COVERED + SLACKS_PCT[i] + "pct_pause")).otherwise(note);
    }
    for (int i = WINDOWS_H.length - 1; i >= 0; i--) {
      note = when(col("_cf_cov_" + WINDOWS_H[i]).equalTo(false), lit(NOT_COVERED + WINDOWS_H[i] + "h_window"))
          .otherwise(note);
    }
    df = df.withColumn("shift_note", when(col("_cf_excluded").isNotNull(), col("_cf_excluded"))
            .when(col("_cf_d").leq(0), lit(ZERO_DURATION))
            .when(col("_cf_r").isNull(), lit(NO_SERIES))
            .otherwise(note))
        .withColumn("avoidable_co2e_kg", when(largestCovered().isNotNull().and(col("_cf_now").isNotNull()),
            greatest(lit(0.0), col("_cf_now").minus(largestCovered()))))
        .withColumn("whatif_signal", when(col("_cf_on"), lit(signal)));
    List<String> drop = new ArrayList<>(List.of("_cf_excluded", "_cf_s", "_cf_d", "_cf_r", "_cf_on", "_cf_w", "_cf_cand",
        "_cf_now", "_cf_sorted"));
    for (int w : WINDOWS_H) {
      drop.add("_cf_cov_" + w);
    }
    for (int p : SLACKS_PCT) {
      drop.add("_cf_pcov_" + p);
    }
    return df.drop(drop.toArray(new String[0]));
  }

  /** The best shift of the largest window the series covers. */
  private static Column largestCovered() {
    Column c = lit(null).cast("double");
    for (int w : WINDOWS_H) {
      c = when(col("shift_co2e_kg_" + w + "h").isNotNull(), col("shift_co2e_kg_" + w + "h")).otherwise(c);
    }
    return c;
  }

  /**
   * Per job the array of candidate starts j = 0 .. 24 h ÷ grain, each (co2e, covered, start); per window, the
   * least-emitting one when all of the window's candidates are covered.
   */
  private static Dataset<Row> shift(Dataset<Row> df) {
    int wMax = WINDOWS_H[WINDOWS_H.length - 1];
    Column g = col("_cf_r.grain");
    Column kwh = col("energy_kwh");
    Column dur = col("_cf_d");
    Column cand = transform(sequence(lit(0L), floor(lit(wMax * 3600L).divide(g))), j -> {
      Column t0 = col("_cf_s").plus(j.multiply(g));
      Column t1 = t0.plus(dur);
      Column covered = abs(Series.integral("cum_has", "has", t1)
          .minus(Series.integral("cum_has", "has", t0)).minus(dur)).lt(EPS);
      Column co2e = kwh.multiply(Series.integral("cum", "ci", t1)
          .minus(Series.integral("cum", "ci", t0))).divide(dur).divide(1000.0);
      return struct(when(covered, co2e).as("c"), t0.as("t"), coalesce(covered, lit(false)).as("ok"));
    });
    df = df.withColumn("_cf_cand", when(col("_cf_on"), cand))
        .withColumn("_cf_now", element_at(col("_cf_cand"), 1).getField("c"));
    for (int w : WINDOWS_H) {
      Column mine = slice(col("_cf_cand"), lit(1), floor(lit(w * 3600L).divide(g)).plus(1).cast("int"));
      Column best = array_min(transform(mine, x -> struct(x.getField("c").as("c"), x.getField("t").as("t"))));
      df = df.withColumn("_cf_cov_" + w, forall(mine, x -> x.getField("ok")))
          .withColumn("shift_co2e_kg_" + w + "h", when(col("_cf_cov_" + w), best.getField("c")))
          .withColumn("shift_best_start_utc_" + w + "h",
              when(col("_cf_cov_" + w), timestamp_seconds(best.getField("t"))));
    }
    return df;
  }

  /**
   * Per slack: the cleanest slots of [s, s + D (1 + slack)] adding up to D, greedily. The slots of the largest
   * window are sorted by (intensity, slot) once; each slack walks them with its own window end.
   */
  private static Dataset<Row> pause(Dataset<Row> df) {
    Column g = col("_cf_r.grain");
    Column s = col("_cf_s");
    Column dur = col("_cf_d");
    Column from = floor(s.divide(g));
    int pMax = SLACKS_PCT[SLACKS_PCT.length - 1];
    Column to = ceil(end(pMax).divide(g)).minus(1);
    Column sorted = sort_array(transform(sequence(from, greatest(from, to)),
        x -> struct(Series.at("ci", x).as("ci"), x.as("slot"))));
    for (int p : SLACKS_PCT) {
      Column e = end(p);
      Column covered = abs(Series.integral("cum_has", "has", e)
          .minus(Series.integral("cum_has", "has", s.cast("double"))).minus(e.minus(s))).lt(EPS);
      df = df.withColumn("_cf_pcov_" + p, when(col("_cf_on"), coalesce(covered, lit(false))));
    }
    // sorted only where the smallest slack's window is covered (a larger one covers it)
    df = df.withColumn("_cf_sorted", when(col("_cf_pcov_" + SLACKS_PCT[0]), sorted));
    for (int p : SLACKS_PCT) {
      Column e = end(p);
      Column acc0 = struct(lit(0.0).as("took"), lit(0.0).as("gs"));
      Column walked = aggregate(col("_cf_sorted"), acc0, (acc, x) -> {
        Column slot = x.getField("slot");
        Column avail = greatest(lit(0.0), least(e, slot.plus(1).multiply(g))
            .minus(greatest(s.cast("double"), slot.multiply(g))));
        Column take = greatest(lit(0.0), least(avail, dur.minus(acc.getField("took"))));
        // slots past this slack's end (or past the series: ci null) have nothing available
        return struct(acc.getField("took").plus(avail).as("took"),
            when(take.gt(0), acc.getField("gs").plus(take.multiply(x.getField("ci")))).otherwise(acc.getField("gs"))
                .as("gs"));
      });
      df = df.withColumn("pause_co2e_kg_" + p + "pct", when(col("_cf_pcov_" + p),
          col("energy_kwh").multiply(walked.getField("gs")).divide(dur).divide(1000.0)));
    }
    return df;
  }

  /** s + D × (1 + slack), seconds (double). */
  private static Column end(int slackPct) {
    return col("_cf_s").plus(col("_cf_d").multiply(100 + slackPct).divide(100.0));
  }

  /**
   * The step table as constant arrays and, per region, where its slots start in them. Each job copies the part it
   * needs into its own row once ({@link #window}: its start slot to 24 h + its duration later, or twice its
   * duration, a few dozen values), so the constants appear once in the plan and the lookups read the row's copy.
   */
  private static final class Series {
    private final Column ci;
    private final Column has;
    private final Column cum;
    private final Column cumHas;
    private final Column regions;

    Series(IntensitySteps steps) {
      IntensitySteps.Flat flat = steps.flat();
      ci = lit(flat.ci());
      has = lit(flat.has());
      cum = lit(flat.cum());
      cumHas = lit(flat.cumHas());
      List<Column> kv = new ArrayList<>();
      for (Map.Entry<String, IntensitySteps.Span> e : steps.spans.entrySet()) {
        IntensitySteps.Span sp = e.getValue();
        kv.add(lit(e.getKey()));
        kv.add(struct(lit(sp.grain()).as("grain"), lit(sp.firstSlot()).as("first"), lit(sp.lastSlot()).as("last"),
            lit(flat.offsets().get(e.getKey())).as("offset")));
      }
      regions = kv.isEmpty()
          ? lit(null).cast("map<string,struct<grain:bigint,first:bigint,last:bigint,offset:bigint>>")
          : map(kv.toArray(new Column[0]));
    }

    /** struct(grain, first, last, offset) of the region; null for a region without values. */
    Column region(Column region) {
      return try_element_at(regions, region);
    }

    /**
     * The row's slots [from, to] of its region (_cf_r), clipped to the region's slots and its end sentinel:
     * struct(base slot, ci, has, cum, cum_has arrays).
     */
    Column window(Column from, Column to) {
      Column r = col("_cf_r");
      Column lo = greatest(from, r.getField("first"));
      Column hi = least(to, r.getField("last").plus(1));
      Column start = lo.minus(r.getField("first")).plus(r.getField("offset")).plus(1).cast("int");
      Column n = greatest(lit(0L), hi.minus(lo).plus(1)).cast("int");
      return struct(lo.as("base"), slice(ci, start, n).as("ci"), slice(has, start, n).as("has"),
          slice(cum, start, n).as("cum"), slice(cumHas, start, n).as("cum_has"));
    }

    /** The window's field (ci, has, cum, cum_has) at slot x; null outside the window. */
    static Column at(String field, Column x) {
      Column w = col("_cf_w");
      Column i = x.minus(w.getField("base"));
      return when(i.geq(0).and(i.lt(functions.size(w.getField(field)))),
          element_at(w.getField(field), i.plus(1).cast("int")));
    }

    /** The running integral at time t (seconds): cum[slot] + (t − slot start) × value[slot]; null outside. */
    static Column integral(String cumField, String valueField, Column t) {
      Column g = col("_cf_r.grain");
      Column x = floor(t.divide(g));
      return at(cumField, x).plus(t.minus(x.multiply(g)).multiply(at(valueField, x)));
    }
  }
}
