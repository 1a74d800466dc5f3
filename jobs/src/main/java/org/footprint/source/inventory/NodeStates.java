package org.footprint.source.inventory;

import java.util.Locale;

/**
 * Whether a node in a given Slurm state counts as capacity. scontrol prints a base state joined with flags by '+'
 * ({@code IDLE+DRAIN}, {@code IDLE+CLOUD+POWERED_DOWN}, {@code DOWN*+NOT_RESPONDING}); sinfo's %T prints the long
 * name with a one-character suffix ({@code idle~} powered off, {@code down*} not responding, {@code drained@}
 * reboot pending, {@code mixed-} planned). A node that is powered down, or not yet in service (FUTURE), draws no
 * idle power and can run no job: it is not capacity. Down and drained nodes are: they stand powered, in the bill.
 */
final class NodeStates {
  private NodeStates() {}

  /** The state as printed, upper case, without sinfo's suffix character. */
  static String normalise(String state) {
    String s = state.trim().toUpperCase(Locale.ROOT);
    return s.replaceAll("[*~#%$@!^\\-]+$", "");
  }

  static boolean inService(String printed) {
    String raw = printed.trim();
    if (raw.endsWith("~") || raw.endsWith("%")) { // sinfo: powered off / powering down
      return false;
    }
    String s = normalise(raw);
    for (String part : s.split("\\+")) {
      String p = part.replace("*", "");
      if (p.equals("FUTURE") || p.equals("POWERED_DOWN") || p.equals("POWER_DOWN") || p.equals("POWERING_DOWN")) {
        return false;
      }
    }
    return true;
  }
}
