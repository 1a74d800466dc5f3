package org.footprint.source.intensity;

/** A carbon-intensity file that cannot be read as a whole: wrong header, missing column, broken syntax. */
public class IntensityFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IntensityFormatException(String message) {
    super(message);
  }

  public IntensityFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
