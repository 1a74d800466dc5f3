package org.footprint.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Rows kept column by column come back as they went in: each kept value, its nulls, its types. */
class CompactRowsTest {
  private static final StructType SOURCE = StructType.fromDDL(
      "id STRING, kind STRING, jobs BIGINT, runs INT, kwh DOUBLE, first TIMESTAMP, dropped DOUBLE");

  private static Row row(Object... cells) {
    return new GenericRowWithSchema(cells, SOURCE);
  }

  @Test
  void keptColumnsRoundTripWithNulls() {
    CompactRows rows = new CompactRows(SOURCE, List.of("kwh", "id", "jobs", "runs", "first", "kind"));
    int[] at = rows.positions(SOURCE, List.of("kwh", "id", "jobs", "runs", "first", "kind"));
    Timestamp t = Timestamp.valueOf("2026-03-02 08:00:00.123456");
    List<Row> in = new ArrayList<>();
    for (int i = 0; i < 1000; i++) { // past every column's first growth
      in.add(row("s" + i, i % 2 == 0 ? "hpo" : null, (long) i, i % 3 == 0 ? null : i, i % 5 == 0 ? null : i * 0.1,
          i == 7 ? t : null, 99.0));
    }
    in.forEach(r -> rows.add(r, at));
    assertThat(rows).hasSize(1000);
    assertThat(rows.schema().fieldNames()).containsExactly("kwh", "id", "jobs", "runs", "first", "kind");
    for (int i = 0; i < 1000; i++) {
      Row r = rows.get(i);
      Row src = in.get(i);
      assertThat(r.<String>getAs("id")).isEqualTo(src.<String>getAs("id"));
      assertThat(r.<String>getAs("kind")).isEqualTo(src.<String>getAs("kind"));
      assertThat(r.<Long>getAs("jobs")).isEqualTo(src.<Long>getAs("jobs"));
      assertThat(r.<Integer>getAs("runs")).isEqualTo(src.<Integer>getAs("runs"));
      assertThat(r.<Double>getAs("kwh")).isEqualTo(src.<Double>getAs("kwh"));
      assertThat(r.<Timestamp>getAs("first")).isEqualTo(src.<Timestamp>getAs("first"));
    }
    assertThat(rows.get(7).<Timestamp>getAs("first").getNanos()).isEqualTo(123456000);
    assertThat(rows.value(4, 1)).isEqualTo("s4");
    // repeated text is held once
    assertThat(rows.get(0).<String>getAs("kind")).isSameAs(rows.get(2).getAs("kind"));
    assertThatThrownBy(() -> rows.get(1000)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void aRowFilledInTwoPartsInEitherOrder() {
    CompactRows rows = new CompactRows(SOURCE, List.of("id", "jobs", "runs", "kwh"));
    int[] sums = rows.positions(SOURCE, List.of("id", "jobs", "kwh"));
    int[] counts = rows.positions(SOURCE, List.of("runs"));
    assertThat(sums).containsExactly(0, 2, -1, 4);
    assertThat(counts).containsExactly(-1, -1, 3, -1);
    // sums first, then the count
    int a = rows.add(row("a", null, 3L, null, 1.5, null, null), sums);
    rows.fill(a, row(null, null, null, 7, null, null, null), counts);
    // the count first, then the sums
    int b = rows.add(row(null, null, null, 2, null, null, null), counts);
    rows.fill(b, row("b", null, 4L, null, null, null, null), sums);
    // a part never completed reads as null, not as a missing cell
    int c = rows.add(row(null, null, null, 5, null, null, null), counts);
    assertThat(rows.get(c).toSeq().mkString("|")).isEqualTo("null|null|5|null");
    assertThat(rows).hasSize(3);
    assertThat(List.of(rows.get(a).toSeq().mkString("|"), rows.get(b).toSeq().mkString("|")))
        .containsExactly("a|3|7|1.5", "b|4|2|null");
  }
}
