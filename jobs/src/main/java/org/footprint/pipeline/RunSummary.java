package org.footprint.pipeline;

import org.footprint.sink.RunTotals;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.footprint.source.Counts;
import org.footprint.model.Schemas;
import java.util.Arrays;
import java.util.Collection;
import org.footprint.io.SmallQuery;

/**
 * run_summary: per source and cluster, where every input record went (records_read = jobs + merged +
 * skipped + rejected) and how the energy was obtained and priced. Built on the driver from small aggregates:
 * the sources' {@link Counts} and the jobs. Input files that held no record (empty or header-only exports) are
 * counted by their source as files and as warnings of their row, which exists even when no record was read.
 */
final class RunSummary {
  private RunSummary() {}

  /** The run_summary table (local rows: collecting it runs no Spark job) and this run's totals, from one pass. */
  record Result(Dataset<Row> table, RunTotals totals) {}

  /** Rows in source order, the sources without a cluster (intensity) last. */
  private static final Comparator<List<String>> ORDER = Comparator
      .comparing((List<String> k) -> k.get(1) == null)
      .thenComparing(k -> k.get(0))
      .thenComparing(k -> k.get(1), Comparator.nullsLast(Comparator.naturalOrder()));

  /**
   * @param counts every source's {@link Counts}: source, cluster, category, n
   * @param jobSources sources whose records become jobs: their jobs and energy come from {@code jobs}; the others'
   *     (power samples, intensity values) are what was read and not merged, skipped or rejected
   */
  static Result build(SparkSession spark, Dataset<Row> counts, Set<String> jobSources, Dataset<Row> outsideWindow,
      Dataset<Row> jobs) {
    // (source, cluster) → files, read, merged, skipped, rejected, warned; the sources' counts are already added up
    // per cluster (a few rows each): summed here, not by another shuffle
    Map<List<String>, long[]> byKey = new TreeMap<>(ORDER);
    for (Row r : SmallQuery.collect(counts)) {
      long[] c = byKey.computeIfAbsent(key(r.getString(0), r.getString(1)), k -> new long[6]);
      c[Counts.CATEGORIES.indexOf(r.getString(2))] += r.getLong(3);
    }
    for (Row r : SmallQuery.collect(outsideWindow.groupBy("source", "cluster").agg(count(lit(1))))) {
      byKey.computeIfAbsent(key(r.getString(0), r.getString(1)), k -> new long[6])[3] += r.getLong(2);
    }
    return rows(spark, byKey, jobSources, jobs);
  }

  private static List<String> key(String source, String cluster) {
    return Arrays.asList(source, cluster);
  }

  private static Result rows(SparkSession spark, Map<List<String>, long[]> counts, Set<String> jobSources,
      Dataset<Row> jobs) {
    Map<List<String>, Row> stats = new TreeMap<>(ORDER);
    for (Row r : SmallQuery.collect(jobs.groupBy("source", "cluster").agg(
        count(lit(1)).as("jobs"),
        sum(when(col("warnings").isNotNull(), 1).otherwise(0)).as("warnings"),
        coalesce(sum("energy_kwh"), lit(0.0)).as("energy_kwh"),
        coalesce(sum("co2e_kg"), lit(0.0)).as("co2e_kg"),
        coalesce(sum(when(col("energy_method").equalTo("measured"), col("energy_kwh"))), lit(0.0)).as("measured"),
        coalesce(sum(when(col("energy_method").equalTo("sampled"), col("energy_kwh"))), lit(0.0)).as("sampled"),
        coalesce(sum(when(col("energy_method").equalTo("modelled"), col("energy_kwh"))), lit(0.0)).as("modelled"),
        coalesce(sum(col("energy_kwh").multiply(col("intensity_hourly_share"))), lit(0.0)).as("hourly"),
        coalesce(sum(col("energy_kwh").multiply(col("intensity_forecast_share"))), lit(0.0)).as("forecast"),
        sum(when(col("energy_note").startsWith("ConsumedEnergyRaw not used")
            .or(col("energy_note").contains(": not used")).or(col("energy_note").contains("meter error")), 1)
            .otherwise(0)).as("measured_unused"),
        // for the printed totals only: the same pass over the jobs gives them
        coalesce(sum("co2e_low_kg"), lit(0.0)).as("co2e_low_kg"),
        coalesce(sum("co2e_high_kg"), lit(0.0)).as("co2e_high_kg"),
        max("method").as("method"),
        // the counterfactuals: how many jobs have them, why the others do not, and which signals priced the jobs
        count(col("whatif_signal")).as("whatif_jobs"),
        WhatifSummary.reasonCounts().as("whatif_null_reasons"),
        WhatifSummary.signals().as("signals")))) {
      stats.put(key(r.getString(0), r.getString(1)), r);
    }
    // one method makes a run's numbers: every row says which (the rows without jobs too)
    String runMethod = stats.values().stream().map(r -> r.getString(14)).filter(m -> m != null).findFirst()
        .orElse(null);

    List<Row> rows = new ArrayList<>();
    for (Map.Entry<List<String>, long[]> e : counts.entrySet()) {
      String source = e.getKey().get(0);
      String cluster = e.getKey().get(1);
      long[] c = e.getValue();
      if (!jobSources.contains(source)) {
        // power samples and intensity values are not jobs: what was read and not merged, skipped or rejected
        long kept = c[1] - c[2] - c[3] - c[4];
        rows.add(RowFactory.create(source, cluster, c[0], c[1], kept, c[2], c[3], c[4], c[5],
            null, null, null, null, null, null, null, 0L, null, runMethod, null, null, null));
        continue;
      }
      Row s = stats.get(e.getKey());
      long jobsN = s == null ? 0 : s.getLong(2);
      // jobs carrying a warning, and input files that held no record (counted warned by their source)
      long warnings = (s == null ? 0L : s.getLong(3)) + c[5];
      double energy = s == null ? 0 : s.getDouble(4);
      rows.add(RowFactory.create(source, cluster, c[0], c[1], jobsN, c[2], c[3], c[4],
          warnings, energy, s == null ? 0.0 : s.getDouble(5),
          share(s, 6, energy), share(s, 7, energy), share(s, 8, energy), share(s, 9, energy),
          s == null || energy == 0 ? null : 1.0 - s.getDouble(9) / energy, s == null ? 0L : s.getLong(11),
          share(s, 10, energy), runMethod, s == null ? 0L : s.getLong(15), s == null ? null : s.getString(16),
          s == null ? null : s.getString(17)));
    }
    return new Result(spark.createDataFrame(rows, Schemas.of("run_summary")), totals(stats.values()));
  }

  private static RunTotals totals(Collection<Row> stats) {
    long jobs = 0;
    double energy = 0;
    double co2e = 0;
    double low = 0;
    double high = 0;
    for (Row s : stats) {
      jobs += s.getLong(2);
      energy += s.getDouble(4);
      co2e += s.getDouble(5);
      low += s.getDouble(12);
      high += s.getDouble(13);
    }
    return new RunTotals(jobs, energy, co2e, low, high);
  }

  private static Double share(Row s, int i, double total) {
    return s == null || total == 0 ? null : s.getDouble(i) / total;
  }
}
