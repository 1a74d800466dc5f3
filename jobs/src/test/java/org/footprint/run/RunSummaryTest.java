package org.footprint.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.footprint.ingest.carbon.IntensityLoader;
import org.footprint.model.Schemas;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

/** run_summary rows from hand-made reader counts. */
class RunSummaryTest extends SparkTestBase {
  private static Dataset<Row> counts(String cluster, Object... categoryAndN) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < categoryAndN.length; i += 2) {
      rows.add(RowFactory.create(cluster, categoryAndN[i], categoryAndN[i + 1]));
    }
    return spark.createDataFrame(rows, org.apache.spark.sql.types.StructType.fromDDL(
        "cluster STRING, category STRING, n BIGINT"));
  }

  private static Map<String, Row> summary(Map<String, Dataset<Row>> counts, Dataset<Row> jobs) {
    IntensityLoader.Loaded intensity = IntensityLoader.load(spark, List.of(), "lifecycle");
    Dataset<Row> outside = spark.createDataFrame(List.of(), Schemas.of("skipped"));
    return RunSummary.build(spark, counts, outside, jobs, intensity).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0) + "/" + r.getString(1), r -> r));
  }

  @Test
  void powerSamplesWhoseBoardIsUnknownAreSkippedAndWarned() {
    // the three InterleavedBoardsEnergyTest logs: 25 lines, 12 samples, 13 skipped of which all 13 warned
    Map<String, Row> s = summary(Map.of(FootprintRun.POWER, counts("c", "files", 3L, "records_read", 25L,
            "merged", 0L, "skipped", 13L, "rejected", 0L, "warned", 13L)),
        spark.createDataFrame(List.of(), Schemas.of("jobs")));
    Row power = s.get("power/c");
    assertThat(power.<Long>getAs("jobs")).isEqualTo(12);
    assertThat(power.<Long>getAs("skipped")).isEqualTo(13);
    assertThat(power.<Long>getAs("warnings")).isEqualTo(13);
  }
}
