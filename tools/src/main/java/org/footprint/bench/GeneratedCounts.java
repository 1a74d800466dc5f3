package org.footprint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The benchmark's correctness check: a run's {@code csv/run_summary.csv} against the counts the generator says it
 * wrote ({@code GENERATED.json}, "expected"), per source and cluster — so a benchmark at 10 M jobs also shows that
 * nothing was lost or counted twice, not only how long it took. Exit status 1 on any difference.
 */
public final class GeneratedCounts {
  private static final List<String> CATEGORIES = List.of("files", "records_read", "jobs", "merged", "skipped",
      "rejected");

  private GeneratedCounts() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: GeneratedCounts GENERATED.json run_summary.csv");
      System.exit(2);
    }
    List<String> diffs = compare(Path.of(args[0]), Path.of(args[1]));
    if (diffs.isEmpty()) {
      System.out.println("run_summary matches " + args[0] + " for every source and cluster");
    } else {
      diffs.forEach(d -> System.out.println("run_summary differs: " + d));
      System.exit(1);
    }
  }

  /** Each difference as "source/cluster category: run N, generated M"; empty when all agree. */
  public static List<String> compare(Path generated, Path runSummaryCsv) throws IOException {
    JsonNode expected = new ObjectMapper().readTree(generated.toFile()).get("expected");
    Map<String, CSVRecord> rows = new HashMap<>();
    try (Reader in = Files.newBufferedReader(runSummaryCsv, StandardCharsets.UTF_8)) {
      for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
        rows.put(r.get("source") + "/" + r.get("cluster"), r);
      }
    }
    List<String> diffs = new ArrayList<>();
    for (String source : List.of("slurm", "kubernetes", "power")) {
      JsonNode bySource = expected.get(source);
      if (bySource == null) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = bySource.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = source + "/" + e.getKey();
        CSVRecord row = rows.get(key);
        if (row == null) {
          diffs.add(key + ": no run_summary row");
          continue;
        }
        for (String category : CATEGORIES) {
          // a power "job" in run_summary is a sample kept
          String want = source.equals("power") && category.equals("jobs") ? "samples" : category;
          long generatedN = e.getValue().get(want).asLong();
          long runN = Long.parseLong(row.get(category));
          if (generatedN != runN) {
            diffs.add(key + " " + category + ": run " + runN + ", generated " + generatedN);
          }
        }
      }
    }
    return diffs;
  }
}
