package org.footprint.pipeline;

import org.footprint.sink.RunTotals;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.footprint.source.intensity.IntensityLoader;
import org.footprint.model.Schemas;

/**
 * run_summary: per source and cluster, where every input record went (records_read = jobs + merged +
 * skipped + rejected) and how the energy was obtained and priced. Built on the driver from small aggregates.
 * Input files that held no record (empty or header-only exports) count as files and as warnings of their row,
 * which exists even when no record was read.
 */
final class RunSummary {
  private RunSummary() {}

  /** The run_summary table (local rows: collecting it runs no Spark job) and this run's totals, from one pass. */
  record Result(Dataset<Row> table, RunTotals totals) {}

  static Result build(SparkSession spark, Map<String, Dataset<Row>> countsBySource, Dataset<Row> outsideWindow,
      Dataset<Row> jobs, IntensityLoader.Loaded intensity, Map<String, List<String>> emptyInputs) {
    // source/cluster → files, read, merged, skipped, rejected, warned (power: samples whose board is unknown)
    Map<String, long[]> counts = new TreeMap<>();
    for (Map.Entry<String, Dataset<Row>> src : countsBySource.entrySet()) {
      for (Row r : src.getValue().groupBy("cluster", "category").agg(sum("n").as("n")).collectAsList()) {
        add(counts, src.getKey() + "/" + r.getString(0), r.getString(1), r.getLong(2));
      }
    }
    for (Row r : outsideWindow.groupBy("source", "cluster").agg(count(lit(1))).collectAsList()) {
      counts.computeIfAbsent(r.getString(0) + "/" + r.getString(1), k -> new long[6])[3] += r.getLong(2);
    }
    emptyInputs.forEach((key, files) -> counts.computeIfAbsent(key, k -> new long[6])[0] += files.size());
    return rows(spark, counts, jobs, intensity, emptyInputs);
  }

  private static void add(Map<String, long[]> counts, String key, String category, long n) {
    long[] c = counts.computeIfAbsent(key, k -> new long[6]);
    int i = switch (category) {
      case "files" -> 0;
      case "records_read" -> 1;
      case "merged" -> 2;
      case "skipped" -> 3;
      case "rejected" -> 4;
      case "warned" -> 5;
      default -> throw new IllegalStateException("unknown count category " + category);
    };
    c[i] += n;
  }

  private static Result rows(SparkSession spark, Map<String, long[]> counts, Dataset<Row> jobs,
      IntensityLoader.Loaded intensity, Map<String, List<String>> emptyInputs) {
    Map<String, Row> stats = new TreeMap<>();
    for (Row r : jobs.groupBy("source", "cluster").agg(
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
        coalesce(sum("co2e_high_kg"), lit(0.0)).as("co2e_high_kg"))
        .collectAsList()) {
      stats.put(r.getString(0) + "/" + r.getString(1), r);
    }

    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      Row s = stats.get(e.getKey());
      long[] c = e.getValue();
      String[] sourceCluster = e.getKey().split("/", 2);
      if (sourceCluster[0].equals(FootprintRun.POWER)) {
        // power samples are not jobs: what was read and not merged, skipped or rejected became samples
        long samples = c[1] - c[2] - c[3] - c[4];
        rows.add(RowFactory.create(sourceCluster[0], sourceCluster[1], c[0], c[1], samples, c[2], c[3], c[4], c[5],
            null, null, null, null, null, null, null, 0L, null));
        continue;
      }
      long jobsN = s == null ? 0 : s.getLong(2);
      long warnings = (s == null ? 0L : s.getLong(3)) + emptyInputs.getOrDefault(e.getKey(), List.of()).size();
      double energy = s == null ? 0 : s.getDouble(4);
      rows.add(RowFactory.create(sourceCluster[0], sourceCluster[1], c[0], c[1], jobsN, c[2], c[3], c[4],
          warnings, energy, s == null ? 0.0 : s.getDouble(5),
          share(s, 6, energy), share(s, 7, energy), share(s, 8, energy), share(s, 9, energy),
          s == null || energy == 0 ? null : 1.0 - s.getDouble(9) / energy, s == null ? 0L : s.getLong(11),
          share(s, 10, energy)));
    }
    long points = intensity.recordsRead() - intensity.rejects().size();
    rows.add(RowFactory.create("intensity", null, intensity.files(), intensity.recordsRead(),
        intensity.hourlyValues(), points - intensity.hourlyValues(), 0L, (long) intensity.rejects().size(), 0L,
        null, null, null, null, null, null, null, 0L, null));
    return new Result(spark.createDataFrame(rows, Schemas.of("run_summary")), totals(stats.values()));
  }

  private static RunTotals totals(java.util.Collection<Row> stats) {
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
