package org.footprint.source.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GPUs of a node from its Slurm GRES string, as scontrol ({@code Gres=}) and sinfo ({@code %G}) print it:
 * comma-separated {@code name[:type]:count[(S:sockets)]} entries, e.g. {@code gpu:a100:4(S:0-1)},
 * {@code gpu:2,gpu:v100:2} (two kinds on one node), {@code gpu:a100:4(S:0-1),shard:16} (shards are slices of the
 * same boards, not more boards), {@code (null)} for none. A MIG profile type ({@code gpu:3g.20gb:2}) is a slice of a
 * board: it counts g/7 of a board, as a MIG job's GPUs do (the boards of A100 and H100 have 7 slices). The sockets
 * in parentheses contain commas of their own ({@code (S:0,1)}), so entries are split only outside parentheses.
 */
final class Gres {
  /** GPUs in whole boards (all gpu entries) and the first entry's type, lower case (null when untyped). */
  record Gpus(double count, String type) {}

  /** A MIG profile as a GRES type (1g.5gb, 3g.20gb): that many of the board's 7 compute slices. */
  private static final Pattern MIG = Pattern.compile("^([1-7])g\\.[0-9]+gb$");
  private static final double MIG_SLICES = 7.0;

  private Gres() {}

  /** The node's GPUs; throws IllegalArgumentException with a reason when a gpu entry's count is not a number. */
  static Gpus gpus(String gres) {
    if (gres == null || gres.isBlank() || gres.equals("(null)") || gres.equalsIgnoreCase("N/A")) {
      return new Gpus(0, null);
    }
    double count = 0;
    String type = null;
    for (String entry : entries(gres)) {
      String e = entry.replaceAll("\\(.*\\)$", "");
      String[] parts = e.split(":");
      if (!parts[0].equals("gpu")) {
        continue;
      }
      String n = parts[parts.length - 1];
      if (parts.length == 1) {
        n = "1"; // "gpu" alone: one
      }
      if (!n.matches("[0-9]{1,6}")) {
        throw new IllegalArgumentException("bad GRES '" + gres + "': GPU count '" + n + "' is not a number");
      }
      String t = parts.length >= 3 ? parts[1].toLowerCase(Locale.ROOT) : null;
      Matcher mig = t == null ? null : MIG.matcher(t);
      count += mig != null && mig.matches() ? Integer.parseInt(n) * Integer.parseInt(mig.group(1)) / MIG_SLICES
          : Integer.parseInt(n);
      if (type == null && t != null && (mig == null || !mig.matches())) {
        type = t;
      }
    }
    return new Gpus(count, type);
  }

  private static List<String> entries(String gres) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < gres.length(); i++) {
      char c = gres.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (c == ',' && depth == 0) {
        out.add(gres.substring(start, i).trim());
        start = i + 1;
      }
    }
    out.add(gres.substring(start).trim());
    return out;
  }
}
