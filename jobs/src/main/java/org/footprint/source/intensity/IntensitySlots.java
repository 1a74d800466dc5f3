package org.footprint.source.intensity;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Resamples intensity points onto a regular grid of slots per zone: each slot gets the time-weighted mean of the
 * points overlapping it, and says how much of it they cover and how much of that is forecast. The carbon join
 * integrates over the zone's native grain ({@link #nativeGrain}), so that half-hourly sources (the UK Carbon
 * Intensity API) keep their half hours instead of being averaged to clock hours first; the published
 * intensity_hourly table is the same resampling at one hour ({@link HourlyIntensity}).
 */
public final class IntensitySlots {
  /**
   * The grains a zone's slots may have, coarsest first: whole hours (Electricity Maps), half hours (UK API),
   * quarter hours, five minutes (WattTime). Finer or irregular points are averaged into five-minute slots.
   */
  static final int[] GRAINS_S = {3600, 1800, 900, 300};

  /**
   * @param signal the points' signal, or "mixed" if they differ (a caller mixing files should not)
   * @param dataSource the distinct sources of the points, sorted, joined with " + "
   * @param estimated true if any contributing point is estimated
   * @param coveredFraction share of the slot covered by points, 0–1
   * @param forecastFraction share of the covered time whose value is a forecast (no actual published yet), 0–1
   */
  public record Slot(String zone, Instant start, int seconds, double gPerKwh, String signal, String dataSource,
      boolean estimated, double coveredFraction, double forecastFraction) implements Serializable {}

  private IntensitySlots() {}

  /**
   * Points for the same zone and start are duplicates (overlapping exports, re-downloaded days): the last one in
   * {@code points}' iteration order wins, so pass a List in read order to make "last read" well defined.
   */
  static List<IntensityPoint> latest(Collection<IntensityPoint> points) {
    Map<ZoneTime, IntensityPoint> latest = new LinkedHashMap<>();
    for (IntensityPoint p : points) {
      latest.put(new ZoneTime(p.zone(), p.start()), p);
    }
    return new ArrayList<>(latest.values());
  }

  /** Per zone, the coarsest grain of {@link #GRAINS_S} on which every point starts and ends. */
  public static Map<String, Integer> nativeGrain(Collection<IntensityPoint> points) {
    Map<String, Integer> grain = new TreeMap<>();
    for (IntensityPoint p : points) {
      int g = grain.getOrDefault(p.zone(), GRAINS_S[0]);
      while (g > GRAINS_S[GRAINS_S.length - 1]
          && (p.start().getEpochSecond() % g != 0 || (p.periodMinutes() * 60L) % g != 0)) {
        g = finer(g);
      }
      grain.put(p.zone(), g);
    }
    return grain;
  }

  private static int finer(int grain) {
    for (int g : GRAINS_S) {
      if (g < grain) {
        return g;
      }
    }
    return grain;
  }

  /** Every zone at its native grain. */
  public static List<Slot> atNativeGrain(Collection<IntensityPoint> points) {
    List<IntensityPoint> unique = latest(points);
    Map<String, Integer> grain = nativeGrain(unique);
    return resample(unique, grain::get);
  }

  /**
   * Points (already {@link #latest}) onto slots of {@code grainS.applyAsInt(zone)} seconds from the epoch. Points with
   * other starts that overlap are all averaged by their overlap; coverage is then capped at 1.
   */
  static List<Slot> resample(Collection<IntensityPoint> points, ToIntFunction<String> grainS) {
    Map<ZoneTime, Accumulator> slots = new TreeMap<>();
    for (IntensityPoint p : points) {
      spread(p, grainS.applyAsInt(p.zone()), slots);
    }
    List<Slot> result = new ArrayList<>(slots.size());
    slots.forEach((key, slot) -> result.add(slot.value(key)));
    return result;
  }

  /** Adds the point to every slot its interval [start, start + period) touches, by overlap. */
  private static void spread(IntensityPoint p, int grain, Map<ZoneTime, Accumulator> slots) {
    long start = p.start().getEpochSecond();
    long end = start + p.periodMinutes() * 60L;
    for (long s = Math.floorDiv(start, grain) * grain; s < end; s += grain) {
      long seconds = Math.min(s + grain, end) - Math.max(s, start);
      if (seconds > 0) {
        slots.computeIfAbsent(new ZoneTime(p.zone(), Instant.ofEpochSecond(s)), k -> new Accumulator(grain))
            .add(p, seconds);
      }
    }
  }

  private record ZoneTime(String zone, Instant time) implements Comparable<ZoneTime> {
    private static final Comparator<ZoneTime> ORDER =
        Comparator.comparing(ZoneTime::zone).thenComparing(ZoneTime::time);

    @Override
    public int compareTo(ZoneTime other) {
      return ORDER.compare(this, other);
    }
  }

  /** Running sums for one zone slot. */
  private static final class Accumulator {
    private final int grain;
    private double weightedSum;
    private long seconds;
    private long forecastSeconds;
    private final Set<String> signals = new TreeSet<>();
    private final Set<String> sources = new TreeSet<>();
    private boolean estimated;

    Accumulator(int grain) {
      this.grain = grain;
    }

    void add(IntensityPoint p, long overlapSeconds) {
      weightedSum += p.gPerKwh() * overlapSeconds;
      seconds += overlapSeconds;
      forecastSeconds += p.forecast() ? overlapSeconds : 0;
      signals.add(p.signal());
      if (p.dataSource() != null) {
        sources.add(p.dataSource());
      }
      estimated |= p.estimated();
    }

    Slot value(ZoneTime key) {
      String signal = signals.size() == 1 ? signals.iterator().next() : "mixed";
      return new Slot(key.zone(), key.time(), grain, weightedSum / seconds, signal, String.join(" + ", sources),
          estimated, Math.min(1.0, seconds / (double) grain), forecastSeconds / (double) seconds);
    }
  }
}
