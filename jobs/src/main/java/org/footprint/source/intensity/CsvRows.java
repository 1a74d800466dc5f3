package org.footprint.source.intensity;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.footprint.model.Reject;

/**
 * CSV records with the 1-based physical line each starts on (Commons CSV only counts records, and a
 * quoted field may span lines). BOM stripped, CRLF or LF. Empty lines are returned, not skipped by the
 * parser, so that the line arithmetic stays exact; callers skip them with {@link Row#isBlank()}.
 */
final class CsvRows {

  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();

  private final String file;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;

  CsvRows(String file, Reader in) throws IOException {
    this.file = file;
    // The caller owns the reader; the parser holds nothing else, so it is never closed here.
    this.parser = CSVParser.parse(Bom.skip(in), FORMAT);
    this.records = parser.iterator();
  }

  /** The next record, or null at the end of the file. */
  Row next() {
    // Lines completed before this record: read before hasNext(), which parses the record.
    long line = parser.getCurrentLineNumber() + 1;
    try {
      return records.hasNext() ? new Row(records.next(), line) : null;
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new IntensityFormatException(file + ": unreadable CSV from line " + line + ": " + e.getMessage(), e);
    }
  }

  /** One record and where it starts. */
  record Row(CSVRecord record, long line) {

    /** The field at {@code index}, or null when the row is shorter (or the column absent, index -1). */
    String get(int index) {
      return index >= 0 && index < record.size() ? record.get(index) : null;
    }

    boolean isBlank() {
      return record.stream().allMatch(String::isBlank);
    }

    Reject reject(String file, String reason) {
      return new Reject(IntensityFormat.REJECT_SOURCE, null, file, line, FORMAT.format((Object[]) record.values()), reason);
    }
  }
}
