package org.footprint.source;

import java.io.IOException;
import org.footprint.model.Reject;

/**
 * What every reader's intermediate record has: its kind, where it came from (cluster, file, 1-based line) and,
 * for a reject, the raw text and the reason. Readers extend it with their format's fields.
 */
public abstract class InputRecord {
  public static final String REJECT = "reject";

  public String kind;
  public String cluster;
  public String file;
  public long line;
  public String raw;
  public String reason;

  /**
   * The reason of the reject that stands for a file that could not be read (opened, or read to its end): every
   * reader words it so (reason_code unreadable_file), with the I/O error.
   */
  public static String unreadable(IOException e) {
    return "cannot read file: " + e.getMessage();
  }

  /** Makes this record the reject of one input record, raw text truncated as the rejects table keeps it. */
  protected final void rejected(String cluster, String file, long line, String raw, String reason) {
    this.kind = REJECT;
    this.cluster = cluster;
    this.file = file;
    this.line = line;
    this.raw = Reject.truncate(raw);
    this.reason = reason;
  }
}
