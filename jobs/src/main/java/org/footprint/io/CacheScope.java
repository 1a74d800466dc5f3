package org.footprint.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * What one run caches, released together when the run ends (refused and failed runs too): a long-lived session
 * (tests, a notebook, a scheduler's driver) runs again and must not keep the previous night's blocks.
 */
public final class CacheScope implements AutoCloseable {
  private final List<Dataset<?>> cached = new ArrayList<>();
  private final List<RDD<?>> cut = new ArrayList<>();

  /** Persists {@code d} (memory, spilling to disk) for the life of this scope. */
  public <T> Dataset<T> keep(Dataset<T> d) {
    return adopt(d.persist(StorageLevel.MEMORY_AND_DISK()));
  }

  /**
   * Computes {@code d} once, keeps its rows (memory, spilling to disk) for the life of this scope, and returns a
   * dataset that reads them through a plan of one node (a local checkpoint). Spark analyses, optimises and plans
   * a query again for every column added and every adaptive stage, over the whole tree below it: the per-job
   * plan had grown to 2,800 nodes (each self-join copies the tree below it), and planning, not computing, took
   * three quarters of the per-job phase. A cut keeps what comes after it small. The partitioning and the size
   * statistics of {@code d} are kept, so joins after it are planned as before. Unlike {@link #keep}, the
   * upstream work runs here (a checkpoint is planned and its shuffles run when it is made).
   *
   * <p>A local checkpoint lives in the executors' block managers: if an executor is lost after the cut (preempted
   * on a shared cluster), the run fails rather than recomputing. With a checkpoint directory set
   * ({@code spark.checkpoint.dir}, on HDFS or S3A), the cut is written there instead and survives that.
   */
  public <T> Dataset<T> cut(Dataset<T> d) {
    boolean reliable = d.sparkSession().sparkContext().getCheckpointDir().isDefined();
    Dataset<T> c = reliable ? d.checkpoint(false) : d.localCheckpoint(false);
    if (c.queryExecution().logical() instanceof LogicalRDD r) {
      cut.add(r.rdd());
    }
    return c;
  }

  /** Takes over the release of a dataset someone else persisted. */
  public <T> Dataset<T> adopt(Dataset<T> persisted) {
    cached.add(persisted);
    return persisted;
  }

  /** Takes over the release of several persisted datasets. */
  public void adoptAll(List<? extends Dataset<?>> persisted) {
    cached.addAll(persisted);
  }

  /** How many datasets it holds (kept, adopted or cut). */
  public int size() {
    return cached.size() + cut.size();
  }

  @Override
  public void close() {
    cached.forEach(Dataset::unpersist);
    cached.clear();
    cut.forEach(r -> r.unpersist(false));
    cut.clear();
  }
}
