package org.footprint.energy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.FootprintConf;
import org.footprint.model.Literals;

/**
 * The measured method for Slurm's ConsumedEnergyRaw, in the scope the cluster's conf says its energy plugin
 * measures: {@code node} (ipmi, pm_counters: the whole node, GPUs included) or {@code cpu} (rapl: CPU and DRAM,
 * so the modelled GPU energy is added). A reading is used only when it is positive, below
 * max_node_power_w × nodes × duration, and the job had its nodes to itself: node energy of a shared node
 * belongs to several jobs and is not attributable. Each unused reading says why in {@code energy_note}.
 */
public final class MeasuredEnergy {
  public static final String MEASURED = "measured";
  private static final long BUCKET_S = 3600;

  private MeasuredEnergy() {}

  /** Whether any cluster reads its energy meter (energy_scope other than none): only then is there a join. */
  public static boolean anyMeasuring(FootprintConf conf) {
    return measuringClusters(conf).length > 0;
  }

  private static String[] measuringClusters(FootprintConf conf) {
    return conf.clusters.entrySet().stream().filter(e -> !"none".equals(e.getValue().energyScope))
        .map(Map.Entry::getKey).toArray(String[]::new);
  }

  /**
   * @param jobs after {@link EnergyModel}: job_key, cluster, job_id_raw, job_id, nodes, node_count, start_utc,
   *     end_utc, duration_s, energy_measured_j, pue, gpu_power_w, gpu_power_low_w, gpu_power_high_w
   * @param occupancy every allocation holding nodes (cluster, occupant, nodes, start_utc, end_utc)
   */
  public static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> occupancy, FootprintConf conf) {
    Map<String, String> scope = new LinkedHashMap<>();
    Map<String, Double> maxPower = new LinkedHashMap<>();
    conf.clusters.forEach((name, c) -> {
      scope.put(name, c.energyScope);
      maxPower.put(name, c.maxNodePowerW);
    });
    double band = conf.power.measuredBand;
    String[] measuring = measuringClusters(conf);
    if (measuring.length == 0) {
      // no cluster reads its energy meter: nothing to check, no node-sharing join
      return jobs.withColumn("energy_note", lit(null).cast("string"))
          .withColumn("energy_coverage", coalesce(col("energy_coverage"), lit(0.0)));
    }
    occupancy = occupancy.filter(col("cluster").isin((Object[]) measuring));
    Column clusterScope = coalesce(try_element_at(Literals.stringMap(scope), col("cluster")), lit("none"));
    // a zero-length job needs no reading: its energy is 0 whatever the meter says
    Column hasReading = col("energy_measured_j").isNotNull().and(clusterScope.notEqual("none"))
        .and(col("duration_s").gt(0));

    Dataset<Row> shared = sharedJobs(jobs.filter(hasReading), occupancy);
    Column isShared = col("shared_node").isNotNull();
    Column limitJ = try_element_at(Literals.doubleMap(maxPower), col("cluster"))
        .multiply(coalesce(col("node_count"), lit(1))).multiply(col("duration_s"));
    Column reason = when(not(hasReading), lit(null).cast("string"))
        .when(col("energy_measured_j").leq(0), lit("ConsumedEnergyRaw 0: not used"))
        .when(col("energy_measured_j").gt(limitJ), lit("ConsumedEnergyRaw above max_node_power_w × nodes × duration:"
            + " meter error, not used"))
        .when(isShared, lit("ConsumedEnergyRaw not used: node shared with another job (node energy not attributable)"));
    Column usable = hasReading.and(reason.isNull());

    Column hours = col("duration_s").divide(3600.0);
    Column measuredKwh = col("energy_measured_j").divide(3.6e6);
    Column gpuKwh = col("gpu_power_w").multiply(hours).divide(1000.0);
    Column gpuLowKwh = col("gpu_power_low_w").multiply(hours).divide(1000.0);
    Column gpuHighKwh = col("gpu_power_high_w").multiply(hours).divide(1000.0);
    Column isCpuScope = clusterScope.equalTo("cpu");
    // rapl measures CPU and DRAM only: the GPUs stay modelled, with their band
    Column itKwh = when(isCpuScope, measuredKwh.plus(gpuKwh)).otherwise(measuredKwh);
    Column lowKwh = when(isCpuScope, measuredKwh.multiply(1 - band).plus(gpuLowKwh))
        .otherwise(measuredKwh.multiply(1 - band));
    Column highKwh = when(isCpuScope, measuredKwh.multiply(1 + band).plus(gpuHighKwh))
        .otherwise(measuredKwh.multiply(1 + band));

    return jobs.join(shared, jobs.col("job_key").equalTo(shared.col("shared_node")), "left")
        .withColumn("energy_note", when(usable, when(isCpuScope,
                lit("ConsumedEnergyRaw (rapl: CPU+DRAM) + modelled GPUs")).otherwise(lit("ConsumedEnergyRaw (node)")))
            .otherwise(reason))
        .withColumn("energy_it_kwh", when(usable, itKwh).otherwise(col("energy_it_kwh")))
        .withColumn("energy_kwh", when(usable, itKwh.multiply(col("pue"))).otherwise(col("energy_kwh")))
        .withColumn("energy_low_kwh", when(usable, lowKwh.multiply(col("pue"))).otherwise(col("energy_low_kwh")))
        .withColumn("energy_high_kwh", when(usable, highKwh.multiply(col("pue"))).otherwise(col("energy_high_kwh")))
        .withColumn("energy_method", when(usable, lit(MEASURED)).otherwise(col("energy_method")))
        .withColumn("energy_coverage", when(usable, lit(1.0)).otherwise(coalesce(col("energy_coverage"), lit(0.0))))
        .drop("shared_node");
  }

  /**
   * Jobs that shared a node with another allocation: both sides exploded into (cluster, node, hour bucket) keys
   * and equi-joined, then filtered on real overlap — never a cross join.
   */
  static Dataset<Row> sharedJobs(Dataset<Row> candidates, Dataset<Row> occupancy) {
    Dataset<Row> mine = buckets(candidates.select(col("job_key"), col("cluster"),
        coalesce(col("job_id_raw"), col("job_id")).as("me"), col("nodes"), col("start_utc"), col("end_utc")));
    Dataset<Row> others = buckets(occupancy.select(col("cluster").as("o_cluster"), col("occupant"),
        col("nodes"), col("start_utc"), col("end_utc")))
        .withColumnRenamed("node", "o_node").withColumnRenamed("bucket", "o_bucket")
        .withColumnRenamed("s", "os").withColumnRenamed("e", "oe");
    return mine.join(others, mine.col("cluster").equalTo(others.col("o_cluster"))
            .and(mine.col("node").equalTo(others.col("o_node")))
            .and(mine.col("bucket").equalTo(others.col("o_bucket"))))
        .filter(col("me").notEqual(col("occupant")).and(col("os").lt(col("e"))).and(col("s").lt(col("oe"))))
        .select(col("job_key").as("shared_node")).distinct();
  }

  private static Dataset<Row> buckets(Dataset<Row> df) {
    Column s = unix_seconds(col("start_utc"));
    Column e = unix_seconds(col("end_utc"));
    Column first = floor(s.divide(BUCKET_S));
    Column last = greatest(first, floor(e.minus(1).divide(BUCKET_S)));
    return df.withColumn("s", s).withColumn("e", e)
        .withColumn("node", explode(col("nodes")))
        .withColumn("bucket", explode(sequence(first, last)))
        .drop("nodes", "start_utc", "end_utc");
  }

}
