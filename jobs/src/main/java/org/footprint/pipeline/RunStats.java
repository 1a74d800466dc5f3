package org.footprint.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * What a run cost, written to {@code DIR/run_stats.json}: wall seconds per announced phase and in total, the Spark
 * jobs (also per job group) and stages it ran, the rows of each source (from run_summary) and the driver's peak
 * heap. Benchmarks and
 * people comparing nights read it; nothing in the pipeline does.
 */
public record RunStats(Map<String, Double> phaseSeconds, double totalSeconds, int sparkJobs, int sparkStages,
    Map<String, Integer> sparkJobsByGroup, Map<String, Integer> sparkJobsByCallSite, List<SourceRows> sources,
    long peakHeapBytes) {

  public static final String FILE_NAME = "run_stats.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One run_summary row's counts: where the records of one source and cluster went. */
  public record SourceRows(String source, String cluster, long files, long recordsRead, long jobs, long merged,
      long skipped, long rejected) {

    static SourceRows of(Row runSummary) {
      return new SourceRows(runSummary.getAs("source"), runSummary.getAs("cluster"), runSummary.<Long>getAs("files"),
          runSummary.<Long>getAs("records_read"), runSummary.<Long>getAs("jobs"), runSummary.<Long>getAs("merged"),
          runSummary.<Long>getAs("skipped"), runSummary.<Long>getAs("rejected"));
    }
  }

  public static List<SourceRows> sourcesOf(List<Row> runSummary) {
    List<SourceRows> out = new ArrayList<>();
    for (Row r : runSummary) {
      out.add(SourceRows.of(r));
    }
    return out;
  }

  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("total_s", millis(totalSeconds));
    ObjectNode phases = root.putObject("phase_s");
    phaseSeconds.forEach((name, s) -> phases.put(name, millis(s)));
    root.put("spark_jobs", sparkJobs);
    root.put("spark_stages", sparkStages);
    ObjectNode groups = root.putObject("spark_jobs_by_group");
    sparkJobsByGroup.forEach(groups::put);
    ObjectNode sites = root.putObject("spark_jobs_by_call_site");
    sparkJobsByCallSite.forEach(sites::put);
    ArrayNode rows = root.putArray("rows_per_source");
    for (SourceRows s : sources) {
      ObjectNode o = rows.addObject();
      o.put("source", s.source());
      o.put("cluster", s.cluster());
      o.put("files", s.files());
      o.put("records_read", s.recordsRead());
      o.put("jobs", s.jobs());
      o.put("merged", s.merged());
      o.put("skipped", s.skipped());
      o.put("rejected", s.rejected());
    }
    root.put("peak_heap_bytes", peakHeapBytes);
    try {
      return JSON.writeValueAsString(root).concat("\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("run_stats.json: " + e.getMessage(), e);
    }
  }

  /** Milliseconds are plenty for phases that last seconds; more digits would only be noise. */
  private static double millis(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
