package org.footprint.energy;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;
import org.footprint.model.Columns;

/** Cloud-equivalent cost: GPU-hours × the model's price range per GPU-hour (prices in conf, with source). */
public final class CostModel {
  private CostModel() {}

  /** @param jobs gpu_hours, gpu_model */
  public static Dataset<Row> apply(Dataset<Row> jobs, Site site) {
    return jobs
        .withColumn("cost_low_usd", col(Columns.GPU_HOURS).multiply(site.lowPriceUsd(col(Columns.GPU_MODEL))))
        .withColumn("cost_high_usd", col(Columns.GPU_HOURS).multiply(site.highPriceUsd(col(Columns.GPU_MODEL))));
  }
}
