package org.footprint.carbon;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.MarketConf;
import org.footprint.model.Literals;

/**
 * GHG Protocol Scope 2 dual reporting: next to the location-based {@code co2e_kg} (the grid's average intensity in
 * the hours the job ran), the market-based figure, from what the cluster's operator buys: {@code co2e_market_kg}
 * = energy_kwh × (1 − renewable_share) × factor, the factor being the supplier's (supplier) or the residual mix
 * (residual_mix) of the cluster's {@code market:} conf. A cluster without one has no contractual instruments to
 * report: following the Scope 2 Guidance's hierarchy (the grid average is the last resort of the market method),
 * its market-based figure is its location-based one, and {@code market_method} says {@value #LOCATION}.
 */
public final class MarketBased {
  /** market_method of a cluster without market conf: co2e_market_kg = co2e_kg. */
  public static final String LOCATION = "location";

  private MarketBased() {}

  /**
   * @param jobs needs cluster, energy_kwh, co2e_kg
   * @param market per cluster name, its market conf (clusters without one may be left out or map to null)
   * @return jobs with co2e_market_kg, market_g_per_kwh (the factor after the renewable share, null for
   *     {@value #LOCATION}) and market_method (supplier | residual_mix | location)
   */
  public static Dataset<Row> apply(Dataset<Row> jobs, Map<String, MarketConf> market) {
    Map<String, Double> effective = new LinkedHashMap<>();
    Map<String, String> method = new LinkedHashMap<>();
    for (Map.Entry<String, MarketConf> e : market.entrySet()) {
      MarketConf m = e.getValue();
      if (m != null) {
        effective.put(e.getKey(), (1.0 - m.renewableShare) * m.factor());
        method.put(e.getKey(), m.method());
      }
    }
    if (effective.isEmpty()) {
      return jobs.withColumn("market_g_per_kwh", lit(null).cast("double"))
          .withColumn("market_method", lit(LOCATION))
          .withColumn("co2e_market_kg", col("co2e_kg"));
    }
    Column factor = try_element_at(Literals.doubleMap(effective), col("cluster"));
    Column m = try_element_at(Literals.stringMap(method), col("cluster"));
    return jobs.withColumn("market_g_per_kwh", factor)
        .withColumn("market_method", when(m.isNull(), lit(LOCATION)).otherwise(m))
        .withColumn("co2e_market_kg", when(col("market_g_per_kwh").isNull(), col("co2e_kg"))
            .otherwise(col("energy_kwh").multiply(col("market_g_per_kwh")).divide(1000.0)));
  }

  /** The clusters' market conf, by name. */
  public static Map<String, MarketConf> of(FootprintConf conf) {
    Map<String, MarketConf> out = new LinkedHashMap<>();
    conf.clusters.forEach((name, c) -> out.put(name, c == null ? null : c.market));
    return out;
  }
}
