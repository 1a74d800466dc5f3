package org.footprint.io;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Names the Spark jobs started on this thread until closed, then puts back whatever group was in force before
 * (none, or a caller's): {@code try (JobGroup g = JobGroup.of(spark, "footprint:ingest", "read inputs")) {...}}.
 * The group travels with each job to the UI, the progress lines and run_stats.json's spark_jobs_by_group.
 */
public final class JobGroup implements AutoCloseable {
  private static final String ID = "spark.jobGroup.id";
  private static final String DESCRIPTION = "spark.job.description";
  private static final String INTERRUPT = "spark.job.interruptOnCancel";

  private final SparkContext sc;
  private final String id;
  private final String description;
  private final String interrupt;

  private JobGroup(SparkContext sc) {
    this.sc = sc;
    this.id = sc.getLocalProperty(ID);
    this.description = sc.getLocalProperty(DESCRIPTION);
    this.interrupt = sc.getLocalProperty(INTERRUPT);
  }

  public static JobGroup of(SparkSession spark, String group, String description) {
    JobGroup previous = new JobGroup(spark.sparkContext());
    spark.sparkContext().setJobGroup(group, description, false);
    return previous;
  }

  @Override
  public void close() {
    sc.setLocalProperty(ID, id);
    sc.setLocalProperty(DESCRIPTION, description);
    sc.setLocalProperty(INTERRUPT, interrupt);
  }
}
