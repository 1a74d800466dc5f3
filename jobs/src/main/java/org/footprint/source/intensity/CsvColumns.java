package org.footprint.source.intensity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The header row of a CSV file and lookups into it by name. Names compare case-insensitively and
 * tolerantly (BOM, "₂" vs "2", runs of spaces), because exports of the same data differ in exactly that.
 * The header is found by name, not position, so units rows above it (Green Algorithms) are skipped.
 */
final class CsvColumns {

  /** Units rows are one or two lines; a header further down means the file is something else. */
  static final int MAX_HEADER_SCAN = 10;

  private final String file;
  private final CsvRows.Row header;
  private final List<String> normalized = new ArrayList<>();
  private final List<String> missing = new ArrayList<>();

  private CsvColumns(String file, CsvRows.Row header) {
    this.file = file;
    this.header = header;
    header.record().forEach(name -> normalized.add(normalize(name)));
  }

  /** Reads rows up to the first one naming any of {@code known} columns, and takes it as the header. */
  static CsvColumns find(String file, CsvRows rows, Collection<String> known) {
    List<String> wanted = known.stream().map(CsvColumns::normalize).toList();
    int seen = 0;
    for (CsvRows.Row row = rows.next(); row != null && seen < MAX_HEADER_SCAN; row = rows.next()) {
      if (row.isBlank()) {
        continue;
      }
      seen++;
      if (row.record().stream().map(CsvColumns::normalize).anyMatch(wanted::contains)) {
        return new CsvColumns(file, row);
      }
    }
    throw new IntensityFormatException(file + ": no header row naming any of " + known + " in the first "
        + MAX_HEADER_SCAN + " non-empty lines");
  }

  static String normalize(String name) {
    return name.replace("\uFEFF", "").replace('₂', '2').replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
  }

  /** Index of the first of {@code names} present, or -1 (optional column). */
  int optional(String... names) {
    for (String name : names) {
      int i = normalized.indexOf(normalize(name));
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** Index of a required column; when absent, {@code names[0]} is noted for {@link #checkComplete()}. */
  int required(String... names) {
    int i = optional(names);
    if (i < 0) {
      missing.add(names[0]);
    }
    return i;
  }

  /** Throws naming the file and every missing required column, so one run shows everything to fix. */
  void checkComplete() {
    if (!missing.isEmpty()) {
      throw new IntensityFormatException(file + ": header at line " + header.line() + " lacks required column(s) "
          + missing + "; found " + header.record().toList());
    }
  }

  /** The column's name as the file spells it, for reject reasons. */
  String name(int index) {
    return header.record().get(index).replace("\uFEFF", "").trim();
  }
}
