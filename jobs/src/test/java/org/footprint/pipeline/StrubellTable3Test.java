package org.footprint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;

/**
 * Strubell et al. 2019, Table 3, through the real pipeline (fixtures/strubell.yaml): energy
 * p_t = 1.58 · t · P / 1000 and CO2e = 0.954 lbs/kWh (432.73 g/kWh).
 */
class StrubellTable3Test extends SparkTestBase {
  private static final double LBS_PER_KG = 2.20462262;

  @Test
  void transformerBigAndElmoMatchThePaperWithinHalfAPercent() {
    FootprintConf conf = ConfLoader.load(TestPaths.fixture("strubell.yaml").toString(), Map.of());
    Map<String, Row> jobs = Frames.byKey(new FootprintRun(spark, conf, new RunOptions()).compute().jobs(), "name");

    Row big = jobs.get("transformer-big"); // 8 × P100, 84 h, 1515.43 W in all
    assertThat((double) big.getAs("energy_kwh")).isCloseTo(201.0, withinPercentage(0.5));
    assertThat((double) big.getAs("energy_kwh")).isCloseTo(1515.43 * 84 * 1.58 / 1000, withinPercentage(1e-9));
    assertThat((double) big.getAs("co2e_kg")).isCloseTo(87.0, withinPercentage(0.5));
    assertThat((double) big.getAs("co2e_kg") * LBS_PER_KG).isCloseTo(192.0, withinPercentage(0.5));
    assertThat((String) big.getAs("intensity_method")).isEqualTo("fallback");

    Row elmo = jobs.get("elmo"); // 3 × P100, 336 h, 517.66 W
    assertThat((double) elmo.getAs("energy_kwh")).isCloseTo(274.8, withinPercentage(0.5));
    assertThat((double) elmo.getAs("co2e_kg") * LBS_PER_KG).isCloseTo(262.0, withinPercentage(0.5));
    // the paper's implied P100 price range: $289-$981 for Transformer big (8 × 84 GPU-hours)
    assertThat((double) big.getAs("cost_low_usd")).isCloseTo(289.0, withinPercentage(0.5));
    assertThat((double) big.getAs("cost_high_usd")).isCloseTo(981.0, withinPercentage(0.5));
  }
}
