package org.footprint.pipeline;

import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import org.apache.spark.sql.Column;

/** The day a job belongs to: the calendar day, in output.day_zone, on which it ended. */
public final class Days {
  private Days() {}

  public static Column day(Column endUtc, String zone) {
    return "UTC".equals(zone) ? to_date(endUtc) : to_date(from_utc_timestamp(endUtc, lit(zone)));
  }
}
