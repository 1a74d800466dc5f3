package org.footprint.source.slurm;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A sacct timestamp turned into the instants it can mean.
 *
 * <p>sacct prints the cluster's local wall-clock time without an offset, so one printed value can be two instants
 * (DST fall-back overlap: {@code earlier} is the summer-time reading, {@code later} the winter-time one) or none
 * (spring-forward gap: shifted forward by the gap length as java.time does, {@code gap = true}, both candidates
 * equal). Keeping both candidates lets {@link SlurmTimes#resolve} pick the one ElapsedRaw agrees with instead of
 * guessing here. With an explicit offset ({@code explicitOffset = true}) both candidates are the same instant.
 */
public record SlurmTime(Instant earlier, Instant later, boolean gap, boolean explicitOffset)
    implements Serializable {

  public SlurmTime {
    Objects.requireNonNull(earlier, "earlier");
    Objects.requireNonNull(later, "later");
    if (later.isBefore(earlier)) {
      throw new IllegalArgumentException("later " + later + " is before earlier " + earlier);
    }
  }

  /** One unambiguous instant (explicit offset, UTC export, or a local time outside any transition). */
  public static SlurmTime exact(Instant instant, boolean explicitOffset) {
    return new SlurmTime(instant, instant, false, explicitOffset);
  }

  /** True when the local time fell in a fall-back overlap and so has two candidate instants. */
  public boolean ambiguous() {
    return !earlier.equals(later);
  }
}
