package org.footprint.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.footprint.testing.Frames.row;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules nas (comment "nas:KEY", the key naming the sweep) and tune (name "tune-*", one sweep), then Slurm arrays;
 * a sweep the source names comes first.
 */
class SweepClassifierTest extends SparkTestBase {
  private static final String JOBS = "job_key STRING, cluster STRING, name STRING, comment STRING, wckey STRING,"
      + " array_parent STRING, sweep_id STRING, sweep_kind STRING";
  private static Dataset<Row> in;
  private static Map<String, Row> jobs;

  @BeforeAll
  static void classify() {
    in = Frames.of(spark, JOBS,
        row("nas", "c", "train", "nas:evo-cell-v2 run 3", null, null, null, null),
        row("tune", "c", "tune-lr", null, null, null, null, null),
        row("rule-over-array", "c", "tune-wd", null, null, "77", null, null),
        row("array", "c", "train", null, null, "1234", null, null),
        row("single", "c", "train", "baseline", null, null, null, null),
        row("katib", "k", "trial-1", "nas:x", null, null, "exp-1", null),
        row("katib-nas", "k", "trial-2", null, null, null, "exp-2", "nas"));
    Site site = Site.builder()
        .sweepRule("nas", "comment", "nas:(\\S+)", "nas")
        .sweepRule("tune", "name", "^tune-", "hpo")
        .arrayKind("hpo")
        .build();
    jobs = Frames.byKey(SweepClassifier.apply(in, site.sweeps()), "job_key");
  }

  @Test
  void rulesNameTheSweepByTheirGroupOrTheirName() {
    expect("nas", "nas:evo-cell-v2", "nas");
    expect("tune", "tune", "hpo");
    expect("rule-over-array", "tune", "hpo");
  }

  @Test
  void anArrayIsASweepOfItsKindAndTheRestSingleRuns() {
    expect("array", "c/1234", "hpo");
    expect("single", null, "single");
  }

  @Test
  void theSourcesSweepWins() {
    expect("katib", "exp-1", "hpo");
    expect("katib-nas", "exp-2", "nas");
  }

  @Test
  void arraysCountAsSingleRunsWhenTheirKindIsSingle() {
    Site noArrays = Site.builder().arrayKind("single").build();
    Map<String, Row> out = Frames.byKey(SweepClassifier.apply(in, noArrays.sweeps()), "job_key");
    assertThat(out.get("array").<String>getAs("sweep_id")).isNull();
    assertThat(out.get("array").<String>getAs("sweep_kind")).isEqualTo("single");
    assertThat(out.get("nas").<String>getAs("sweep_kind")).isEqualTo("single"); // no rules
  }

  private static void expect(String key, String id, String kind) {
    assertThat(jobs.get(key).<String>getAs("sweep_id")).as(key).isEqualTo(id);
    assertThat(jobs.get(key).<String>getAs("sweep_kind")).as(key).isEqualTo(kind);
  }
}
