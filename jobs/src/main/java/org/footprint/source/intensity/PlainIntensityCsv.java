package org.footprint.source.intensity;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.footprint.model.Reject;

/**
 * A minimal hourly format for sites that get intensity from elsewhere:
 * {@code zone,datetime_utc,gco2_per_kwh[,signal]}, any column order. Without a signal column the values
 * are "unknown". With one, rows labelled with the other signal than the wanted one are skipped (a file may
 * carry both, and both for the same hour would otherwise collide); rows labelled "unknown" are kept.
 * The data source of each point is the file name: the format itself says nothing more.
 */
public final class PlainIntensityCsv implements IntensityFormat {

  static final String ZONE = "zone";
  static final String DATETIME = "datetime_utc";
  static final String VALUE = "gco2_per_kwh";
  static final String SIGNAL = "signal";
  private static final int PERIOD_MINUTES = 60;

  @Override
  public void read(String file, Reader in, String signal, Consumer<IntensityPoint> out, Consumer<Reject> rejects)
      throws IOException {
    String wanted = IntensityPoint.wantedSignal(signal);
    CsvRows rows = new CsvRows(file, in);
    CsvColumns cols = CsvColumns.find(file, rows, List.of(ZONE, DATETIME, VALUE, SIGNAL));
    int zone = cols.required(ZONE);
    int datetime = cols.required(DATETIME);
    int value = cols.required(VALUE);
    int signalCol = cols.optional(SIGNAL);
    cols.checkComplete();

    for (CsvRows.Row row = rows.next(); row != null; row = rows.next()) {
      if (row.isBlank()) {
        continue;
      }
      try {
        String rowSignal = signal(row.get(signalCol));
        if (!rowSignal.equals(wanted) && !rowSignal.equals(IntensityPoint.UNKNOWN)) {
          continue;
        }
        out.accept(new IntensityPoint(
            Fields.text(row.get(zone), cols.name(zone)),
            Fields.instant(row.get(datetime), cols.name(datetime)),
            PERIOD_MINUTES,
            Fields.intensity(row.get(value), cols.name(value)),
            rowSignal, file, false));
      } catch (BadRow e) {
        rejects.accept(row.reject(file, e.getMessage()));
      }
    }
  }

  /** Accepts the spellings people write; an unrecognised label is an error rather than a guess. */
  static String signal(String value) throws BadRow {
    String s = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "", IntensityPoint.UNKNOWN -> IntensityPoint.UNKNOWN;
      case IntensityPoint.LIFECYCLE, "life cycle", "life-cycle", "lca" -> IntensityPoint.LIFECYCLE;
      case IntensityPoint.DIRECT -> IntensityPoint.DIRECT;
      default -> throw new BadRow("\"" + SIGNAL + "\" must be lifecycle, direct or unknown, got '" + value.trim() + "'");
    };
  }
}
