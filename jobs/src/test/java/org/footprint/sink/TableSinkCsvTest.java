package org.footprint.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSVs as an RFC 4180 reader (Python's csv, a spreadsheet) sees them, formulas neutralised. */
class TableSinkCsvTest extends SparkTestBase {
  @TempDir
  Path dir;

  private List<CSVRecord> writeAndParse(List<Row> rows) throws Exception {
    StructType schema = StructType.fromDDL("name STRING, kg DOUBLE, n BIGINT");
    Dataset<Row> df = spark.createDataFrame(rows, schema);
    new TableSink(dir.toString()).csv(df, "t");
    try (Reader in = Files.newBufferedReader(dir.resolve("csv/t.csv"), StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      assertThat(p.getHeaderNames()).containsExactly("name", "kg", "n");
      return new ArrayList<>(p.getRecords());
    }
  }

  @Test
  void quotesAreDoubledAndEveryFieldStaysInItsColumn() throws Exception {
    List<String> names = Arrays.asList("he said \"hi\"", "a,b", "two\nlines", "C:\\runs\\", "\"", null, "plain");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      rows.add(RowFactory.create(names.get(i), -1.25 * i, (long) i));
    }
    List<CSVRecord> got = writeAndParse(rows);
    assertThat(got).hasSize(names.size()).allSatisfy(r -> assertThat(r.size()).isEqualTo(3));
    for (int i = 0; i < names.size(); i++) {
      CSVRecord r = got.get(i);
      assertThat(r.get("name")).isEqualTo(names.get(i) == null ? "" : names.get(i));
      assertThat(Double.parseDouble(r.get("kg"))).isEqualTo(-1.25 * i);
      assertThat(r.get("n")).isEqualTo(Integer.toString(i));
    }
    String text = Files.readString(dir.resolve("csv/t.csv"));
    assertThat(text).contains("\"he said \"\"hi\"\"\"").doesNotContain("\\\"");
  }

  @Test
  void formulaLeadingTextIsNeutralisedNumbersAreNot() throws Exception {
    List<String> in = List.of("=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tlead tab",
        "-12.5", "+3e8", "-", "a=b", "ann");
    List<String> want = List.of("'=HYPERLINK(\"http://x\")", "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1)",
        "'\tlead tab", "-12.5", "+3e8", "'-", "a=b", "ann");
    List<Row> rows = new ArrayList<>();
    for (String s : in) {
      rows.add(RowFactory.create(s, -3.5, 1L));
    }
    List<CSVRecord> got = writeAndParse(rows);
    assertThat(got).extracting(r -> r.get("name")).containsExactlyElementsOf(want);
    assertThat(got).extracting(r -> r.get("kg")).as("numbers are data, not text").containsOnly("-3.5");
  }
}
