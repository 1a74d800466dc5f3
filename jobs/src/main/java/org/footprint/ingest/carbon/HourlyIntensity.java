package org.footprint.ingest.carbon;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resamples intensity points to UTC clock hours, the grain the carbon join uses (region, hour).
 * Each hour gets the time-weighted mean of the points overlapping it, and says how much of it they cover,
 * so the join can tell a full hour from a half-known one (the UK API's first and last half-hours).
 */
public final class HourlyIntensity {

  private static final double SECONDS_PER_HOUR = 3600.0;

  /**
   * @param signal the points' signal, or "mixed" if they differ (a caller mixing files should not)
   * @param dataSource the distinct sources of the points, sorted, joined with " + "
   * @param estimated true if any contributing point is estimated
   * @param coveredFraction share of the hour covered by points, 0–1
   * @param forecastFraction share of the covered time whose value is a forecast (no actual published yet), 0–1
   */
  public record HourlyValue(String zone, Instant hourUtc, double gPerKwh, String signal, String dataSource,
      boolean estimated, double coveredFraction, double forecastFraction) implements Serializable {

    /** An hour without forecast values. */
    public HourlyValue(String zone, Instant hourUtc, double gPerKwh, String signal, String dataSource,
        boolean estimated, double coveredFraction) {
      this(zone, hourUtc, gPerKwh, signal, dataSource, estimated, coveredFraction, 0.0);
    }
  }

  private HourlyIntensity() {}

  /**
   * Points for the same zone and start are duplicates (overlapping exports, re-downloaded days): the last one
   * in {@code points}' iteration order wins, so pass a List in read order to make "last read" well defined.
   * Points with other starts that overlap are all averaged by their overlap; coverage is then capped at 1.
   */
  public static List<HourlyValue> toHourly(Collection<IntensityPoint> points) {
    Map<ZoneTime, IntensityPoint> latest = new LinkedHashMap<>();
    for (IntensityPoint p : points) {
      latest.put(new ZoneTime(p.zone(), p.start()), p);
    }
    Map<ZoneTime, Hour> hours = new TreeMap<>();
    for (IntensityPoint p : latest.values()) {
      spread(p, hours);
    }
    List<HourlyValue> result = new ArrayList<>(hours.size());
    hours.forEach((key, hour) -> result.add(hour.value(key)));
    return result;
  }

  /** Adds the point to every clock hour its interval [start, start + period) touches, by overlap. */
  private static void spread(IntensityPoint p, Map<ZoneTime, Hour> hours) {
    Instant end = p.start().plus(p.periodMinutes(), ChronoUnit.MINUTES);
    for (Instant h = p.start().truncatedTo(ChronoUnit.HOURS); h.isBefore(end); h = h.plus(1, ChronoUnit.HOURS)) {
      Instant from = h.isAfter(p.start()) ? h : p.start();
      Instant nextHour = h.plus(1, ChronoUnit.HOURS);
      Instant to = nextHour.isBefore(end) ? nextHour : end;
      long seconds = Duration.between(from, to).toSeconds();
      if (seconds > 0) {
        hours.computeIfAbsent(new ZoneTime(p.zone(), h), k -> new Hour()).add(p, seconds);
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

  /** Running sums for one zone-hour. */
  private static final class Hour {
    private double weightedSum;
    private long seconds;
    private long forecastSeconds;
    private final Set<String> signals = new TreeSet<>();
    private final Set<String> sources = new TreeSet<>();
    private boolean estimated;

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

    HourlyValue value(ZoneTime key) {
      String signal = signals.size() == 1 ? signals.iterator().next() : "mixed";
      return new HourlyValue(key.zone(), key.time(), weightedSum / seconds, signal, String.join(" + ", sources),
          estimated, Math.min(1.0, seconds / SECONDS_PER_HOUR), forecastSeconds / (double) seconds);
    }
  }
}
