package org.footprint.source.slurm;

import java.io.Serializable;
import java.util.List;

/**
 * How to read one sacct export: which cluster it belongs to, the cluster's time zone (sacct prints local
 * wall-clock time), the field order of a headerless {@code -n} export, and the delimiter ({@code --delimiter});
 * and the two method choices that are made where sizes and GPUs are read (method.memory_units: 1024 or 1000 per
 * K/M/G/T step; method.mig_share: a MIG slice as g/7 of a board, or as a whole GPU).
 */
public record SacctInput(String cluster, String timeZone, List<String> fields, String delimiter, int memoryUnits,
    boolean migWholeBoards) implements Serializable {

  public static final String DEFAULT_DELIMITER = "|";

  /** Footprint's own reading: 1024-based sizes, MIG slices as fractions of a board. */
  public SacctInput(String cluster, String timeZone, List<String> fields, String delimiter) {
    this(cluster, timeZone, fields, delimiter, SlurmMemory.SLURM_UNITS, false);
  }

  public String delimiterOrDefault() {
    return delimiter == null || delimiter.isEmpty() ? DEFAULT_DELIMITER : delimiter;
  }
}
