package org.footprint.energy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_element_at;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.FootprintConf;
import org.footprint.model.Literals;

/** Cloud-equivalent cost: GPU-hours × the model's price range per GPU-hour (prices in conf, with source). */
public final class CostModel {
  private CostModel() {}

  public static Dataset<Row> apply(Dataset<Row> jobs, FootprintConf.PriceConf prices) {
    Map<String, Double> low = new LinkedHashMap<>();
    Map<String, Double> high = new LinkedHashMap<>();
    prices.models.forEach((m, p) -> {
      low.put(m, p.lowUsd);
      high.put(m, p.highUsd);
    });
    return jobs
        .withColumn("cost_low_usd", col("gpu_hours").multiply(
            coalesce(try_element_at(Literals.doubleMap(low), col("gpu_model")), lit(prices.defaultPrice.lowUsd))))
        .withColumn("cost_high_usd", col("gpu_hours").multiply(
            coalesce(try_element_at(Literals.doubleMap(high), col("gpu_model")), lit(prices.defaultPrice.highUsd))));
  }
}
