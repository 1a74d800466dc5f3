package org.footprint.carbon;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
 * <p>How: the search itself is plain Java ({@link WindowSearch}), called per job through one scalar UDF on
 * (region, start, duration, energy) that returns the whole result as a struct, only for the jobs it applies to. The
 * step table of every region is small (a zone-year is 8,760 hourly values) and reaches the executors once, as a
 * Spark broadcast variable, not as constants in the plan. Nothing is exploded, joined, shuffled or grouped: the step
 * adds no Spark job and no stage, and the job rows are read once.
 *
 * <p>Why a UDF, against the project's rule of built-in functions over UDFs: the same search written with built-in
 * higher-order functions (transform, aggregate, sort_array, forall over each job's candidates and slots) is
 * evaluated by Spark without code generation, lambda by lambda. Measured on the 100 k-job generated centre it
 * added 76 % to the whole run (energy and carbon 48 → 177 s; bench/RESULTS.md), against the 20 % the feature may
 * cost; the compiled loop costs a small part of that. (The first version exploded candidates and slots into rows
 * and joined them back: two shuffles and a re-computation of the job pipeline per side.)
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
    return apply(jobs, () -> IntensitySteps.of(average, carbon.fallbackGPerKwh),
        marginal == null ? null : () -> IntensitySteps.of(marginal, MarginalSignal.FALLBACK), carbon, whatif);
  }

  /**
   * As above, with the step tables the run already built (pipeline/JobPipeline: one per series), asked for only
   * when the counterfactuals are on.
   *
   * @param average the average series' steps, with carbon.fallback_g_per_kwh for the slots without a value
   * @param marginal the marginal series' steps with {@link MarginalSignal#FALLBACK}, or null: no marginal series
   */
  public static Dataset<Row> apply(Dataset<Row> jobs, Supplier<IntensitySteps> average,
      Supplier<IntensitySteps> marginal, FootprintConf.CarbonConf carbon, WhatifConf whatif) {
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
    return apply(jobs, useMarginal ? marginal.get() : average.get(), useMarginal ? MARGINAL : AVERAGE,
        exclusion(whatif));
  }

  /** Tests: the average series, nothing excluded. */
  public static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> slots, Map<String, Double> fallback) {
    return apply(jobs, IntensitySteps.of(slots, fallback), AVERAGE, lit(null).cast("string"));
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
   * @param steps the series the counterfactuals use (fallback slots count as not covered)
   * @param excluded per job, the reason it is not shifted, or null
   */
  static Dataset<Row> apply(Dataset<Row> jobs, IntensitySteps steps, String signal, Column excluded) {
    Map<String, WindowSearch.Series> series = steps.series();
    Broadcast<Map<String, WindowSearch.Series>> table = JavaSparkContext.fromSparkContext(
        jobs.sparkSession().sparkContext()).broadcast(new LinkedHashMap<>(series));
    UserDefinedFunction search = udf(new Search(table), Search.TYPE).withName("window_search");
    // the regions with values: a handful of names (the values themselves travel in the broadcast)
    Column known = series.isEmpty() ? lit(false)
        : coalesce(array_contains(lit(series.keySet().toArray(new String[0])), col("region")), lit(false));
    Column s = unix_seconds(col("start_utc"));
    Column d = unix_seconds(col("end_utc")).minus(s);
    Dataset<Row> df = jobs
        .withColumn("_cf_excluded", excluded)
        .withColumn("_cf_s", s)
        .withColumn("_cf_d", d)
        .withColumn("_cf_known", known)
        .withColumn("_cf_on", col("_cf_excluded").isNull().and(col("_cf_known")).and(col("_cf_d").gt(0)));
    df = df.withColumn("_cf", when(col("_cf_on"),
        search.apply(col("region"), col("_cf_s"), col("_cf_d"), col("energy_kwh"))));
    for (int w : WINDOWS_H) {
      df = df.withColumn("shift_co2e_kg_" + w + "h", col("_cf.shift_" + w + "h"))
          .withColumn("shift_best_start_utc_" + w + "h", timestamp_seconds(col("_cf.start_" + w + "h")));
    }
    for (int p : SLACKS_PCT) {
      df = df.withColumn("pause_co2e_kg_" + p + "pct", col("_cf.pause_" + p + "pct"));
    }
    df = df.withColumn("shift_note", when(col("_cf_excluded").isNotNull(), col("_cf_excluded"))
            .when(col("_cf_d").leq(0), lit(ZERO_DURATION))
            .when(col("_cf_known").equalTo(false), lit(NO_SERIES))
            .otherwise(col("_cf.note")))
        .withColumn("avoidable_co2e_kg", when(largestCovered().isNotNull().and(col("_cf.now").isNotNull()),
            greatest(lit(0.0), col("_cf.now").minus(largestCovered()))))
        .withColumn("whatif_signal", when(col("_cf_on"), lit(signal)));
    return df.drop("_cf_excluded", "_cf_s", "_cf_d", "_cf_known", "_cf_on", "_cf");
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
   * (region, start s, duration s, energy kWh) → the job's {@link WindowSearch.Result} as a struct: now, shift_6h,
   * start_6h (epoch seconds), ..., pause_25pct, ..., note. Called only for the jobs it applies to (a region with
   * values, a duration).
   */
  private static final class Search implements UDF4<String, Long, Long, Double, Row> {
    static final StructType TYPE = type();
    private final Broadcast<Map<String, WindowSearch.Series>> table;

    Search(Broadcast<Map<String, WindowSearch.Series>> table) {
      this.table = table;
    }

    private static StructType type() {
      StructType t = new StructType().add("now", DataTypes.DoubleType);
      for (int w : WINDOWS_H) {
        t = t.add("shift_" + w + "h", DataTypes.DoubleType).add("start_" + w + "h", DataTypes.LongType);
      }
      for (int p : SLACKS_PCT) {
        t = t.add("pause_" + p + "pct", DataTypes.DoubleType);
      }
      return t.add("note", DataTypes.StringType);
    }

    @Override
    public Row call(String region, Long startS, Long durS, Double kwh) {
      WindowSearch.Series r = region == null ? null : table.value().get(region);
      if (r == null || startS == null || durS == null || durS <= 0) {
        return null;
      }
      WindowSearch.Result res = WindowSearch.search(r, startS, durS, kwh);
      Object[] v = new Object[TYPE.size()];
      int i = 0;
      v[i++] = res.nowCo2eKg();
      for (int w = 0; w < WINDOWS_H.length; w++) {
        v[i++] = res.shiftCo2eKg()[w];
        v[i++] = res.shiftBestStartS()[w];
      }
      for (int p = 0; p < SLACKS_PCT.length; p++) {
        v[i++] = res.pauseCo2eKg()[p];
      }
      v[i] = res.notCovered();
      return RowFactory.create(v);
    }
  }
}
