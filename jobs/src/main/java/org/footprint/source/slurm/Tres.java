package org.footprint.source.slurm;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TRES strings (AllocTRES, ReqTRES, TRESUsageInTot): {@code type[/name]=count}, comma separated, e.g.
 * {@code billing=16,cpu=16,gres/gpu:a100=4,gres/gpu=4,mem=128G,node=1}, and the older ReqGRES/AllocGRES columns.
 *
 * <p>GPU counting (docs/formats.md, TRES): the untyped {@code gres/gpu=N} is the count; typed {@code gres/gpu:TYPE=N}
 * entries only tell the model, and the two are never added (Slurm lists the same GPUs under both). Only when no
 * untyped entry exists are the typed ones summed. A MIG profile type ({@code 3g.20gb}, also prefixed as in
 * {@code nvidia_a100_3g.20gb}) is a slice: it is g/7 of a board, and an untyped count then counts slices.
 * {@code gres/gpumem} and {@code gres/gpuutil} are usage metrics, not GPUs.
 */
public final class Tres {

  private static final String FIELD = "TRES entry";
  /** Slurm's NO_VAL64 / INFINITE64 leak into usage strings of jobs without the plugin: treated as absent. */
  private static final String NO_VAL64 = "18446744073709551614";
  private static final String INFINITE64 = "18446744073709551615";
  /** {@code <g>g.<mem>gb} not preceded by a digit; g is the number of the board's 7 compute slices. */
  private static final Pattern MIG = Pattern.compile("(?<![0-9])([0-9]{1,2})g\\.[0-9]+gb");
  private static final int MIG_SLICES = 7;

  private Tres() {}

  /**
   * GPUs of one job as read from a TRES or GRES string.
   *
   * @param boards     GPU count in whole-board equivalents (a MIG {@code 3g.20gb} slice is 3/7 of a board); what
   *                   power models multiply
   * @param devices    the count as Slurm counts it (MIG slices count as one device each)
   * @param type       lower-case gres type of the largest typed entry (by board share, first on ties), e.g.
   *                   {@code a100_80}, {@code nvidia_a100_3g.20gb}; null when only untyped entries exist
   * @param mig        true when any typed entry is a MIG profile
   * @param mixedTypes true when more than one gres type was allocated
   * @param byType     devices per lower-case gres type, in input order (unmodifiable)
   */
  public record GpuAlloc(double boards, double devices, String type, boolean mig, boolean mixedTypes,
                         Map<String, Double> byType) implements Serializable {

    /**
     * The count power models multiply: {@link #boards}, or with {@code wholeBoards} (method.mig_share board, as
     * GA4HPC counts {@code gres/gpu=N}) each MIG slice as one GPU, i.e. {@link #devices}.
     */
    public double counted(boolean wholeBoards) {
      return wholeBoards && mig ? devices : boards;
    }

    /** No GPUs (no gres/gpu entries, or an empty string). */
    public static final GpuAlloc NONE = new GpuAlloc(0, 0, null, false, false, Map.of());

    public GpuAlloc {
      byType = byType == null || byType.isEmpty() ? Collections.emptyMap()
          : Collections.unmodifiableMap(new LinkedHashMap<>(byType));
    }
  }

  /** Entries in input order; empty for blank or {@code (null)}. Values are kept raw (units, times). */
  public static Map<String, String> parse(String tres) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tres == null) {
      return out;
    }
    String s = tres.trim();
    if (s.isEmpty() || s.equals("(null)")) {
      return out;
    }
    int from = 0;
    while (from <= s.length()) {
      int comma = s.indexOf(',', from);
      int to = comma < 0 ? s.length() : comma;
      String entry = s.substring(from, to);
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new SlurmFieldException(FIELD, entry, "expected type[/name]=count");
      }
      String key = entry.substring(0, eq);
      if (out.put(key, entry.substring(eq + 1)) != null) {
        throw new SlurmFieldException(FIELD, entry, "duplicate key " + key + " in \"" + s + "\"");
      }
      if (comma < 0) {
        break;
      }
      from = comma + 1;
    }
    return out;
  }

  /** GPUs of a parsed TRES map; {@link GpuAlloc#NONE} when there is no GPU entry. */
  public static GpuAlloc gpus(Map<String, String> tres) {
    Long untyped = null;
    Map<String, Double> byType = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : tres.entrySet()) {
      String k = e.getKey();
      if (k.equalsIgnoreCase("gres/gpu")) {
        untyped = count(k, e.getValue());
      } else if (k.length() >= 9 && k.regionMatches(true, 0, "gres/gpu:", 0, 9)) {
        String type = k.substring(9).toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
          throw new SlurmFieldException(FIELD, k + "=" + e.getValue(), "empty gres type");
        }
        Long n = count(k, e.getValue());
        if (n != null) {
          byType.merge(type, (double) n, Double::sum);
        }
      }
    }
    return alloc(untyped, byType);
  }

  /**
   * The old ReqGRES/AllocGRES form: {@code gpu:a100:2}, {@code gpu:2}, {@code gpu}, {@code gpu:a100:2(IDX:0-1)},
   * several comma separated; non-GPU gres (mps, shard, ...) are ignored. Empty or {@code (null)} → NONE.
   */
  public static GpuAlloc parseGresField(String gres) {
    if (gres == null) {
      return GpuAlloc.NONE;
    }
    String s = gres.trim();
    if (s.isEmpty() || s.equals("(null)")) {
      return GpuAlloc.NONE;
    }
    Long untyped = null;
    Map<String, Double> byType = new LinkedHashMap<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : ',';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (--depth < 0) {
          throw new SlurmFieldException("GRES", gres, "unbalanced ')'");
        }
      } else if (c == ',' && depth == 0) {
        String item = s.substring(from, i);
        from = i + 1;
        int paren = item.indexOf('(');
        if (paren >= 0) {
          if (!item.endsWith(")")) {
            throw new SlurmFieldException("GRES", item, "text after the (IDX:...) part");
          }
          item = item.substring(0, paren);
        }
        if (item.startsWith("gres:") || item.startsWith("gres/")) {
          item = item.substring(5);
        }
        String[] p = item.split(":", -1);
        if (!p[0].equalsIgnoreCase("gpu")) {
          if (p[0].isEmpty()) {
            throw new SlurmFieldException("GRES", item, "expected name[:type][:count]");
          }
          continue;
        }
        if (p.length == 1) {
          untyped = (untyped == null ? 0 : untyped) + 1;
        } else if (p.length == 2 && isDigits(p[1]) && p[1].length() <= 18) {
          untyped = (untyped == null ? 0 : untyped) + Long.parseLong(p[1]);
        } else if (p.length == 2 && !p[1].isEmpty()) {
          byType.merge(p[1].toLowerCase(Locale.ROOT), 1.0, Double::sum);
        } else if (p.length == 3 && !p[1].isEmpty() && isDigits(p[2]) && p[2].length() <= 18) {
          byType.merge(p[1].toLowerCase(Locale.ROOT), (double) Long.parseLong(p[2]), Double::sum);
        } else {
          throw new SlurmFieldException("GRES", item, "expected gpu[:type][:count]");
        }
      }
    }
    if (depth != 0) {
      throw new SlurmFieldException("GRES", gres, "unbalanced '('");
    }
    return alloc(untyped, byType);
  }

  private static GpuAlloc alloc(Long untyped, Map<String, Double> byType) {
    if (byType.isEmpty()) {
      return untyped == null || untyped == 0 ? GpuAlloc.NONE
          : new GpuAlloc(untyped, untyped, null, false, false, Map.of());
    }
    double typedDevices = 0;
    double typedBoards = 0;
    boolean mig = false;
    String type = null;
    double largest = -1;
    for (Map.Entry<String, Double> e : byType.entrySet()) {
      int g = migSlices(e.getKey());
      double boards = g > 0 ? e.getValue() * g / MIG_SLICES : e.getValue();
      mig |= g > 0;
      typedDevices += e.getValue();
      typedBoards += boards;
      if (boards > largest) {
        largest = boards;
        type = e.getKey();
      }
    }
    double devices = untyped != null ? untyped : typedDevices;
    // untyped counts boards, unless MIG: then it counts slices and only the typed entries tell the boards
    double boards = mig || untyped == null ? typedBoards : untyped;
    return new GpuAlloc(boards, devices, type, mig, byType.size() > 1, byType);
  }

  /** Compute slices (1..7) of a MIG profile type, 0 when the type is a whole board. */
  static int migSlices(String type) {
    if (type.indexOf("gb") < 0) {
      return 0; // cheap pre-check: most types (a100, l40s, rtx30) never reach the regex
    }
    Matcher m = MIG.matcher(type);
    if (!m.find()) {
      return 0;
    }
    int g = Integer.parseInt(m.group(1));
    return g >= 1 && g <= MIG_SLICES ? g : 0;
  }

  /** {@code cpu=16}; null when absent. Double because it multiplies per-CPU memory and power. */
  public static Double cpus(Map<String, String> tres) {
    Integer n = intOf(tres, "cpu");
    return n == null ? null : n.doubleValue();
  }

  /** {@code node=1}; null when absent. */
  public static Integer nodes(Map<String, String> tres) {
    return intOf(tres, "node");
  }

  /** {@code mem=128G} in GiB (unsuffixed = MiB, as Slurm stores it); null when absent or zero. */
  public static Double memGiB(Map<String, String> tres) {
    return memGiB(tres, SlurmMemory.SLURM_UNITS);
  }

  /** {@link #memGiB(Map)} with {@code units} (1024 or 1000, method.memory_units) per suffix step. */
  public static Double memGiB(Map<String, String> tres, int units) {
    String v = tres.get("mem");
    if (v == null) {
      return null;
    }
    try {
      return SlurmMemory.toGiB(FIELD, v, null, null, units);
    } catch (SlurmFieldException e) {
      throw new SlurmFieldException(FIELD, "mem=" + v, e.reason());
    }
  }

  /** {@code gres/gpuutil} from TRESUsageInTot: percent summed over the job's GPUs (396 = 4 busy GPUs). */
  public static Double gpuUtilSum(Map<String, String> tres) {
    return number(tres, "gres/gpuutil");
  }

  /** {@code energy=} in joules (a suffix, if printed, is 1024-based like every Slurm unit); null when absent. */
  public static Double energyJoules(Map<String, String> tres) {
    String v = tres.get("energy");
    if (v == null || v.equals(NO_VAL64) || v.equals(INFINITE64)) {
      return null;
    }
    try {
      return SlurmMemory.scaled(FIELD, v);
    } catch (SlurmFieldException e) {
      throw new SlurmFieldException(FIELD, "energy=" + v, e.reason());
    }
  }

  /**
   * CPU seconds from a TRESUsageInTot {@code cpu=01:02:03} (sacct prints it as a duration); null when absent.
   * A bare number is refused: Slurm keeps this usage in milliseconds internally, so it is not seconds.
   */
  public static Double cpuSecondsFromUsage(Map<String, String> tres) {
    String v = tres.get("cpu");
    if (v == null) {
      return null;
    }
    try {
      return SlurmDurations.cpuSeconds(FIELD, v);
    } catch (SlurmFieldException e) {
      throw new SlurmFieldException(FIELD, "cpu=" + v, e.reason());
    }
  }

  private static Integer intOf(Map<String, String> tres, String key) {
    String v = tres.get(key);
    if (v == null) {
      return null;
    }
    Long n = count(key, v);
    if (n == null) {
      return null;
    }
    if (n > Integer.MAX_VALUE) {
      throw new SlurmFieldException(FIELD, key + "=" + v, "count too large");
    }
    return n.intValue();
  }

  private static Double number(Map<String, String> tres, String key) {
    String v = tres.get(key);
    if (v == null || v.equals(NO_VAL64) || v.equals(INFINITE64)) {
      return null;
    }
    int dots = 0;
    boolean digit = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        dots = 2;
        break;
      }
    }
    if (!digit || dots > 1 || v.length() > 20) {
      throw new SlurmFieldException(FIELD, key + "=" + v, "expected a non-negative number");
    }
    return Double.parseDouble(v);
  }

  /** A non-negative integer count; null for NO_VAL64/INFINITE64. */
  private static Long count(String key, String v) {
    if (v.equals(NO_VAL64) || v.equals(INFINITE64)) {
      return null;
    }
    if (!isDigits(v) || v.length() > 18) {
      throw new SlurmFieldException(FIELD, key + "=" + v, "expected a non-negative integer count");
    }
    return Long.parseLong(v);
  }

  private static boolean isDigits(String v) {
    if (v.isEmpty()) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
