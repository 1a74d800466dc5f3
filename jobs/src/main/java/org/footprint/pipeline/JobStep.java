package org.footprint.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One step of the per-job computation: job rows in, the same rows with the step's columns added or set. Pure (a
 * Spark plan, nothing executed); a test calls it on a few rows built in code.
 */
@FunctionalInterface
public interface JobStep {
  Dataset<Row> apply(Dataset<Row> jobs);
}
