package org.footprint.model;

import java.io.Serializable;

/**
 * One input record that could not be turned into a canonical row: where it was (file and 1-based line),
 * what it said (raw text, truncated for very long lines) and why it was refused.
 * Readers emit these; the pipeline writes them to the {@code rejects} table.
 */
public record Reject(String source, String cluster, String file, long line, String raw, String reason)
    implements Serializable {

  /** Longest raw text kept: enough to find and fix the line, never a whole runaway file. */
  public static final int MAX_RAW = 2000;

  public Reject {
    raw = truncate(raw);
  }

  /** The raw text as rejects keep it: whole up to MAX_RAW characters, cut and marked beyond. */
  public static String truncate(String raw) {
    return raw != null && raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "…" : raw;
  }
}
