package org.footprint.source.slurm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Slurm hostlist expressions as sacct prints them in NodeList: {@code a1,b2}, {@code linux[0-64,128]},
 * {@code gpu[001-004,010]} (zero padding kept: the width of a range is the digit count of its low bound, as in
 * Slurm's hostlist.c), {@code rack[0-1]_blade[0-2]} (several bracket groups multiply, the first group varying
 * slowest). Commas split hosts only outside brackets.
 *
 * <p>Hand-parsed (no regex) because it runs once per job row in Spark tasks. A parse first builds a compact
 * description and counts it, so {@link #count} never materialises names and {@link #expand} refuses absurd
 * expansions (more than {@value #MAX_HOSTS} hosts: a corrupted row, not a real job) before allocating anything.
 */
public final class Hostlist {

  /** Largest expansion accepted; the biggest machines have tens of thousands of nodes. */
  public static final int MAX_HOSTS = 100_000;

  /** Long enough for any real node index, short enough that range arithmetic cannot overflow a long. */
  private static final int MAX_DIGITS = 18;

  private static final String FIELD = "NodeList";

  private Hostlist() {}

  /** Every host name, in Slurm's order; empty for {@code None assigned}, {@code (null)}, blank or null. */
  public static List<String> expand(String hostlist) {
    List<Host> hosts = parse(hostlist);
    if (hosts.isEmpty()) {
      return Collections.emptyList();
    }
    List<String> out = new ArrayList<>(total(hosts, hostlist));
    StringBuilder sb = new StringBuilder(32);
    for (Host h : hosts) {
      emit(h, 0, sb, out);
    }
    return out;
  }

  /** How many names {@link #expand} would return, without building them; same exceptions. */
  public static int count(String hostlist) {
    return total(parse(hostlist), hostlist);
  }

  /**
   * One comma-separated element: literal parts around bracket groups (parts.size() == groups.size() + 1); a group
   * is a flat long[] of (lo, hi, width) triples; count is the product of the group sizes.
   */
  private record Host(List<String> parts, List<long[]> groups, long count) {}

  private static boolean isPlaceholder(String s) {
    return s.isEmpty() || s.equals("None assigned") || s.equals("(null)");
  }

  private static List<Host> parse(String raw) {
    if (raw == null) {
      return Collections.emptyList();
    }
    String s = raw.trim();
    if (isPlaceholder(s)) {
      return Collections.emptyList();
    }
    List<Host> hosts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[') {
        if (++depth > 1) {
          throw new SlurmFieldException(FIELD, raw, "nested '[' at position " + i);
        }
      } else if (c == ']') {
        if (--depth < 0) {
          throw new SlurmFieldException(FIELD, raw, "unbalanced ']' at position " + i);
        }
      } else if (c == ',' && depth == 0) {
        hosts.add(parseHost(s, start, i, raw));
        start = i + 1;
      }
    }
    if (depth != 0) {
      throw new SlurmFieldException(FIELD, raw, "unbalanced '[' (missing ']')");
    }
    hosts.add(parseHost(s, start, s.length(), raw));
    return hosts;
  }

  private static Host parseHost(String s, int from, int to, String raw) {
    if (from == to) {
      throw new SlurmFieldException(FIELD, raw, "empty host name between commas");
    }
    List<String> parts = new ArrayList<>(2);
    List<long[]> groups = new ArrayList<>(1);
    long count = 1;
    int litStart = from;
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '[') {
        parts.add(s.substring(litStart, i));
        int close = s.indexOf(']', i); // balanced and non-nested: checked by the caller
        long[] group = parseGroup(s, i + 1, close, raw);
        long n = 0;
        for (int k = 0; k < group.length; k += 3) {
          n += group[k + 1] - group[k] + 1;
          if (n > MAX_HOSTS) {
            throw tooMany(raw);
          }
        }
        count *= n; // both factors <= MAX_HOSTS: no overflow
        if (count > MAX_HOSTS) {
          throw tooMany(raw);
        }
        groups.add(group);
        i = close + 1;
        litStart = i;
      } else {
        if (Character.isWhitespace(c) || Character.isISOControl(c)) {
          throw new SlurmFieldException(FIELD, raw, "white space or control character in a host name");
        }
        i++;
      }
    }
    parts.add(s.substring(litStart, to));
    return new Host(parts, groups, count);
  }

  /** Inside brackets: {@code 15,18,32-33}; each item a number or an ascending range. */
  private static long[] parseGroup(String s, int from, int to, String raw) {
    if (from == to) {
      throw new SlurmFieldException(FIELD, raw, "empty brackets");
    }
    long[] triples = new long[3 * 4];
    int n = 0;
    int itemStart = from;
    for (int i = from; i <= to; i++) {
      if (i == to || s.charAt(i) == ',') {
        if (itemStart == i) {
          throw new SlurmFieldException(FIELD, raw, "empty range item inside brackets");
        }
        int dash = s.indexOf('-', itemStart);
        long lo;
        long hi;
        int width;
        if (dash < 0 || dash >= i) {
          lo = number(s, itemStart, i, raw);
          hi = lo;
          width = i - itemStart;
        } else {
          lo = number(s, itemStart, dash, raw);
          hi = number(s, dash + 1, i, raw);
          width = dash - itemStart;
          if (hi < lo) {
            throw new SlurmFieldException(FIELD, raw,
                "reversed range " + s.substring(itemStart, i) + " (low bound above high bound)");
          }
        }
        if (n + 3 > triples.length) {
          triples = Arrays.copyOf(triples, triples.length * 2);
        }
        triples[n++] = lo;
        triples[n++] = hi;
        triples[n++] = width;
        itemStart = i + 1;
      }
    }
    return Arrays.copyOf(triples, n);
  }

  private static long number(String s, int from, int to, String raw) {
    if (from == to || to - from > MAX_DIGITS) {
      throw new SlurmFieldException(FIELD, raw, "expected a number or LO-HI range inside brackets");
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new SlurmFieldException(FIELD, raw,
            "expected a number or LO-HI range inside brackets, found '" + c + "'");
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int total(List<Host> hosts, String raw) {
    long n = 0;
    for (Host h : hosts) {
      n += h.count();
      if (n > MAX_HOSTS) {
        throw tooMany(raw);
      }
    }
    return (int) n;
  }

  private static SlurmFieldException tooMany(String raw) {
    return new SlurmFieldException(FIELD, raw, "expands to more than " + MAX_HOSTS + " hosts");
  }

  /** Cartesian product, first group outermost, so rack0_blade0, rack0_blade1, ... rack1_blade0. */
  private static void emit(Host h, int g, StringBuilder sb, List<String> out) {
    int mark = sb.length();
    sb.append(h.parts().get(g));
    if (g == h.groups().size()) {
      out.add(sb.toString());
    } else {
      long[] t = h.groups().get(g);
      int afterPart = sb.length();
      for (int k = 0; k < t.length; k += 3) {
        for (long v = t[k]; v <= t[k + 1]; v++) {
          sb.setLength(afterPart);
          appendPadded(sb, v, (int) t[k + 2]);
          emit(h, g + 1, sb, out);
        }
      }
    }
    sb.setLength(mark);
  }

  private static void appendPadded(StringBuilder sb, long v, int width) {
    String digits = Long.toString(v);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(digits);
  }
}
