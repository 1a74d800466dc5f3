package org.footprint.source.power;

import org.footprint.source.InputRecord;
import org.footprint.model.Reject;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * What the power readers make of their input, internal to this package: a sample (one board at one time; a
 * DCGM sample folds the power, energy and utilisation lines of that board and time into one), a reject, a
 * tally of lines skipped by one stated rule (one record per file and reason, so 30 unused DCGM metrics per
 * board do not become 30 rows). Files are counted from the plan, so an empty log still counts as a file.
 *
 * <p>{@code lines} says how many input lines the record stands for, so that per cluster
 * records_read = Σ lines = samples + merged + skipped + rejected.
 */
public final class PowerRecord extends InputRecord {
  public static final String SAMPLE = "sample";
  public static final String SKIPPED = "skipped";
  /**
   * A tally of samples skipped because no column names their board and their position in a sampling round
   * does not tell it either ({@link InterleavedBoards}): counted as skipped, and as warned.
   */
  public static final String BOARD_UNKNOWN = "board_unknown";

  public static final String TS_LOG = "log";
  public static final String TS_SAMPLE = "sample";
  public static final String TS_SCRAPE = "scrape_time";
  public static final String TS_MTIME = "file_mtime";

  public static final StructType SCHEMA = StructType.fromDDL(String.join(",",
      "kind STRING", "cluster STRING", "source STRING", "node STRING", "gpu_index INT", "gpu_uuid STRING",
      "gpu_board STRING", "gpu_model STRING", "ts_utc TIMESTAMP", "ts_source STRING", "power_w DOUBLE", "energy_mj DOUBLE",
      "util DOUBLE", "pod STRING", "namespace STRING", "file STRING", "line BIGINT", "lines BIGINT",
      "raw STRING", "reason STRING"));

  public String source;
  public String node;
  public Integer gpuIndex;
  public String gpuUuid;
  public String gpuBoard;
  public String gpuModel;
  public Instant ts;
  public String tsSource;
  public Double powerW;
  public Double energyMj;
  public Double util;
  public String pod;
  public String namespace;
  public long lines = 1;

  // Not in the row: what InterleavedBoards needs while it holds a line of a log that does not name its boards.
  /** No column names this line's board: its position in its sampling round has to. */
  boolean boardFromPosition;
  /** Which header (restart of the tool) the line was read under: a round never spans two. */
  int section;
  /** The line as read, kept only while the record waits for its round: the example of a skip. */
  String text;

  static PowerRecord sample(String cluster, String source, String file, long line) {
    return of(SAMPLE, cluster, source, file, line);
  }

  static PowerRecord reject(String cluster, String source, String file, long line, String raw, String reason) {
    PowerRecord r = of(REJECT, cluster, source, file, line);
    r.raw = Reject.truncate(raw);
    r.reason = reason;
    return r;
  }

  static PowerRecord skipped(String cluster, String source, String file, long firstLine, long n, String example,
      String reason) {
    PowerRecord r = reject(cluster, source, file, firstLine, example, reason);
    r.kind = SKIPPED;
    r.lines = n;
    return r;
  }

  private static PowerRecord of(String kind, String cluster, String source, String file, long line) {
    PowerRecord r = new PowerRecord();
    r.kind = kind;
    r.cluster = cluster;
    r.source = source;
    r.file = file;
    r.line = line;
    return r;
  }

  public Row toRow() {
    return RowFactory.create(kind, cluster, source, node, gpuIndex, gpuUuid, gpuBoard, gpuModel,
        ts == null ? null : Timestamp.from(ts), tsSource, powerW, energyMj, util, pod, namespace, file, line, lines,
        raw, reason);
  }

  static {
    // keep the field list and SCHEMA in step: a mismatch would corrupt every row silently
    if (SCHEMA.fields().length != 20) {
      throw new IllegalStateException("PowerRecord.SCHEMA out of step with toRow()");
    }
  }
}
