package org.footprint.generate;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sacct export of one cluster for one day: every job that ended that day (UTC), with its steps, as
 * {@code sacct -a -P} prints them. Deterministic: the random stream is seeded from (seed, cluster, day), so
 * files can be written in parallel and in any order.
 *
 * <p>Distributions (documented in the README): 85 % single jobs, 14.5 % job arrays of 5-50 tasks (3 % of them
 * architecture searches marked {@code nas:} in Comment), 0.5 % heterogeneous jobs; 60 % GPU jobs with 1, 2, 4
 * or all GPUs of a node (40/15/20/25 %), 10 % of full-node GPU jobs on 2-8 nodes; log-normal durations
 * (median 20 min, sigma 1.8, at most 3 days); states COMPLETED 68 %, FAILED 13 %, CANCELLED 13 %, TIMEOUT 4 %,
 * OUT_OF_MEMORY 1 %, NODE_FAIL 1 %; steps .batch and .extern, 30 % also .0; 1 % of jobs repeated in the next
 * day's export (overlapping windows); one truncated line per cluster and week (a reject). The cluster's share
 * of the jobs is taken from the Slurm part, (1 − k8s share) × N. GPU jobs on power-logged nodes are kept in
 * {@link #busy} for the nvidia-smi logs; {@link #rows}, {@link #stepRows}, {@link #skippedRows} and
 * {@link #badRows} are the counts footprint's run_summary must show for the day's file.
 */
final class ClusterDayGenerator {
  private static final String[] STATES = {"COMPLETED", "FAILED", "CANCELLED by 0", "TIMEOUT", "OUT_OF_MEMORY",
      "NODE_FAIL"};
  private static final double[] STATE_P = {0.68, 0.81, 0.94, 0.98, 0.99, 1.0};

  private final GeneratorSpec spec;
  private final GeneratorSpec.ClusterSpec c;
  private final int clusterIndex;
  private final long seed;
  /** GPU jobs on power-logged nodes: node index, start, end (epoch s), GPUs on the node, per-GPU utilisation %. */
  final List<Busy> busy = new ArrayList<>();
  /** data rows written (every line but the header), step rows, rows the reader cannot parse. */
  long rows;
  long stepRows;
  long badRows;
  long skippedRows;

  record Busy(int node, long start, long end, int gpus, int utilPct) {}

  ClusterDayGenerator(GeneratorSpec spec, int clusterIndex) {
    this.spec = spec;
    this.c = spec.clusters().get(clusterIndex);
    this.clusterIndex = clusterIndex;
    this.seed = spec.seed();
  }

  /** Number of allocations this cluster ends on day {@code dayIndex} (weekdays busier than weekends). */
  static long allocationsFor(GeneratorSpec spec, GeneratorSpec.ClusterSpec c, LocalDate day) {
    double perDay = spec.jobs() * (1 - spec.k8sShare()) * c.share() / spec.days();
    int dow = day.getDayOfWeek().getValue();
    double w = dow >= 6 ? 0.6 : 1.16; // 5 × 1.16 + 2 × 0.6 = 7
    return Math.round(perDay * w);
  }

  /**
   * Appends the day's rows to {@code out}; returns the allocations written (arrays count every task).
   * {@code carry} receives the rows repeated into the next day's export.
   */
  long write(LocalDate day, int dayIndex, long allocations, StringBuilder out, StringBuilder carry, boolean last) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + clusterIndex * 7919L + dayIndex);
    long nextId = 1_000_000L + (long) dayIndex * 200_000L;
    long dayStart = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long written = 0;
    while (written < allocations) {
      double u = r.nextDouble();
      long before = out.length();
      if (u < 0.145) {
        int tasks = (int) Math.min(allocations - written, 5 + r.nextInt(46));
        boolean nas = r.nextDouble() < 0.03;
        long arrayId = nextId;
        JobShape shape = JobShape.random(r, c);
        for (int t = 0; t < tasks; t++) {
          long raw = nextId++;
          job(out, r, arrayId + "_" + t, Long.toString(raw), shape, dayStart,
              nas ? "nas:search-" + arrayId : "", "hpo-sweep");
        }
        written += tasks;
      } else if (u < 0.15) {
        long het = nextId;
        JobShape cpu = JobShape.cpuOnly(r, c);
        JobShape gpu = JobShape.random(r, c);
        job(out, r, het + "+0", Long.toString(nextId++), cpu, dayStart, "", "het");
        job(out, r, het + "+1", Long.toString(nextId++), gpu, dayStart, "", "het");
        written += 2;
      } else {
        long id = nextId++;
        job(out, r, Long.toString(id), Long.toString(id), JobShape.random(r, c), dayStart, "", "train");
        written++;
      }
      if (r.nextDouble() < 0.01 && !last) {
        carry.append(out, (int) before, out.length());
      }
    }
    if (last) {
      // still running and still waiting at export time: skipped by footprint with their reason
      for (int i = 0; i < 3; i++) {
        long id = nextId++;
        SacctExportWriter.appendRow(out, Long.toString(id), Long.toString(id), "train", "u" + i, "p" + i, "gpu",
            "RUNNING", SacctExportWriter.time(dayStart + 3600, c.zone()),
            SacctExportWriter.time(dayStart + 3700, c.zone()), "Unknown", "10:00:00", "36000", "1",
            nodeName("g", i), "8", "00:00:00", "32G", "billing=8,cpu=8,gres/gpu=1,mem=32G,node=1", "", "", "",
            "0:0");
        rows++;
        skippedRows++;
        id = nextId++;
        SacctExportWriter.appendRow(out, Long.toString(id), Long.toString(id), "wait", "u" + i, "p" + i, "gpu",
            "PENDING", SacctExportWriter.time(dayStart + 7200, c.zone()), "Unknown", "Unknown", "00:00:00", "0",
            "1", "None assigned", "0", "00:00:00", "32G", "", "", "", "", "0:0");
        rows++;
        skippedRows++;
      }
    }
    if (rows > 0 && (dayIndex % 7 == 3)) {
      out.append(Long.toString(nextId)).append('|').append(nextId).append("|trunc\n"); // a cut-off line
      rows++;
      badRows++;
    }
    return written;
  }

  private long job(StringBuilder out, SplittableRandom r, String jobId, String raw, JobShape s, long dayStart,
      String comment, String name) {
    long duration = Math.max(1, Math.min(3 * 86400L,
        Math.round(Math.exp(Math.log(1200) + 1.8 * gaussian(r)))));
    long end = dayStart + r.nextLong(86400);
    long start = end - duration;
    long submit = start - r.nextLong(1, 7200);
    double p = r.nextDouble();
    int si = 0;
    while (p > STATE_P[si]) {
      si++;
    }
    String state = STATES[si];
    String exit = si == 0 ? "0:0" : si == 2 ? "0:15" : "1:0";
    int user = (int) Math.floor(200 * Math.pow(r.nextDouble(), 2)); // a few heavy users
    String account = "p" + (user % 40);
    double usage = 0.05 + 0.9 * r.nextDouble();
    long cpuSeconds = Math.round(usage * duration * s.cpus());
    String nodes = s.nodeList(r);
    String alloc = s.tres();
    String zoneStart = SacctExportWriter.time(start, c.zone());
    String zoneEnd = SacctExportWriter.time(end, c.zone());
    String el = SacctExportWriter.elapsed(duration);
    String elRaw = Long.toString(duration);
    SacctExportWriter.appendRow(out, jobId, raw, name, "u" + user, account, s.partition(), state,
        SacctExportWriter.time(submit, c.zone()), zoneStart, zoneEnd, el, elRaw, Integer.toString(s.nodes()), nodes,
        Integer.toString(s.cpus()), SacctExportWriter.elapsed(cpuSeconds), s.mem(), alloc, "", comment, "", exit);
    int utilPct = s.gpus() > 0 ? 5 + r.nextInt(94) : 0; // drawn before the memory, as before
    String usageTres = s.gpus() > 0
        ? "cpu=" + SacctExportWriter.elapsed(cpuSeconds) + ",gres/gpuutil=" + (s.gpus() * utilPct)
            + ",mem=" + (1 + r.nextInt(s.cpus() * 4)) + "G"
        : "cpu=" + SacctExportWriter.elapsed(cpuSeconds) + ",mem=" + (1 + r.nextInt(s.cpus() * 4)) + "G";
    if (s.gpusPerNode() > 0 && spec.powerStep() > 0) {
      for (int n = s.firstNode(); n < s.firstNode() + s.nodes(); n++) {
        if (spec.powerLogged(n)) {
          busy.add(new Busy(n, start, end, s.gpusPerNode(), utilPct));
        }
      }
    }
    String stepState = state.startsWith("CANCELLED") ? "CANCELLED" : state;
    SacctExportWriter.appendRow(out, jobId + ".batch", raw + ".batch", "batch", "", account, "", stepState,
        zoneStart, zoneStart, zoneEnd, el, elRaw, "1", nodes, Integer.toString(s.cpus()),
        SacctExportWriter.elapsed(cpuSeconds), "", alloc, usageTres, "", "", exit);
    SacctExportWriter.appendRow(out, jobId + ".extern", raw + ".extern", "extern", "", account, "", "COMPLETED",
        zoneStart, zoneStart, zoneEnd, el, elRaw, Integer.toString(s.nodes()), nodes, Integer.toString(s.cpus()),
        "00:00:00", "", alloc, "", "", "", "0:0");
    if (r.nextDouble() < 0.3) {
      SacctExportWriter.appendRow(out, jobId + ".0", raw + ".0", "python", "", account, "", stepState, zoneStart,
          zoneStart, zoneEnd, el, elRaw, Integer.toString(s.nodes()), nodes, Integer.toString(s.cpus()), "00:00:00",
          "", alloc, "", "", "", exit);
      rows += 4;
      stepRows += 3;
      return 4;
    }
    rows += 3;
    stepRows += 2;
    return 3;
  }

  static String nodeName(String prefix, int i) {
    StringBuilder sb = new StringBuilder(prefix);
    String n = Integer.toString(i);
    for (int k = n.length(); k < 4; k++) {
      sb.append('0');
    }
    return sb.append(n).toString();
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
