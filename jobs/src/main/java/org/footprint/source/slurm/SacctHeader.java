package org.footprint.source.slurm;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The columns of one export, from its header line or from the configured field list of a {@code -n} export.
 * Lookups are by sacct field name, case-insensitive, so any column order and any subset works.
 */
final class SacctHeader implements Serializable {
  /** Columns whose values are free text and may contain the delimiter unescaped. */
  static final Set<String> FREE_TEXT = Set.of("jobname", "comment", "admincomment", "systemcomment",
      "workdir", "submitline", "constraints", "reason");

  private final List<String> names;
  private final Map<String, Integer> index = new HashMap<>();
  /** lookups by the parser's own spelling ("ElapsedRaw"), resolved once per file instead of lowercased per row */
  private final Map<String, Integer> bySpelling = new HashMap<>();

  SacctHeader(List<String> names) {
    this.names = List.copyOf(names);
    for (int i = 0; i < names.size(); i++) {
      index.putIfAbsent(names.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
  }

  /** A first line is a header when one of its fields is exactly JobID, as every sacct header has. */
  static boolean looksLikeHeader(List<String> fields) {
    for (String f : fields) {
      if (f.trim().equalsIgnoreCase("JobID")) {
        return true;
      }
    }
    return false;
  }

  /** Separators people pass to {@code sacct --delimiter} (or get from a spreadsheet's export), most common first. */
  static final List<String> COMMON_DELIMITERS = List.of("|", ";", ",", "\t");

  /**
   * The common delimiter under which a first line that is not a header with the given one would be a header:
   * the export was written with another {@code --delimiter} than the reader was told. Null when none fits.
   */
  static String otherDelimiterOfHeader(String line, String given) {
    for (String d : COMMON_DELIMITERS) {
      if (!d.equals(given) && line.contains(d) && looksLikeHeader(SacctLineSplitter.split(line, d))) {
        return d;
      }
    }
    return null;
  }

  /**
   * The common delimiter, other than the given one, that splits a data line into exactly {@code columns} fields
   * (or one more, empty: {@code sacct -p}'s trailing delimiter); null when none or several do.
   */
  static String delimiterGiving(String line, int columns, String given) {
    String found = null;
    for (String d : COMMON_DELIMITERS) {
      if (d.equals(given) || !line.contains(d)) {
        continue;
      }
      List<String> f = SacctLineSplitter.split(line, d);
      if (f.size() == columns || f.size() == columns + 1 && f.get(columns).isEmpty()) {
        if (found != null) {
          return null;
        }
        found = d;
      }
    }
    return found;
  }

  /** How a delimiter is written in a message and on a shell command line. */
  static String shown(String delimiter) {
    return "\t".equals(delimiter) ? "tab ($'\\t')" : "'" + delimiter + "'";
  }

  String nameAt(int i) {
    return names.get(i);
  }

  int size() {
    return names.size();
  }

  boolean has(String name) {
    return indexOf(name) >= 0;
  }

  int indexOf(String name) {
    return bySpelling.computeIfAbsent(name, n -> index.getOrDefault(n.toLowerCase(Locale.ROOT), -1));
  }

  /** Indices of free-text columns, the only places where extra delimiters can be rejoined. */
  List<Integer> freeTextIndices() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (FREE_TEXT.contains(names.get(i).trim().toLowerCase(Locale.ROOT))) {
        out.add(i);
      }
    }
    return out;
  }

  boolean hasTimes() {
    return has("Start") || has("End") || has("Elapsed") || has("ElapsedRaw");
  }
}
