package org.footprint.source.meter;

import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.footprint.source.InputRecord;

/** One interval of a facility meter export, or a reject. */
final class MeterLine extends InputRecord {
  static final String READING = "reading";

  static final StructType SCHEMA = StructType.fromDDL(String.join(",",
      "kind STRING", "cluster STRING", "file STRING", "line BIGINT", "raw STRING", "reason STRING",
      "meter STRING", "at_utc TIMESTAMP", "kwh DOUBLE"));

  String meter;
  Instant start;
  double kwh;

  static MeterLine reading(String cluster, String file, long line, String meter, Instant start, double kwh) {
    MeterLine m = new MeterLine();
    m.kind = READING;
    m.cluster = cluster;
    m.file = file;
    m.line = line;
    m.meter = meter;
    m.start = start;
    m.kwh = kwh;
    return m;
  }

  static MeterLine reject(String cluster, String file, long line, String raw, String reason) {
    MeterLine r = new MeterLine();
    r.rejected(cluster, file, line, raw, reason);
    return r;
  }

  Row toRow() {
    return RowFactory.create(kind, cluster, file, line, raw, reason, meter,
        start == null ? null : Timestamp.from(start), READING.equals(kind) ? kwh : null);
  }
}
