package org.footprint.source.intensity;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.footprint.model.Reject;

/** What a format produced from one file: points and rejects, in read order. */
record Collected(List<IntensityPoint> points, List<Reject> rejects) {

  static Collected read(IntensityFormat format, String file, String text, String signal) throws IOException {
    return read(format, file, new StringReader(text), signal);
  }

  static Collected read(IntensityFormat format, String file, Reader in, String signal) throws IOException {
    Collected c = new Collected(new ArrayList<>(), new ArrayList<>());
    format.read(file, in, signal, c.points::add, c.rejects::add);
    return c;
  }
}
