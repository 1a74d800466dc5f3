package org.footprint.source.power;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns of an nvidia-smi {@code --query-gpu} CSV log, in the order printed. Names are the query field
 * names with the unit nvidia-smi appends in the header removed ({@code power.draw [W]} → {@code power.draw}),
 * compared case-insensitively, so any order and any subset works. Read: timestamp, power.draw (both required;
 * {@code power.draw.average} or {@code power.draw.instant} of newer drivers count as power.draw), index, uuid,
 * name, utilization.gpu, a node column some wrappers prepend ({@code hostname}, {@code host},
 * {@code node}), and the columns that tell one board from another when index and uuid are not logged:
 * {@code pci.bus_id} (alias {@code gpu_bus_id}) or {@code serial} ({@code gpu_serial}). Other fields (clocks,
 * temperatures, memory.total...) are ignored: several boards of a node share those values.
 */
final class NvidiaSmiHeader {
  private static final List<String> POWER_NAMES = List.of("power.draw", "power.draw.average", "power.draw.instant");
  private static final List<String> NODE_NAMES = List.of("hostname", "host", "node", "nodename");
  /** Unique per board, in order of preference: a serial is [N/A] on boards that have none, a bus id never. */
  private static final List<String> BOARD_ID_NAMES = List.of("pci.bus_id", "gpu_bus_id", "serial", "gpu_serial");

  final int size;
  final int timestamp;
  final int power;
  final int index;
  final int uuid;
  final int name;
  final int util;
  final int node;
  /** Column of a board identifier other than index and uuid, or -1. */
  final int boardId;
  /** Its prefix in gpu_board: the column's name, aliases folded ({@code pci.bus_id}, {@code serial}). */
  final String boardIdName;
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
    boardId = first(BOARD_ID_NAMES);
    boardIdName = boardId < 0 ? null : names.get(boardId).replace("gpu_bus_id", "pci.bus_id")
        .replace("gpu_serial", "serial");
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
