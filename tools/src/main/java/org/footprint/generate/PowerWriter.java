package org.footprint.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Power samples of one logged node, consistent with the jobs on it: a board a job holds draws
 * idle + u × (TDP − idle) (u the job's GPU utilisation, ±3 % noise, a slow ±4 % drift), a free board its idle
 * power (±1.2 W). Samples are written only around busy periods: from one interval before a job starts to one
 * after the last ends, idle stretches of 10 minutes or more are not logged (a logger started by the scheduler's
 * prolog, or scrapes kept only while GPUs are allocated). Two formats:
 * <ul>
 *   <li>nvidia-smi {@code --query-gpu=timestamp,index,uuid,name,power.draw,utilization.gpu --format=csv -l N}:
 *       the node's local wall clock, a header at every logger start;</li>
 *   <li>dcgm-exporter scrapes after a {@code # scrape_time} line: power, utilisation and the energy counter per
 *       board, with the container/namespace/pod labels of the pod holding the board (from the round before the
 *       pod starts to the round after it ends).</li>
 * </ul>
 */
final class PowerWriter {
  static final long IDLE_GAP_S = 600;

  /** A job's hold on boards of the node. */
  record Hold(long start, long end, int[] boards, double util, String namespace, String pod, String container) {}

  private PowerWriter() {}

  /** Slurm jobs on a node → holds, boards given first-fit at the start (sacct does not say which). */
  static List<Hold> firstFit(List<ClusterDayGenerator.Busy> jobs, int boards) {
    List<ClusterDayGenerator.Busy> order = new ArrayList<>(jobs);
    order.sort(Comparator.comparingLong(ClusterDayGenerator.Busy::start).thenComparingLong(ClusterDayGenerator.Busy::end)
        .thenComparingInt(ClusterDayGenerator.Busy::gpus).thenComparingInt(ClusterDayGenerator.Busy::utilPct));
    long[] until = new long[boards];
    List<Hold> out = new ArrayList<>();
    for (ClusterDayGenerator.Busy b : order) {
      int[] got = new int[Math.min(boards, b.gpus())];
      int n = 0;
      for (int i = 0; i < boards && n < got.length; i++) {
        if (until[i] <= b.start()) {
          until[i] = b.end();
          got[n++] = i;
        }
      }
      out.add(new Hold(b.start(), b.end(), java.util.Arrays.copyOf(got, n), b.utilPct() / 100.0, null, null, null));
    }
    return out;
  }

  /** Per board: the holds on it, by start. */
  private static List<List<Hold>> perBoard(List<Hold> holds, int boards) {
    List<List<Hold>> out = new ArrayList<>();
    for (int i = 0; i < boards; i++) {
      out.add(new ArrayList<>());
    }
    for (Hold h : holds) {
      for (int b : h.boards()) {
        out.get(b).add(h);
      }
    }
    for (List<Hold> l : out) {
      l.sort(Comparator.comparingLong(Hold::start));
    }
    return out;
  }

  /** Busy periods (start − interval … end + interval), merged when less than IDLE_GAP_S apart. */
  private static List<long[]> segments(List<Hold> holds, int interval) {
    List<Hold> order = new ArrayList<>(holds);
    order.sort(Comparator.comparingLong(Hold::start));
    List<long[]> out = new ArrayList<>();
    long[] cur = null;
    for (Hold h : order) {
      long s = Math.floorDiv(h.start() - interval, interval) * interval;
      long e = Math.floorDiv(h.end() + 2L * interval - 1, interval) * interval;
      if (cur != null && s <= cur[1] + IDLE_GAP_S) {
        cur[1] = Math.max(cur[1], e);
      } else {
        cur = new long[] {s, e};
        out.add(cur);
      }
    }
    return out;
  }

  /** Tracks, per board, which hold covers a time (times only move forward). */
  private static final class Boards {
    final List<List<Hold>> holds;
    final int[] ptr;
    final int interval;

    Boards(List<List<Hold>> holds, int interval) {
      this.holds = holds;
      this.ptr = new int[holds.size()];
      this.interval = interval;
    }

    /** the hold whose label window (round before start … round after end) contains t, or null. */
    Hold at(int b, long t) {
      List<Hold> l = holds.get(b);
      while (ptr[b] < l.size() && labelEnd(l.get(ptr[b])) < t) {
        ptr[b]++;
      }
      if (ptr[b] < l.size() && labelStart(l.get(ptr[b])) <= t) {
        return l.get(ptr[b]);
      }
      return null;
    }

    long labelStart(Hold h) {
      return Math.floorDiv(h.start(), interval) * interval;
    }

    long labelEnd(Hold h) {
      return Math.floorDiv(h.end() + interval - 1, interval) * interval;
    }
  }

  /** Watts and utilisation (0-100) of a board at t. */
  private static double[] draw(Hold h, long t, double tdp, double idle, SplittableRandom r) {
    if (h != null && t >= h.start() && t <= h.end()) {
      double drift = 0.04 * Math.sin((t - h.start()) / 1800.0);
      double w = (idle + h.util() * (tdp - idle)) * (1 + drift + 0.03 * (r.nextDouble() * 2 - 1));
      double u = Math.max(0, Math.min(100, h.util() * 100 + r.nextInt(-3, 4)));
      return new double[] {Math.min(tdp * 1.02, w), Math.round(u)};
    }
    return new double[] {idle + 1.2 * (r.nextDouble() * 2 - 1), 0};
  }

  static String boardUuid(String node, int b) {
    return "GPU-" + K8sJson.uuid("board/" + node + "/" + b);
  }

  /** Writes one nvidia-smi log; returns the samples (lines other than headers) written. */
  static long nvidiaSmi(Path file, String node, ZoneId zone, int boards, String boardName, double tdp, double idle,
      List<Hold> holds, int interval, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed ^ node.hashCode() * 0x9E3779B97F4A7C15L);
    Boards at = new Boards(perBoard(holds, boards), interval);
    String[] uuids = new String[boards];
    for (int b = 0; b < boards; b++) {
      uuids[b] = boardUuid(node, b);
    }
    ZoneRules rules = zone.getRules();
    long samples = 0;
    StringBuilder line = new StringBuilder(128);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long[] seg : segments(holds, interval)) {
        w.write("timestamp, index, uuid, name, power.draw [W], utilization.gpu [%]\n");
        for (long t = seg[0]; t <= seg[1]; t += interval) {
          int offset = rules.getOffset(java.time.Instant.ofEpochSecond(t)).getTotalSeconds();
          LocalDateTime local = LocalDateTime.ofEpochSecond(t + offset, 0, ZoneOffset.UTC);
          int jitter = r.nextInt(900);
          for (int b = 0; b < boards; b++) {
            double[] pu = draw(at.at(b, t), t, tdp, idle, r);
            line.setLength(0);
            localTime(line, local, jitter + 3 * b);
            line.append(", ").append(b).append(", ").append(uuids[b]).append(", ").append(boardName).append(", ");
            fixed(line, pu[0], 2).append(" W, ").append((int) pu[1]).append(" %\n");
            w.append(line);
            samples++;
          }
        }
      }
    }
    return samples;
  }

  /** Writes one file of dcgm-exporter scrapes; returns the samples (board × scrape) written. */
  static long dcgm(Path file, String node, int boards, String modelName, double tdp, double idle, List<Hold> holds,
      int interval, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed ^ node.hashCode() * 0xC2B2AE3D27D4EB4FL);
    Boards at = new Boards(perBoard(holds, boards), interval);
    String[] base = new String[boards];
    double[] energyMj = new double[boards];
    double[] lastW = new double[boards];
    long lastT = Long.MIN_VALUE;
    for (int b = 0; b < boards; b++) {
      base[b] = "gpu=\"" + b + "\",UUID=\"" + boardUuid(node, b) + "\",device=\"nvidia" + b + "\",modelName=\""
          + modelName + "\",Hostname=\"" + node + "\"";
      energyMj[b] = 1e9 + r.nextInt(1_000_000_000);
      lastW[b] = idle;
    }
    long samples = 0;
    StringBuilder util = new StringBuilder(4096);
    StringBuilder power = new StringBuilder(4096);
    StringBuilder energy = new StringBuilder(4096);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long[] seg : segments(holds, interval)) {
        for (long t = seg[0]; t <= seg[1]; t += interval) {
          util.setLength(0);
          power.setLength(0);
          energy.setLength(0);
          for (int b = 0; b < boards; b++) {
            Hold h = at.at(b, t);
            double[] pu = draw(h, t, tdp, idle, r);
            long dt = lastT == Long.MIN_VALUE ? 0 : t - lastT;
            energyMj[b] += dt * 1000.0 * (dt > interval ? idle : (lastW[b] + pu[0]) / 2);
            lastW[b] = pu[0];
            String labels = h == null ? base[b]
                : base[b] + ",container=\"" + h.container() + "\",namespace=\"" + h.namespace() + "\",pod=\""
                    + h.pod() + "\"";
            util.append("DCGM_FI_DEV_GPU_UTIL{").append(labels).append("} ").append((int) pu[1]).append('\n');
            fixed(power.append("DCGM_FI_DEV_POWER_USAGE{").append(labels).append("} "), pu[0], 3).append('\n');
            energy.append("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{").append(labels).append("} ")
                .append((long) energyMj[b]).append('\n');
            samples++;
          }
          lastT = t;
          w.append("# scrape_time ").append(K8sJson.time(t)).append('\n');
          w.append("# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).\n# TYPE DCGM_FI_DEV_GPU_UTIL gauge\n");
          w.append(util);
          w.append("# HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).\n# TYPE DCGM_FI_DEV_POWER_USAGE gauge\n");
          w.append(power);
          w.append("# HELP DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION Total energy consumption since boot (in mJ).\n"
              + "# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter\n");
          w.append(energy);
        }
      }
    }
    return samples;
  }

  private static void localTime(StringBuilder sb, LocalDateTime t, int ms) {
    sb.append(t.getYear()).append('/');
    two(sb, t.getMonthValue()).append('/');
    two(sb, t.getDayOfMonth()).append(' ');
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    two(sb, t.getSecond()).append('.');
    if (ms < 100) {
      sb.append('0');
    }
    two(sb, ms);
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    if (v < 10) {
      sb.append('0');
    }
    return sb.append(v);
  }

  /** v with exactly {@code digits} decimals (0 ≤ v), without String.format. */
  private static StringBuilder fixed(StringBuilder sb, double v, int digits) {
    long scale = digits == 2 ? 100 : 1000;
    long x = Math.round(v * scale);
    sb.append(x / scale).append('.');
    String frac = Long.toString(x % scale);
    for (int i = frac.length(); i < digits; i++) {
      sb.append('0');
    }
    return sb.append(frac);
  }
}
