package org.footprint.source.intensity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/** Drops a leading byte-order mark, which Excel and codecarbon's impact.csv put before the first column name. */
final class Bom {

  private static final char BOM = '\uFEFF';

  private Bom() {}

  static Reader skip(Reader in) throws IOException {
    BufferedReader buffered = in instanceof BufferedReader b ? b : new BufferedReader(in);
    buffered.mark(1);
    if (buffered.read() != BOM) {
      buffered.reset();
    }
    return buffered;
  }
}
