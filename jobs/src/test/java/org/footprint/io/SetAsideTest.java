package org.footprint.io;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

/** What parse tasks set aside reaches the driver whole, once per partition, or not at all. */
class SetAsideTest extends SparkTestBase {
  private static final StructType SCHEMA = StructType.fromDDL("kind STRING, input STRING, n INT");

  /** Input "name:rows:every": {@code rows} rows, every {@code every}-th one a reject. */
  private static Dataset<Row> read(SetAside aside, String... inputs) {
    return PerFileRows.read(spark, SCHEMA, List.of(inputs), in -> 1L, inputs.length, in -> {
      String[] p = in.split(":");
      int rows = Integer.parseInt(p[1]);
      int every = Integer.parseInt(p[2]);
      List<Row> out = new ArrayList<>();
      for (int i = 1; i <= rows; i++) {
        out.add(RowFactory.create(i % every == 0 ? "reject" : "record", p[0], i));
      }
      return out.iterator();
    }, (in, e) -> null, aside);
  }

  private static List<String> keys(Dataset<Row> rows) {
    return rows.orderBy("input", "n").collectAsList().stream().map(r -> r.getString(1) + "#" + r.getInt(2)).toList();
  }

  @Test
  void theMarkedRowsOfEveryTaskOnceEvenWhenTheInputsAreParsedTwice() {
    SetAside aside = SetAside.kinds(spark, SCHEMA, "reject");
    Dataset<Row> rows = read(aside, "a:10:4", "b:7:3", "c:5:9");
    assertThat(aside.rows(spark, SCHEMA)).as("nothing parsed yet").isNull();

    assertThat(rows.count()).isEqualTo(22);
    assertThat(rows.count()).as("parsed again: the same rows").isEqualTo(22);
    Dataset<Row> set = aside.rows(spark, SCHEMA);
    assertThat(keys(set)).containsExactly("a#4", "a#8", "b#3", "b#6");
    assertThat(keys(set)).isEqualTo(keys(rows.filter(col("kind").equalTo("reject"))));
  }

  @Test
  void aTaskThatStopsBeforeItsEndLeavesTheCopyIncomplete() {
    SetAside aside = SetAside.kinds(spark, SCHEMA, "reject");
    Dataset<Row> rows = read(aside, "a:10:2");
    assertThat(rows.limit(1).collectAsList()).hasSize(1);
    assertThat(aside.rows(spark, SCHEMA)).isNull();
  }

  @Test
  void aCopyPastItsCapIsNotKeptAndSaysSo() {
    SetAside aside = SetAside.kinds(spark, SCHEMA, "reject");
    Dataset<Row> rows = read(aside, "garbage:" + (SetAside.MAX_ROWS + 1) + ":1", "ok:3:2");
    assertThat(rows.count()).isEqualTo(SetAside.MAX_ROWS + 4L);
    assertThat(aside.rows(spark, SCHEMA)).as("the caller reads its cache instead").isNull();
  }

  @Test
  void twoReadsIntoOneCopyKeepTheirPartitionsApart() {
    SetAside aside = SetAside.kinds(spark, SCHEMA, "reject");
    Dataset<Row> both = read(aside, "a:4:2").unionByName(read(aside, "b:4:4"));
    assertThat(both.count()).isEqualTo(8);
    assertThat(keys(aside.rows(spark, SCHEMA))).containsExactly("a#2", "a#4", "b#4");
  }

  @Test
  void noInputsSetAsideNothing() {
    SetAside aside = SetAside.kinds(spark, SCHEMA, "reject");
    assertThat(read(aside).count()).isZero();
    assertThat(aside.rows(spark, SCHEMA).count()).isZero();
  }
}
