package org.footprint.source;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.conf.InputSpec;
import org.footprint.io.CacheScope;

/**
 * One kind of input data (Slurm accounting, Kubernetes dumps, GPU power logs, carbon intensity) read into the
 * shared tables of a {@link SourceResult}. A run asks every source in turn, each with its own inputs (possibly
 * none); no source knows another.
 */
public interface Source {
  /** What a source may need beyond its inputs. */
  record Context(FootprintConf conf, GpuProfiles profiles, CacheScope cache) {
    /** The IANA time zone of a configured cluster (sacct and nvidia-smi print local wall-clock time). */
    public String timeZone(String cluster) {
      FootprintConf.ClusterConf c = conf.clusters.get(cluster);
      return c == null ? null : c.timeZone;
    }
  }

  /** The inputs it reads and the {@code source} of its rows in run_summary, rejects and skipped. */
  InputSpec.Source kind();

  /**
   * Whether its usage rows become jobs (run_summary then counts them from the jobs table). Most sources only add
   * tables for later steps (samples, intensity, inventory, meter readings); the ones that read jobs are a
   * {@link JobSource}.
   */
  default boolean yieldsJobs() {
    return false;
  }

  /** Reads {@code inputs} (all of {@link #kind}; may be empty); what it caches goes to the context's cache. */
  SourceResult read(SparkSession spark, Context ctx, List<InputSpec> inputs);
}
