package org.footprint.bench;

import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's floor: the cheapest Spark pass over the same input files (every file under the given folders read
 * as text, lines counted), in a session with the same settings as a run. What no pipeline reading them can beat.
 */
public final class ScanFloor {
  private ScanFloor() {}

  public static void main(String[] args) {
    SparkSession spark = org.footprint.cli.Sessions.create();
    long t0 = System.nanoTime();
    long lines = spark.read().option("recursiveFileLookup", "true").text(args).count();
    System.out.printf("floor: %,d lines in %.1f s%n", lines, (System.nanoTime() - t0) / 1e9);
    spark.stop();
  }
}
