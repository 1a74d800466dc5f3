package org.footprint.bench;

import org.apache.spark.sql.SparkSession;

/** The benchmark's floor: the cheapest Spark pass over the same sacct files (read as text and count lines). */
public final class ScanFloor {
  private ScanFloor() {}

  public static void main(String[] args) {
    SparkSession spark = org.footprint.cli.Sessions.create();
    long t0 = System.nanoTime();
    long lines = spark.read().option("recursiveFileLookup", "true").text(args[0]).count();
    System.out.printf("floor: %,d lines in %.1f s%n", lines, (System.nanoTime() - t0) / 1e9);
    spark.stop();
  }
}
