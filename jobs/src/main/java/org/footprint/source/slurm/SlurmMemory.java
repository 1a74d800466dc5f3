package org.footprint.source.slurm;

/**
 * Memory sizes as sacct prints them. Slurm's suffixes K, M, G, T, P are 1024-based (convert_num_unit). Sizes in GB
 * can also be read with 1000 per step ({@code method.memory_units: 1000}), as Green Algorithms for HPC reads them
 * ({@code 4000M} = 4 GB): the one place that choice is made.
 *
 * <ul>
 *   <li>{@link #toGiB}: ReqMem and TRES {@code mem=}. Without a suffix the number is MiB (Slurm stores memory
 *       in MB). Older Slurm appends {@code c} (per CPU, {@code 4000Mc}) or {@code n} (per node,
 *       {@code 4000Mn}); those are multiplied by the CPU or node count. {@code 0} means "all the node's memory"
 *       ({@code --mem=0}) or nothing recorded ({@code 0n}): unknown, so null.</li>
 *   <li>{@link #bytesFromSize}: MaxRSS, AveRSS, MaxVMSize, TRES usage; without a suffix the number is bytes
 *       (how TRES usage prints small values), so {@code 2252800K}, {@code 0.31M}, {@code 1.5G}, {@code 0}.</li>
 * </ul>
 * Hand-parsed; lower-case unit letters are accepted too.
 */
public final class SlurmMemory {

  private static final double KIB = 1024.0;
  /** Slurm's own units: each suffix step is 1024 (method.memory_units default). */
  public static final int SLURM_UNITS = 1024;

  private SlurmMemory() {}

  /**
   * GiB of a ReqMem / TRES mem value; null for blank, zero, or a per-CPU / per-node value whose multiplier is
   * missing or not positive (the size cannot be known, but the value itself is fine).
   */
  public static Double toGiB(String value, Double cpus, Integer nodes) {
    return toGiB("memory", value, cpus, nodes, SLURM_UNITS);
  }

  /** {@link #toGiB(String, Double, Integer)} with {@code units} (1024 or 1000) per suffix step. */
  public static Double toGiB(String value, Double cpus, Integer nodes, int units) {
    return toGiB("memory", value, cpus, nodes, units);
  }

  /** Bytes (rounded) of a MaxRSS-style size; null for blank, {@code 0} for zero. */
  public static Long bytesFromSize(String value) {
    Double d = scaled("size", value);
    return d == null ? null : Math.round(d);
  }

  static Double toGiB(String field, String value, Double cpus, Integer nodes, int units) {
    if (value == null) {
      return null;
    }
    String s = value.trim();
    if (s.isEmpty()) {
      return null;
    }
    char last = s.charAt(s.length() - 1);
    char per = 0;
    if (last == 'c' || last == 'n') {
      per = last;
      s = s.substring(0, s.length() - 1);
    }
    int end = numberEnd(s);
    double number = number(field, value, s, end);
    int power = end == s.length() ? 2 : unitPower(field, value, s, end); // no suffix: MiB
    if (number == 0) {
      return null;
    }
    double gib = number * Math.pow(units, power - 3);
    if (per == 'c') {
      return cpus == null || !(cpus > 0) ? null : gib * cpus;
    }
    if (per == 'n') {
      return nodes == null || nodes <= 0 ? null : gib * nodes;
    }
    return gib;
  }

  /** value × 1024^unit, no suffix = ×1; null for blank. Shared with TRES energy, which may carry suffixes. */
  static Double scaled(String field, String value) {
    if (value == null) {
      return null;
    }
    String s = value.trim();
    if (s.isEmpty()) {
      return null;
    }
    int end = numberEnd(s);
    double number = number(field, value, s, end);
    int power = end == s.length() ? 0 : unitPower(field, value, s, end);
    return number * Math.pow(KIB, power);
  }

  /** Index after the leading digits-and-one-dot. */
  private static int numberEnd(String s) {
    int i = 0;
    while (i < s.length() && ((s.charAt(i) >= '0' && s.charAt(i) <= '9') || s.charAt(i) == '.')) {
      i++;
    }
    return i;
  }

  private static double number(String field, String value, String s, int end) {
    int dots = 0;
    int digits = 0;
    for (int i = 0; i < end; i++) {
      if (s.charAt(i) == '.') {
        dots++;
      } else {
        digits++;
      }
    }
    if (digits == 0 || dots > 1 || digits > 18) {
      throw new SlurmFieldException(field, value, "expected a number with an optional K/M/G/T/P suffix");
    }
    return Double.parseDouble(s.substring(0, end));
  }

  /** 1 for K ... 5 for P; exactly one unit letter must remain. */
  private static int unitPower(String field, String value, String s, int end) {
    if (end != s.length() - 1) {
      throw new SlurmFieldException(field, value, "expected a number with an optional K/M/G/T/P suffix");
    }
    switch (s.charAt(end)) {
      case 'K': case 'k': return 1;
      case 'M': case 'm': return 2;
      case 'G': case 'g': return 3;
      case 'T': case 't': return 4;
      case 'P': case 'p': return 5;
      default:
        throw new SlurmFieldException(field, value,
            "unknown unit '" + s.charAt(end) + "', expected K/M/G/T/P (1024-based)");
    }
  }
}
