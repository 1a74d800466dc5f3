package org.footprint.source.kubernetes;

import org.footprint.source.InputRecord;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * A Katib object (kubeflow.org/v1beta1): an Experiment with its search kind and best trial, a Trial with its
 * Experiment, or a workload owned by a Trial (its Job or PyTorchJob, when the dump has one); or a reject.
 */
final class KatibRecord extends InputRecord {
  static final String EXPERIMENT = "experiment";
  static final String TRIAL = "trial";
  /** an object (Job, PyTorchJob, …) whose ownerReference is a Trial: one hop of the pod's owner chain. */
  static final String OWNED = "owned";

  static final StructType SCHEMA = StructType.fromDDL(String.join(",",
      "kind STRING", "cluster STRING", "file STRING", "line BIGINT", "raw STRING", "reason STRING",
      "object_kind STRING", "namespace STRING", "name STRING", "uid STRING", "creation_utc TIMESTAMP",
      "algorithm STRING", "sweep_kind STRING", "max_trial_count INT", "parallel_trial_count INT",
      "max_failed_trial_count INT", "trial_kind STRING", "trial_pods INT", "trial_gpus DOUBLE",
      "best_trial STRING", "trials INT", "trials_succeeded INT", "trials_failed INT",
      "experiment STRING", "owner_kind STRING", "owner_name STRING", "owner_uid STRING",
      "trial_mig_slices DOUBLE", "trial_mig_profile STRING"));

  String objectKind;
  String namespace;
  String name;
  String uid;
  Instant creation;
  String algorithm;
  /** hpo | nas (experiments only). */
  String sweepKind;
  Integer maxTrialCount;
  Integer parallelTrialCount;
  Integer maxFailedTrialCount;
  /** kind of the trial template's workload: Job, PyTorchJob, TFJob, … */
  String trialKind;
  /** pods per trial the template asks for (replicas summed); null when the template is elsewhere (ConfigMap). */
  Integer trialPods;
  /** whole GPUs (nvidia.com/gpu, amd.com/gpu) per trial, over all its pods. */
  Double trialGpus;
  /** MIG compute slices per trial ({@code nvidia.com/mig-<g>g.<mem>gb}: g × count), over all its pods. */
  Double trialMigSlices;
  /** the MIG profile those slices are cut as (1g.10gb …), naming the board; null without MIG. */
  String trialMigProfile;
  String bestTrial;
  Integer trials;
  Integer trialsSucceeded;
  Integer trialsFailed;
  /** for trials: the experiment (ownerReference, else the katib.kubeflow.org/experiment label). */
  String experiment;
  String ownerKind;
  String ownerName;
  String ownerUid;

  static KatibRecord reject(String cluster, String file, long line, String raw, String reason) {
    KatibRecord r = new KatibRecord();
    r.rejected(cluster, file, line, raw, reason);
    return r;
  }

  Row toRow() {
    return RowFactory.create(kind, cluster, file, line, raw, reason, objectKind, namespace, name, uid,
        PodRecord.ts(creation), algorithm, sweepKind, maxTrialCount, parallelTrialCount, maxFailedTrialCount,
        trialKind, trialPods, trialGpus, bestTrial, trials, trialsSucceeded, trialsFailed, experiment, ownerKind,
        ownerName, ownerUid, trialMigSlices, trialMigProfile);
  }

  static {
    if (SCHEMA.fields().length != 29) {
      throw new IllegalStateException("KatibRecord.SCHEMA out of step with toRow()");
    }
  }
}
