package org.footprint.source.intensity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One carbon-intensity value as its source gives it, before any resampling to clock hours.
 * Every value says which signal it measures: life-cycle and direct figures differ by a factor of
 * two or more in low-carbon grids, so mixing them silently would make results incomparable.
 *
 * @param zone grid zone (Electricity Maps zone id, "GB" for the UK API, ...)
 * @param start start of the interval the value covers (UTC)
 * @param periodMinutes length of that interval
 * @param gPerKwh grams CO2(e) per kWh
 * @param signal {@link #LIFECYCLE}, {@link #DIRECT} or {@link #UNKNOWN}
 * @param dataSource where the number came from, as precisely as the source says
 * @param estimated true when the source marks the value as estimated or forecast
 * @param forecast true when the value is a forecast standing in for an actual the source has not published yet
 *     (UK Carbon Intensity API slots with {@code "actual": null}): jobs priced with it say so. Electricity Maps'
 *     "estimated" values are estimates of the past, not forecasts.
 */
public record IntensityPoint(String zone, Instant start, int periodMinutes, double gPerKwh, String signal,
    String dataSource, boolean estimated, boolean forecast) implements Serializable {

  public static final String LIFECYCLE = "lifecycle";
  public static final String DIRECT = "direct";
  public static final String UNKNOWN = "unknown";

  public IntensityPoint {
    if (zone == null || zone.isBlank()) {
      throw new IllegalArgumentException("zone is required");
    }
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(signal, "signal");
    if (periodMinutes <= 0) {
      throw new IllegalArgumentException("periodMinutes must be positive, got " + periodMinutes);
    }
    if (!Double.isFinite(gPerKwh) || gPerKwh < 0) {
      throw new IllegalArgumentException("gPerKwh must be a finite non-negative number, got " + gPerKwh);
    }
  }

  /** A value that is not a forecast. */
  public IntensityPoint(String zone, Instant start, int periodMinutes, double gPerKwh, String signal,
      String dataSource, boolean estimated) {
    this(zone, start, periodMinutes, gPerKwh, signal, dataSource, estimated, false);
  }

  /** Validates the signal a caller asks for; only the two real signals can be asked for. */
  static String wantedSignal(String signal) {
    String s = signal == null ? "" : signal.trim().toLowerCase(Locale.ROOT);
    if (!s.equals(LIFECYCLE) && !s.equals(DIRECT)) {
      throw new IllegalArgumentException("wanted signal must be '" + LIFECYCLE + "' or '" + DIRECT + "', got '"
          + signal + "'");
    }
    return s;
  }
}
