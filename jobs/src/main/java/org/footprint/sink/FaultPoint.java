package org.footprint.sink;

/**
 * Test-only pause points of a run, for the fault tests that kill a child run at a known step instead of after a
 * guessed delay. With {@code -Dfootprint.test.pauseAt=<point>} a run that reaches that point prints
 * {@code footprint-test: paused at <point>} on stdout and sleeps until it is killed; without the property (every
 * real run) a point costs one property lookup.
 */
public final class FaultPoint {
  public static final String PROPERTY = "footprint.test.pauseAt";
  /** The line a paused run prints; the test reads it from the child's stdout. */
  public static final String MARKER = "footprint-test: paused at ";
  /** A paused run that is not killed within this time fails instead of going on. */
  private static final long PAUSE_MS = 300_000;

  private FaultPoint() {}

  /** Pauses here when the run was started to pause at {@code point}. */
  public static void reached(String point) {
    if (!point.equals(System.getProperty(PROPERTY))) {
      return;
    }
    System.out.println(MARKER + point);
    System.out.flush();
    try {
      Thread.sleep(PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException(MARKER + point + " and was not killed");
  }
}
