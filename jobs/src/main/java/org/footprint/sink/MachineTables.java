package org.footprint.sink;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.aggregate.ClusterDay;
import org.footprint.aggregate.Reconciliation;
import org.footprint.aggregate.SmallQuery;
import org.footprint.conf.FootprintConf;

/**
 * Stages the machine tables (Parquet and CSV) from every published day's jobs, like the summary tables:
 * by_cluster_day and by_partition_day when some cluster has capacity (node inventory dumps or
 * {@code clusters.<c>.capacity}), reconciliation when meter readings were read. Tables without rows to stand on
 * are not written.
 */
final class MachineTables {
  private MachineTables() {}

  /** Stages the tables; the names of those staged. */
  static List<String> stage(Dataset<Row> allJobs, FootprintConf conf, MachineInputs in, Dataset<Row> hourly,
      TableSink staged) {
    List<String> names = new ArrayList<>();
    if (in == null) {
      return names;
    }
    allJobs.sparkSession().sparkContext().setJobDescription("aggregate by_cluster_day, by_partition_day");
    ClusterDay.Tables machine = ClusterDay.apply(allJobs, conf, in.site(), in.nodeInventory(), hourly);
    boolean capacity = in.nodeInventory() != null || conf.clusters.values().stream().anyMatch(c -> c.capacity != null);
    List<Row> clusterRows = SmallQuery.collect(machine.byCluster());
    if (capacity) {
      staged.smallTable(allJobs.sparkSession(), "by_cluster_day", clusterRows, machine.byCluster().schema());
      staged.smallTable(allJobs.sparkSession(), "by_partition_day", SmallQuery.collect(machine.byPartition()),
          machine.byPartition().schema());
      names.add("by_cluster_day");
      names.add("by_partition_day");
    }
    if (in.meterReadings() != null) {
      allJobs.sparkSession().sparkContext().setJobDescription("aggregate reconciliation");
      Dataset<Row> byClusterDay = allJobs.sparkSession().createDataFrame(clusterRows, machine.byCluster().schema());
      Dataset<Row> rec = Reconciliation.apply(in.meterReadings(), allJobs, byClusterDay, in.site().dayZone());
      staged.smallTable(allJobs.sparkSession(), "reconciliation", SmallQuery.collect(rec), rec.schema());
      names.add("reconciliation");
    }
    return names;
  }
}
