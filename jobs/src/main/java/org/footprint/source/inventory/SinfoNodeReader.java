package org.footprint.source.inventory;

import java.io.BufferedReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.footprint.io.LineRecordIterator;

/**
 * {@code sinfo -N -o "%N %P %c %G %T"}: a header line ({@code NODELIST PARTITION CPUS GRES STATE}) and one line
 * per node and partition: a node in two partitions is listed twice. Columns are found by the header's names, so
 * their order is free; give no field widths ({@code %20N}) since sinfo cuts values to the width. The default
 * partition carries a {@code *} ({@code gpu*}), a state a one-character suffix ({@code idle~}); both are removed.
 * Without its header ({@code -h}) a dump cannot be read: its lines are rejected.
 */
final class SinfoNodeReader extends LineRecordIterator<NodeLine> {
  static final String FORMAT = "sinfo";

  private final String cluster;
  private final LocalDate day;
  private List<String> header;
  private int nodeCol;
  private int partitionCol;
  private int cpusCol;
  private int gresCol;
  private int stateCol;

  SinfoNodeReader(String cluster, String file, BufferedReader in) {
    super(file, in);
    this.cluster = cluster;
    this.day = DumpDay.of(file);
  }

  @Override
  protected NodeLine onLine(String line, long lineNo) {
    if (line.isBlank()) {
      return null;
    }
    List<String> fields = List.of(line.trim().split("\\s+"));
    if (header == null) {
      List<String> upper = fields.stream().map(f -> f.toUpperCase(Locale.ROOT)).toList();
      if (fields.get(0).equals(upper.get(0)) && (upper.contains("NODELIST") || upper.contains("HOSTNAMES"))) {
        header = upper;
        nodeCol = upper.contains("NODELIST") ? upper.indexOf("NODELIST") : upper.indexOf("HOSTNAMES");
        partitionCol = upper.indexOf("PARTITION");
        cpusCol = upper.indexOf("CPUS");
        gresCol = upper.indexOf("GRES");
        stateCol = upper.indexOf("STATE");
        if (partitionCol < 0 || gresCol < 0 || stateCol < 0) {
          NodeLine r = reject(line, lineNo, "no header line with NODELIST, PARTITION, GRES and STATE (dump with"
              + " sinfo -N -o \"%N %P %c %G %T\")");
          header = null;
          return r;
        }
        return null;
      }
      return reject(line, lineNo, "no header line before the nodes (dump with sinfo -N -o \"%N %P %c %G %T\","
          + " without -h)");
    }
    if (fields.size() != header.size()) {
      return reject(line, lineNo, fields.size() + " fields where the header has " + header.size());
    }
    String node = fields.get(nodeCol);
    if (node.contains("[") || node.contains(",")) {
      return reject(line, lineNo, "bad node name '" + node + "': a node list, not one node (dump with sinfo -N)");
    }
    NodeLine n = NodeLine.node(cluster, FORMAT, file(), lineNo, day);
    n.node = node;
    String partition = fields.get(partitionCol);
    n.partitions = new String[] {partition.endsWith("*") ? partition.substring(0, partition.length() - 1)
        : partition};
    String state = fields.get(stateCol);
    n.state = NodeStates.normalise(state);
    n.inService = NodeStates.inService(state);
    if (cpusCol >= 0) {
      String cpus = fields.get(cpusCol);
      if (!cpus.matches("[0-9]{1,7}")) {
        return reject(line, lineNo, "CPUS '" + cpus + "' is not a whole number");
      }
      n.cpus = Integer.parseInt(cpus);
    }
    try {
      Gres.Gpus gpus = Gres.gpus(fields.get(gresCol));
      n.gpus = gpus.count();
      n.gpuType = gpus.type();
    } catch (IllegalArgumentException e) {
      return reject(line, lineNo, e.getMessage());
    }
    return n;
  }

  private NodeLine reject(String line, long lineNo, String reason) {
    return NodeLine.reject(cluster, FORMAT, file(), lineNo, line, reason);
  }
}
