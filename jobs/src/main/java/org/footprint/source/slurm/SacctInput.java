package org.footprint.source.slurm;

import java.io.Serializable;
import java.util.List;

/**
 * How to read one sacct export: which cluster it belongs to, the cluster's time zone (sacct prints local
 * wall-clock time), the field order of a headerless {@code -n} export, and the delimiter ({@code --delimiter}).
 */
public record SacctInput(String cluster, String timeZone, List<String> fields, String delimiter)
    implements Serializable {

  public static final String DEFAULT_DELIMITER = "|";

  public String delimiterOrDefault() {
    return delimiter == null || delimiter.isEmpty() ? DEFAULT_DELIMITER : delimiter;
  }
}
