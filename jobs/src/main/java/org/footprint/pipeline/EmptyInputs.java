package org.footprint.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.source.slurm.SacctInput;
import org.footprint.source.slurm.SlurmUsage;

/**
 * sacct exports that held no record at all (an empty file, a header only): they yield no row anywhere, so
 * without this a nightly export that came out empty would pass unnoticed. run_summary counts them as files and
 * warnings; the quality gate refuses to let them empty a published day.
 */
final class EmptyInputs {
  private EmptyInputs() {}

  /** Per "slurm/cluster", the planned sacct files (text and JSON) of which no record was read, sorted. */
  static Map<String, List<String>> sacct(InputPlan plan, Dataset<Row> slurmRecords) {
    Map<String, SacctInput> planned = new java.util.LinkedHashMap<>(plan.sacct);
    planned.putAll(plan.sacctJson);
    Map<String, List<String>> empty = new TreeMap<>();
    if (planned.isEmpty()) {
      return empty;
    }
    // one distinct over the cached records: as many rows as input files
    Set<String> seen = new HashSet<>();
    for (Row r : slurmRecords.select("file").distinct().collectAsList()) {
      seen.add(r.getString(0));
    }
    planned.forEach((file, in) -> {
      if (!seen.contains(file)) {
        empty.computeIfAbsent(SlurmUsage.SOURCE + "/" + in.cluster(), k -> new ArrayList<>()).add(file);
      }
    });
    empty.values().forEach(files -> files.sort(null));
    return empty;
  }
}
