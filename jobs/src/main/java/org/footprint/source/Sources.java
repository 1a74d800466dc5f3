package org.footprint.source;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.footprint.io.JobGroup;
import org.footprint.source.intensity.IntensitySource;
import org.footprint.source.inventory.InventorySource;
import org.footprint.source.kubernetes.KubernetesSource;
import org.footprint.source.meter.MeterSource;
import org.footprint.source.power.PowerSource;
import org.footprint.source.slurm.SlurmSource;

/** Every source a run reads, in order; each reads its own inputs of the plan (possibly none). */
public final class Sources {
  static final List<Source> ALL = List.of(new SlurmSource(), new KubernetesSource(), new PowerSource(),
      new IntensitySource(), new InventorySource(), new MeterSource());
  /** The run_summary sources whose records become jobs. */
  public static final Set<String> JOB_SOURCES = ALL.stream().filter(Source::yieldsJobs)
      .map(s -> s.kind().label()).collect(Collectors.toUnmodifiableSet());

  private Sources() {}

  /** All sources' results as one (in the Spark job group footprint:ingest). */
  public static SourceResult read(SparkSession spark, Source.Context ctx, InputPlan plan) {
    SourceResult read = null;
    try (JobGroup g = JobGroup.of(spark, "footprint:ingest", "read inputs")) {
      for (Source source : ALL) {
        SourceResult one = source.read(spark, ctx, plan.of(source.kind()));
        read = read == null ? one : read.union(one);
      }
    }
    return read;
  }
}
