package org.footprint.carbon;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.FootprintConf;
import org.footprint.model.Literals;

/**
 * The carbon zone a job drew its power from: the cluster's region, unless a node_regions pattern of that
 * cluster matches the job's first node (a rented rack in another grid zone).
 */
public final class RegionResolver {
  private RegionResolver() {}

  public static Dataset<Row> apply(Dataset<Row> jobs, FootprintConf conf) {
    Map<String, String> clusterRegion = new LinkedHashMap<>();
    conf.clusters.forEach((name, c) -> clusterRegion.put(name, c.region));
    Column firstNode = try_element_at(col("nodes"), lit(1));
    Column region = try_element_at(Literals.stringMap(clusterRegion), col("cluster"));
    List<Column[]> rules = new ArrayList<>();
    conf.clusters.forEach((name, c) -> c.nodeRegions.forEach(nr -> rules.add(new Column[] {
        col("cluster").equalTo(name).and(coalesce(firstNode.rlike(nr.pattern), lit(false))), lit(nr.region)})));
    for (int i = rules.size() - 1; i >= 0; i--) {
      region = when(rules.get(i)[0], rules.get(i)[1]).otherwise(region);
    }
    return jobs.withColumn("region", region);
  }
}
