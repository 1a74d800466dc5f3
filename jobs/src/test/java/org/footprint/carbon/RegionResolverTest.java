package org.footprint.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.footprint.testing.Frames.row;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;
import org.footprint.testing.Frames;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cluster c is in GB, its rack9-* nodes rented in FR; cluster k is in US-CAL. */
class RegionResolverTest extends SparkTestBase {
  private static Map<String, String> region;

  @BeforeAll
  static void resolve() {
    Site site = Site.builder()
        .cluster("c", "GB", 1.0)
        .nodeRegion("c", "^rack9-", "FR")
        .cluster("k", "US-CAL", 1.0)
        .build();
    List<Row> rows = RegionResolver.apply(Frames.of(spark, "job_key STRING, cluster STRING, nodes ARRAY<STRING>,"
            + " region STRING",
        row("rented", "c", List.of("rack9-01", "n2"), null),
        row("rule-over-source", "c", List.of("rack9-02"), "DE"),
        row("first-node-only", "c", List.of("n1", "rack9-03"), null),
        row("no-nodes", "c", null, null),
        row("source", "k", List.of("node-a"), "US-NY"),
        row("cluster", "k", List.of("node-b"), null),
        row("other-clusters-rule", "k", List.of("rack9-04"), null)), site).collectAsList();
    region = new java.util.HashMap<>();
    rows.forEach(r -> region.put(r.getAs("job_key"), r.getAs("region")));
  }

  @Test
  void aNodeRegionRuleOfTheClusterMatchingTheFirstNodeWins() {
    assertThat(region.get("rented")).isEqualTo("FR");
    assertThat(region.get("rule-over-source")).isEqualTo("FR");
    assertThat(region.get("first-node-only")).isEqualTo("GB");
    assertThat(region.get("other-clusters-rule")).isEqualTo("US-CAL");
  }

  @Test
  void thenTheSourcesRegionThenTheClusters() {
    assertThat(region.get("source")).isEqualTo("US-NY");
    assertThat(region.get("cluster")).isEqualTo("US-CAL");
    assertThat(region.get("no-nodes")).isEqualTo("GB");
  }
}
