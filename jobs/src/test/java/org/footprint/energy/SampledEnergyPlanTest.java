package org.footprint.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * Scale guard: samples are the largest input, so their join to jobs must be an equi-join on
 * (cluster, match_key, time bucket) — broadcast hash or sort-merge — never a cartesian product or a nested-loop
 * (range) join, whether or not Spark may broadcast the jobs side.
 */
class SampledEnergyPlanTest extends SparkTestBase {
  private static final String BROADCAST = "spark.sql.autoBroadcastJoinThreshold";

  private static Dataset<Row> integrate(double downsampleS) {
    SampleData d = new SampleData()
        .constant("n1", 0, 0, 7200, 60, 300, null, null).constant("n1", 1, 0, 7200, 60, 60, null, null)
        .constant("k1", 0, 0, 7200, 60, 250, "p", "ns")
        .job("a", 100, 5000, 1, null, "n1").job("b", 0, 7200, 1, List.of(1), "n1", "n2")
        .pod("ns/p", "ns", "p", "k1", 0, 3000, 1);
    return SampledEnergy.integrate(d.jobs(spark), d.samples(spark), 120, downsampleS);
  }

  /** The planned physical plan and, when executed, AQE's final one: equi-join only. */
  private static void assertEquiJoinOnly(Dataset<Row> out, String join, boolean execute) {
    List<String> plans = new java.util.ArrayList<>(List.of(out.queryExecution().executedPlan().toString()));
    if (execute) {
      assertThat(out.collectAsList()).hasSize(3);
      plans.add(out.queryExecution().executedPlan().toString()); // AQE's final plan
    }
    for (String plan : plans) {
      assertThat(plan).doesNotContain("CartesianProduct").doesNotContain("BroadcastNestedLoopJoin");
      // the samples ⋈ job keys join, keyed on cluster, match_key and bucket
      assertThat(plan).containsPattern(join + " \\[cluster#\\d+, match_key#\\d+, bucket#\\d+L\\], "
          + "\\[cluster#\\d+, match_key#\\d+, bucket#\\d+L\\], Inner");
    }
  }

  @Test
  void broadcastHashJoinWhenTheJobKeysAreSmall() {
    assertEquiJoinOnly(integrate(0), "BroadcastHashJoin", true);
    assertEquiJoinOnly(integrate(300), "BroadcastHashJoin", false);
  }

  @Test
  void sortMergeJoinWhenBroadcastIsOff() {
    String old = spark.conf().get(BROADCAST);
    spark.conf().set(BROADCAST, "-1");
    try {
      assertEquiJoinOnly(integrate(0), "SortMergeJoin", false);
    } finally {
      spark.conf().set(BROADCAST, old);
    }
  }
}
