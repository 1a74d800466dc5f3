package org.footprint.source.slurm;

/**
 * A sacct value that is not Slurm's placeholder for "unknown" and still cannot be read.
 *
 * <p>Unchecked on purpose: the parsers run inside Spark tasks where the reader catches this per row and turns it
 * into a {@code Reject}; the message is what the reject table shows, so it always names the field, quotes the
 * value and says what was expected, e.g. {@code bad Elapsed "12x4": expected [D-]HH:MM:SS}.
 */
public final class SlurmFieldException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Values are quoted in the message; a runaway value (a broken row) is cut so the message stays readable. */
  private static final int MAX_QUOTED = 200;

  private final String field;
  private final String value;
  private final String reason;

  public SlurmFieldException(String field, String value, String reason) {
    super("bad " + field + " \"" + clip(value) + "\": " + reason);
    this.field = field;
    this.value = value;
    this.reason = reason;
  }

  /**
   * A message already composed by the caller (e.g. a row parser adding the column name); field and value are
   * then null and {@link #reason()} is the message.
   */
  public SlurmFieldException(String message) {
    super(message);
    this.field = null;
    this.value = null;
    this.reason = message;
  }

  /** Which column or kind of value was bad, e.g. {@code Elapsed}, {@code TRES entry}; null for a composed message. */
  public String field() {
    return field;
  }

  /** The offending value as given (not clipped). */
  public String value() {
    return value;
  }

  /** Why it was refused, without the field and value. */
  public String reason() {
    return reason;
  }

  private static String clip(String v) {
    if (v == null) {
      return "null";
    }
    return v.length() <= MAX_QUOTED ? v : v.substring(0, MAX_QUOTED) + "…";
  }
}
