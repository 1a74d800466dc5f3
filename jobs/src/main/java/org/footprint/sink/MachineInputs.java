package org.footprint.sink;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;

/**
 * What the machine tables (by_cluster_day, by_partition_day, reconciliation) need beyond the jobs: the resolved
 * site (boards' idle power, PUE, regions, annual intensities), the nodes of this run's inventory dumps and the
 * meter readings (each null when no such input was read).
 */
public record MachineInputs(Site site, Dataset<Row> nodeInventory, Dataset<Row> meterReadings) {}
