package org.footprint.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.footprint.carbon.ShiftingCounterfactual;

/**
 * run_summary's last columns, as aggregate expressions over a source's and cluster's jobs: why the counterfactuals
 * of some jobs are null (a count per shift_note reason), and which carbon signals the numbers used.
 */
final class WhatifSummary {
  private WhatifSummary() {}

  /** Every shift_note reason, in a fixed order. */
  static List<String> reasons() {
    List<String> r = new ArrayList<>();
    for (int w : ShiftingCounterfactual.WINDOWS_H) {
      r.add(ShiftingCounterfactual.NOT_COVERED + w + "h_window");
    }
    for (int p : ShiftingCounterfactual.SLACKS_PCT) {
      r.add(ShiftingCounterfactual.NOT_COVERED + p + "pct_pause");
    }
    r.addAll(List.of(ShiftingCounterfactual.NO_SERIES, ShiftingCounterfactual.ZERO_DURATION,
        ShiftingCounterfactual.INTERACTIVE, ShiftingCounterfactual.NON_DEFERRABLE,
        ShiftingCounterfactual.NON_DEFERRABLE_QOS, ShiftingCounterfactual.RUNNING));
    return r;
  }

  /**
   * "reason: n; reason: n" over the reasons that occur (in {@link #reasons} order), "" when every job has its
   * counterfactuals; null when they were not computed (carbon.counterfactuals false: no job has a whatif_signal
   * and no reason).
   */
  static Column reasonCounts() {
    List<Column> parts = new ArrayList<>();
    for (String r : reasons()) {
      Column n = sum(when(col("shift_note").equalTo(r), 1L).otherwise(0L));
      parts.add(when(n.gt(0), concat(lit(r + ": "), n.cast("string"))));
    }
    Column computed = count(col("whatif_signal")).gt(0).or(count(col("shift_note")).gt(0));
    return when(computed, concat_ws("; ", parts.toArray(new Column[0])));
  }

  /**
   * "location: average; market: residual_mix; marginal: carbon.marginal; whatif: average": the signals of the
   * jobs' figures (market: their market_method values; marginal: none when no job has co2e_marginal_kg; whatif: off
   * when no job has counterfactuals).
   */
  static Column signals() {
    Column market = concat_ws(",", sort_array(collect_set(col("market_method"))));
    Column marginal = when(max(col("co2e_marginal_kg").isNotNull()), lit("carbon.marginal")).otherwise(lit("none"));
    Column whatif = concat_ws(",", sort_array(collect_set(col("whatif_signal"))));
    return concat(lit("location: average; market: "), coalesce(when(market.notEqual(""), market), lit("location")),
        lit("; marginal: "), marginal, lit("; whatif: "), coalesce(when(whatif.notEqual(""), whatif), lit("off")));
  }
}
