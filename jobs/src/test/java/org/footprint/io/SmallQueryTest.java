package org.footprint.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.footprint.pipeline.SparkJobCounter;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

/** A small sorted aggregate (and a join of two) in one Spark job, same rows as the adaptive plan, settings restored. */
class SmallQueryTest extends SparkTestBase {

  private static Dataset<Row> jobs() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      rows.add(RowFactory.create("u" + (i % 17), "p" + (i % 5), 0.1 * i + 1e-9 * i * i));
    }
    StructType schema = new StructType().add("user", DataTypes.StringType).add("project", DataTypes.StringType)
        .add("co2e_kg", DataTypes.DoubleType);
    // several input partitions, as a cached table has: partial sums per partition, merged in the shuffle
    return spark.createDataFrame(rows, schema).repartition(6).cache();
  }

  @Test
  void aSortedAggregateIsOneJobWithTheSameRows() {
    Dataset<Row> jobs = jobs();
    jobs.count();
    Dataset<Row> byUser = jobs.groupBy("user").agg(sum("co2e_kg").as("co2e_kg"))
        .orderBy(col("co2e_kg").desc(), col("user"));
    Dataset<Row> share = byUser.join(jobs.groupBy("user").agg(sum("co2e_kg").as("total")), "user")
        .withColumn("share", col("co2e_kg").divide(col("total"))).orderBy("user");
    List<Row> adaptive = byUser.collectAsList();
    List<Row> adaptiveJoin = share.collectAsList();
    String partitions = spark.conf().get("spark.sql.shuffle.partitions");

    List<Row> small;
    List<Row> smallJoin;
    int jobsRun;
    try (SparkJobCounter counter = SparkJobCounter.attach(spark)) {
      small = SmallQuery.collect(byUser);
      smallJoin = SmallQuery.collect(share);
      jobsRun = counter.settle().jobs();
    }

    assertThat(small).containsExactlyElementsOf(adaptive);
    assertThat(smallJoin).containsExactlyElementsOf(adaptiveJoin);
    assertThat(jobsRun).isEqualTo(2);
    assertThat(spark.conf().get("spark.sql.adaptive.enabled")).isEqualTo("true");
    assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo(partitions);
    jobs.unpersist();
  }
}
