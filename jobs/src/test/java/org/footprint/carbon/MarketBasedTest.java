package org.footprint.carbon;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.footprint.aggregate.Aggregates;
import org.footprint.conf.MarketConf;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Market-based Scope 2 against hand-computed values: cluster "green" buys at a 400 g/kWh residual mix with a 50 %
 * PPA, "supplied" at a 250 g/kWh supplier factor without contracts; "plain" has no market conf.
 */
class MarketBasedTest extends SparkTestBase {
  private static final StructType JOBS = StructType.fromDDL("job_key STRING, cluster STRING, user STRING,"
      + " energy_kwh DOUBLE, co2e_kg DOUBLE");
  private static Map<String, Row> out;
  private static Dataset<Row> result;

  @BeforeAll
  static void run() {
    Map<String, MarketConf> market = new LinkedHashMap<>();
    market.put("green", conf(null, 400.0, 0.5));
    market.put("supplied", conf(250.0, null, 0.0));
    market.put("plain", null);
    List<Row> jobs = List.of(
        RowFactory.create("ten-kwh", "green", "ann", 10.0, 3.81),
        RowFactory.create("supplied", "supplied", "ann", 4.0, 2.0),
        RowFactory.create("no-market", "plain", "bob", 2.0, 0.9),
        RowFactory.create("unknown-cluster", "other", "bob", 1.0, 0.5));
    result = MarketBased.apply(spark.createDataFrame(jobs, JOBS), market);
    out = new HashMap<>();
    for (Row r : result.collectAsList()) {
      out.put(r.getAs("job_key"), r);
    }
  }

  private static MarketConf conf(Double supplier, Double residual, double share) {
    MarketConf m = new MarketConf();
    m.supplierGPerKwh = supplier;
    m.residualMixGPerKwh = residual;
    m.factorSource = "test";
    m.renewableShare = share;
    m.renewableSource = share > 0 ? "test PPA" : null;
    return m;
  }

  @Test
  void tenKwhAt400ResidualWithHalfPpaIsTwoKg() {
    Row r = out.get("ten-kwh");
    // 10 kWh × (1 − 0.5) × 400 g/kWh = 2000 g
    assertThat((double) r.getAs("co2e_market_kg")).isCloseTo(2.0, within(1e-9));
    assertThat((double) r.getAs("market_g_per_kwh")).isCloseTo(200.0, within(1e-9));
    assertThat((String) r.getAs("market_method")).isEqualTo("residual_mix");
    assertThat((double) r.getAs("co2e_kg")).isEqualTo(3.81); // location-based untouched
  }

  @Test
  void aSupplierFactorWithoutContracts() {
    Row r = out.get("supplied");
    assertThat((double) r.getAs("co2e_market_kg")).isCloseTo(1.0, within(1e-9)); // 4 kWh × 250 g/kWh
    assertThat((String) r.getAs("market_method")).isEqualTo("supplier");
  }

  @Test
  void clustersWithoutMarketConfReportTheirLocationBasedFigure() {
    for (String k : List.of("no-market", "unknown-cluster")) {
      Row r = out.get(k);
      assertThat((double) r.getAs("co2e_market_kg")).isEqualTo((double) r.getAs("co2e_kg"));
      assertThat((String) r.getAs("market_method")).isEqualTo("location");
      assertThat((Object) r.getAs("market_g_per_kwh")).isNull();
    }
  }

  @Test
  void noMarketConfAtAllIsLocationBased() {
    Row r = MarketBased.apply(result.drop("market_g_per_kwh", "market_method", "co2e_market_kg"), Map.of())
        .filter("job_key = 'ten-kwh'").first();
    assertThat((double) r.getAs("co2e_market_kg")).isEqualTo(3.81);
    assertThat((String) r.getAs("market_method")).isEqualTo("location");
  }

  @Test
  void byUserSumsTheMarketFigure() {
    Dataset<Row> jobs = result
        .withColumn("day", org.apache.spark.sql.functions.lit(Date.valueOf("2026-11-25")))
        .withColumn("project", org.apache.spark.sql.functions.lit("p"))
        .withColumn("failed", org.apache.spark.sql.functions.lit(false))
        .withColumn("sweep_kind", org.apache.spark.sql.functions.lit("single"))
        .withColumn("gpu_hours", org.apache.spark.sql.functions.lit(1.0));
    for (String c : List.of("co2e_marginal_kg", "avoidable_co2e_kg")) {
      jobs = jobs.withColumn(c, org.apache.spark.sql.functions.lit(null).cast("double"));
    }
    for (String c : List.of("energy_low_kwh", "energy_high_kwh", "co2e_low_kg", "co2e_high_kg", "cost_low_usd",
        "cost_high_usd")) {
      jobs = jobs.withColumn(c, org.apache.spark.sql.functions.lit(0.0));
    }
    Map<String, Double> market = new HashMap<>();
    for (Row r : Aggregates.byUser(withoutEmbodied(jobs)).collectAsList()) {
      market.put(r.getAs("user"), r.getAs("co2e_market_kg"));
    }
    assertThat(market.get("ann")).isCloseTo(3.0, within(1e-9)); // 2.0 + 1.0
    assertThat(market.get("bob")).isCloseTo(1.4, within(1e-9)); // location-based 0.9 + 0.5
    Row day = Aggregates.byDay(withoutEmbodied(jobs)).agg(org.apache.spark.sql.functions.sum("co2e_market_kg")).first();
    assertThat(day.getDouble(0)).isCloseTo(4.4, within(1e-9));
  }


  /** The embodied columns the summaries also sum, at 0: this test is about the market figure. */
  private static Dataset<Row> withoutEmbodied(Dataset<Row> jobs) {
    return jobs.withColumn("embodied_co2e_kg", lit(0.0)).withColumn("embodied_co2e_low_kg", lit(0.0))
        .withColumn("embodied_co2e_high_kg", lit(0.0));
  }
}
