package org.footprint.bench;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.footprint.energy.SampledEnergy;

/**
 * Benchmark of the power-sample join alone (issue "Scale": 50 M samples joined to their jobs in ≤ 3 min, no
 * cross join). Builds, once per scale and with Spark built-ins only, a synthetic Slurm centre — NODES nodes
 * × 8 GPUs, jobs in 4-hour slots per node (single-node jobs, two-node jobs, CPU jobs, idle nodes) — and N canonical gpu_samples rows (schemas/gpu_samples.ddl) at 60 s per board with
 * a 15-minute outage every 8 hours per node, 1 % [N/A] readings, ms jitter, energy counters on every fourth
 * node, and samples on idle boards that match no job. Both are written to Parquet under the data directory
 * (reused when present). Then times:
 * <ul>
 *   <li>floor: a bare scan of the samples Parquet (count);</li>
 *   <li>join: read samples and jobs Parquet → {@link SampledEnergy#integrate} → write to the noop sink.</li>
 * </ul>
 * The executed (AQE final) plan of the join must have no CartesianProduct or BroadcastNestedLoopJoin: the
 * benchmark exits 2 when it has.
 *
 * <p>Usage: SampleJoinBench N [dataDir] [nodes]. Prints one line
 * {@code RESULT n jobs floor_s join_s plan floor_cpu_s join_cpu_s}
 * (CPU: the JVM process, all threads — on a shared machine wall time alone says little).
 */
public final class SampleJoinBench {
  private static final long BASE = 1767571200L; // 2026-01-05T00:00:00Z
  private static final int GPUS_PER_NODE = 8;
  private static final long SLOT_S = 4 * 3600;
  private static final double MAX_GAP_S = 120;

  private SampleJoinBench() {}

  public static void main(String[] args) throws Exception {
    long n = Long.parseLong(args[0]);
    Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/footprint-bench/samples").resolve(Long.toString(n));
    int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    SparkSession spark = org.footprint.cli.Sessions.create();
    String samplesPath = dir.resolve("samples.parquet").toString();
    String jobsPath = dir.resolve("jobs.parquet").toString();
    if (!Files.exists(dir.resolve("READY"))) {
      long g0 = System.nanoTime();
      samples(spark, n, nodes).write().mode("overwrite").parquet(samplesPath);
      jobs(spark, n, nodes).write().mode("overwrite").parquet(jobsPath);
      Files.writeString(dir.resolve("READY"), "samples=" + n + " nodes=" + nodes + "\n");
      System.out.printf("bench: generated %,d samples in %.1f s (not timed)%n", n, (System.nanoTime() - g0) / 1e9);
    }

    long f0 = System.nanoTime();
    double fc0 = cpuS();
    long scanned = spark.read().parquet(samplesPath).count();
    double floorS = (System.nanoTime() - f0) / 1e9;
    double floorCpuS = cpuS() - fc0;
    System.out.printf("bench: floor scan %,d samples in %.1f s%n", scanned, floorS);

    Dataset<Row> jobs = spark.read().parquet(jobsPath);
    long jobCount = jobs.count();

    AtomicReference<String> plan = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    spark.listenerManager().register(new QueryExecutionListener() {
      @Override
      public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
        plan.set(qe.executedPlan().toString());
        done.countDown();
      }

      @Override
      public void onFailure(String funcName, QueryExecution qe, Exception exception) {
        done.countDown();
      }
    });
    java.util.concurrent.atomic.AtomicLong taskCpuNs = new java.util.concurrent.atomic.AtomicLong();
    spark.sparkContext().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
          taskCpuNs.addAndGet(end.taskMetrics().executorCpuTime());
        }
      }
    });
    long j0 = System.nanoTime();
    double jc0 = cpuS();
    Dataset<Row> samples = spark.read().parquet(samplesPath);
    SampledEnergy.integrate(jobs, samples, MAX_GAP_S, 0).write().format("noop").mode("overwrite").save();
    double joinS = (System.nanoTime() - j0) / 1e9;
    double joinCpuS = cpuS() - jc0;
    done.await(60, TimeUnit.SECONDS);
    Thread.sleep(500); // the listener bus delivers the last task ends
    System.out.printf("bench: CPU (JVM process, all threads): floor %.1f s, join %.1f s; join tasks' CPU %.1f s%n",
        floorCpuS, joinCpuS, taskCpuNs.get() / 1e9);
    String executed = plan.get();
    System.out.printf("bench: join %,d samples to %,d jobs in %.1f s (%.1f × floor)%n", scanned, jobCount, joinS,
        joinS / floorS);
    System.out.println("bench: executed plan:\n" + executed);
    boolean clean = executed != null && !executed.contains("CartesianProduct")
        && !executed.contains("BroadcastNestedLoopJoin");
    System.out.printf("RESULT %d %d %.1f %.1f %s %.1f %.1f%n", scanned, jobCount, floorS, joinS,
        executed == null ? "unknown" : clean ? "clean" : "CROSS", floorCpuS, joinCpuS);
    if (System.getenv("BENCH_SANITY") != null) {
      SampledEnergy.integrate(jobs, samples, MAX_GAP_S, 0)
          .groupBy(col("sampled_match"))
          .agg(expr("count(*)"), expr("sum(sampled_energy_kwh)"), expr("avg(sampled_coverage)"),
              expr("sum(sample_count)"), expr("avg(sampled_gpu_util)"))
          .orderBy("sampled_match").show(false);
    }
    spark.stop();
    if (!clean) {
      System.err.println("bench: FAIL — the sample join's plan has a cross or nested-loop join (or none seen)");
      System.exit(2);
    }
  }

  /** CPU time of this JVM, all threads (Spark's tasks, JIT, GC), seconds. */
  private static double cpuS() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  /** Hash of the columns and a salt, 0 ≤ h < mod. */
  private static Column h(int mod, int salt, Column... cols) {
    Column[] all = new Column[cols.length + 1];
    System.arraycopy(cols, 0, all, 0, cols.length);
    all[cols.length] = lit(salt);
    return pmod(hash(all), lit(mod));
  }

  private static Column nodeName(Column node) {
    return format_string("gpu%04d", node);
  }

  /** n canonical gpu_samples rows: sample k of board gpu is id / boards, board id % boards. */
  static Dataset<Row> samples(SparkSession spark, long n, int nodes) {
    long boards = (long) nodes * GPUS_PER_NODE;
    Column id = col("id");
    Column board = pmod(id, lit(boards));
    Column k = id.divide(boards).cast("long");
    Column node = board.divide(GPUS_PER_NODE).cast("int");
    Column idx = pmod(board, lit(GPUS_PER_NODE)).cast("int");
    // a 15-minute outage every 8 hours (480 samples), phase by node: the timeline skips 15 slots
    Column slot = k.plus(expr("15 * floor((k + node * 7) / 480)"));
    Column jitterMs = h(1500, 1, id);
    Column tsSec = lit(BASE).plus(col("slot").multiply(60)).plus(jitterMs.divide(1000.0));
    // power: smooth within half-hour blocks, 60-400 W; 1 % [N/A]
    Column level = h(341, 2, col("board"), expr("floor(slot / 30)"));
    Column power = when(h(100, 3, id).equalTo(0), lit(null).cast("double"))
        .otherwise(lit(60.0).plus(level).plus(h(20, 4, id).divide(10.0)));
    Column dcgm = pmod(col("node"), lit(4)).equalTo(0);
    return spark.range(0, n, 1, Math.max(8, (int) (n / 2_000_000)))
        .withColumn("board", board)
        .withColumn("k", k)
        .withColumn("node", node)
        .withColumn("gpu_index", idx)
        .withColumn("slot", slot)
        .withColumn("power_w", power)
        .select(lit("bench").as("cluster"),
            when(dcgm, lit("dcgm")).otherwise(lit("nvidia-smi")).as("source"),
            nodeName(col("node")).as("node"),
            col("gpu_index"),
            format_string("GPU-%08x-%04d", col("node"), col("gpu_index")).as("gpu_uuid"),
            lit(null).cast("string").as("gpu_board"),
            lit("NVIDIA A100-SXM4-80GB").as("gpu_model"),
            timestamp_seconds(tsSec).as("ts_utc"),
            when(dcgm, lit("sample")).otherwise(lit("log")).as("ts_source"),
            col("power_w"),
            when(dcgm, col("slot").multiply(60L * 230_000L).plus(h(50_000, 5, id)).cast("double"))
                .as("energy_mj"),
            expr("(60.0 + " + "pmod(hash(board, floor(slot / 30), 2), 341)) / 400.0").as("util"),
            lit(null).cast("string").as("pod"),
            lit(null).cast("string").as("namespace"),
            concat(lit("/logs/"), nodeName(col("node")), lit(".csv")).as("file"),
            k.plus(1).as("line"));
  }

  /** Jobs for the span of n samples: per node pair and 4-hour slot, one two-node job or two single-node ones. */
  static Dataset<Row> jobs(SparkSession spark, long n, int nodes) {
    long boards = (long) nodes * GPUS_PER_NODE;
    long spanS = (long) Math.ceil(n / (double) boards) * 60 * 495 / 480 + 3600;
    long slots = (spanS + SLOT_S - 1) / SLOT_S;
    int pairs = nodes / 2;
    Column id = col("id");
    Column half = pmod(id, lit(2)).cast("int");
    Column rest = id.divide(2).cast("long");
    Column kind = h(10, 11, col("pair"), col("slot"));
    Column g = expr("cast(pow(2, pmod(hash(pair, slot, half, 12), 4)) as double)");
    Column start = lit(BASE).plus(col("slot").multiply(SLOT_S))
        .plus(h(1800, 13, col("pair"), col("slot"), col("half")));
    Column duration = lit(3600L).plus(h(9000, 14, col("pair"), col("slot"), col("half"))).cast("long");
    Column multi = col("kind").lt(2);
    Column node = col("pair").multiply(2).plus(col("half"));
    return spark.range(0, pairs * slots * 2, 1, 8)
        .withColumn("half", half)
        .withColumn("pair", pmod(rest, lit(pairs)))
        .withColumn("slot", rest.divide(pairs).cast("long"))
        .withColumn("kind", kind)
        // two-node jobs use the pair's first row; every 20th node is idle unless a two-node job takes it
        .filter(multi.and(col("half").equalTo(0))
            .or(col("kind").geq(2).and(pmod(node, lit(20)).notEqual(19))))
        .withColumn("g", when(multi, lit(16.0)).when(col("kind").equalTo(2), lit(0.0)).otherwise(g))
        .withColumn("start_s", start)
        .withColumn("duration_s", duration)
        .withColumn("job_id", concat_ws("_", col("slot").cast("string"), node.cast("string")))
        .select(
            concat_ws("|", lit("slurm"), lit("bench"), col("job_id"), lit(""),
                timestamp_seconds(col("start_s")).cast("string")).as("job_key"),
            lit("bench").as("cluster"), lit("slurm").as("source"), col("job_id"),
            lit("gpu").as("partition"), lit("COMPLETED").as("state"),
            timestamp_seconds(col("start_s")).as("start_utc"),
            timestamp_seconds(col("start_s").plus(col("duration_s"))).as("end_utc"),
            col("duration_s"),
            when(multi, array(nodeName(node), nodeName(node.plus(1)))).otherwise(array(nodeName(node)))
                .as("nodes"),
            when(multi, lit(2)).otherwise(lit(1)).as("node_count"),
            col("g").as("gpu_count"),
            abs(h(1000, 15, col("job_id"))).cast("double").as("cpu_count"));
  }
}
