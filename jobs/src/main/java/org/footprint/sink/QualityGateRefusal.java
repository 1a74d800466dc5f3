package org.footprint.sink;

/** The quality gate refused to publish a run: the message (its first line, one line per broken limit, where the staged run was kept and what to do) is what the CLI prints before exiting 3. */
public final class QualityGateRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QualityGateRefusal(String message) {
    super(message);
  }
}
