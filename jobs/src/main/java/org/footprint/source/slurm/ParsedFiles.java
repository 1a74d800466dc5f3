package org.footprint.source.slurm;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.io.SmallQuery;
import org.footprint.source.Counts;

/**
 * What the parse of the sacct exports read, per file, collected in one small query (as many rows as input files)
 * that is also the action filling the parsed records' cache: so the records read, rejected and skipped by the
 * parser are counted on the driver, not by another pass over the cached records in run_summary's aggregation.
 *
 * <p>It also finds the exports that held no record at all (an empty file, a header only): they yield no row
 * anywhere, so without this a nightly export that came out empty would pass unnoticed. run_summary counts them as
 * files and warnings; the quality gate refuses to let them empty a published day.
 *
 * @param empty per cluster, the planned files of which no record was read, sorted
 * @param counts per cluster, the {@link Counts} categories known from the parse and the records' fate
 *     ({@link SlurmUsage#withFate}): files (as planned), records_read, rejected (by the parser, and steps without
 *     their allocation), merged (repeated allocations and steps, steps merged into their allocation), skipped
 *     (pending array rows) and warned (empty files)
 * @param orphans step rows without their allocation row, of all files: the rejects that only the fold finds
 */
record ParsedFiles(Map<String, List<String>> empty, Map<String, Map<String, Long>> counts, long orphans) {

  /**
   * @param planned file → cluster; null when the plan is not known (tests): then no file is known to be empty and
   *     the files are those that held records
   */
  static ParsedFiles of(Map<String, String> planned, Dataset<Row> records) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    Map<String, String> plan = planned == null ? Map.of() : planned;
    plan.values().forEach(cluster -> add(counts, cluster, Counts.FILES, 1));
    Set<String> seen = new HashSet<>();
    long orphans = 0;
    if (planned == null || !planned.isEmpty()) {
      Column fate = col(SlurmUsage.FATE);
      for (Row r : SmallQuery.collect(records.groupBy("cluster", "file").agg(count(lit(1)),
          sum(when(col("kind").equalTo(SacctRecord.REJECT), 1L).otherwise(0L)),
          sum(when(fate.equalTo(SlurmUsage.ORPHAN_STEP), 1L).otherwise(0L)),
          sum(when(col("kind").equalTo(SacctRecord.ARRAY_PENDING), 1L).otherwise(0L)),
          sum(when(fate.isin(SlurmUsage.DUPLICATE_ALLOC, SlurmUsage.DUPLICATE_STEP, SlurmUsage.MERGED_STEP), 1L)
              .otherwise(0L))))) {
        seen.add(r.getString(1));
        if (!plan.containsKey(r.getString(1))) {
          add(counts, r.getString(0), Counts.FILES, 1);
        }
        add(counts, r.getString(0), Counts.RECORDS_READ, r.getLong(2));
        add(counts, r.getString(0), Counts.REJECTED, r.getLong(3) + r.getLong(4));
        orphans += r.getLong(4);
        add(counts, r.getString(0), Counts.SKIPPED, r.getLong(5));
        add(counts, r.getString(0), Counts.MERGED, r.getLong(6));
      }
    }
    Map<String, List<String>> empty = new TreeMap<>();
    plan.forEach((file, cluster) -> {
      if (!seen.contains(file)) {
        empty.computeIfAbsent(cluster, k -> new ArrayList<>()).add(file);
        add(counts, cluster, Counts.WARNED, 1);
      }
    });
    empty.values().forEach(files -> files.sort(null));
    return new ParsedFiles(empty, counts, orphans);
  }

  private static void add(Map<String, Map<String, Long>> counts, String cluster, String category, long n) {
    counts.computeIfAbsent(cluster, k -> new LinkedHashMap<>()).merge(category, n, Long::sum);
  }
}
