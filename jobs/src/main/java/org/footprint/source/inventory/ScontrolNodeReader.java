package org.footprint.source.inventory;

import java.io.BufferedReader;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.footprint.io.LineRecordIterator;

/**
 * {@code scontrol -o show node}: one node per line, {@code Key=value} pairs separated by spaces. Some values hold
 * spaces themselves ({@code OS=Linux 5.14.0 #1 SMP ...}, {@code Reason=Not responding [slurm@...]}), so the line is
 * not split on spaces: each key this reader needs is looked up where it starts a token. Without {@code -o} scontrol
 * prints a node over several indented lines; those are rejected with a hint, as a dump that cannot be read right.
 */
final class ScontrolNodeReader extends LineRecordIterator<NodeLine> {
  static final String FORMAT = "scontrol";

  private final String cluster;
  private final LocalDate day;

  ScontrolNodeReader(String cluster, String file, BufferedReader in) {
    super(file, in);
    this.cluster = cluster;
    this.day = DumpDay.of(file);
  }

  @Override
  protected NodeLine onLine(String line, long lineNo) {
    if (line.isBlank()) {
      return null;
    }
    if (!line.startsWith("NodeName=")) {
      return reject(line, lineNo, Character.isWhitespace(line.charAt(0))
          ? "expected one node per line: this is a continuation line of 'scontrol show node' without -o"
          : "expected NodeName= at the start of the line (scontrol -o show node)");
    }
    String node = value(line, "NodeName");
    String state = value(line, "State");
    if (node == null || node.isEmpty()) {
      return reject(line, lineNo, "empty NodeName");
    }
    if (state == null || state.isEmpty()) {
      return reject(line, lineNo, "no State= on the line (scontrol show node without -o prints it on a later line)");
    }
    NodeLine n = NodeLine.node(cluster, FORMAT, file(), lineNo, day);
    n.node = node;
    n.state = NodeStates.normalise(state);
    n.inService = NodeStates.inService(state);
    String partitions = value(line, "Partitions");
    n.partitions = partitions == null || partitions.isEmpty() ? new String[0] : partitions.split(",");
    String cpus = value(line, "CPUTot");
    if (cpus != null && !cpus.isEmpty()) {
      if (!cpus.matches("[0-9]{1,7}")) {
        return reject(line, lineNo, "CPUTot '" + cpus + "' is not a whole number");
      }
      n.cpus = Integer.parseInt(cpus);
    }
    try {
      String gres = value(line, "Gres");
      Gres.Gpus gpus = Gres.gpus(gres);
      if (gres == null && gpus.count() == 0.0) {
        gpus = new Gres.Gpus(tresGpus(line), null);
      }
      n.gpus = gpus.count();
      n.gpuType = gpus.type();
    } catch (IllegalArgumentException e) {
      return reject(line, lineNo, e.getMessage());
    }
    return n;
  }

  /** CfgTRES=cpu=64,mem=500G,billing=64,gres/gpu=4: the GPUs when the line has no Gres= (0 when neither says). */
  private static int tresGpus(String line) {
    String tres = value(line, "CfgTRES");
    if (tres != null) {
      for (String t : tres.split(",")) {
        if (t.startsWith("gres/gpu=") && t.substring(9).matches("[0-9]{1,6}")) {
          return Integer.parseInt(t.substring(9));
        }
      }
    }
    return 0;
  }

  /** The value of the first {@code key=} that starts a token, up to the next space; null when absent. */
  static String value(String line, String key) {
    Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(key) + "=(\\S*)").matcher(line);
    return m.find() ? m.group(1) : null;
  }

  private NodeLine reject(String line, long lineNo, String reason) {
    return NodeLine.reject(cluster, FORMAT, file(), lineNo, line, reason);
  }
}
