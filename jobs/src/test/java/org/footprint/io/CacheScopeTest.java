package org.footprint.io;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.LogicalRDD;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

// the checkpoint directory cannot be unset: the test that sets it runs last
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CacheScopeTest extends SparkTestBase {
  /** A few thousand rows through a shuffle and a self-join: a plan of a dozen nodes. */
  private static Dataset<Row> joined() {
    Dataset<Row> n = spark.range(0, 3000).toDF("id").withColumn("k", col("id").mod(7));
    Dataset<Row> perKey = n.groupBy("k").count();
    return n.join(perKey, "k").withColumn("share", col("count").divide(3000.0));
  }

  private static int nodes(Dataset<Row> d) {
    return d.queryExecution().analyzed().collectLeaves().size()
        + d.queryExecution().analyzed().collectWithSubqueries(new scala.PartialFunction<LogicalPlan, Integer>() {
          @Override
          public boolean isDefinedAt(LogicalPlan p) {
            return !p.children().isEmpty();
          }

          @Override
          public Integer apply(LogicalPlan p) {
            return 1;
          }
        }).size();
  }

  @Test
  @Order(1)
  void aCutHasTheSameRowsBehindAOneNodePlanAndIsReleasedWithTheScope() {
    Dataset<Row> d = joined();
    int persistedBefore = spark.sparkContext().getPersistentRDDs().size();
    List<Row> expected = d.orderBy("id").collectAsList();
    try (CacheScope scope = new CacheScope()) {
      Dataset<Row> cut = scope.cut(d);

      assertThat(nodes(d)).isGreaterThan(5);
      assertThat(cut.queryExecution().analyzed()).isInstanceOf(LogicalRDD.class);
      assertThat(nodes(cut.withColumn("twice", col("share").multiply(2)))).isEqualTo(2);
      assertThat(cut.orderBy("id").collectAsList()).isEqualTo(expected);
      assertThat(cut.schema()).isEqualTo(d.schema());
      assertThat(scope.size()).isEqualTo(1);
      assertThat(spark.sparkContext().getPersistentRDDs().size()).isEqualTo(persistedBefore + 1);
    }
    assertThat(spark.sparkContext().getPersistentRDDs().size()).isEqualTo(persistedBefore);
  }

  @Test
  @Order(2)
  void withACheckpointDirectoryTheCutIsWrittenThere(@TempDir Path dir) throws IOException {
    Dataset<Row> d = joined();
    List<Row> expected = d.orderBy("id").collectAsList();
    spark.sparkContext().setCheckpointDir(dir.toString());
    try (CacheScope scope = new CacheScope()) {
      Dataset<Row> cut = scope.cut(d);
      // written when cut (eager), before any action: a lazy one would compute the rows twice
      assertThat(partFiles(dir)).isPositive();
      assertThat(cut.orderBy("id").collectAsList()).isEqualTo(expected);
    }
    // released with the scope: nightly runs do not pile up their tables in the checkpoint directory
    assertThat(partFiles(dir)).isZero();
  }

  private static long partFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("part-")).count();
    }
  }
}
