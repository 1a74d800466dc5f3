package org.footprint.sink;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.aggregate.ClusterDay;
import org.footprint.aggregate.IdleShare;
import org.footprint.aggregate.MachineSummary;
import org.footprint.aggregate.Reconciliation;
import org.footprint.io.SmallQuery;
import org.footprint.aggregate.SummaryPass;
import org.footprint.aggregate.SummaryRows;
import org.footprint.conf.FootprintConf;
import org.footprint.report.MachinePage;

/**
 * Stages the machine tables (Parquet and CSV) from every published day's jobs, like the summary tables:
 * by_cluster_day and by_partition_day when some cluster has capacity (node inventory dumps or
 * {@code clusters.<c>.capacity}), reconciliation when meter readings were read. Tables without rows to stand on
 * are not written. Runs before the summary tables are written: with {@code idle.share: proportional} it fills
 * their idle columns from by_cluster_day, so the tables, the console and the report show the same rows.
 */
final class MachineTables {
  private MachineTables() {}

  /** The names of the machine tables staged, and the summaries as they are to be written. */
  record Staged(List<String> names, SummaryRows summaries) {}

  /** The day zone the idle share cuts jobs at, or null when there is no idle share to compute. */
  static String idleZone(FootprintConf conf, MachineInputs in) {
    return in != null && "proportional".equals(conf.idle.share) ? in.site().dayZone() : null;
  }

  /**
   * Stages the tables and the report's machine page (under {@code stagingDir}).
   *
   * @param pass the summaries' one aggregation of {@code allJobs}, with the held GPU-hours when
   *     {@link #idleZone} is not null
   */
  static Staged stage(Dataset<Row> allJobs, SummaryPass pass, FootprintConf conf, MachineInputs in,
      Dataset<Row> hourly, TableSink staged, String stagingDir) {
    List<String> names = new ArrayList<>();
    SummaryRows summaries = pass.tables();
    if (in == null) {
      return new Staged(names, summaries);
    }
    allJobs.sparkSession().sparkContext().setJobDescription("aggregate by_cluster_day, by_partition_day");
    ClusterDay.Tables machine = ClusterDay.apply(allJobs, conf, in.site(), in.nodeInventory(), hourly,
        pass.clusters());
    boolean capacity = in.nodeInventory() != null || conf.clusters.values().stream().anyMatch(c -> c.capacity != null);
    List<List<Row>> rows = ClusterDay.collect(machine);
    List<Row> clusterRows = rows.get(0);
    if (capacity) {
      staged.smallTable(allJobs.sparkSession(), "by_cluster_day", clusterRows, machine.byCluster().schema());
      staged.smallTable(allJobs.sparkSession(), "by_partition_day", rows.get(1), machine.byPartition().schema());
      names.add("by_cluster_day");
      names.add("by_partition_day");
      if (idleZone(conf, in) != null) {
        summaries = new SummaryRows(
            IdleShare.fill(summaries.byUser(), "by_user", "user", pass.held("user"), clusterRows),
            IdleShare.fill(summaries.byProject(), "by_project", "project", pass.held("project"), clusterRows),
            summaries.bySweep(), summaries.searchTotals(), summaries.byDay());
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
        MachineSummary.of(capacity ? clusterRows : List.of(), recRows, pass.clusters()));
    return new Staged(names, summaries);
  }
}
