package org.footprint.ingest.power;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns of an nvidia-smi {@code --query-gpu} CSV log, in the order printed. Names are the query field
 * names with the unit nvidia-smi appends in the header removed ({@code power.draw [W]} → {@code power.draw}),
 * compared case-insensitively, so any order and any subset works. Read: timestamp, power.draw (both required;
 * {@code power.draw.average} or {@code power.draw.instant} of newer drivers count as power.draw), index, uuid,
 * name, utilization.gpu, and a node column some wrappers prepend ({@code hostname}, {@code host},
 * {@code node}). Other fields (clocks, temperatures, pci.bus_id...) are ignored.
 */
final class NvidiaSmiHeader {
  private static final List<String> POWER_NAMES = List.of("power.draw", "power.draw.average", "power.draw.instant");
  private static final List<String> NODE_NAMES = List.of("hostname", "host", "node", "nodename");

  final int size;
  final int timestamp;
  final int power;
  final int index;
  final int uuid;
  final int name;
  final int util;
  final int node;
  private final List<String> names;

  NvidiaSmiHeader(List<String> fields) {
    names = new ArrayList<>();
    for (String f : fields) {
      names.add(normalise(f));
    }
    size = names.size();
    timestamp = names.indexOf("timestamp");
    power = first(POWER_NAMES);
    index = names.indexOf("index");
    uuid = Math.max(names.indexOf("uuid"), names.indexOf("gpu_uuid"));
    name = Math.max(names.indexOf("name"), names.indexOf("gpu_name"));
    util = names.indexOf("utilization.gpu");
    node = first(NODE_NAMES);
  }

  /** Why no sample can be read with these columns, or null. */
  String problem() {
    if (timestamp < 0 || power < 0) {
      return "the columns " + names + " lack " + (timestamp < 0 ? "timestamp" : "power.draw")
          + ": log with --query-gpu=timestamp,index,uuid,name,power.draw,utilization.gpu";
    }
    return null;
  }

  /**
   * Whether the line holds either word a header needs, in any case: a cheap test on every line, before the
   * per-field {@link #looksLikeHeader} (which it implies).
   */
  static boolean mayBeHeader(String line) {
    return containsIgnoreCase(line, "timestamp") || containsIgnoreCase(line, "power.draw");
  }

  private static boolean containsIgnoreCase(String s, String word) {
    for (int i = 0, last = s.length() - word.length(); i <= last; i++) {
      if (s.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /** A header line names fields; a data line starts with a date or a host name and never holds these. */
  static boolean looksLikeHeader(List<String> fields) {
    for (String f : fields) {
      String n = normalise(f);
      if (n.equals("timestamp") || n.startsWith("power.draw")) {
        return true;
      }
    }
    return false;
  }

  static String normalise(String field) {
    String f = field.trim();
    int unit = f.indexOf(" [");
    if (unit > 0 && f.endsWith("]")) {
      f = f.substring(0, unit);
    }
    return f.trim().toLowerCase(Locale.ROOT);
  }

  private int first(List<String> candidates) {
    for (String c : candidates) {
      int i = names.indexOf(c);
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }
}
