package org.footprint.sink;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.aggregate.ClusterDay;
import org.footprint.aggregate.SmallQuery;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;

/**
 * Stages by_cluster_day (Parquet and CSV) from every published day's jobs, like the summary tables; only when
 * some cluster has {@code capacity} in the conf (otherwise the table is not written).
 */
final class ClusterDayTable {
  private ClusterDayTable() {}

  /** Stages the table; false when no cluster has a capacity (nothing staged). */
  static boolean stage(Dataset<Row> allJobs, FootprintConf conf, TableSink staged) {
    if (conf.clusters.values().stream().noneMatch(c -> c.capacity != null)) {
      return false;
    }
    GpuProfiles profiles = GpuProfiles.load(conf);
    allJobs.sparkSession().sparkContext().setJobDescription("aggregate by_cluster_day");
    Dataset<Row> table = ClusterDay.apply(allJobs, conf, profiles);
    List<Row> rows = SmallQuery.collect(table);
    staged.smallTable(allJobs.sparkSession(), "by_cluster_day", rows, table.schema());
    return true;
  }
}
