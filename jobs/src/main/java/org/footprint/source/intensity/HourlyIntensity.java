package org.footprint.source.intensity;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Resamples intensity points to UTC clock hours, the grain of the published intensity_hourly table.
 * Each hour gets the time-weighted mean of the points overlapping it, and says how much of it they cover,
 * so a reader can tell a full hour from a half-known one (the UK API's first and last half-hours). The carbon
 * join does not use these hours: it integrates each zone at its native grain ({@link IntensitySlots}).
 */
public final class HourlyIntensity {

  private static final int HOUR_S = 3600;

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
    List<IntensitySlots.Slot> slots = IntensitySlots.resample(IntensitySlots.latest(points), zone -> HOUR_S);
    List<HourlyValue> result = new ArrayList<>(slots.size());
    for (IntensitySlots.Slot s : slots) {
      result.add(new HourlyValue(s.zone(), s.start(), s.gPerKwh(), s.signal(), s.dataSource(), s.estimated(),
          s.coveredFraction(), s.forecastFraction()));
    }
    return result;
  }
}
