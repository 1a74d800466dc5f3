package org.footprint.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.LogicalRDD;

/**
 * What one run keeps, released together when the run ends (refused and failed runs too): a long-lived session
 * (tests, a notebook, a scheduler's driver) runs again and must not keep the previous night's blocks.
 *
 * <p>Everything a run keeps is a checkpoint ({@link #cut}), never a {@code Dataset.persist}: Spark 4.2 gives every
 * persisted table an accumulator of per-partition statistics that can be read, half deserialized, by the
 * heartbeat (a NullPointerException in the log, see docs/operations.md); a checkpoint has none, and it keeps the
 * plans after it small.
 */
public final class CacheScope implements AutoCloseable {
  private final List<RDD<?>> cut = new ArrayList<>();
  private final List<Dataset<?>> cutFrom = new ArrayList<>();

  /**
   * Computes {@code d} once, keeps its rows (memory, spilling to disk) for the life of this scope, and returns a
   * dataset that reads them through a plan of one node (a local checkpoint). Spark analyses, optimises and plans
   * a query again for every column added and every adaptive stage, over the whole tree below it: the per-job
   * plan had grown to 2,800 nodes (each self-join copies the tree below it), and planning, not computing, took
   * three quarters of the per-job phase. A cut keeps what comes after it small. The partitioning and the size
   * statistics of {@code d} are kept, so joins after it are planned as before. Under adaptive execution the
   * upstream shuffles run here, when the cut is made; otherwise the first action computes it, once.
   *
   * <p>A local checkpoint lives in the executors' block managers: if an executor is lost after the cut (preempted
   * on a shared cluster), the run fails rather than recomputing. With a checkpoint directory set
   * ({@code spark.checkpoint.dir}, on HDFS or S3A), the cut is written there instead and survives that. That one is
   * made at once (eager): a lazy reliable checkpoint is computed by the first action and then computed again from
   * the start to be written, since nothing keeps its rows in between. Its files are deleted when the scope closes
   * (Spark leaves them: nightly runs would pile up their job tables in the directory).
   */
  public <T> Dataset<T> cut(Dataset<T> d) {
    boolean reliable = d.sparkSession().sparkContext().getCheckpointDir().isDefined();
    Dataset<T> c = reliable ? d.checkpoint(true) : d.localCheckpoint(false);
    if (c.queryExecution().logical() instanceof LogicalRDD r) {
      cut.add(r.rdd());
    }
    cutFrom.add(d);
    return c;
  }

  /**
   * The datasets that were cut, with the plans that computed them: a plan test reads them (the plan after a cut
   * shows only its one node).
   */
  public List<Dataset<?>> cutFrom() {
    return List.copyOf(cutFrom);
  }

  /** How many cuts it holds. */
  public int size() {
    return cut.size();
  }

  @Override
  public void close() {
    for (RDD<?> r : cut) {
      r.unpersist(false);
      if (r.getCheckpointFile().isDefined()) {
        deleteQuietly(new Path(r.getCheckpointFile().get()));
      }
    }
    cut.clear();
    cutFrom.clear();
  }

  /** A leftover checkpoint is not worth failing a finished run for: the next run neither reads nor needs it. */
  private static void deleteQuietly(Path dir) {
    try {
      HadoopFs.of(dir).delete(dir, true);
    } catch (IOException | RuntimeException e) {
      // left in the checkpoint directory
    }
  }
}
