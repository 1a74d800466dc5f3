package org.footprint.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.footprint.testing.Frames.row;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

/** A100 costs 1-3 USD per GPU-hour; any other board the default 0.5-1.5. */
class CostModelTest extends SparkTestBase {
  @Test
  void gpuHoursTimesTheModelsPriceElseTheDefault() {
    Site site = Site.builder().price("A100", 1.0, 3.0).defaultPrice(0.5, 1.5).build();
    Map<String, Row> jobs = Frames.byKey(CostModel.apply(Frames.of(spark,
        "job_key STRING, gpu_model STRING, gpu_hours DOUBLE",
        row("a100", "A100", 4.0),
        row("other", "V100", 2.0),
        row("cpu", null, 0.0)), site), "job_key");
    assertThat((double) jobs.get("a100").getAs("cost_low_usd")).isEqualTo(4.0); // 4 h × 1
    assertThat((double) jobs.get("a100").getAs("cost_high_usd")).isEqualTo(12.0); // 4 h × 3
    assertThat((double) jobs.get("other").getAs("cost_low_usd")).isEqualTo(1.0); // 2 h × 0.5
    assertThat((double) jobs.get("other").getAs("cost_high_usd")).isEqualTo(3.0); // 2 h × 1.5
    assertThat((double) jobs.get("cpu").getAs("cost_high_usd")).isEqualTo(0.0);
  }
}
