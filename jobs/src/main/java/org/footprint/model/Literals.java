package org.footprint.model;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;

import java.util.Map;
import org.apache.spark.sql.Column;

/** Small driver-side lookups (conf, GPU profiles) as Spark map literals: looked up with try_element_at. */
public final class Literals {
  private Literals() {}

  public static Column stringMap(Map<String, String> m) {
    return map(m, "string");
  }

  public static Column doubleMap(Map<String, Double> m) {
    return map(m, "double");
  }

  private static Column map(Map<String, ?> m, String valueType) {
    Column[] keys = m.keySet().stream().map(k -> lit(k)).toArray(Column[]::new);
    Column[] values = m.values().stream().map(v -> lit(v)).toArray(Column[]::new);
    return map_from_arrays(array(keys).cast("array<string>"), array(values).cast("array<" + valueType + ">"));
  }
}
