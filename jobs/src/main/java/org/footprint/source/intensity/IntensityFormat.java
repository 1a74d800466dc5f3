package org.footprint.source.intensity;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;
import org.footprint.conf.InputSpec;
import org.footprint.model.Reject;

/**
 * A reader for one carbon-intensity file format. Implementations are stateless and thread-safe.
 * Good values go to {@code out}, unusable rows to {@code rejects} (source "intensity", 1-based
 * physical line); a file that cannot be read at all (no header, missing columns, broken JSON)
 * throws {@link IntensityFormatException}, because no single row is to blame.
 * The caller owns {@code in} and closes it.
 */
public interface IntensityFormat {

  /** Reject source for every carbon-intensity reader. */
  String REJECT_SOURCE = InputSpec.Source.INTENSITY.label();

  /**
   * @param signal the wanted signal, {@code "lifecycle"} or {@code "direct"}; it chooses between values
   *     when a source carries both, and is otherwise ignored (each point carries its own signal).
   */
  void read(String file, Reader in, String signal, Consumer<IntensityPoint> out, Consumer<Reject> rejects)
      throws IOException;
}
