package org.footprint.conf;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of a GPU power table, in whichever of the formats it is written (told apart by the header, whose names
 * are matched with surrounding spaces ignored and case-insensitively):
 * <ul>
 *   <li>footprint's own {@code model,aliases,tdp_w,idle_w[,mig_slices][,source]};</li>
 *   <li>ML CO2 Impact's {@code gpus.csv}: {@code name,type,tdp_watts,…,source}, rows of {@code type} other than
 *       {@code gpu} (CPUs, TPUs) left out;</li>
 *   <li>experiment-impact-tracker's {@code tdp.csv}: {@code name,tdp,source} (several sources joined by
 *       {@code |} in one field).</li>
 * </ul>
 * The last two give only the TDP: the idle draw is left for the caller to assume.
 */
final class GpuTableReader {
  enum Format {
    FOOTPRINT("footprint profiles"), MLCO2("ML CO2 Impact"), EIT("experiment-impact-tracker");

    final String label;

    Format(String label) {
      this.label = label;
    }
  }

  /** One board of a table; idleW and migSlices null when the format has no such column. */
  record Row(String name, List<String> aliases, double tdpW, Double idleW, Integer migSlices, String source,
      String where) {}

  record Table(Format format, List<Row> rows) {}

  private GpuTableReader() {}

  static Table read(String file, Reader in) throws IOException {
    CSVFormat fmt = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreSurroundingSpaces(true)
        .setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.parse(in, fmt)) {
      Iterator<CSVRecord> it = parser.iterator();
      if (!it.hasNext()) {
        throw new ConfException("gpu_profiles " + file + ": empty (no header line)");
      }
      CSVRecord header = it.next();
      Map<String, Integer> cols = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        cols.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
      }
      Format format = format(file, cols);
      List<Row> rows = new ArrayList<>();
      while (it.hasNext()) {
        CSVRecord r = it.next();
        String where = "gpu_profiles " + file + " line " + parser.getCurrentLineNumber();
        Row row = row(format, cols, r, header.size(), where);
        if (row != null) {
          rows.add(row);
        }
      }
      return new Table(format, rows);
    }
  }

  private static Format format(String file, Map<String, Integer> cols) {
    if (cols.containsKey("model") || cols.containsKey("tdp_w")) {
      for (String col : new String[] {"model", "aliases", "tdp_w", "idle_w"}) {
        if (!cols.containsKey(col)) {
          throw new ConfException("gpu_profiles " + file + ": missing column '" + col + "'");
        }
      }
      return Format.FOOTPRINT;
    }
    if (cols.containsKey("name") && cols.containsKey("tdp_watts")) {
      return Format.MLCO2;
    }
    if (cols.containsKey("name") && cols.containsKey("tdp")) {
      return Format.EIT;
    }
    throw new ConfException("gpu_profiles " + file + ": header " + cols.keySet() + " is none of footprint's"
        + " (model,aliases,tdp_w,idle_w[,mig_slices,source]), ML CO2 Impact's gpus.csv (name,type,tdp_watts,…) or"
        + " experiment-impact-tracker's tdp.csv (name,tdp,source)");
  }

  /** null for a row the table holds for another kind of device (ML CO2 Impact's cpu and tpu rows). */
  private static Row row(Format f, Map<String, Integer> cols, CSVRecord r, int width, String where) {
    if (r.size() <= required(f, cols)) {
      throw new ConfException(where + ": " + r.size() + " field" + (r.size() == 1 ? "" : "s")
          + " where the header has " + width);
    }
    return switch (f) {
      case FOOTPRINT -> {
        String model = text(r, cols, "model");
        double tdp = number(r, cols, "tdp_w", where);
        double idle = number(r, cols, "idle_w", where);
        String mig = text(r, cols, "mig_slices");
        List<String> aliases = new ArrayList<>();
        for (String a : text(r, cols, "aliases").split(";")) {
          if (!a.isBlank()) {
            aliases.add(a.trim());
          }
        }
        yield checked(new Row(model, aliases, tdp, idle,
            mig.isBlank() ? 0 : (int) number(r, cols, "mig_slices", where), text(r, cols, "source"), where));
      }
      case MLCO2 -> {
        String type = text(r, cols, "type");
        if (!type.isBlank() && !type.equalsIgnoreCase("gpu")) {
          yield null;
        }
        yield checked(new Row(text(r, cols, "name"), List.of(), number(r, cols, "tdp_watts", where), null, null,
            text(r, cols, "source"), where));
      }
      case EIT -> checked(new Row(text(r, cols, "name"), List.of(), number(r, cols, "tdp", where), null, null,
          String.join(" | ", text(r, cols, "source").split("\\|")), where));
    };
  }

  /** The columns a row must reach: the last of the name and power columns. */
  private static int required(Format f, Map<String, Integer> cols) {
    List<String> need = switch (f) {
      case FOOTPRINT -> List.of("model", "aliases", "tdp_w", "idle_w");
      case MLCO2 -> List.of("name", "tdp_watts");
      case EIT -> List.of("name", "tdp");
    };
    return need.stream().mapToInt(cols::get).max().orElse(0);
  }

  private static Row checked(Row row) {
    if (row.name().isBlank()) {
      throw new ConfException(row.where() + ": no board name");
    }
    double idle = row.idleW() == null ? 0 : row.idleW();
    if (row.tdpW() <= 0 || idle < 0 || idle > row.tdpW()) {
      throw new ConfException(row.where() + ": need a TDP > 0" + (row.idleW() == null ? "" : " and 0 <= idle <= TDP")
          + " for " + row.name());
    }
    return row;
  }

  private static String text(CSVRecord r, Map<String, Integer> cols, String col) {
    Integer i = cols.get(col);
    return i == null || i >= r.size() ? "" : r.get(i).trim();
  }

  private static double number(CSVRecord r, Map<String, Integer> cols, String col, String where) {
    String v = text(r, cols, col);
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException(v);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ConfException(where + ": column " + col + " is not a number: '" + v + "'");
    }
  }
}
