package org.footprint.carbon;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;
import org.footprint.model.Columns;

/**
 * The carbon zone a job drew its power from: a node_regions pattern of its cluster matching the job's first
 * node (a rented rack in another grid zone), else the region its source reported, else the cluster's region.
 */
public final class RegionResolver {
  private RegionResolver() {}

  private static Column ruleOnly(List<Column[]> rules) {
    Column c = lit(null).cast("string");
    for (int i = rules.size() - 1; i >= 0; i--) {
      c = when(rules.get(i)[0], rules.get(i)[1]).otherwise(c);
    }
    return c;
  }

  /** @param jobs cluster, nodes, region (the source's, may be null) */
  public static Dataset<Row> apply(Dataset<Row> jobs, Site site) {
    Column firstNode = try_element_at(col("nodes"), lit(1));
    List<Column[]> rules = new ArrayList<>();
    site.clusters().forEach((name, c) -> c.nodeRegions().forEach(nr -> rules.add(new Column[] {
        col("cluster").equalTo(name).and(coalesce(firstNode.rlike(nr.pattern()), lit(false))), lit(nr.region())})));
    // a conf node_regions rule wins; then the region the source gives (Kubernetes node labels); then the cluster's
    return jobs.withColumn(Columns.REGION, coalesce(ruleOnly(rules), col(Columns.REGION),
        site.region(col("cluster"))));
  }
}
