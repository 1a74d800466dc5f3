package org.footprint.source.slurm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * sacct exports that held no record at all (an empty file, a header only): they yield no row anywhere, so
 * without this a nightly export that came out empty would pass unnoticed. run_summary counts them as files and
 * warnings; the quality gate refuses to let them empty a published day.
 */
final class EmptyInputs {
  private EmptyInputs() {}

  /**
   * Per cluster, the planned sacct files (text and JSON) of which no record was read, sorted.
   *
   * @param planned file → cluster
   */
  static Map<String, List<String>> of(Map<String, String> planned, Dataset<Row> records) {
    Map<String, List<String>> empty = new TreeMap<>();
    if (planned.isEmpty()) {
      return empty;
    }
    // one distinct over the cached records: as many rows as input files
    Set<String> seen = new HashSet<>();
    for (Row r : records.select("file").distinct().collectAsList()) {
      seen.add(r.getString(0));
    }
    planned.forEach((file, cluster) -> {
      if (!seen.contains(file)) {
        empty.computeIfAbsent(cluster, k -> new ArrayList<>()).add(file);
      }
    });
    empty.values().forEach(files -> files.sort(null));
    return empty;
  }
}
