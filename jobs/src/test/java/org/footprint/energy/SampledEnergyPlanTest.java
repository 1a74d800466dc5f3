package org.footprint.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.joins.BaseJoinExec;
import org.apache.spark.sql.execution.joins.BroadcastHashJoinExec;
import org.apache.spark.sql.execution.joins.SortMergeJoinExec;
import org.apache.spark.sql.types.DataTypes;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

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
        .job("a", 100, 5000, 1, "n1").job("b", 0, 7200, 1, "n1", "n2")
        .pod("ns/p", "ns", "p", "k1", 0, 3000, 1);
    return SampledEnergy.integrate(d.jobs(spark), d.samples(spark), 120, downsampleS);
  }

  /** The planned physical plan and, when executed, AQE's final one: equi-join only. */
  private static void assertEquiJoinOnly(Dataset<Row> out, Class<? extends BaseJoinExec> join, boolean execute) {
    List<List<SparkPlan>> plans = new ArrayList<>(List.of(Frames.operators(out)));
    if (execute) {
      assertThat(out.collectAsList()).hasSize(3);
      plans.add(Frames.operators(out)); // AQE's final plan
    }
    for (List<SparkPlan> plan : plans) {
      assertThat(Frames.pairwiseJoins(plan)).isEmpty();
      // the samples ⋈ job keys join, keyed on cluster, match_key and bucket (a long)
      assertThat(Frames.find(plan, join)).anySatisfy(j -> {
        assertThat(Frames.keyNames(j, true)).containsExactly("cluster", "match_key", "bucket");
        assertThat(Frames.keyNames(j, false)).containsExactly("cluster", "match_key", "bucket");
        assertThat(CollectionConverters.asJava(j.leftKeys()).get(2).dataType()).isEqualTo(DataTypes.LongType);
        assertThat(j.joinType().toString()).isEqualTo("Inner");
      });
    }
  }

  @Test
  void broadcastHashJoinWhenTheJobKeysAreSmall() {
    assertEquiJoinOnly(integrate(0), BroadcastHashJoinExec.class, true);
    assertEquiJoinOnly(integrate(300), BroadcastHashJoinExec.class, false);
  }

  @Test
  void sortMergeJoinWhenBroadcastIsOff() {
    String old = spark.conf().get(BROADCAST);
    spark.conf().set(BROADCAST, "-1");
    try {
      assertEquiJoinOnly(integrate(0), SortMergeJoinExec.class, false);
    } finally {
      spark.conf().set(BROADCAST, old);
    }
  }
}
