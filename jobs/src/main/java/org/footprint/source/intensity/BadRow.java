package org.footprint.source.intensity;

/**
 * Thrown while turning one row into a value; the row loop catches it and emits a reject with this reason.
 * Checked, so a reader cannot forget that a row may fail; no stack trace, as it is routine control flow.
 */
final class BadRow extends Exception {

  private static final long serialVersionUID = 1L;

  BadRow(String reason) {
    super(reason, null, false, false);
  }
}
