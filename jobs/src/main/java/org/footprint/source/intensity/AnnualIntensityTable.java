package org.footprint.source.intensity;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.footprint.model.Reject;

/**
 * Yearly average intensity per location, the fallback for hours without hourly data. Three published
 * tables, each keyed the way its tool looks locations up. Maps keep file order.
 * The two-argument readers are strict: a bad or duplicate row throws, because a fallback table that quietly
 * lost a location would change results without a trace; pass a reject consumer to collect instead.
 */
public final class AnnualIntensityTable {

  /** @param year the year of the figure when the table says (carbontracker), else null */
  public record AnnualValue(String location, double gPerKwh, String year, String source) implements Serializable {}

  private AnnualIntensityTable() {}

  /** Green Algorithms {@code CI_aggregated.csv}: a units row, then the header; key {@code location}. */
  public static LinkedHashMap<String, AnnualValue> readGreenAlgorithms(String file, Reader in) throws IOException {
    return readGreenAlgorithms(file, in, strict(file));
  }

  public static LinkedHashMap<String, AnnualValue> readGreenAlgorithms(String file, Reader in,
      Consumer<Reject> rejects) throws IOException {
    CsvRows rows = new CsvRows(file, in);
    CsvColumns cols = CsvColumns.find(file, rows, List.of("location", "carbonIntensity"));
    int location = cols.required("location");
    int value = cols.required("carbonIntensity");
    int source = cols.optional("source");
    cols.checkComplete();
    return collect(file, rows, rejects, row -> {
      String key = Fields.text(row.get(location), cols.name(location));
      return new AnnualValue(key, Fields.intensity(row.get(value), cols.name(value)), null,
          withDetail("green-algorithms", row.get(source)));
    });
  }

  /** carbontracker {@code carbon-intensities.csv}; key ISO alpha-2, year per row. */
  public static LinkedHashMap<String, AnnualValue> readCarbonTracker(String file, Reader in) throws IOException {
    return readCarbonTracker(file, in, strict(file));
  }

  public static LinkedHashMap<String, AnnualValue> readCarbonTracker(String file, Reader in,
      Consumer<Reject> rejects) throws IOException {
    CsvRows rows = new CsvRows(file, in);
    String valueName = "Carbon intensity of electricity (gCO2/kWh)";
    CsvColumns cols = CsvColumns.find(file, rows, List.of("alpha-2", valueName));
    int alpha2 = cols.required("alpha-2");
    int value = cols.required(valueName);
    int year = cols.optional("Year");
    cols.checkComplete();
    return collect(file, rows, rejects, row -> {
      String key = Fields.text(row.get(alpha2), cols.name(alpha2));
      String y = row.get(year);
      return new AnnualValue(key, Fields.intensity(row.get(value), cols.name(value)),
          y == null || y.isBlank() ? null : y.trim(), "carbontracker");
    });
  }

  /** codecarbon {@code impact.csv} (cloud regions, BOM first); key {@code provider:region}. */
  public static LinkedHashMap<String, AnnualValue> readCodeCarbonCloud(String file, Reader in) throws IOException {
    return readCodeCarbonCloud(file, in, strict(file));
  }

  public static LinkedHashMap<String, AnnualValue> readCodeCarbonCloud(String file, Reader in,
      Consumer<Reject> rejects) throws IOException {
    CsvRows rows = new CsvRows(file, in);
    CsvColumns cols = CsvColumns.find(file, rows, List.of("provider", "region", "impact"));
    int provider = cols.required("provider");
    int region = cols.required("region");
    int value = cols.required("impact");
    int source = cols.optional("source");
    cols.checkComplete();
    return collect(file, rows, rejects, row -> {
      String key = Fields.text(row.get(provider), cols.name(provider)) + ":"
          + Fields.text(row.get(region), cols.name(region));
      return new AnnualValue(key, Fields.intensity(row.get(value), cols.name(value)), null,
          withDetail("codecarbon", row.get(source)));
    });
  }

  private interface RowReader {
    AnnualValue read(CsvRows.Row row) throws BadRow;
  }

  private static LinkedHashMap<String, AnnualValue> collect(String file, CsvRows rows, Consumer<Reject> rejects,
      RowReader reader) {
    LinkedHashMap<String, AnnualValue> table = new LinkedHashMap<>();
    Map<String, Long> firstLine = new HashMap<>();
    for (CsvRows.Row row = rows.next(); row != null; row = rows.next()) {
      if (row.isBlank()) {
        continue;
      }
      try {
        AnnualValue v = reader.read(row);
        Long first = firstLine.putIfAbsent(v.location(), row.line());
        if (first != null) {
          throw new BadRow("duplicate location '" + v.location() + "' (first at line " + first + ")");
        }
        table.put(v.location(), v);
      } catch (BadRow e) {
        rejects.accept(row.reject(file, e.getMessage()));
      }
    }
    return table;
  }

  private static Consumer<Reject> strict(String file) {
    return r -> {
      throw new IntensityFormatException(file + ":" + r.line() + ": " + r.reason());
    };
  }

  private static String withDetail(String table, String detail) {
    return detail == null || detail.isBlank() ? table : table + ": " + detail.trim();
  }
}
