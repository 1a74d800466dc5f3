package org.footprint.source.power;

/** A value in a power log that cannot be read; its message becomes the reject reason. */
final class PowerValueException extends Exception {
  PowerValueException(String message) {
    super(message);
  }
}
