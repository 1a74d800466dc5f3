package org.footprint.testing;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.footprint.testing.Frames.row;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.joins.BroadcastHashJoinExec;
import org.junit.jupiter.api.Test;

/** The helpers the plan-shape and row tests rely on find what they are meant to find. */
class FramesTest extends SparkTestBase {
  private static Dataset<Row> left() {
    return Frames.of(spark, "k STRING, x INT", row("a", 1), row("b", 2), row("b", 3));
  }

  private static Dataset<Row> right() {
    return Frames.of(spark, "k2 STRING, y INT", row("a", 10), row("b", 20));
  }

  @Test
  void pairwiseJoinsAreFoundInTheExecutedPlan() {
    List<SparkPlan> cross = Frames.executedOperators(left().crossJoin(right()));
    assertThat(Frames.pairwiseJoins(cross)).hasSize(1);
    List<SparkPlan> range = Frames.executedOperators(left().join(right(), col("x").lt(col("y"))));
    assertThat(Frames.pairwiseJoins(range)).hasSize(1);
    List<SparkPlan> equi = Frames.executedOperators(left().join(right(), col("k").equalTo(col("k2"))));
    assertThat(Frames.pairwiseJoins(equi)).isEmpty();
    assertThat(Frames.find(equi, BroadcastHashJoinExec.class)).singleElement()
        .satisfies(j -> assertThat(Frames.keyNames(j, true)).containsExactly("k"));
  }

  @Test
  void aCachedDatasetsPlanIsReadThroughTheCache() {
    Dataset<Row> joined = left().join(right(), col("k").equalTo(col("k2"))).persist();
    try {
      joined.count();
      assertThat(Frames.equiJoins(Frames.operators(joined))).isNotEmpty();
    } finally {
      joined.unpersist();
    }
  }

  @Test
  void rowsAndCountsByKey() {
    assertThat(Frames.countBy(left(), "k")).containsOnly(Map.entry("a", 1L), Map.entry("b", 2L));
    assertThat(Frames.<Integer>values(right(), "k2", "y")).containsOnly(Map.entry("a", 10),
        Map.entry("b", 20));
    assertThat(Frames.firstByKey(left(), "k")).containsOnlyKeys("a", "b");
    assertThatThrownBy(() -> Frames.byKey(left(), "k")).hasMessageContaining("b is not unique");
    assertThatThrownBy(() -> Frames.values(left(), "k", "x")).hasMessageContaining("b is not unique");
  }
}
