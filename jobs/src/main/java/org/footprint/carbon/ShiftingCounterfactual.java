package org.footprint.carbon;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.footprint.conf.FootprintConf;

/**
 * Carbon-aware counterfactuals after Dodge et al. (2022, FAccT, "Measuring the carbon intensity of AI in cloud
 * instances"): what the same job would have emitted, at the same flat power, from the same intensity series that
 * priced it, had it been
 *
 * <ul>
 *   <li><b>shifted</b> (flexible start): started up to W hours later (W = 6, 12, 24), at the start s + j × grain
 *       (j = 0, 1, ...) of least emissions. Each candidate's mean intensity is two lookups in the running integral
 *       ({@link IntensitySteps}): (I(t + D) − I(t)) / D; the candidates are the only per-job rows (W ÷ grain + 1).
 *   <li><b>paused and resumed</b>: run in the cleanest slots of [s, s + D × (1 + slack)] (slack 25, 50, 100 %),
 *       chosen greedily — slots ordered by intensity, taken until they add up to the job's duration D — with a
 *       window function over the slots of that interval (the only per-job rows).
 * </ul>
 *
 * Only real values count: a job whose window reaches a slot without a value (before, inside or after the series)
 * gets null and says why in {@code shift_note}. Both use a flat power profile, so they are compared with the job
 * at flat power at its real start ({@code j = 0}): {@code avoidable_co2e_kg} = that − the best shift of the largest window
 * the series covers (24 h, else 12, else 6; ≥ 0).
 */
public final class ShiftingCounterfactual {
  /** The flexible-start windows, hours: columns shift_co2e_kg_6h, shift_best_start_utc_6h, ... (schemas/jobs.ddl). */
  public static final int[] WINDOWS_H = {6, 12, 24};
  /** The pause-and-resume slacks, percent of the duration: columns pause_co2e_kg_25pct, ... */
  public static final int[] SLACKS_PCT = {25, 50, 100};
  static final String NO_SERIES = "no_intensity_series";
  static final String ZERO_DURATION = "zero_duration";
  static final String NOT_COVERED = "series_does_not_cover_";
  private static final double EPS = 1e-6;

  private ShiftingCounterfactual() {}

  /** The columns this adds, in order. */
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
    return c;
  }

  /** With the conf's fallback; carbon.counterfactuals false: every column null. */
  public static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> slots,
      FootprintConf.CarbonConf carbon) {
    if (!carbon.counterfactuals) {
      Dataset<Row> out = jobs;
      for (String c : columns()) {
        out = out.withColumn(c, lit(null).cast(c.startsWith("shift_best") ? "timestamp"
            : c.equals("shift_note") ? "string" : "double"));
      }
      return out;
    }
    return apply(jobs, slots, carbon.fallbackGPerKwh);
  }

  /**
   * @param jobs needs job_key, region, start_utc, end_utc, energy_kwh
   * @param slots schemas/intensity_slots.ddl: the series that priced the jobs
   * @param fallback as for {@link HourlyIntensityJoin} (only to build the same step table; fallback slots count
   *     as not covered)
   */
  public static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> slots, Map<String, Double> fallback) {
    IntensitySteps steps = IntensitySteps.of(jobs.sparkSession(), slots, fallback);
    Dataset<Row> base = jobs.select(col("job_key").as("k"), col("region").as("r"),
            unix_seconds(col("start_utc")).as("s"), unix_seconds(col("end_utc")).as("e"), col("energy_kwh").as("kwh"))
        .withColumn("d", col("e").minus(col("s")))
        .withColumn("g", try_element_at(steps.spanLiteral(), col("r")).getField("grain"))
        .filter(col("g").isNotNull().and(col("d").gt(0)));
    Dataset<Row> t = steps.table.select(col("region").as("tr"), col("slot").as("ts"), col("ci").as("tci"),
        col("has").as("thas"), col("cum").as("tcum"), col("cum_has").as("tcum_has"));
    Dataset<Row> shift = shift(base, t);
    Dataset<Row> pause = pause(base, t);
    Dataset<Row> side = shift.join(pause, "k");
    Dataset<Row> out = jobs.join(side, jobs.col("job_key").equalTo(side.col("k")), "left").drop("k");
    Column note = lit(null).cast("string");
    for (int i = WINDOWS_H.length - 1; i >= 0; i--) {
      note = when(col("_cov_" + WINDOWS_H[i]).equalTo(false), lit(NOT_COVERED + WINDOWS_H[i] + "h_window"))
          .otherwise(note);
    }
    Column zero = unix_seconds(col("end_utc")).leq(unix_seconds(col("start_utc")));
    out = out.withColumn("shift_note", when(col("_cov_" + WINDOWS_H[0]).isNull(),
            when(zero, lit(ZERO_DURATION)).otherwise(lit(NO_SERIES))).otherwise(note))
        .withColumn("avoidable_co2e_kg", when(largestCovered().isNotNull().and(col("_flat_now").isNotNull()),
            greatest(lit(0.0), col("_flat_now").minus(largestCovered()))));
    List<String> drop = new ArrayList<>(List.of("_flat_now"));
    for (int w : WINDOWS_H) {
      drop.add("_cov_" + w);
    }
    return out.drop(drop.toArray(new String[0]));
  }

  /** The best shift of the largest window the series covers. */
  private static Column largestCovered() {
    Column[] c = new Column[WINDOWS_H.length];
    for (int i = 0; i < WINDOWS_H.length; i++) {
      c[i] = col("shift_co2e_kg_" + WINDOWS_H[WINDOWS_H.length - 1 - i] + "h");
    }
    return coalesce(c);
  }

  /** Per job: for each window, the least-emitting covered start (null when any candidate is not covered). */
  private static Dataset<Row> shift(Dataset<Row> base, Dataset<Row> t) {
    int wMax = WINDOWS_H[WINDOWS_H.length - 1];
    Dataset<Row> cand = base
        .withColumn("j", explode(sequence(lit(0L), floor(lit(wMax * 3600L).divide(col("g"))))))
        .withColumn("t0", col("s").plus(col("j").multiply(col("g"))))
        .withColumn("t1", col("t0").plus(col("d")))
        .withColumn("a", floor(col("t0").divide(col("g"))))
        .withColumn("b", greatest(col("a"), ceil(col("t1").divide(col("g"))).minus(1)));
    cand = lookup(cand, t, "a", "_a");
    cand = lookup(cand, t, "b", "_b");
    // I(x) = cum[slot] + (x − slot × g) × ci[slot]; the same for has
    Column i0 = col("_atcum").plus(col("t0").minus(col("a").multiply(col("g"))).multiply(col("_atci")));
    Column i1 = col("_btcum").plus(col("t1").minus(col("b").multiply(col("g"))).multiply(col("_btci")));
    Column h0 = col("_atcum_has").plus(col("t0").minus(col("a").multiply(col("g"))).multiply(col("_athas")));
    Column h1 = col("_btcum_has").plus(col("t1").minus(col("b").multiply(col("g"))).multiply(col("_bthas")));
    cand = cand.withColumn("covered", coalesce(abs(h1.minus(h0).minus(col("d"))).lt(EPS), lit(false)))
        .withColumn("co2e", col("kwh").multiply(i1.minus(i0)).divide(col("d")).divide(1000.0));
    List<Column> aggs = new ArrayList<>();
    aggs.add(max(when(col("j").equalTo(0).and(col("covered")), col("co2e"))).as("_flat_now"));
    for (int w : WINDOWS_H) {
      Column in = col("j").multiply(col("g")).leq(w * 3600L);
      aggs.add(min(when(in, col("covered"))).as("_cov_" + w));
      aggs.add(min(when(in.and(col("covered")), struct(col("co2e").as("c"), col("t0").as("t")))).as("_best_" + w));
    }
    Dataset<Row> per = cand.groupBy("k").agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
    for (int w : WINDOWS_H) {
      Column ok = col("_cov_" + w);
      per = per.withColumn("shift_co2e_kg_" + w + "h", when(ok, col("_best_" + w + ".c")))
          .withColumn("shift_best_start_utc_" + w + "h", when(ok, timestamp_seconds(col("_best_" + w + ".t"))))
          .drop("_best_" + w);
    }
    return per;
  }

  /** Per job and slack: the cleanest slots of [s, s + D (1 + slack)] adding up to D, greedily. */
  private static Dataset<Row> pause(Dataset<Row> base, Dataset<Row> t) {
    int pMax = SLACKS_PCT[SLACKS_PCT.length - 1];
    Column endMax = col("s").plus(col("d").multiply(100 + pMax).divide(100.0));
    Dataset<Row> sl = base
        .withColumn("slot", explode(sequence(floor(col("s").divide(col("g"))),
            ceil(endMax.divide(col("g"))).minus(1))));
    sl = sl.join(broadcast(t), sl.col("r").equalTo(t.col("tr")).and(sl.col("slot").equalTo(t.col("ts"))), "left");
    WindowSpec cleanest = Window.partitionBy("k").orderBy(coalesce(col("tci"), lit(Double.MAX_VALUE)), col("slot"));
    List<Column> aggs = new ArrayList<>();
    for (int p : SLACKS_PCT) {
      Column end = col("s").plus(col("d").multiply(100 + p).divide(100.0));
      Column avail = greatest(lit(0.0), least(end, col("slot").plus(1).multiply(col("g")))
          .minus(greatest(col("s").cast("double"), col("slot").multiply(col("g")))));
      sl = sl.withColumn("_av" + p, avail)
          .withColumn("_run" + p, sum("_av" + p).over(cleanest
              .rowsBetween(Window.unboundedPreceding(), Window.currentRow())));
      Column taken = greatest(lit(0.0), least(col("_av" + p), col("d").minus(col("_run" + p).minus(col("_av" + p)))));
      aggs.add(sum(taken.multiply(coalesce(col("tci"), lit(0.0)))).as("_ci" + p));
      aggs.add(sum(col("_av" + p).multiply(coalesce(col("thas"), lit(0.0)))).as("_has" + p));
      aggs.add(sum(col("_av" + p)).as("_all" + p));
    }
    aggs.add(max("kwh").as("_kwh"));
    aggs.add(max("d").as("_d"));
    Dataset<Row> per = sl.groupBy("k").agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
    for (int p : SLACKS_PCT) {
      Column covered = abs(col("_has" + p).minus(col("_all" + p))).lt(EPS);
      per = per.withColumn("pause_co2e_kg_" + p + "pct",
          when(covered, col("_kwh").multiply(col("_ci" + p)).divide(col("_d")).divide(1000.0)));
    }
    List<String> drop = new ArrayList<>(List.of("_kwh", "_d"));
    for (int p : SLACKS_PCT) {
      drop.add("_ci" + p);
      drop.add("_has" + p);
      drop.add("_all" + p);
    }
    return per.drop(drop.toArray(new String[0]));
  }

  /** Left broadcast equi-join of the step table on (region, slot = df[slotCol]); its columns get the prefix. */
  private static Dataset<Row> lookup(Dataset<Row> df, Dataset<Row> t, String slotCol, String prefix) {
    Dataset<Row> p = t;
    for (String c : t.columns()) {
      p = p.withColumnRenamed(c, prefix + c);
    }
    return df.join(broadcast(p), df.col("r").equalTo(p.col(prefix + "tr"))
        .and(df.col(slotCol).equalTo(p.col(prefix + "ts"))), "left").drop(prefix + "tr", prefix + "ts");
  }
}
