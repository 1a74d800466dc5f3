package org.footprint.source.intensity;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.footprint.model.Reject;

/**
 * Electricity Maps hourly CSV export. Two header variants exist in the wild ("Zone Id" / "Zone id",
 * "(LCA)" / "(Life cycle)"); both carry a direct and a life-cycle column, and the wanted signal picks one.
 */
public final class ElectricityMapsCsv implements IntensityFormat {

  static final String DATETIME = "Datetime (UTC)";
  static final String ZONE_ID = "Zone Id";
  static final String DIRECT = "Carbon Intensity gCO₂eq/kWh (direct)";
  static final String LIFECYCLE = "Carbon Intensity gCO₂eq/kWh (LCA)";
  static final String LIFECYCLE_NEW = "Carbon intensity gCO₂eq/kWh (Life cycle)";
  static final String DATA_SOURCE = "Data Source";
  static final String DATA_ESTIMATED = "Data Estimated";
  private static final int PERIOD_MINUTES = 60;

  @Override
  public void read(String file, Reader in, String signal, Consumer<IntensityPoint> out, Consumer<Reject> rejects)
      throws IOException {
    String wanted = IntensityPoint.wantedSignal(signal);
    CsvRows rows = new CsvRows(file, in);
    CsvColumns cols = CsvColumns.find(file, rows,
        List.of(DATETIME, ZONE_ID, DIRECT, LIFECYCLE, LIFECYCLE_NEW, DATA_SOURCE, DATA_ESTIMATED));
    int datetime = cols.required(DATETIME);
    int zone = cols.required(ZONE_ID);
    int value = wanted.equals(IntensityPoint.DIRECT) ? cols.required(DIRECT) : cols.required(LIFECYCLE, LIFECYCLE_NEW);
    // Provenance columns are kept when present but do not make a file unusable.
    int source = cols.optional(DATA_SOURCE);
    int estimated = cols.optional(DATA_ESTIMATED);
    cols.checkComplete();

    for (CsvRows.Row row = rows.next(); row != null; row = rows.next()) {
      if (row.isBlank()) {
        continue;
      }
      try {
        String rowSource = row.get(source);
        out.accept(new IntensityPoint(
            Fields.text(row.get(zone), cols.name(zone)),
            Fields.instant(row.get(datetime), cols.name(datetime)),
            PERIOD_MINUTES,
            Fields.intensity(row.get(value), cols.name(value)),
            wanted,
            rowSource == null || rowSource.isBlank() ? "electricitymaps" : "electricitymaps:" + rowSource.trim(),
            "true".equalsIgnoreCase(Objects.toString(row.get(estimated), "").trim())));
      } catch (BadRow e) {
        rejects.accept(row.reject(file, e.getMessage()));
      }
    }
  }
}
