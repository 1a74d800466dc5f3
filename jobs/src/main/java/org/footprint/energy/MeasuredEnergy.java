package org.footprint.energy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.Site;
import org.footprint.model.Columns;

/**
 * The measured method for Slurm's ConsumedEnergyRaw, in the scope the cluster's conf says its energy plugin
 * measures: {@code node} (ipmi, pm_counters: the whole node, GPUs included) or {@code cpu} (rapl: CPU and DRAM,
 * so the modelled GPU energy is added). A reading is used only when it is positive, below
 * max_node_power_w × nodes × duration, and the job had its nodes to itself: node energy of a shared node
 * belongs to several jobs and is not attributable. A usable reading is this method's {@link EnergyEstimate#candidate};
 * an unused one says why in {@link #UNUSED_REASON} (energy_note unless another measurement is used).
 */
public final class MeasuredEnergy {
  public static final String MEASURED = "measured";
  /** This method's {@link EnergyEstimate#candidate}: null where no usable reading. */
  public static final String CANDIDATE_COLUMN = "measured_estimate";
  /** Why the job's ConsumedEnergyRaw was not used (shared node, 0, meter error); null when used or absent. */
  public static final String UNUSED_REASON = "measured_unused_reason";
  /** The key of a job that shared a node, in {@link #sharedJobs}' result. */
  static final String SHARED_JOB_KEY = "shared_job_key";
  private static final long BUCKET_S = 3600;

  private MeasuredEnergy() {}

  /** Whether any cluster reads its energy meter (energy_scope other than none): only then is there a join. */
  public static boolean anyMeasuring(Site site) {
    return site.measuringClusters().length > 0;
  }

  /**
   * @param jobs after {@link EnergyModel}: job_key, cluster, job_id_raw, job_id, nodes, node_count, start_utc,
   *     end_utc, duration_s, energy_measured_j, gpu_power_w, gpu_power_low_w, gpu_power_high_w
   * @param occupancy every allocation holding nodes (cluster, occupant, nodes, start_utc, end_utc)
   */
  public static Dataset<Row> apply(Dataset<Row> jobs, Dataset<Row> occupancy, Site site) {
    double band = site.power().measuredBand();
    String[] measuring = site.measuringClusters();
    if (measuring.length == 0) {
      // no cluster reads its energy meter: nothing to check, no node-sharing join
      return jobs.withColumn(CANDIDATE_COLUMN, EnergyEstimate.noCandidate())
          .withColumn(UNUSED_REASON, lit(null).cast("string"));
    }
    occupancy = occupancy.filter(col("cluster").isin((Object[]) measuring));
    Column clusterScope = coalesce(site.energyScope(col("cluster")), lit("none"));
    // a zero-length job needs no reading: its energy is 0 whatever the meter says
    Column hasReading = col("energy_measured_j").isNotNull().and(clusterScope.notEqual("none"))
        .and(col("duration_s").gt(0));

    Dataset<Row> shared = sharedJobs(jobs.filter(hasReading), occupancy);
    Column isShared = col(SHARED_JOB_KEY).isNotNull();
    Column limitJ = site.maxNodePowerW(col("cluster"))
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
    Column gpuLowKwh = col(EnergyModel.GPU_POWER_LOW_W).multiply(hours).divide(1000.0);
    Column gpuHighKwh = col(EnergyModel.GPU_POWER_HIGH_W).multiply(hours).divide(1000.0);
    Column isCpuScope = clusterScope.equalTo("cpu");
    // rapl measures CPU and DRAM only: the GPUs stay modelled, with their band
    Column itKwh = when(isCpuScope, measuredKwh.plus(gpuKwh)).otherwise(measuredKwh);
    Column lowKwh = when(isCpuScope, measuredKwh.multiply(1 - band).plus(gpuLowKwh))
        .otherwise(measuredKwh.multiply(1 - band));
    Column highKwh = when(isCpuScope, measuredKwh.multiply(1 + band).plus(gpuHighKwh))
        .otherwise(measuredKwh.multiply(1 + band));
    Column note = when(isCpuScope, lit("ConsumedEnergyRaw (rapl: CPU+DRAM) + modelled GPUs"))
        .otherwise(lit("ConsumedEnergyRaw (node)"));

    return jobs.join(shared, jobs.col(Columns.JOB_KEY).equalTo(shared.col(SHARED_JOB_KEY)), "left")
        .withColumn(CANDIDATE_COLUMN, when(usable, EnergyEstimate.candidate(MEASURED, itKwh, lowKwh, highKwh,
            lit(1.0), note, lit(null).cast("double"))))
        .withColumn(UNUSED_REASON, reason)
        .drop(SHARED_JOB_KEY);
  }

  /**
   * Jobs that shared a node with another allocation: both sides exploded into (cluster, node, hour bucket) keys
   * and equi-joined, then filtered on real overlap — never a cross join. One column, {@link #SHARED_JOB_KEY}.
   */
  static Dataset<Row> sharedJobs(Dataset<Row> candidates, Dataset<Row> occupancy) {
    Dataset<Row> mine = buckets(candidates.select(col(Columns.JOB_KEY), col("cluster"),
        coalesce(col("job_id_raw"), col("job_id")).as("allocation"), col("nodes"), col("start_utc"),
        col("end_utc")));
    Dataset<Row> others = buckets(occupancy.select(col("cluster"), col("occupant"), col("nodes"),
        col("start_utc"), col("end_utc")))
        .select(col("cluster").as("other_cluster"), col("occupant"), col("node").as("other_node"),
            col("bucket").as("other_bucket"), col("start_s").as("other_start_s"), col("end_s").as("other_end_s"));
    return mine.join(others, mine.col("cluster").equalTo(others.col("other_cluster"))
            .and(mine.col("node").equalTo(others.col("other_node")))
            .and(mine.col("bucket").equalTo(others.col("other_bucket"))))
        .filter(col("allocation").notEqual(col("occupant"))
            .and(col("other_start_s").lt(col("end_s"))).and(col("start_s").lt(col("other_end_s"))))
        .select(col(Columns.JOB_KEY).as(SHARED_JOB_KEY)).distinct();
  }

  /** One row per node and hour bucket of each allocation, with its start_s and end_s (epoch seconds). */
  private static Dataset<Row> buckets(Dataset<Row> df) {
    Column start = unix_seconds(col("start_utc"));
    Column end = unix_seconds(col("end_utc"));
    Column first = floor(start.divide(BUCKET_S));
    Column last = greatest(first, floor(end.minus(1).divide(BUCKET_S)));
    return df.withColumn("start_s", start).withColumn("end_s", end)
        .withColumn("node", explode(col("nodes")))
        .withColumn("bucket", explode(sequence(first, last)))
        .drop("nodes", "start_utc", "end_utc");
  }
}
