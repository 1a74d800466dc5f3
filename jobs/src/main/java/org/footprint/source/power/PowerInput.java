package org.footprint.source.power;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.footprint.conf.InputSpec;

/**
 * How to read one power log: the cluster it belongs to, its format (the input type: nvidia-smi or dcgm), the
 * cluster's time zone (nvidia-smi prints the node's local wall-clock time without offset), the field order of a
 * headerless {@code --format=csv,noheader} log, and the regex taking the node name from the file name (group 1)
 * for logs that do not name their node.
 */
public record PowerInput(String cluster, String format, String timeZone, List<String> fields, String nodeFromFile)
    implements Serializable {

  public static final String NVIDIA_SMI = InputSpec.Type.NVIDIA_SMI.toString();
  public static final String DCGM = InputSpec.Type.DCGM.toString();

  /** The file name up to the first {@code .} or {@code _}: gpu001.csv, gpu001_2026-10-20.log → gpu001. */
  public static final String DEFAULT_NODE_FROM_FILE = "^([^._]+)";

  public PowerInput {
    if (!NVIDIA_SMI.equals(format) && !DCGM.equals(format)) {
      throw new IllegalArgumentException("power log format '" + format + "' is not " + NVIDIA_SMI + " or " + DCGM);
    }
    fields = fields == null ? null : List.copyOf(fields);
  }

  public String nodePattern() {
    return nodeFromFile == null || nodeFromFile.isBlank() ? DEFAULT_NODE_FROM_FILE : nodeFromFile;
  }

  /** Node named by the file name of {@code path} (folders ignored), or null when the pattern finds none. */
  public String nodeFromPath(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    Matcher m = Pattern.compile(nodePattern()).matcher(name);
    if (!m.find() || m.groupCount() < 1 || m.group(1) == null || m.group(1).isEmpty()) {
      return null;
    }
    return m.group(1);
  }
}
