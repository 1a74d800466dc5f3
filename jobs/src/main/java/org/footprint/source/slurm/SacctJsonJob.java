package org.footprint.source.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code jobs[]} entry of a {@code sacct --json} export → its {@code alloc} record and one {@code step} record
 * per {@code steps[]} entry, field for field what the parsable2 reader makes of the same job's lines. Where sacct
 * derives a column (AllocCPUS, NNodes, ReqMem, ExitCode, "CANCELLED by", a step's Submit) the derivation of
 * sacct's print.c is repeated here, so the two exports of one job give the same record.
 *
 * <p>Times are epoch seconds, so there is no zone and no DST ambiguity; {@code time.elapsed} is still the duration
 * (as ElapsedRaw is). A step that cannot be read becomes a reject of its own; a job whose allocation cannot be read
 * is rejected whole by the caller.
 */
final class SacctJsonJob {
  /** A job "running" longer than this is a stale accounting record (e.g. a runaway job), not a real run. */
  private static final long STALE_RUNNING_S = 365L * 86_400;
  private static final long LIMIT_GRACE_S = 3_600;

  private final JsonNode job;
  private final String file;
  private final long line;
  private final String cluster;
  /** method.memory_units and method.mig_share (footprint's own when read without an input). */
  private final int memoryUnits;
  private final boolean migWholeBoards;

  SacctJsonJob(JsonNode job, String file, long line, SacctInput input) {
    this.memoryUnits = input == null ? SlurmMemory.SLURM_UNITS : input.memoryUnits();
    this.migWholeBoards = input != null && input.migWholeBoards();
    this.job = job;
    this.file = file;
    this.line = line;
    // conf names clusters; the export's own name is only a fallback for ad-hoc reads
    String conf = input == null ? null : input.cluster();
    this.cluster = conf != null && !conf.isBlank() ? conf : JsonNumbers.text(job.get("cluster"));
  }

  /** @param stepLines the line where each {@code steps[]} entry starts, in order */
  List<SacctRecord> records(List<Long> stepLines) {
    List<SacctRecord> out = new ArrayList<>();
    SacctRecord alloc = alloc();
    out.add(alloc);
    JsonNode steps = job.get("steps");
    if (steps == null || !steps.isArray() || !SacctRecord.ALLOC.equals(alloc.kind)) {
      return out;
    }
    for (int i = 0; i < steps.size(); i++) {
      long stepLine = i < stepLines.size() ? stepLines.get(i) : line;
      try {
        out.add(step(steps.get(i), alloc, stepLine));
      } catch (RuntimeException e) {
        // one unreadable step must not cost the job: reject it alone, like a bad step line in parsable2
        out.add(SacctRecord.reject(cluster, file, stepLine, steps.get(i).toString(),
            "step " + (i + 1) + " of job " + alloc.jobId + ": " + message(e)));
      }
    }
    return out;
  }

  static String message(RuntimeException e) {
    return e instanceof SlurmFieldException || e instanceof IllegalArgumentException ? e.getMessage()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private SacctRecord alloc() {
    SacctRecord r = base(line);
    r.jobIdRaw = Long.toString(SacctJsonIds.requiredJobId(job));
    SlurmJobId id = SlurmJobId.parse(SacctJsonIds.jobId(job));
    r.jobId = id.allocationId();
    r.arrayParent = id.arrayParent();
    r.hetParent = id.hetParent();
    state(r, job.path("state").get("current"), job.get("kill_request_user"), "state.current");
    if (id.pendingArrayRange()) {
      r.kind = SacctRecord.ARRAY_PENDING;
      return r;
    }
    r.kind = SacctRecord.ALLOC;
    if (r.state == null) {
      throw new SlurmFieldException("no state.current");
    }
    JsonNode time = job.get("time");
    times(r, time, JsonNumbers.epoch(path(time, "submission"), "time.submission"));
    JsonNode tres = job.path("tres");
    Map<String, String> alloc = JsonTres.map(tres.get("allocated"), "tres.allocated");
    Map<String, String> req = JsonTres.map(tres.get("requested"), "tres.requested");
    // sacct's AllocCPUS and NNodes fall back to the requested TRES when nothing was allocated (pending jobs)
    Double cpus = Tres.cpus(alloc);
    if (cpus == null) {
      cpus = Tres.cpus(req);
    }
    if (cpus == null) {
      Long c = JsonNumbers.uint32(job.path("required").get("CPUs"), "required.CPUs");
      cpus = c == null ? null : c.doubleValue();
    }
    r.cpuCount = cpus;
    nodes(r, JsonNumbers.text(job.get("nodes")),
        JsonNumbers.uint32(job.get("allocation_nodes"), "allocation_nodes"), alloc.isEmpty() ? req : alloc);
    Double mem = Tres.memGiB(alloc, memoryUnits);
    r.memGb = mem != null ? mem : Tres.memGiB(req, memoryUnits); // ReqMem is the requested TRES mem since Slurm 21.08
    gpus(r, alloc);
    r.cpuSeconds = JsonNumbers.cpuSeconds(path(time, "total"), "time.total");
    r.energyJ = joules(Tres.energyJoules(alloc)); // sacct's job ConsumedEnergyRaw is this TRES entry
    r.user = JsonNumbers.text(job.get("user"));
    r.account = JsonNumbers.text(job.get("account"));
    r.name = JsonNumbers.text(job.get("name"));
    r.partition = JsonNumbers.text(job.get("partition"));
    r.qos = JsonNumbers.text(job.get("qos"));
    r.comment = SacctJsonFields.comment(job.get("comment"));
    r.wckey = SacctJsonFields.wckey(job.get("wckey"));
    r.exitCode = SacctJsonFields.exitCode(job.get("exit_code"), "exit_code");
    Long restarts = JsonNumbers.uint32(job.get("restart_cnt"), "restart_cnt");
    r.restarts = restarts == null ? null : Math.toIntExact(restarts);
    staleRunning(r, time);
    return r;
  }

  private SacctRecord step(JsonNode step, SacctRecord alloc, long stepLine) {
    SacctRecord r = base(stepLine);
    r.kind = SacctRecord.STEP;
    String[] sid = SacctJsonIds.stepId(step, Long.parseLong(alloc.jobIdRaw));
    SlurmJobId id = SlurmJobId.parse(alloc.jobId + "." + sid[1]);
    r.jobId = id.allocationId();
    r.step = id.step();
    r.arrayParent = id.arrayParent();
    r.hetParent = id.hetParent();
    r.jobIdRaw = sid[0] + "." + sid[1];
    state(r, step.get("state"), step.get("kill_request_user"), "step state");
    JsonNode time = step.get("time");
    // a step has no submit time: sacct prints its start as Submit
    times(r, time, JsonNumbers.epoch(path(time, "start"), "step time.start"));
    Map<String, String> stepTres = JsonTres.map(step.path("tres").get("allocated"), "step tres.allocated");
    // data_parser names TRESUsageInTot "tres.requested.total" (and TRESUsageOutTot "tres.consumed.total")
    Map<String, String> usage = JsonTres.map(step.path("tres").path("requested").get("total"),
        "step tres.requested.total");
    Double cpus = Tres.cpus(stepTres);
    r.cpuCount = cpus != null ? cpus : alloc.cpuCount; // sacct falls back to the job's CPUs too
    JsonNode nodes = step.get("nodes");
    if (nodes != null && nodes.isObject()) {
      String range = JsonNumbers.text(nodes.get("range"));
      if (range == null && nodes.path("list").isArray()) {
        List<String> list = new ArrayList<>();
        nodes.get("list").forEach(n -> list.add(n.asText()));
        range = list.isEmpty() ? null : String.join(",", list);
      }
      nodes(r, range, JsonNumbers.uint32(nodes.get("count"), "step nodes.count"), stepTres);
    } else {
      nodes(r, JsonNumbers.text(nodes), null, stepTres);
    }
    r.memGb = Tres.memGiB(stepTres, memoryUnits);
    gpus(r, stepTres);
    Double cpuSeconds = JsonNumbers.cpuSeconds(path(time, "total"), "step time.total");
    if (cpuSeconds == null && usage.containsKey("cpu")) {
      cpuSeconds = Long.parseLong(usage.get("cpu")) / 1000.0; // TRES cpu usage is kept in CPU-milliseconds
    }
    r.cpuSeconds = cpuSeconds;
    r.gpuUtilSum = Tres.gpuUtilSum(usage);
    JsonNode energy = step.path("statistics").path("energy");
    r.energyJ = energy.has("consumed")
        ? joules(consumed(energy.get("consumed"))) : joules(Tres.energyJoules(stepTres));
    JsonNode stepInfo = step.path("step");
    r.name = JsonNumbers.text(stepInfo.has("name") ? stepInfo.get("name") : step.get("name"));
    r.account = alloc.account; // sacct prints the job's account on step rows, and no user/partition/comment
    r.exitCode = SacctJsonFields.exitCode(step.get("exit_code"), "step exit_code");
    return r;
  }

  private SacctRecord base(long at) {
    SacctRecord r = new SacctRecord();
    r.cluster = cluster;
    r.file = file;
    r.line = at;
    return r;
  }

  private static void state(SacctRecord r, JsonNode state, JsonNode by, String field) {
    SacctJsonFields.State st = SacctJsonFields.state(state, by, field);
    if (st != null) {
      r.state = st.base();
      r.stateRaw = st.raw();
      if (st.other() != null) {
        r.notes = SacctFileParser.append(r.notes, "state flags " + st.other());
      }
    }
  }

  /** As SacctRowParser.times: elapsed is the truth, end = start + elapsed, End unknown stays null while live. */
  private static void times(SacctRecord r, JsonNode time, Instant submit) {
    r.noTimes = time == null || !time.isObject();
    Long elapsed = JsonNumbers.uint32(path(time, "elapsed"), "time.elapsed");
    SlurmTime start = exact(JsonNumbers.epoch(path(time, "start"), "time.start"));
    SlurmTime end = exact(JsonNumbers.epoch(path(time, "end"), "time.end"));
    r.submit = submit;
    SlurmTimes.Interval iv = SlurmTimes.resolve(start, end, elapsed, submit);
    if (iv != null && iv.durationKnown()) {
      r.start = iv.start();
      r.startEstimated = iv.startEstimated();
      r.end = end == null && !(r.state != null && SlurmState.isEnded(r.state)) ? null : iv.end();
      r.durationS = iv.durationSeconds();
      r.notes = iv.note() == null ? r.notes : SacctFileParser.append(r.notes, iv.note());
    } else {
      r.start = iv != null ? iv.start() : start == null ? null : start.earlier();
      r.durationS = elapsed;
    }
  }

  /** sacct's NNodes: the count, else the TRES node count, else (no count at all) the hostlist's length. */
  private static void nodes(SacctRecord r, String hostlist, Long count, Map<String, String> tres) {
    List<String> nodes = Hostlist.expand(hostlist == null ? "" : hostlist);
    r.nodes = nodes.isEmpty() ? null : nodes;
    Integer n = count != null && count > 0 ? Math.toIntExact(count) : null;
    if (n == null) {
      n = Tres.nodes(tres);
    }
    if (n == null && count != null) {
      n = 0;
    }
    if (n == null && !nodes.isEmpty()) {
      n = nodes.size();
    }
    r.nodeCount = n;
  }

  private void gpus(SacctRecord r, Map<String, String> tres) {
    Tres.GpuAlloc g = Tres.gpus(tres);
    r.gpuCount = g.counted(migWholeBoards);
    r.gpuDevices = g.devices();
    r.gpuType = g.type();
    r.gpuMig = g.mig();
    r.gpuMixed = g.mixedTypes();
  }

  /** Step energy: a plain, wrapped or unsigned-sentinel number; absent → null. */
  private static Double consumed(JsonNode n) {
    if (n != null && n.isBigInteger()) {
      return null; // NO_VAL64 / INFINITE64 written unsigned
    }
    Long j = JsonNumbers.longValue(n, "statistics.energy.consumed");
    return j == null ? null : j.doubleValue();
  }

  /**
   * As the parsable2 reader: a reading of 0 stays 0 (the energy step reports it as unused), negative values and
   * 2^64-2 / 2^64-1 are sentinels (unknown). No energy TRES at all is null: sacct's ConsumedEnergyRaw column would
   * print 0 there (its lookup turns "not found" into 0), the JSON says nothing, and null claims nothing.
   */
  private static Double joules(Double j) {
    return j != null && j >= 0 && j < 1.8e19 ? j : null;
  }

  /**
   * A live job's elapsed is now−start at export time, and accounting keeps stale records of jobs that died
   * without an end ("runaway jobs"; slurm_23_11_5.json has one 'running' since 2021 with elapsed 102228976 s).
   * Such jobs are skipped while not ended anyway; the note says why their elapsed is not to be trusted.
   */
  private static void staleRunning(SacctRecord r, JsonNode time) {
    if (r.durationS == null || r.start == null || SlurmState.isEnded(r.state)) {
      return;
    }
    Long limitMin = JsonNumbers.uint32(path(time, "limit"), "time.limit");
    long e = r.durationS;
    boolean overLimit = limitMin != null && limitMin > 0 && e > limitMin * 60 + LIMIT_GRACE_S;
    boolean future = r.start.plusSeconds(e).isAfter(Instant.now().plusSeconds(86_400));
    if (overLimit || future || e > STALE_RUNNING_S) {
      r.notes = SacctFileParser.append(r.notes, r.state + " with elapsed " + e + " s (" + e / 86_400 + " days"
          + (limitMin != null && limitMin > 0 ? ", time limit " + limitMin + " min" : "") + (future
          ? ", start+elapsed in the future" : "") + "): stale accounting record (runaway job?), elapsed not trusted");
    }
  }

  private static SlurmTime exact(Instant i) {
    return i == null ? null : SlurmTime.exact(i, true);
  }

  private static JsonNode path(JsonNode parent, String field) {
    return parent == null ? null : parent.get(field);
  }
}
