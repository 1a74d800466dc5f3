package org.footprint.source.kubernetes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.FootprintConf;
import org.footprint.model.Literals;

/**
 * Pods carry no user: user and project come from the site's rules ({@code kubernetes.user_rules},
 * {@code project_rules}), each {@code label:KEY}, {@code annotation:KEY}, {@code namespace} or {@code owner_map};
 * the first rule that yields a non-blank value wins, and {@code attribution} records which
 * (e.g. {@code user=label:footprint.io/user project=namespace}; {@code none} when no rule yields).
 */
final class Attribution {
  private Attribution() {}

  static Dataset<Row> apply(Dataset<Row> pods, FootprintConf.KubernetesConf k, OwnerMap owners) {
    Column[] user = firstOf(k.userRules, owners.owners());
    Column[] project = firstOf(k.projectRules, owners.projects());
    return pods.withColumn("user", user[0])
        .withColumn("project", project[0])
        .withColumn("attribution", concat(lit("user="), user[1], lit(" project="), project[1]));
  }

  /** [value, rule name] of the first rule that yields, as when-chains over built-in map lookups. */
  private static Column[] firstOf(List<String> rules, Map<String, String> ownerMap) {
    Column value = lit(null).cast("string");
    Column name = lit("none");
    for (int i = rules.size() - 1; i >= 0; i--) {
      String rule = rules.get(i);
      Column v = ruleValue(rule, ownerMap);
      Column yields = v.isNotNull().and(trim(v).notEqual(""));
      value = when(yields, v).otherwise(value);
      name = when(yields, lit(rule)).otherwise(name);
    }
    return new Column[] {value, name};
  }

  private static Column ruleValue(String rule, Map<String, String> ownerMap) {
    if (rule.startsWith("label:")) {
      return try_element_at(col("labels"), lit(rule.substring("label:".length())));
    }
    if (rule.startsWith("annotation:")) {
      return try_element_at(col("annotations"), lit(rule.substring("annotation:".length())));
    }
    if (rule.equals("namespace")) {
      return col("namespace");
    }
    if (rule.equals("owner_map")) {
      return ownerMap.isEmpty() ? lit(null).cast("string") : try_element_at(Literals.stringMap(ownerMap), col("namespace"));
    }
    throw new IllegalArgumentException("kubernetes rule '" + rule + "' is not label:KEY, annotation:KEY, namespace"
        + " or owner_map");
  }
}
