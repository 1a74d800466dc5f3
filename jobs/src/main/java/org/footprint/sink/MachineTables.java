package org.footprint.sink;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.aggregate.Aggregates;
import org.footprint.aggregate.ClusterDay;
import org.footprint.aggregate.IdleShare;
import org.footprint.aggregate.MachineSummary;
import org.footprint.aggregate.Reconciliation;
import org.footprint.aggregate.SmallQuery;
import org.footprint.conf.FootprintConf;
import org.footprint.report.MachinePage;

/**
 * Stages the machine tables (Parquet and CSV) from every published day's jobs, like the summary tables:
 * by_cluster_day and by_partition_day when some cluster has capacity (node inventory dumps or
 * {@code clusters.<c>.capacity}), reconciliation when meter readings were read. Tables without rows to stand on
 * are not written.
 */
final class MachineTables {
  private MachineTables() {}

  /** Stages the tables and the report's machine page (under {@code stagingDir}); the names of the tables staged. */
  static List<String> stage(Dataset<Row> allJobs, FootprintConf conf, MachineInputs in, Dataset<Row> hourly,
      TableSink staged, String stagingDir) {
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
      if ("proportional".equals(conf.idle.share)) {
        Dataset<Row> idle = allJobs.sparkSession().createDataFrame(clusterRows, machine.byCluster().schema());
        for (String[] t : new String[][] {{"by_project", "project"}, {"by_user", "user"}}) {
          allJobs.sparkSession().sparkContext().setJobDescription("idle share of " + t[0]);
          Dataset<Row> with = IdleShare.attach(t[0].equals("by_user") ? Aggregates.byUser(allJobs)
              : Aggregates.byProject(allJobs), t[0], t[1], allJobs, idle, in.site().dayZone());
          // replaces the table SummaryTables staged, with the idle columns filled
          staged.smallTable(allJobs.sparkSession(), t[0], SmallQuery.collect(with), with.schema());
        }
      }
    }
    List<Row> recRows = List.of();
    if (in.meterReadings() != null) {
      allJobs.sparkSession().sparkContext().setJobDescription("aggregate reconciliation");
      Dataset<Row> byClusterDay = allJobs.sparkSession().createDataFrame(clusterRows, machine.byCluster().schema());
      Dataset<Row> rec = Reconciliation.apply(in.meterReadings(), allJobs, byClusterDay, in.site().dayZone());
      recRows = SmallQuery.collect(rec);
      staged.smallTable(allJobs.sparkSession(), "reconciliation", recRows, rec.schema());
      names.add("reconciliation");
    }
    // the report's machine section: numbers from aggregate, rendered by report
    String title = conf.report.title == null ? "footprint" : conf.report.title;
    MachinePage.write(allJobs.sparkSession(), stagingDir, title,
        MachineSummary.of(capacity ? clusterRows : List.of(), recRows, allJobs));
    return names;
  }
}
