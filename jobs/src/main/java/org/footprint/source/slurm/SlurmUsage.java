package org.footprint.source.slurm;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.footprint.conf.InputSpec;
import org.footprint.io.CacheScope;
import org.footprint.io.SetAside;
import org.footprint.model.RejectCodes;
import org.footprint.model.Schemas;
import org.footprint.source.Counts;
import org.footprint.source.SourceResult;

/**
 * Folds sacct records into canonical usage rows. Every record ends in exactly one place:
 * <ul>
 *   <li>an allocation row becomes a job, or is skipped by a stated rule (running, pending, never started,
 *       no time columns), or is merged as a duplicate of the same allocation in an overlapping export;</li>
 *   <li>a step row is merged into its allocation (its CPU time and GPU utilisation refine the allocation's),
 *       or rejected when its allocation row is absent;</li>
 *   <li>a not-yet-started array range ({@code 1234_[8-100%4]}) is skipped;</li>
 *   <li>an unreadable line is rejected with its reason.</li>
 * </ul>
 */
public final class SlurmUsage {
  public static final String SOURCE = InputSpec.Source.SLURM.label();

  private SlurmUsage() {}

  /** For tests: no planned files to find empty ones among, the cache left to the session. */
  public static SourceResult build(Dataset<Row> rawRecords) {
    return build(rawRecords, null, null, new CacheScope());
  }

  /** What the sacct parse sets aside for the rejects and skipped tables: unreadable lines, pending array ranges. */
  public static SetAside setAside(SparkSession spark) {
    return SetAside.kinds(spark, SacctRecord.SCHEMA, SacctRecord.REJECT, SacctRecord.ARRAY_PENDING);
  }

  /**
   * usage, rejects and skipped follow schemas/*.ddl; the {@link SourceResult#OCCUPANCY} table is every allocation
   * that held nodes ({@link #occupancy}); what the fold caches for its several consumers goes to {@code cache}.
   *
   * @param aside what the parse of {@code rawRecords} set aside ({@link #setAside}), or null: the rejects and the
   *     pending array ranges are then filtered out of the cached records
   * @param planned every planned file → its cluster: those of which no record was read are the empty inputs;
   *     null when not known (tests)
   */
  public static SourceResult build(Dataset<Row> rawRecords, SetAside aside, Map<String, String> planned,
      CacheScope cache) {
    Column ended = col("state").isin(SlurmState.ENDED.toArray());
    // One shuffle and one sort for the whole fold: every row of an allocation (its re-exports and its steps) shares
    // (cluster, job_id), so with the records partitioned by it each record's fate is decided in place, once, and
    // cached with it: the step aggregation, the step-to-allocation join, the tables and the counts below all read
    // the fate instead of ranking the records again (the counts used to re-run both dedup windows and both joins
    // over the cached records: at 1 M allocations the largest stage of the read).
    Dataset<Row> records = cache.cut(withFate(stepsNarrowed(rawRecords).repartition(col("cluster"), col("job_id")),
        ended));

    Dataset<Row> keptAllocs = records.filter(col(FATE).equalTo(KEPT_ALLOC));
    Dataset<Row> mergedSteps = records.filter(col(FATE).equalTo(MERGED_STEP));

    Dataset<Row> stepAgg = mergedSteps.groupBy("cluster", "job_id").agg(
        sum("cpu_seconds").as("step_cpu_seconds"),
        max("gpu_util_sum").as("step_gpu_util_sum"));

    Dataset<Row> joined = keptAllocs.join(stepAgg, new String[] {"cluster", "job_id"}, "left")
        .withColumn("cpu_seconds", greatest(col("cpu_seconds"), col("step_cpu_seconds")))
        .withColumn("gpu_util_sum", coalesce(col("gpu_util_sum"), col("step_gpu_util_sum")))
        .withColumn("gpu_util", when(col("gpu_count").gt(0).and(col("gpu_util_sum").isNotNull()),
            least(lit(1.0), col("gpu_util_sum").divide(greatest(col("gpu_devices"), lit(1.0)).multiply(100)))))
        .withColumn("skip_reason", skipReason(ended));
    joined = cache.cut(joined);

    Dataset<Row> usage = Schemas.conform(joined.filter(col("skip_reason").isNull())
        .withColumn("source", lit(SOURCE))
        .withColumn("project", col("account"))
        .withColumn("region", lit(null).cast("string"))
        .withColumn("sweep_id", lit(null).cast("string"))
        .withColumn("sweep_kind", lit(null).cast("string"))
        .withColumn("sweep_role", lit(null).cast("string"))
        .withColumn("sweep_best", lit(null).cast("boolean"))
        .withColumn("attribution", lit("user=User project=Account"))
        .withColumn("energy_measured_j", col("energy_j"))
        .withColumn("notes", when(col("gpu_mixed"),
            concat(coalesce(concat(col("notes"), lit("; ")), lit("")), lit("several GPU types; model from the largest")))
            .otherwise(col("notes"))), "usage");

    // where every record went: what the parse read and each record's fate, counted per file on the driver by one
    // small query over the cached records (filled by the step join's shuffles when the cut above ran them under
    // adaptive execution, else by this query): after it the parse has run to its end
    ParsedFiles parsed = ParsedFiles.of(planned, records);
    // the unreadable lines and pending array ranges the parse set aside, their fate their kind as in withFate
    // (null when the copy is not whole: then they come from the cached records, as orphan steps always do)
    Dataset<Row> setAside = aside == null ? null : aside.rows(records.sparkSession(), SacctRecord.SCHEMA);
    Dataset<Row> parseRows = setAside == null ? records : setAside.withColumn(FATE, col("kind"));
    Dataset<Row> pendingArrays = parseRows.filter(col("kind").equalTo(SacctRecord.ARRAY_PENDING))
        .withColumn("skip_reason", lit("array tasks not started yet (pending JobID range)"));
    Dataset<Row> skipped = Schemas.conform(joined.filter(col("skip_reason").isNotNull())
        .unionByName(pendingArrays, true)
        .withColumn("source", lit(SOURCE))
        .withColumn("reason", col("skip_reason")), "skipped");

    // unreadable lines from what the parse set aside; only when the fold found orphan steps, both in one scan of
    // the cached records (at 1 M allocations 3.5 M rows, much of it back from disk, to find a handful)
    Column orphan = col(FATE).equalTo(ORPHAN_STEP);
    Dataset<Row> rejectsFrom = parsed.orphans() == 0 ? parseRows : records;
    Dataset<Row> rejects = Schemas.conform(rejectsFrom.filter(col("kind").equalTo(SacctRecord.REJECT).or(orphan))
        .withColumn("reason", when(orphan, concat(lit("step row without its allocation row (job "), col("job_id"),
            lit(" is missing from the exports or was rejected)"))).otherwise(col("reason")))
        .withColumn("raw", when(orphan, concat(col("job_id"), lit("."), col("step"))).otherwise(col("raw")))
        .withColumn("source", lit(SOURCE))
        .withColumn("reason_code", RejectCodes.of(col("reason"))), "rejects");

    // the counts: the parse's, and the allocations skipped, from the fold
    List<Dataset<Row>> parts = new ArrayList<>();
    parsed.counts().forEach((cluster, n) -> parts.add(Counts.known(records.sparkSession(), cluster, n)));
    parts.add(joined.select(col("cluster"), Counts.oneIf(col("skip_reason").isNotNull(), Counts.SKIPPED)));
    @SuppressWarnings("unchecked")
    Dataset<Row> counts = Counts.of(SOURCE, parts.toArray(new Dataset[0]));
    Map<String, List<String>> byKey = new TreeMap<>();
    parsed.empty().forEach((cluster, files) -> byKey.put(SOURCE + "/" + cluster, files));
    return new SourceResult(usage, rejects, skipped, counts, Map.of(), byKey).with(SourceResult.OCCUPANCY,
        occupancy(records));
  }

  /** What the fold reads of a step row: its identity, its place, its end (to rank repeats) and its usage. */
  static final Set<String> STEP_COLUMNS = Set.of("kind", "cluster", "file", "line", "raw", "reason", "job_id", "step",
      "job_id_raw", "end_utc", "cpu_seconds", "gpu_util_sum");

  /**
   * The records with every other column of step rows null. Steps are most of an export's lines (3.5 per allocation
   * in a typical one) and carry the allocation's user, names, node list and TRES again: nulled, they cross the fold's
   * shuffle and sit in its cache as a few bytes each instead of hundreds. Nothing after the fold reads them.
   */
  static Dataset<Row> stepsNarrowed(Dataset<Row> records) {
    Column isStep = col("kind").equalTo(SacctRecord.STEP);
    List<Column> cols = new ArrayList<>();
    for (String c : records.columns()) {
      cols.add(STEP_COLUMNS.contains(c) ? col(c) : when(not(isStep), col(c)).as(c));
    }
    return records.select(cols.toArray(new Column[0]));
  }

  /** Each record's fate in the fold (a scratch column of the cached records). */
  static final String FATE = "fold_fate";
  /** The allocation row kept: its most final version. */
  static final String KEPT_ALLOC = "kept_alloc";
  /** An allocation row another export repeats more finally: merged. */
  static final String DUPLICATE_ALLOC = "duplicate_alloc";
  /** A step row merged into its allocation. */
  static final String MERGED_STEP = "merged_step";
  /** A step row another export repeats more finally: merged. */
  static final String DUPLICATE_STEP = "duplicate_step";
  /** A step row whose allocation row is absent: rejected. */
  static final String ORPHAN_STEP = "orphan_step";

  /**
   * The records (partitioned by cluster and job_id) with {@link #FATE}: rejects and pending array ranges keep their
   * kind. The same allocation in overlapping exports keeps its most final version (ended, latest end; then file and
   * line); the same step likewise (latest end). Both rankings are one window: partitioned by kind and the
   * allocation's or the step's identity, ordered so that the allocation's "ended" key, null for steps, comes first.
   */
  static Dataset<Row> withFate(Dataset<Row> records, Column ended) {
    Column isAlloc = col("kind").equalTo(SacctRecord.ALLOC);
    Column isStep = col("kind").equalTo(SacctRecord.STEP);
    WindowSpec same = Window
        .partitionBy(col("cluster"), col("job_id"), col("kind"),
            when(isAlloc, coalesce(col("job_id_raw"), col("job_id"))).otherwise(col("step")),
            when(isAlloc, coalesce(col("submit_utc"), col("start_utc"))),
            when(isStep, coalesce(col("job_id_raw"), lit(""))))
        .orderBy(when(isAlloc, ended).desc_nulls_last(), col("end_utc").desc_nulls_last(), col("file"), col("line"));
    // any allocation row of the job: then a kept one exists
    WindowSpec sameJob = Window.partitionBy(col("cluster"), col("job_id"));
    Column first = row_number().over(same).equalTo(1);
    Column hasAlloc = max(when(isAlloc, lit(true)).otherwise(lit(false))).over(sameJob);
    return records.withColumn(FATE,
        when(isAlloc, when(first, lit(KEPT_ALLOC)).otherwise(lit(DUPLICATE_ALLOC)))
            .when(isStep, when(not(first), lit(DUPLICATE_STEP)).when(hasAlloc, lit(MERGED_STEP))
                .otherwise(lit(ORPHAN_STEP)))
            .otherwise(col("kind")));
  }

  /**
   * Every allocation that held nodes, ended or still running (end = start + elapsed so far): what shares a
   * node with what. Used to tell exclusive jobs, whose node-level energy is theirs, from shared ones.
   */
  public static Dataset<Row> occupancy(Dataset<Row> records) {
    Dataset<Row> allocs = records.filter(col("kind").equalTo(SacctRecord.ALLOC)
        .and(col("start_utc").isNotNull()).and(col("nodes").isNotNull()).and(col("duration_s").isNotNull()));
    return allocs
        .select(col("cluster"), coalesce(col("job_id_raw"), col("job_id")).as("occupant"), col("nodes"),
            col("start_utc"),
            coalesce(col("end_utc"), org.apache.spark.sql.functions.timestamp_seconds(
                org.apache.spark.sql.functions.unix_seconds(col("start_utc")).plus(col("duration_s")))).as("end_utc"))
        .dropDuplicates("cluster", "occupant", "start_utc");
  }

  /** The stated rules under which an allocation is not (yet) a job. */
  private static Column skipReason(Column ended) {
    return when(col("state").equalTo("PENDING"), lit("PENDING: never ran"))
        .when(not(ended), concat(lit("not ended ("), col("state"), lit("): provisional, counted once it ends")))
        .when(col("no_times"), lit("export has no Start/End/Elapsed columns: duration and energy cannot be computed"))
        .when(col("start_utc").isNull().and(coalesce(col("duration_s"), lit(0L)).equalTo(0)),
            concat(lit("never started ("), col("state"), lit("): no Start time and no elapsed time")))
        .when(col("start_utc").isNull(), concat(lit("ran "), col("duration_s"),
            lit(" s but the export has no Start, End or Submit to place it in time")))
        .when(col("duration_s").isNull(), lit("no ElapsedRaw, Elapsed or End: duration unknown"));
  }
}
