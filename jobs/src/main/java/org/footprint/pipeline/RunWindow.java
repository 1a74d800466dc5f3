package org.footprint.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.model.Schemas;

/**
 * The days a run owns (--day, --from/--to; both null: every day): which usage rows it computes, and which
 * published days its jobs replace. A job's day is the day it ended in {@code output.day_zone}.
 */
record RunWindow(LocalDate from, LocalDate to) {
  /** Usage rows split by the window: those inside go on, those outside are skipped rows with the reason. */
  record Split(Dataset<Row> inside, Dataset<Row> outside, Dataset<Row> skipped) {}

  Split split(Dataset<Row> usage, String dayZone) {
    Dataset<Row> withDay = usage.withColumn("day", Days.day(col("end_utc"), dayZone));
    Column inWindow = lit(true);
    if (from != null) {
      inWindow = inWindow.and(col("day").geq(lit(Date.valueOf(from))));
    }
    if (to != null) {
      inWindow = inWindow.and(col("day").leq(lit(Date.valueOf(to))));
    }
    Dataset<Row> outside = withDay.filter(not(inWindow))
        .withColumn("reason", lit("ended outside --from/--to (" + from + " .. " + to + ")"));
    return new Split(withDay.filter(inWindow).drop("day"), outside, Schemas.conform(outside, "skipped"));
  }

  /** The days the run's jobs replace; null for a run without a window (it replaces every day). */
  List<LocalDate> days(Dataset<Row> jobs) {
    if (from == null && to == null) {
      return null;
    }
    LocalDate first = from;
    LocalDate last = to;
    if (first == null || last == null) {
      // an open window reaches as far as this run's jobs do on its open side
      Row r = jobs.agg(min("day"), max("day")).first();
      if (r.isNullAt(0)) {
        return first != null ? List.of(first) : List.of(last);
      }
      first = first != null ? first : r.getDate(0).toLocalDate();
      last = last != null ? last : r.getDate(1).toLocalDate();
      if (last.isBefore(first)) {
        last = first;
      }
    }
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      out.add(d);
    }
    return out;
  }
}
