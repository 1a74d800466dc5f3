package org.footprint.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

/** The reject codes the quality gate and the console name: the top three per source and cluster, most frequent first. */
class QualityFactsTest extends SparkTestBase {
  private static final StructType REJECTS = StructType.fromDDL(
      "source STRING, cluster STRING, file STRING, line BIGINT, reason STRING, reason_code STRING");

  private static void add(List<Row> rows, String source, String cluster, String code, int n) {
    for (int i = n; i >= 1; i--) {
      rows.add(RowFactory.create(source, cluster, "/logs/" + code + ".txt", (long) i, "why " + i, code));
    }
  }

  @Test
  void topThreeCodesPerSourceAndClusterMostFrequentFirst() {
    List<Row> rows = new ArrayList<>();
    add(rows, "slurm", "alpine", "field_count", 5);
    add(rows, "slurm", "alpine", "bad_time", 2);
    add(rows, "slurm", "alpine", "bad_number", 2); // ties go to the code's name
    add(rows, "slurm", "alpine", "missing_value", 1); // a fourth code: not named
    add(rows, "slurm", "bayou", "field_count", 2);
    add(rows, "nvidia-smi", "alpine", "bad_number", 3); // both power formats are one source, "power"
    add(rows, "dcgm", "alpine", "bad_number", 1);
    add(rows, "intensity", null, "bad_time", 2);
    List<QualityGate.ReasonCount> top = QualityFacts.topReasons(spark.createDataFrame(rows, REJECTS));
    assertThat(top).extracting(r -> r.source() + "/" + r.cluster() + " " + r.code() + " " + r.count())
        .containsExactly("slurm/alpine field_count 5", "power/alpine bad_number 4", "intensity/null bad_time 2",
            "slurm/alpine bad_number 2", "slurm/alpine bad_time 2", "slurm/bayou field_count 2");
    // each with its first file and line
    assertThat(top.get(0).exampleFile()).isEqualTo("/logs/field_count.txt");
    assertThat(top.get(0).exampleLine()).isEqualTo(1L);
    assertThat(top.get(0).exampleReason()).isEqualTo("why 1");
  }

  @Test
  void thePowerFormatsShareTheirFirstExampleTheLeastFileThenLine() {
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("nvidia-smi", "alpine", "/logs/b-smi.csv", 7L, "smi 7", "bad_number"));
    rows.add(RowFactory.create("nvidia-smi", "alpine", "/logs/b-smi.csv", 3L, "smi 3", "bad_number"));
    rows.add(RowFactory.create("dcgm", "alpine", "/logs/a-dcgm.txt", 9L, "dcgm 9", "bad_number"));
    rows.add(RowFactory.create("dcgm", "alpine", "/logs/a-dcgm.txt", 12L, "dcgm 12", "bad_number"));
    rows.add(RowFactory.create("dcgm", "bayou", "/logs/0-dcgm.txt", 1L, "other cluster", "bad_number"));
    List<QualityGate.ReasonCount> top = QualityFacts.topReasons(spark.createDataFrame(rows, REJECTS));
    assertThat(top).extracting(r -> r.source() + "/" + r.cluster() + " " + r.code() + " " + r.count() + " "
            + r.exampleFile() + ":" + r.exampleLine() + " " + r.exampleReason())
        .containsExactly("power/alpine bad_number 4 /logs/a-dcgm.txt:9 dcgm 9",
            "power/bayou bad_number 1 /logs/0-dcgm.txt:1 other cluster");
  }
}
