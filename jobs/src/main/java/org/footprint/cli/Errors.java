package org.footprint.cli;

/** One readable line from an exception chain: Spark wraps the real cause several levels deep. */
final class Errors {
  private Errors() {}

  static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return msg.split("\n")[0];
  }
}
