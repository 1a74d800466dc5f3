package org.footprint.source.intensity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.MarginalConf;
import org.footprint.source.Source;
import org.footprint.source.SourceResult;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The marginal CSV is read by the intensity source: its bad lines are rejects with file, line and reason code,
 * counted in the intensity row of run_summary, where the quality gate sees them; its values are a table of their own.
 */
class MarginalSourceTest extends SparkTestBase {
  @TempDir
  static Path dir;
  private static SourceResult read;
  private static String file;

  @BeforeAll
  static void run() throws IOException {
    Path csv = dir.resolve("marginal.csv");
    Files.writeString(csv, """
        timestamp,region,marginal_g_per_kwh
        2025-01-01T00:00:00Z,DE,600
        2025-01-01T01:00:00Z,DE,not-a-number
        2025-01-01T02:00:00Z,DE,700
        """);
    file = csv.toString();
    FootprintConf conf = new FootprintConf();
    conf.baseDir = dir.toString();
    conf.carbon.marginal = new MarginalConf();
    conf.carbon.marginal.path = "marginal.csv";
    conf.carbon.marginal.source = "test";
    read = new IntensitySource().read(spark, new Source.Context(conf, null, null), List.of());
  }

  @Test
  void aBadLineIsARejectWithFileAndLine() {
    List<Row> rejects = read.rejects().collectAsList();
    assertThat(rejects).hasSize(1);
    Row r = rejects.get(0);
    assertThat((String) r.getAs("source")).isEqualTo("intensity");
    assertThat((String) r.getAs("file")).endsWith("marginal.csv");
    assertThat((long) r.getAs("line")).isEqualTo(3L);
    assertThat((String) r.getAs("reason")).contains("marginal");
    assertThat((String) r.getAs("reason_code")).isNotEqualTo("other");
  }

  @Test
  void theCountsHaveTheFileItsLinesAndTheReject() {
    Map<String, Long> n = new HashMap<>();
    for (Row c : read.counts().groupBy("category").sum("n").collectAsList()) {
      n.put(c.getString(0), c.getLong(1));
    }
    assertThat(n).containsEntry("files", 1L).containsEntry("records_read", 3L).containsEntry("rejected", 1L);
  }

  @Test
  void theValuesAreTheMarginalTable() {
    assertThat(read.table(SourceResult.INTENSITY_MARGINAL).count()).isEqualTo(2);
    assertThat(read.table(SourceResult.INTENSITY_SLOTS).count()).isZero(); // no average input here
  }
}
