package org.footprint.source.meter;

import java.io.BufferedReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.footprint.io.LineRecordIterator;

/**
 * A facility meter export: a CSV with a header naming {@code timestamp} (start of the interval) or
 * {@code interval_end} (its end), {@code kwh} (energy of the interval) and optionally {@code cluster} or
 * {@code site} (the meter's label, kept). Times carry their UTC offset ({@code 2026-11-02T00:15:00Z},
 * {@code 2026-11-02 01:15:00+01:00}): a meter's local time without offset is ambiguous at DST changes and is
 * rejected. An interval is counted on the day its start falls in.
 */
final class MeterCsvReader extends LineRecordIterator<MeterLine> {
  private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]XXX");

  private final String cluster;
  private List<String> header;
  private int timeCol;
  private boolean timeIsEnd;
  private int kwhCol;
  private int labelCol;

  MeterCsvReader(String cluster, String file, BufferedReader in) {
    super(file, in);
    this.cluster = cluster;
  }

  @Override
  protected MeterLine onLine(String line, long lineNo) {
    if (line.isBlank()) {
      return null;
    }
    List<String> fields = List.of(line.split(",", -1)).stream().map(String::trim).toList();
    if (header == null) {
      List<String> names = fields.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
      int start = names.indexOf("timestamp");
      int end = names.indexOf("interval_end");
      kwhCol = names.indexOf("kwh");
      if ((start < 0 && end < 0) || kwhCol < 0) {
        return reject(line, lineNo, "no header line with timestamp (or interval_end) and kwh columns");
      }
      header = names;
      timeIsEnd = start < 0;
      timeCol = timeIsEnd ? end : start;
      labelCol = names.contains("cluster") ? names.indexOf("cluster") : names.indexOf("site");
      return null;
    }
    if (fields.size() != header.size()) {
      return reject(line, lineNo, fields.size() + " fields where the header has " + header.size());
    }
    Instant t;
    try {
      t = time(fields.get(timeCol));
    } catch (DateTimeParseException e) {
      return reject(line, lineNo, "bad time '" + fields.get(timeCol)
          + "': expected an ISO-8601 date-time with its UTC offset (2026-11-02T00:15:00Z)");
    }
    double kwh;
    try {
      kwh = Double.parseDouble(fields.get(kwhCol));
    } catch (NumberFormatException e) {
      return reject(line, lineNo, "kwh '" + fields.get(kwhCol) + "' is not a non-negative number");
    }
    if (!Double.isFinite(kwh) || kwh < 0) {
      return reject(line, lineNo, "kwh '" + fields.get(kwhCol) + "' is not a non-negative number");
    }
    if (timeIsEnd) {
      t = t.minusSeconds(1); // the interval ending at midnight belongs to the day before
    }
    return MeterLine.reading(cluster, file(), lineNo, labelCol >= 0 ? fields.get(labelCol) : null, t, kwh);
  }

  private static Instant time(String s) {
    if (s.contains("T")) {
      return OffsetDateTime.parse(s).toInstant();
    }
    return OffsetDateTime.parse(s, SPACED).toInstant();
  }

  private MeterLine reject(String line, long lineNo, String reason) {
    return MeterLine.reject(cluster, file(), lineNo, line, reason);
  }
}
