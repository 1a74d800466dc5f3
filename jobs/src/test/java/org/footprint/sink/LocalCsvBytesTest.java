package org.footprint.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's CSV writer ({@link LocalCsv}, used for rows already on the driver) against Spark's ({@link
 * TableSink#csv(org.apache.spark.sql.Dataset, String)}): the same rows give the same bytes, tricky ones included.
 */
class LocalCsvBytesTest extends SparkTestBase {
  @TempDir
  Path dir;

  private static final StructType SCHEMA = StructType.fromDDL(
      "name STRING, kg DOUBLE, n BIGINT, i INT, ok BOOLEAN, at TIMESTAMP, day DATE, note STRING");

  private static final List<String> TEXTS = Arrays.asList(
      "plain", "", " ", "   ", "  padded  ", "\tlead tab", "trail tab\t", "a,b", " a,b ", "he said \"hi\"", "\"",
      "\"\"", "two\nlines", "cr\rhere", "crlf\r\nend", "trailing newline\n", "\nleading newline", "\rleading cr",
      "=1+2", "=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "-12.5", "+3e8", "-", "+",
      "-12\n", "-1e", ".5", "-.5e-3", "#comment", "a#b", " #lead", "\t#tab", "!bang", "'quoted'", "a\"b", "x  y",
      "C:\\runs\\", " \"q\" ",
      "null", "NULL", "\u00a0nbsp\u00a0", "\u0000nul", "\u0001ctrl\u0007", "unicode: Zürich – 東京 😀 é",
      "\u200bzero width", "line\u2028sep", "nel\u0085x", "\u3000ideographic space\u3000", "a;b|c", "tab\tinside",
      ",", "\n", "\r\n", " , ", "ends with quote\"", null,
      "x".repeat(5000) + ",\"" + "y".repeat(70_000));

  private static final List<Double> DOUBLES = Arrays.asList(
      0.0, -0.0, 1.0, -1.25, 1.0E7, 12345678.9, 1.0E-4, 0.001, 1.0E-7, -1.0E-7, 5.0E-7, 4.999999E-7, -5.0E-7,
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.675, 1.0000005, 1.00000049999,
      0.1 + 0.2, 123456789.123456789, 9.9999995, 1.0E20, 1.234567891234E15, Double.MAX_VALUE, Double.MIN_VALUE,
      -123.4567895, 3.0E-6, 1.5E-6, 0.0000015, 999999.9999995, 1.0E-3, 7.0E-3, null);

  private static final List<Long> LONGS = Arrays.asList(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, null);
  private static final List<Integer> INTS = Arrays.asList(0, 42, -7, Integer.MAX_VALUE, Integer.MIN_VALUE, null);
  private static final List<Boolean> BOOLS = Arrays.asList(true, false, null);
  private static final List<Object> TIMES = Arrays.asList(Instant.parse("2026-03-29T01:30:00Z"),
      Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
      Instant.parse("2024-02-29T12:34:56.789Z"), Timestamp.from(Instant.parse("2025-10-26T02:15:00Z")),
      Instant.parse("9999-12-31T23:59:59Z"), Instant.parse("0001-01-01T00:00:00Z"), null);
  private static final List<Object> DAYS = Arrays.asList(LocalDate.of(2026, 3, 29), LocalDate.of(1970, 1, 1),
      Date.valueOf("2024-02-29"), LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31), null);

  private static <T> T at(List<T> values, int i) {
    return values.get(i % values.size());
  }

  private static List<Row> trickyRows() {
    List<Row> rows = new ArrayList<>();
    int n = Math.max(TEXTS.size(), DOUBLES.size());
    for (int i = 0; i < n; i++) {
      rows.add(RowFactory.create(at(TEXTS, i), at(DOUBLES, i), at(LONGS, i), at(INTS, i), at(BOOLS, i),
          at(TIMES, i), at(DAYS, i), at(TEXTS, i + 7)));
    }
    rows.add(RowFactory.create(null, null, null, null, null, null, null, null));
    rows.add(RowFactory.create("", null, null, null, null, null, null, ""));
    return rows;
  }

  private byte[] bySpark(List<Row> rows, StructType schema) throws Exception {
    new TableSink(dir.resolve("spark").toString()).csv(spark.createDataFrame(rows, schema), "t");
    return Files.readAllBytes(dir.resolve("spark/csv/t.csv"));
  }

  private byte[] byDriver(List<Row> rows, StructType schema) throws Exception {
    new TableSink(dir.resolve("driver").toString()).csv(rows, schema, "t");
    return Files.readAllBytes(dir.resolve("driver/csv/t.csv"));
  }

  /** "" when the bytes are equal, else where they first differ, both sides shown with escapes (readable). */
  private static String firstDifference(byte[] driver, byte[] spark) {
    int i = 0;
    while (i < driver.length && i < spark.length && driver[i] == spark[i]) {
      i++;
    }
    if (i == driver.length && i == spark.length) {
      return "";
    }
    return "byte " + i + " of " + driver.length + " (driver) / " + spark.length + " (Spark):\n driver: "
        + around(driver, i) + "\n  spark: " + around(spark, i);
  }

  private static String around(byte[] b, int i) {
    String text = new String(b, Math.max(0, i - 60), Math.min(b.length, i + 40) - Math.max(0, i - 60),
        StandardCharsets.UTF_8);
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        .replace("\u0000", "\\0");
  }

  @Test
  void trickyRowsGiveSparksBytes() throws Exception {
    List<Row> rows = trickyRows();
    byte[] spark = bySpark(rows, SCHEMA);
    byte[] driver = byDriver(rows, SCHEMA);
    assertThat(firstDifference(driver, spark)).isEmpty();
    // the comparison saw the rows: a header and one line per row at least
    assertThat(new String(spark, StandardCharsets.UTF_8)).startsWith("name,kg,n,i,ok,at,day,note\n")
        .contains("1.0E7").contains("'=1+2");
  }

  @Test
  void oneColumnOfNullsAndEmptiesGivesSparksBytes() throws Exception {
    StructType one = StructType.fromDDL("name STRING");
    List<Row> rows = Arrays.asList(RowFactory.create((Object) null), RowFactory.create(""),
        RowFactory.create("a"), RowFactory.create(" "), RowFactory.create((Object) null));
    assertThat(firstDifference(byDriver(rows, one), bySpark(rows, one))).isEmpty();
  }

  @Test
  void noRowsGiveSparksBytes() throws Exception {
    assertThat(firstDifference(byDriver(List.of(), SCHEMA), bySpark(List.of(), SCHEMA))).isEmpty();
  }

  @Test
  void smallTableWritesTheDriversCsvAndLeavesNoSideFiles() throws Exception {
    List<Row> rows = trickyRows();
    TableSink sink = new TableSink(dir.resolve("small").toString());
    sink.smallTable(spark, "t", rows, SCHEMA);
    assertThat(firstDifference(Files.readAllBytes(dir.resolve("small/csv/t.csv")), bySpark(rows, SCHEMA))).isEmpty();
    try (var files = Files.list(dir.resolve("small/csv"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("t.csv");
    }
  }
}
