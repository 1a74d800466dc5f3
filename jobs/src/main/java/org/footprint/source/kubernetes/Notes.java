package org.footprint.source.kubernetes;

import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** Reader notes: the non-null parts joined with "; ", null when there are none (never an empty string). */
final class Notes {
  private Notes() {}

  static Column join(Column... parts) {
    Column joined = concat_ws("; ", parts);
    return when(joined.notEqual(lit("")), joined);
  }
}
