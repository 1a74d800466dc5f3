package org.footprint.sink;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * A CSV of rows already on the driver, written without a Spark job, with the same bytes Spark's CSV writer gives
 * for the same rows under {@link TableSink#csv}'s options (checked by LocalCsvBytesTest): a header line, {@code \n}
 * line ends, doubles rounded ({@link CsvRules}) and printed as Java prints them ({@code 1.0E7}, {@code NaN}),
 * timestamps {@code yyyy-MM-dd'T'HH:mm:ss'Z'} in UTC, null and the empty string as nothing. Spark's writer (univocity)
 * drops the white space (every character up to the space) around a value and quotes it when what follows the
 * leading white space holds a comma, a quote or a line break, doubling the quotes inside (RFC 4180); the first value
 * of a line is quoted when it starts with {@code #} (a comment to a reader); a line with nothing on it (one column,
 * nothing to show) is not written.
 */
final class LocalCsv {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private LocalCsv() {}

  /** Writes {@code rows} to {@code target} (replaced whole: the bytes are written next to it, then renamed). */
  static void write(List<Row> rows, StructType schema, Path target) {
    AtomicFile.write(target, text(rows, schema).getBytes(StandardCharsets.UTF_8));
  }

  static String text(List<Row> rows, StructType schema) {
    StructField[] fields = schema.fields();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      field(out, i, fields[i].name());
    }
    out.append('\n');
    for (Row r : rows) {
      int start = out.length();
      for (int i = 0; i < fields.length; i++) {
        field(out, i, r.isNullAt(i) ? null : cell(r.get(i), fields[i]));
      }
      if (out.length() > start) {
        out.append('\n');
      }
      // else Spark writes no line: a one-column row with nothing to show (null, "", white space) is left out
    }
    return out.toString();
  }

  /** A value as Spark's CSV writer prints it, before trimming and quoting. */
  private static String cell(Object v, StructField f) {
    DataType t = f.dataType();
    if (t instanceof StringType) {
      return CsvRules.neutralised((String) v);
    }
    if (t instanceof DoubleType) {
      return Double.toString(CsvRules.rounded((Double) v));
    }
    if (t instanceof LongType || t instanceof IntegerType || t instanceof ShortType || t instanceof ByteType
        || t instanceof BooleanType) {
      return v.toString();
    }
    if (t instanceof TimestampType) {
      return TIMESTAMP.format(v instanceof Timestamp ts ? ts.toInstant() : (Instant) v);
    }
    if (t instanceof DateType) {
      return DATE.format(v instanceof Date d ? d.toLocalDate() : (LocalDate) v);
    }
    throw new IllegalArgumentException("no driver-side CSV text for column " + f.name() + " of type "
        + t.simpleString() + ": write it with TableSink.csv");
  }

  private static void field(StringBuilder out, int i, String value) {
    if (i > 0) {
      out.append(',');
    }
    if (value == null) {
      return;
    }
    // Spark skips the leading white space, decides on quotes from the rest (trailing white space included: "x\n"
    // is quoted), then writes it without the trailing white space
    int start = 0;
    int end = value.length();
    while (start < end && value.charAt(start) <= ' ') {
      start++;
    }
    boolean quoted = needsQuotes(value, start, i == 0);
    while (end > start && value.charAt(end - 1) <= ' ') {
      end--;
    }
    String v = value.substring(start, end);
    if (quoted) {
      out.append('"').append(v.replace("\"", "\"\"")).append('"');
    } else {
      out.append(v);
    }
  }

  private static boolean needsQuotes(String v, int from, boolean firstOfLine) {
    // a line starting with '#' would read back as a comment: its first value is quoted (univocity's default comment
    // character), when the '#' is the value's very first character (" #x" is written #x, as Spark does)
    if (firstOfLine && !v.isEmpty() && v.charAt(0) == '#') {
      return true;
    }
    for (int i = from; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}
