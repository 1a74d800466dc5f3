package org.footprint.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Wall time of each phase of a run. A phase lasts from its start to the start of the next one (or to the moment
 * the times are read), so the phases add up to the run's wall time. A phase name seen twice accumulates.
 */
final class PhaseTimes {
  private final LongSupplier nanoClock;
  private final Map<String, Long> nanos = new LinkedHashMap<>();
  private final long started;
  private String current;
  private long currentSince;

  PhaseTimes(LongSupplier nanoClock, String firstPhase) {
    this.nanoClock = nanoClock;
    this.started = nanoClock.getAsLong();
    this.current = firstPhase;
    this.currentSince = started;
  }

  static PhaseTimes startingWith(String firstPhase) {
    return new PhaseTimes(System::nanoTime, firstPhase);
  }

  synchronized void begin(String phase) {
    long now = nanoClock.getAsLong();
    nanos.merge(current, now - currentSince, Long::sum);
    current = phase;
    currentSince = now;
  }

  /** Seconds per phase in the order they first started, the current phase counted up to now. */
  synchronized Map<String, Double> seconds() {
    long now = nanoClock.getAsLong();
    Map<String, Long> upToNow = new LinkedHashMap<>(nanos);
    upToNow.merge(current, now - currentSince, Long::sum);
    Map<String, Double> out = new LinkedHashMap<>();
    upToNow.forEach((k, v) -> out.put(k, v / 1e9));
    return out;
  }

  synchronized double totalSeconds() {
    return (nanoClock.getAsLong() - started) / 1e9;
  }
}
