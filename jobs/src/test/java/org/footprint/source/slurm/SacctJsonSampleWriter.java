package org.footprint.source.slurm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test utility: rewrites a {@code sacct -P} export with a header as the {@code sacct --json} document (data_parser
 * v0.0.40 shape, plus {@code restart_cnt}) that the same jobs would give, so the JSON reader can be checked against
 * the parsable2 reader on a whole realistic day. The parsable2 reader supplies the typed values (instants, state,
 * job ids); the raw columns supply what the record does not keep (TRES strings, ExitCode, the fraction of TotalCPU),
 * converted into JSON's units: epoch seconds, MB, bytes, CPU-milliseconds, wrapped numbers.
 *
 * <p>It refuses what JSON cannot express or it cannot convert exactly (rejected or repaired lines, a step whose
 * allocation is not in the file, a "CANCELLED by" uid missing from {@code passwd}) instead of writing a lossy twin.
 * Layout: one job object per line (compact, as the v0.0.43 sample in the corpus is), so the file stays small.
 * Regenerate the sample with {@code mvn -pl jobs test -Dtest=AlpineJsonSampleTest -Dfootprint.regenerate=true}.
 */
final class SacctJsonSampleWriter {
  private static final Map<String, Integer> TRES_IDS = new LinkedHashMap<>();

  static {
    String[] fixed = {"cpu", "mem", "energy", "node", "billing", "fs/disk", "vmem", "pages"};
    for (int i = 0; i < fixed.length; i++) {
      TRES_IDS.put(fixed[i], i + 1);
    }
    TRES_IDS.put("gres/gpu", 1001);
    TRES_IDS.put("gres/gpumem", 1002);
    TRES_IDS.put("gres/gpuutil", 1003);
  }

  private final String cluster;
  private final Map<Integer, String> passwd;
  private final String sourceNote;
  private final Map<String, Integer> tresIds = new LinkedHashMap<>(TRES_IDS);

  /**
   * @param passwd     uid → user name, for "CANCELLED by <uid>" (JSON names the user)
   * @param sourceNote written to meta.client.source, to say where the document came from
   */
  SacctJsonSampleWriter(String cluster, Map<Integer, String> passwd, String sourceNote) {
    this.cluster = cluster;
    this.passwd = passwd;
    this.sourceNote = sourceNote;
  }

  /** The JSON document for one parsable2 export (with header), as text ending in a newline. */
  String write(Path sacctTxt, SacctInput input) throws IOException {
    List<String> lines = Files.readAllLines(sacctTxt, StandardCharsets.UTF_8);
    SacctHeader header = new SacctHeader(SacctLineSplitter.split(lines.get(0), input.delimiterOrDefault()));
    List<SacctRecord> records;
    try (BufferedReader in = Files.newBufferedReader(sacctTxt, StandardCharsets.UTF_8)) {
      records = SacctFileParser.parseAll(sacctTxt.toString(), in, input);
    }
    Map<String, Job> jobs = new LinkedHashMap<>();
    for (SacctRecord r : records) {
      if (SacctRecord.REJECT.equals(r.kind) || (r.notes != null && r.notes.contains("rejoined"))) {
        throw new IllegalArgumentException("line " + r.line + " was rejected or repaired; not writable as JSON");
      }
      Map<String, String> cols = columns(header, lines.get((int) r.line - 1), input.delimiterOrDefault());
      if (r.step == null) {
        if (jobs.put(r.jobId, new Job(r, cols)) != null) {
          throw new IllegalArgumentException("job " + r.jobId + " twice in one export");
        }
      } else {
        Job j = jobs.get(r.jobId);
        if (j == null) {
          throw new IllegalArgumentException("step " + r.jobId + "." + r.step + " before/without its allocation");
        }
        j.steps.add(new Job(r, cols));
      }
    }
    // one job per line: a whole day stays small (the sample-logs budget) and every job keeps its own line number
    StringBuilder out = new StringBuilder("{\n  \"jobs\": [\n");
    String sep = "";
    for (Job j : jobs.values()) {
      out.append(sep).append("    ").append(compact(g -> job(g, j)));
      sep = ",\n";
    }
    out.append("\n  ],\n  \"meta\": ").append(compact(this::meta))
        .append(",\n  \"errors\": [],\n  \"warnings\": []\n}\n");
    return out.toString();
  }

  private interface Writes {
    void to(JsonGenerator g) throws IOException;
  }

  /** One value on one line, separated as Python's json.dumps and the v0.0.43 sample write it. */
  private static String compact(Writes w) throws IOException {
    StringWriter s = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(s)) {
      g.setPrettyPrinter(new OneLinePrinter());
      w.to(g);
    }
    return s.toString();
  }

  /** {@code {"key": value, "key2": [1, 2]}}. */
  private static final class OneLinePrinter extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }
  }

  private record Job(SacctRecord r, Map<String, String> cols, List<Job> steps) {
    Job(SacctRecord r, Map<String, String> cols) {
      this(r, cols, new ArrayList<>());
    }
  }

  private static Map<String, String> columns(SacctHeader h, String line, String delimiter) {
    List<String> f = SacctLineSplitter.split(line, delimiter);
    Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < h.size(); i++) {
      out.put(h.nameAt(i), i < f.size() ? f.get(i) : "");
    }
    return out;
  }

  private void job(JsonGenerator g, Job j) throws IOException {
    SacctRecord r = j.r();
    SlurmJobId id = SlurmJobId.parse(r.jobId);
    g.writeStartObject();
    g.writeStringField("account", str(r.account));
    g.writeObjectFieldStart("comment");
    g.writeStringField("administrator", "");
    g.writeStringField("job", str(r.comment));
    g.writeStringField("system", "");
    g.writeEndObject();
    g.writeNumberField("allocation_nodes", r.nodeCount == null ? 0 : r.nodeCount);
    g.writeObjectFieldStart("array");
    g.writeNumberField("job_id", r.arrayParent == null ? 0 : Long.parseLong(r.arrayParent));
    g.writeObjectFieldStart("limits");
    g.writeObjectFieldStart("max");
    g.writeObjectFieldStart("running");
    g.writeNumberField("tasks", 0);
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
    wrapped(g, "task_id", id.arrayTask() == null ? null : id.arrayTask().longValue());
    g.writeStringField("task", "");
    g.writeEndObject();
    g.writeObjectFieldStart("association");
    g.writeStringField("account", str(r.account));
    g.writeStringField("cluster", cluster);
    g.writeStringField("partition", str(r.partition));
    g.writeStringField("user", str(r.user));
    g.writeNumberField("id", 0);
    g.writeEndObject();
    g.writeStringField("cluster", cluster);
    exitCode(g, "derived_exit_code", j.cols().get("ExitCode"), r.state);
    g.writeObjectFieldStart("time");
    g.writeNumberField("elapsed", r.durationS == null ? 0 : r.durationS);
    g.writeNumberField("eligible", epoch(r.submit));
    g.writeNumberField("end", epoch(r.end));
    g.writeNumberField("start", epoch(r.start));
    g.writeNumberField("submission", epoch(r.submit));
    g.writeNumberField("suspended", 0);
    cpuTime(g, "system", null);
    wrapped(g, "limit", null);
    cpuTime(g, "total", j.cols().get("TotalCPU"));
    cpuTime(g, "user", j.cols().get("TotalCPU"));
    g.writeEndObject();
    exitCode(g, "exit_code", j.cols().get("ExitCode"), r.state);
    g.writeArrayFieldStart("flags");
    g.writeEndArray();
    g.writeStringField("group", str(r.user));
    g.writeObjectFieldStart("het");
    g.writeNumberField("job_id", r.hetParent == null ? 0 : Long.parseLong(r.hetParent));
    wrapped(g, "job_offset", id.hetOffset() == null ? null : id.hetOffset().longValue());
    g.writeEndObject();
    g.writeNumberField("job_id", Long.parseLong(r.jobIdRaw));
    g.writeStringField("name", str(r.name));
    g.writeStringField("nodes", j.cols().getOrDefault("NodeList", ""));
    g.writeStringField("partition", str(r.partition));
    g.writeStringField("qos", "normal");
    g.writeObjectFieldStart("required");
    g.writeNumberField("CPUs", r.cpuCount == null ? 0 : Math.round(r.cpuCount));
    wrapped(g, "memory_per_cpu", null);
    wrapped(g, "memory_per_node", r.memGb == null ? null : mb(r.memGb));
    g.writeEndObject();
    g.writeStringField("kill_request_user", killer(r.stateRaw));
    if (r.restarts != null) {
      g.writeNumberField("restart_cnt", r.restarts);
    }
    g.writeObjectFieldStart("state");
    g.writeArrayFieldStart("current");
    g.writeString(r.state);
    g.writeEndArray();
    g.writeStringField("reason", "None");
    g.writeEndObject();
    g.writeArrayFieldStart("steps");
    for (Job s : j.steps()) {
      step(g, s);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("tres");
    tresList(g, "allocated", j.cols().get("AllocTRES"), false);
    // sacct's ReqMem and this export's AllocTRES agree; requested = allocated without the measured energy
    tresList(g, "requested", withoutEnergy(j.cols().get("AllocTRES")), false);
    g.writeEndObject();
    g.writeStringField("user", str(r.user));
    g.writeObjectFieldStart("wckey");
    g.writeStringField("wckey", str(r.wckey));
    g.writeArrayFieldStart("flags");
    g.writeEndArray();
    g.writeEndObject();
    g.writeStringField("working_directory", "");
    g.writeEndObject();
  }

  private void step(JsonGenerator g, Job s) throws IOException {
    SacctRecord r = s.r();
    g.writeStartObject();
    g.writeObjectFieldStart("time");
    g.writeNumberField("elapsed", r.durationS == null ? 0 : r.durationS);
    g.writeNumberField("end", epoch(r.end));
    g.writeNumberField("start", epoch(r.start));
    g.writeNumberField("suspended", 0);
    cpuTime(g, "system", null);
    cpuTime(g, "total", s.cols().get("TotalCPU"));
    cpuTime(g, "user", s.cols().get("TotalCPU"));
    wrapped(g, "limit", null);
    g.writeEndObject();
    exitCode(g, "exit_code", s.cols().get("ExitCode"), r.state);
    g.writeObjectFieldStart("nodes");
    g.writeNumberField("count", r.nodeCount == null ? 0 : r.nodeCount);
    g.writeStringField("range", s.cols().getOrDefault("NodeList", ""));
    g.writeArrayFieldStart("list");
    if (r.nodes != null) {
      for (String n : r.nodes) {
        g.writeString(n);
      }
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeObjectFieldStart("tasks");
    g.writeNumberField("count", 1);
    g.writeEndObject();
    g.writeStringField("pid", "");
    g.writeStringField("kill_request_user", killer(r.stateRaw));
    g.writeArrayFieldStart("state");
    g.writeString(r.state);
    g.writeEndArray();
    g.writeObjectFieldStart("statistics");
    g.writeObjectFieldStart("CPU");
    g.writeNumberField("actual_frequency", 0);
    g.writeEndObject();
    g.writeObjectFieldStart("energy");
    // the step's ConsumedEnergyRaw; this export did not select that column, so it is unknown here
    String consumed = s.cols().get("ConsumedEnergyRaw");
    wrapped(g, "consumed", consumed == null || consumed.isBlank() ? null : Long.parseLong(consumed));
    g.writeEndObject();
    g.writeEndObject();
    g.writeObjectFieldStart("step");
    g.writeStringField("id", r.jobIdRaw);
    g.writeStringField("name", str(r.name));
    g.writeEndObject();
    g.writeObjectFieldStart("task");
    g.writeStringField("distribution", "Block");
    g.writeEndObject();
    g.writeObjectFieldStart("tres");
    g.writeObjectFieldStart("requested");
    emptyLists(g, "max", "min", "average");
    tresList(g, "total", s.cols().get("TRESUsageInTot"), true);
    g.writeEndObject();
    g.writeObjectFieldStart("consumed");
    emptyLists(g, "max", "min", "average", "total");
    g.writeEndObject();
    tresList(g, "allocated", s.cols().get("AllocTRES"), false);
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void emptyLists(JsonGenerator g, String... names) throws IOException {
    for (String n : names) {
      g.writeArrayFieldStart(n);
      g.writeEndArray();
    }
  }

  /** A TRES string as a JSON list in TRES-id order, values in JSON units (MB for allocations, bytes/ms in usage). */
  private void tresList(JsonGenerator g, String field, String tres, boolean usage) throws IOException {
    Map<String, String> m = Tres.parse(tres == null ? "" : tres);
    List<String> keys = new ArrayList<>(m.keySet());
    keys.forEach(k -> tresIds.computeIfAbsent(k, x -> 1001 + tresIds.size()));
    keys.sort((a, b) -> Integer.compare(tresIds.get(a), tresIds.get(b)));
    g.writeArrayFieldStart(field);
    for (String k : keys) {
      int slash = k.indexOf('/');
      g.writeStartObject();
      g.writeStringField("type", slash < 0 ? k : k.substring(0, slash));
      g.writeStringField("name", slash < 0 ? "" : k.substring(slash + 1));
      g.writeNumberField("id", tresIds.get(k));
      g.writeNumberField("count", count(k, m.get(k), usage));
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static long count(String key, String v, boolean usage) {
    if (usage && key.equals("cpu")) {
      return Math.round(SlurmDurations.cpuSeconds(v) * 1000); // TRES cpu usage is CPU-milliseconds
    }
    if (!usage && key.equals("mem")) {
      return mb(Tres.memGiB(Map.of("mem", v)));
    }
    if (usage && !Character.isDigit(v.charAt(v.length() - 1))) {
      return SlurmMemory.bytesFromSize(v); // sacct prints usage sizes with units; JSON has bytes
    }
    return Long.parseLong(v);
  }

  private static String withoutEnergy(String tres) {
    Map<String, String> m = Tres.parse(tres == null ? "" : tres);
    m.remove("energy");
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return sb.toString();
  }

  private static long mb(double gib) {
    double mb = gib * 1024;
    if (mb != Math.rint(mb)) {
      throw new IllegalArgumentException(gib + " GiB is not a whole number of MB");
    }
    return (long) mb;
  }

  /** sacct's {@code rc:signal} as the data_parser exit-code object. */
  private static void exitCode(JsonGenerator g, String field, String text, String state) throws IOException {
    String[] p = (text == null || text.isEmpty() ? "0:0" : text).split(":");
    int rc = Integer.parseInt(p[0]);
    int sig = Integer.parseInt(p[1]);
    boolean live = SlurmState.isNotEnded(state);
    g.writeObjectFieldStart(field);
    g.writeArrayFieldStart("status");
    g.writeString(live ? state : sig > 0 ? "SIGNALED" : rc > 0 ? "ERROR" : "SUCCESS");
    g.writeEndArray();
    wrapped(g, "return_code", live || sig > 0 ? null : (long) rc);
    g.writeObjectFieldStart("signal");
    wrapped(g, "id", sig > 0 ? (long) sig : null);
    g.writeStringField("name", sig == 15 ? "TERM" : sig == 9 ? "KILL" : "");
    g.writeEndObject();
    g.writeEndObject();
  }

  /** {@code {"seconds": S, "microseconds": U}} from a TotalCPU text, keeping its exact fraction. */
  private static void cpuTime(JsonGenerator g, String field, String text) throws IOException {
    long sec = 0;
    long micro = 0;
    if (text != null && !text.isBlank()) {
      double d = SlurmDurations.cpuSeconds(text);
      sec = (long) Math.floor(d);
      int dot = text.lastIndexOf('.');
      if (dot >= 0) {
        String frac = (text.substring(dot + 1) + "000000").substring(0, 6);
        micro = Long.parseLong(frac);
      }
    }
    g.writeObjectFieldStart(field);
    g.writeNumberField("seconds", sec);
    g.writeNumberField("microseconds", micro);
    g.writeEndObject();
  }

  private static void wrapped(JsonGenerator g, String field, Long n) throws IOException {
    g.writeObjectFieldStart(field);
    g.writeBooleanField("set", n != null);
    g.writeBooleanField("infinite", false);
    g.writeNumberField("number", n == null ? 0 : n);
    g.writeEndObject();
  }

  private String killer(String stateRaw) {
    if (stateRaw == null || !stateRaw.startsWith("CANCELLED by ")) {
      return "";
    }
    String uid = stateRaw.substring("CANCELLED by ".length());
    String name = passwd.get(Integer.valueOf(uid));
    if (name == null) {
      throw new IllegalArgumentException("uid " + uid + " (" + stateRaw + ") is not in passwd");
    }
    return name;
  }

  private void meta(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("plugin");
    g.writeStringField("type", "");
    g.writeStringField("name", "");
    g.writeStringField("data_parser", "data_parser/v0.0.40");
    g.writeStringField("accounting_storage", "accounting_storage/slurmdbd");
    g.writeEndObject();
    g.writeObjectFieldStart("client");
    g.writeStringField("source", sourceNote);
    g.writeStringField("user", "footprint");
    g.writeStringField("group", "footprint");
    g.writeEndObject();
    g.writeArrayFieldStart("command");
    for (String c : new String[] {"sacct", "-a", "--json"}) {
      g.writeString(c);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("slurm");
    g.writeObjectFieldStart("version");
    g.writeStringField("major", "23");
    g.writeStringField("micro", "5");
    g.writeStringField("minor", "11");
    g.writeEndObject();
    g.writeStringField("release", "23.11.5");
    g.writeStringField("cluster", cluster);
    g.writeEndObject();
    g.writeEndObject();
  }

  private static long epoch(Instant i) {
    return i == null ? 0 : i.getEpochSecond();
  }

  private static String str(String s) {
    return s == null ? "" : s;
  }
}
