package org.footprint.carbon;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One job's carbon-aware counterfactuals ({@link ShiftingCounterfactual}) from its region's step table, in plain
 * Java: the best flexible start within 6, 12 and 24 h, and the greedy pause-and-resume within 25, 50 and 100 %
 * slack. The arithmetic is written in the order and with the types of the Spark expressions it replaced (long
 * seconds, double integrals, Spark's ordering of doubles and of nulls), so that the numbers are the same to the
 * last digit.
 */
final class WindowSearch {
  private static final double EPS = 1e-6;
  /** The largest flexible-start window, seconds: how far ahead the candidates reach. */
  private static final long REACH_S = ShiftingCounterfactual.WINDOWS_H[ShiftingCounterfactual.WINDOWS_H.length - 1]
      * 3600L;

  private WindowSearch() {}

  /**
   * One region's step table ({@link IntensitySteps}): slot {@code first + i} at index i, from the region's first
   * slot with a value to its last, then the sentinel slot {@code last + 1} (ci 0, has 0, cum = the total).
   */
  record Series(long grain, long first, double[] ci, double[] has, double[] cum, double[] cumHas)
      implements Serializable {
    /** The last slot with a value. */
    long last() {
      return first + ci.length - 2;
    }
  }

  /**
   * A job's counterfactuals; a field is null where the series does not cover its window (or energy is null).
   *
   * @param shiftCo2eKg per window of {@link ShiftingCounterfactual#WINDOWS_H}, the best start's kg
   * @param shiftBestStartS per window, the best start, epoch seconds
   * @param pauseCo2eKg per slack of {@link ShiftingCounterfactual#SLACKS_PCT}
   * @param nowCo2eKg the job at flat power at its real start
   * @param notCovered the first window (or pause) the series does not cover: shift_note, or null
   */
  record Result(Double[] shiftCo2eKg, Long[] shiftBestStartS, Double[] pauseCo2eKg, Double nowCo2eKg,
      String notCovered) {}

  /**
   * @param startS job start, epoch seconds; @param durS its duration, seconds (&gt; 0)
   * @param kwh its energy; null gives null emissions (the best start is then the earliest covered one)
   */
  static Result search(Series r, long startS, long durS, Double kwh) {
    Lookup at = new Lookup(r, startS, durS);
    int[] windows = ShiftingCounterfactual.WINDOWS_H;
    int[] slacks = ShiftingCounterfactual.SLACKS_PCT;
    long g = r.grain();

    // flexible start: candidates j = 0 .. 24 h ÷ grain, start s + j × grain
    int n = (int) (Math.floor((double) (windows[windows.length - 1] * 3600L) / g) + 1);
    Double[] cand = new Double[n];
    boolean[] ok = new boolean[n];
    long[] t = new long[n];
    for (int j = 0; j < n; j++) {
      long t0 = startS + j * g;
      long t1 = t0 + durS;
      t[j] = t0;
      Double h1 = at.integral(at.cumHas, at.has, t1);
      Double h0 = at.integral(at.cumHas, at.has, t0);
      ok[j] = h1 != null && h0 != null && Math.abs(h1 - h0 - durS) < EPS;
      Double i1 = at.integral(at.cum, at.ci, t1);
      Double i0 = at.integral(at.cum, at.ci, t0);
      cand[j] = ok[j] && kwh != null ? kwh * (i1 - i0) / durS / 1000.0 : null;
    }
    Double[] shift = new Double[windows.length];
    Long[] best = new Long[windows.length];
    boolean[] cov = new boolean[windows.length];
    for (int w = 0; w < windows.length; w++) {
      int m = (int) (Math.floor((double) (windows[w] * 3600L) / g) + 1);
      cov[w] = true;
      int b = 0;
      for (int j = 0; j < m; j++) {
        cov[w] &= ok[j];
        // the least (co2e, start): nulls first, then Spark's double order; the earlier start on a tie
        if (j > 0 && compareNullsFirst(cand[j], cand[b]) < 0) {
          b = j;
        }
      }
      if (cov[w]) {
        shift[w] = cand[b];
        best[w] = t[b];
      }
    }

    // pause and resume: the window [s, s + D (1 + slack)] covered?
    boolean[] pcov = new boolean[slacks.length];
    for (int p = 0; p < slacks.length; p++) {
      double e = end(startS, durS, slacks[p]);
      Double he = at.integral(at.cumHas, at.has, e);
      Double hs = at.integral(at.cumHas, at.has, (double) startS);
      pcov[p] = he != null && hs != null && Math.abs(he - hs - (e - startS)) < EPS;
    }
    Double[] pause = new Double[slacks.length];
    if (pcov[0]) {
      List<Slot> sorted = sortedSlots(at, r, startS, durS, slacks[slacks.length - 1]);
      for (int p = 0; p < slacks.length; p++) {
        if (!pcov[p]) {
          continue;
        }
        Double gs = walk(sorted, startS, durS, end(startS, durS, slacks[p]), g);
        pause[p] = kwh == null || gs == null ? null : kwh * gs / durS / 1000.0;
      }
    }

    String note = null;
    for (int w = 0; w < windows.length && note == null; w++) {
      if (!cov[w]) {
        note = ShiftingCounterfactual.NOT_COVERED + windows[w] + "h_window";
      }
    }
    for (int p = 0; p < slacks.length && note == null; p++) {
      if (!pcov[p]) {
        note = ShiftingCounterfactual.NOT_COVERED + slacks[p] + "pct_pause";
      }
    }
    return new Result(shift, best, pause, cand[0], note);
  }

  /** s + D × (1 + slack), seconds. */
  private static double end(long startS, long durS, int slackPct) {
    return startS + (durS * (100 + slackPct)) / 100.0;
  }

  private record Slot(Double ci, long slot) {}

  /** The slots of the largest pause window, sorted by (intensity, slot); a slot without a value first. */
  private static List<Slot> sortedSlots(Lookup at, Series r, long startS, long durS, int slackPct) {
    long g = r.grain();
    long from = (long) Math.floor((double) startS / g);
    long to = Math.max(from, (long) Math.ceil(end(startS, durS, slackPct) / g) - 1);
    List<Slot> slots = new ArrayList<>();
    for (long x = from; x <= to; x++) {
      slots.add(new Slot(at.value(at.ci, x), x));
    }
    slots.sort((a, b) -> {
      int c = compareNullsFirst(a.ci(), b.ci());
      return c != 0 ? c : Long.compare(a.slot(), b.slot());
    });
    return slots;
  }

  /** Greedy: the sorted slots' time inside [s, e], taken until it adds up to D; Σ taken seconds × intensity. */
  private static Double walk(List<Slot> sorted, long startS, long durS, double e, long g) {
    double took = 0.0;
    Double gs = 0.0;
    for (Slot x : sorted) {
      double avail = Math.max(0.0, Math.min(e, (double) ((x.slot() + 1) * g))
          - Math.max((double) startS, (double) (x.slot() * g)));
      double take = Math.max(0.0, Math.min(avail, durS - took));
      if (take > 0) {
        gs = gs == null || x.ci() == null ? null : gs + take * x.ci();
      }
      took = took + avail;
    }
    return gs;
  }

  /** Spark's ascending order of nullable doubles: null first, −0.0 = 0.0, NaN last and equal to itself. */
  static int compareNullsFirst(Double a, Double b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    double x = a;
    double y = b;
    return x == y ? 0 : Double.compare(x, y);
  }

  /**
   * The lookups a job may make: its region's slots from its start slot to the end of its reach (24 h + D, or 2 D,
   * later), the sentinel included; null outside.
   */
  private static final class Lookup {
    final double[] ci;
    final double[] has;
    final double[] cum;
    final double[] cumHas;
    private final long grain;
    private final long first;
    private final long lo;
    private final long hi;

    Lookup(Series r, long startS, long durS) {
      ci = r.ci();
      has = r.has();
      cum = r.cum();
      cumHas = r.cumHas();
      grain = r.grain();
      first = r.first();
      int[] slacks = ShiftingCounterfactual.SLACKS_PCT;
      double reach = startS + Math.max((double) (durS + REACH_S),
          (durS * (100 + slacks[slacks.length - 1])) / 100.0);
      long from = (long) Math.floor((double) startS / grain);
      long to = (long) Math.floor(reach / grain) + 1;
      lo = Math.max(from, first);
      hi = Math.min(to, r.last() + 1);
    }

    Double value(double[] field, long x) {
      return x >= lo && x <= hi ? field[(int) (x - first)] : null;
    }

    /** The running integral at t (seconds): cum[slot] + (t − slot start) × value[slot]; null outside. */
    Double integral(double[] cumField, double[] valueField, long t) {
      long x = (long) Math.floor((double) t / grain);
      Double c = value(cumField, x);
      Double v = value(valueField, x);
      return c == null || v == null ? null : c + (t - x * grain) * v;
    }

    Double integral(double[] cumField, double[] valueField, double t) {
      long x = (long) Math.floor(t / grain);
      Double c = value(cumField, x);
      Double v = value(valueField, x);
      return c == null || v == null ? null : c + (t - x * grain) * v;
    }
  }
}
