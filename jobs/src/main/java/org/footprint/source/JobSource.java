package org.footprint.source;

/** A source whose usage rows become jobs (Slurm accounting, Kubernetes pods): run_summary counts them as jobs. */
public interface JobSource extends Source {
  @Override
  default boolean yieldsJobs() {
    return true;
  }
}
