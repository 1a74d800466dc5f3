package org.footprint.energy;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The sampled energy method: GPU energy (IT, before PUE) of each job integrated from measured power samples
 * (schemas/gpu_samples.ddl), with the share of its run the samples cover and an hourly profile so that carbon
 * can follow the job's own power hour by hour.
 *
 * <p>Matching (see {@link JobSampleKeys}): pods through the DCGM pod/namespace labels; Slurm jobs through
 * their nodes and interval, with the job's share of the node's boards: g / B of the node's GPU power when the
 * job holds g boards on the node (gpu_count / nodes) and B boards were sampled there during the job — the same g / B for every board,
 * since which boards are the job's is unknown; capped at 1, so an exclusive job gets all of the node's power.
 *
 * <p>Integration (see {@link SampleSeries}): trapezoid rule between consecutive samples of a board, or
 * energy-counter deltas when the samples carry counters. At the job's start and end the interval that
 * crosses the edge is clipped by linear interpolation of the power between its two samples (counter
 * intervals pro rata of time). Intervals longer than maxGapS contribute nothing and lower the coverage; the
 * integrator fills them with the model (energy = sampled + modelled × (1 − coverage)).
 *
 * <p>Scale: samples are the largest input (86 M rows a day at a 1,000-GPU site). They are shuffled once by
 * board for the windows, then equi-joined to the jobs' (cluster, match_key, time bucket) keys — the jobs side
 * is exploded into buckets, never the samples — and filtered to the interval. No cross or range join.
 */
public final class SampledEnergy {
  /** Time bucket of the join, seconds. An hour keeps the jobs side small (a 3-day job: 73 keys per node). */
  public static final long BUCKET_S = 3600;

  private SampledEnergy() {}

  /**
   * @param jobs job_key, cluster, source, nodes array&lt;string&gt;, start_utc, end_utc, duration_s, gpu_count,
   *     job_id, partition; optional pod, namespace
   * @param samples gpu_samples
   * @param maxGapS longest interval between two samples still integrated (power.sample_max_gap_s)
   * @param downsampleS average samples into buckets of this many seconds first (0 = keep all); intervals
   *     then count as gaps above maxGapS + downsampleS
   * @return one row per job_key of jobs:
   *     <ul>
   *       <li>sampled_energy_kwh: GPU energy (IT, no PUE) of the covered part of the run; null without samples;</li>
   *       <li>sampled_coverage 0-1: share of duration × boards with samples (gaps, unlogged nodes and boards
   *           lower it);</li>
   *       <li>sampled_gpu_util: mean utilisation of the samples used (null when none reports it);</li>
   *       <li>sample_count: samples with a reading inside the run on the boards matched (for node_share all
   *           boards of the nodes; after downsampling, the raw samples the points stand for);</li>
   *       <li>sampled_hours array&lt;struct&lt;hour_utc, kwh&gt;&gt;: sampled_energy_kwh by UTC hour, sorted;</li>
   *       <li>sampled_match: pod | node_share (null for jobs without GPUs: they get none).</li>
   *     </ul>
   */
  public static Dataset<Row> integrate(Dataset<Row> jobs, Dataset<Row> samples, double maxGapS,
      double downsampleS) {
    return integrate(jobs, samples, maxGapS, downsampleS, BUCKET_S);
  }

  public static Dataset<Row> integrate(Dataset<Row> jobs, Dataset<Row> samples, double maxGapS, double downsampleS,
      long bucketS) {
    if (maxGapS <= 0 || bucketS <= 0) {
      throw new IllegalArgumentException("maxGapS and bucketS must be > 0");
    }
    Dataset<Row> points = SampleSeries.points(samples);
    double gapS = maxGapS;
    if (downsampleS > 0) {
      points = SampleSeries.downsample(points, downsampleS);
      // downsampled points sit one bucket apart (at bucket means): an interval is a gap when more than
      // maxGapS of samples is missing, i.e. when it is longer than one bucket plus maxGapS
      gapS = maxGapS + downsampleS;
    }
    Dataset<Row> segments = SampleSeries.segments(points, gapS, bucketS);
    Dataset<Row> prepared = JobSampleKeys.prepare(jobs);
    Dataset<Row> keys = JobSampleKeys.explodeKeys(prepared, SampleSeries.matchKeys(points), gapS, bucketS);

    Column segStart = col("seg_start_s");
    Column segEnd = col("seg_end_s");
    Column overlapsOrInside = segStart.leq(col("job_end_s"))
        .and(segStart.geq(col("job_start_s")).or(segEnd.isNotNull().and(segEnd.gt(col("job_start_s")))));
    Dataset<Row> matched = segments
        .join(keys, new String[] {"cluster", "match_key", "bucket"})
        .filter(overlapsOrInside);

    Dataset<Row> perBoardHour = aggregateHours(clipToHours(matched));
    Dataset<Row> perJob = perJob(perBoardHour);

    Column noSamples = col("sample_count").isNull();
    return prepared.select(col("job_key"), col("match"))
        .join(perJob, new String[] {"job_key"}, "left")
        .select(col("job_key"),
            col("energy_j").divide(3.6e6).as("sampled_energy_kwh"),
            when(noSamples, lit(0.0)).otherwise(least(lit(1.0), coalesce(col("coverage"), lit(0.0))))
                .as("sampled_coverage"),
            try_divide(col("util_sum"), col("util_n")).as("sampled_gpu_util"),
            coalesce(col("sample_count"), lit(0L)).as("sample_count"),
            coalesce(col("hours"), array().cast("array<struct<hour_utc:timestamp,kwh:double>>"))
                .as("sampled_hours"),
            col("match").as("sampled_match"));
  }

  /**
   * Each matched interval clipped to the job, split at UTC hours: exact integral of the linear power between
   * its two samples over each piece. The sample itself (count, utilisation) counts once, when inside the job.
   */
  private static Dataset<Row> clipToHours(Dataset<Row> matched) {
    Column clipStart = col("clip_start_s");
    Column clipEnd = col("clip_end_s");
    Column firstHour = floor(clipStart.divide(3600));
    Column hours = when(col("segment_j").isNotNull().and(clipEnd.gt(clipStart)),
        sequence(firstHour, greatest(firstHour, ceil(clipEnd.divide(3600)).minus(1))));
    Column pieceStart = col("piece_start_s");
    Column pieceEnd = col("piece_end_s");
    Column once = col("hour_pos").isNull().or(col("hour_pos").equalTo(0));
    Column inside = once.and(col("seg_start_s").geq(col("job_start_s")));
    return matched
        .withColumn("clip_start_s", greatest(col("seg_start_s"), col("job_start_s")))
        .withColumn("clip_end_s", least(col("seg_end_s"), col("job_end_s")))
        .select(col("*"), posexplode_outer(hours).as(new String[] {"hour_pos", "hour"}))
        .withColumn("piece_start_s", greatest(clipStart, col("hour").multiply(3600)))
        .withColumn("piece_end_s", least(clipEnd, col("hour").plus(1).multiply(3600)))
        .withColumn("piece_j", when(col("hour").isNotNull(),
            pieceEnd.minus(pieceStart).multiply(power(pieceStart).plus(power(pieceEnd))).divide(2.0)
                .multiply(col("pod_share"))))
        .withColumn("covered_s", when(col("hour").isNotNull(), pieceEnd.minus(pieceStart)))
        .withColumn("n_in", when(inside, col("n")).otherwise(lit(0L)))
        .withColumn("util_sum", when(inside, col("util").multiply(col("n"))))
        .withColumn("util_n", when(inside.and(col("util").isNotNull()), col("n")));
  }

  /** Power at time x on the segment's straight line, from (seg_start_s, seg_start_w) to (seg_end_s, seg_end_w). */
  private static Column power(Column x) {
    Column slope = try_divide(col("seg_end_w").minus(col("seg_start_w")),
        col("seg_end_s").minus(col("seg_start_s")));
    return col("seg_start_w").plus(coalesce(slope, lit(0.0)).multiply(x.minus(col("seg_start_s"))));
  }

  /** Per job, unit (node or pod), board and hour; then each unit's boards counted for the share. */
  private static Dataset<Row> aggregateHours(Dataset<Row> pieces) {
    Dataset<Row> perBoard = pieces
        .groupBy(col("job_key"), col("match_key"), col("gpu_key"), col("hour"), col("match"), col("units"),
            col("g_unit"), col("duration_s"))
        .agg(sum("piece_j").as("energy_j"), sum("covered_s").as("covered_s"), sum("n_in").as("n_in"),
            sum("util_sum").as("util_sum"), sum("util_n").as("util_n"));
    Column boards = size(collect_set(col("gpu_key")).over(Window.partitionBy(col("job_key"), col("match_key"))));
    Column weight = when(col("match").equalTo(JobSampleKeys.NODE_SHARE),
        least(lit(1.0), try_divide(col("g_unit"), col("boards")))).otherwise(lit(1.0));
    // boards the job should have had samples from on this unit: coverage counts the missing ones as gaps
    Column expected = when(col("match").equalTo(JobSampleKeys.POD), greatest(col("boards"), ceil(col("g_unit"))))
        .otherwise(col("boards"));
    return perBoard
        .withColumn("boards", boards)
        .withColumn("energy_w_j", col("energy_j").multiply(weight))
        .withColumn("coverage_part", try_divide(col("covered_s"),
            expected.multiply(col("duration_s")).multiply(col("units"))));
  }

  private static Dataset<Row> perJob(Dataset<Row> perBoardHour) {
    Dataset<Row> hourly = perBoardHour
        .groupBy(col("job_key"), col("hour"))
        .agg(sum("energy_w_j").as("hour_j"), sum("coverage_part").as("coverage"), sum("n_in").as("n_in"),
            sum("util_sum").as("util_sum"), sum("util_n").as("util_n"));
    Column hourStruct = when(col("hour").isNotNull(), struct(
        timestamp_seconds(col("hour").multiply(3600)).as("hour_utc"), col("hour_j").divide(3.6e6).as("kwh")));
    return hourly.groupBy(col("job_key"))
        .agg(coalesce(sum("hour_j"), lit(0.0)).as("energy_j"), sum("coverage").as("coverage"),
            sum("n_in").as("sample_count"), sum("util_sum").as("util_sum"), sum("util_n").as("util_n"),
            array_sort(collect_list(hourStruct)).as("hours"));
  }
}
