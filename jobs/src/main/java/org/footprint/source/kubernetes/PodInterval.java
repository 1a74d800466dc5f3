package org.footprint.source.kubernetes;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * When a pod ran and how it ended, from its most final snapshot. Run time is {@code status.startTime} → the
 * latest container {@code finishedAt} (lastState included, so a restarted container's earlier runs count).
 * <table>
 *   <tr><td>no startTime</td><td>skipped: never started</td></tr>
 *   <tr><td>Succeeded</td><td>COMPLETED</td></tr>
 *   <tr><td>Failed</td><td>OUT_OF_MEMORY when a container's last termination was OOMKilled, TIMEOUT for
 *       DeadlineExceeded (activeDeadlineSeconds), else FAILED; no finishedAt → end at deletionTimestamp, else rejected</td></tr>
 *   <tr><td>Unknown (node lost)</td><td>CANCELLED; end at the containers' finishedAt when all have terminated,
 *       else at deletionTimestamp, else rejected</td></tr>
 *   <tr><td>deleted while running</td><td>CANCELLED; end at the containers' finishedAt when all have terminated
 *       (graceful shutdown seen), else at deletionTimestamp (which includes the grace period)</td></tr>
 *   <tr><td>running at its last snapshot</td><td>skipped as provisional; with include_running: RUNNING,
 *       end clipped to the snapshot time</td></tr>
 * </table>
 * Adds outcome (usage | skipped | rejected), state, state_raw, end_utc, duration_s, interval_note, reason.
 */
final class PodInterval {
  static final String USAGE = "usage";
  static final String SKIPPED = "skipped";
  static final String REJECTED = "rejected";

  private PodInterval() {}

  static Dataset<Row> apply(Dataset<Row> kept, boolean includeRunning) {
    Column phase = coalesce(col("phase"), lit("Unknown"));
    Column started = col("start_utc").isNotNull();
    Column deleted = col("deletion_utc").isNotNull();
    Column ended = phase.isin("Succeeded", "Failed");
    Column unknown = phase.equalTo("Unknown");
    Column running = not(ended).and(not(unknown)).and(not(deleted));

    Column failedState = when(col("oom"), lit("OUT_OF_MEMORY"))
        .when(col("status_reason").equalTo("DeadlineExceeded"), lit("TIMEOUT"))
        .otherwise(lit("FAILED"));
    Column state = when(phase.equalTo("Succeeded"), lit("COMPLETED"))
        .when(phase.equalTo("Failed"), failedState)
        .when(unknown.or(deleted), lit("CANCELLED"))
        .otherwise(upper(phase)); // Pending, Running
    Column detail = when(col("oom").and(phase.equalTo("Failed")), lit("(OOMKilled)"))
        .when(col("status_reason").isNotNull(), concat(lit("("), col("status_reason"), lit(")")))
        .when(deleted.and(not(ended)), lit("(deleted)"));
    Column stateRaw = concat_ws(" ", phase, detail);

    // a restarted container's earlier finishedAt (lastState) is no end: only trust it once every container stopped
    Column stopped = coalesce(col("all_terminated"), lit(false)).and(col("finished_utc").isNotNull());
    Column end = when(ended, coalesce(col("finished_utc"), col("deletion_utc")))
        .when(unknown.or(deleted), when(stopped, col("finished_utc")).otherwise(col("deletion_utc")))
        .when(running.and(lit(includeRunning)), col("snapshot_utc"));
    Column endNote = when(ended.and(col("finished_utc").isNull()).and(deleted),
            lit("no container finishedAt: end clipped to metadata.deletionTimestamp"))
        .when(unknown.and(stopped), lit("phase Unknown (node lost contact): end at the containers' finishedAt"))
        .when(unknown.and(deleted), lit("phase Unknown (node lost contact): end clipped to metadata.deletionTimestamp"))
        .when(deleted.and(not(ended)).and(stopped), lit("deleted while running: end at the containers' finishedAt"))
        .when(deleted.and(not(ended)),
            lit("deleted while running: end clipped to metadata.deletionTimestamp (includes the grace period)"))
        .when(running, concat(lit("provisional: still running at its last snapshot ("), col("file"),
            lit("); end clipped to that snapshot's time")));

    Column skipReason = when(not(started), concat(lit("never started (phase "), phase, lit(", no status.startTime)")))
        .when(running.and(lit(!includeRunning)), concat(lit("still running at its last snapshot ("), col("file"),
            lit("): provisional, counted once it ends (kubernetes.include_running: true to include it)")));
    Column rejectReason = when(end.isNull(), concat(lit("phase "), phase,
        when(unknown, lit(" (node lost contact)")).otherwise(lit("")),
        lit(" with no container finishedAt and no metadata.deletionTimestamp: end unknown")));

    Column outcome = when(skipReason.isNotNull(), lit(SKIPPED))
        .when(rejectReason.isNotNull(), lit(REJECTED))
        .otherwise(lit(USAGE));
    // whole-second kubelet and runtime clocks can disagree: an end before the start is a zero-length run
    Column skew = col("end_raw").lt(col("start_utc"));
    return kept
        .withColumn("outcome", outcome)
        .withColumn("state", state)
        .withColumn("state_raw", stateRaw)
        .withColumn("end_raw", end)
        .withColumn("end_utc", greatest(col("end_raw"), col("start_utc")))
        .withColumn("duration_s", unix_timestamp(col("end_utc")).minus(unix_timestamp(col("start_utc"))))
        .withColumn("interval_note", Notes.join(endNote,
            when(skew, lit("finishedAt before startTime (clock skew): duration 0"))))
        .withColumn("reason", coalesce(skipReason, rejectReason))
        .drop("end_raw");
  }
}
