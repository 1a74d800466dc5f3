package org.footprint.conf;

/** A configuration problem, reported as one message naming the key, before any Spark work starts. */
public class ConfException extends RuntimeException {
  public ConfException(String message) {
    super(message);
  }

  public ConfException(String message, Throwable cause) {
    super(message, cause);
  }
}
