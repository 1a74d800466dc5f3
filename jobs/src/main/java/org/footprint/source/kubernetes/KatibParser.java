package org.footprint.source.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Katib objects → {@link KatibRecord}. The search kind follows Katib's own split: the NAS algorithms
 * ({@code enas}, {@code darts}), or any Experiment carrying a {@code nasConfig}, search architectures
 * ({@code nas}); every other algorithm (random, grid, tpe, bayesianoptimization, hyperband, cmaes, sobol, pbt,
 * and algorithms Katib adds later) searches hyperparameters ({@code hpo}).
 */
final class KatibParser {
  static final Set<String> NAS_ALGORITHMS = Set.of("enas", "darts");

  private KatibParser() {}

  /** null for objects that play no part in a sweep (ConfigMaps kept next to the specs, …). */
  static KatibRecord parse(String cluster, String file, KubeObject o) {
    if (o.isProblem()) {
      return KatibRecord.reject(cluster, file, o.line(), o.raw(), o.problem());
    }
    JsonNode obj = o.node();
    String kind = KubeMeta.text(obj, "kind");
    JsonNode meta = obj.path("metadata");
    JsonNode owner = KubeMeta.owner(meta);
    KatibRecord r = new KatibRecord();
    r.cluster = cluster;
    r.file = file;
    r.line = o.line();
    r.objectKind = kind;
    r.namespace = KubeMeta.namespace(meta);
    r.name = KubeMeta.text(meta, "name");
    r.uid = KubeMeta.text(meta, "uid");
    r.ownerKind = KubeMeta.text(owner, "kind");
    r.ownerName = KubeMeta.text(owner, "name");
    r.ownerUid = KubeMeta.text(owner, "uid");
    if ("Experiment".equals(kind)) {
      r.kind = KatibRecord.EXPERIMENT;
    } else if ("Trial".equals(kind)) {
      r.kind = KatibRecord.TRIAL;
    } else if ("Trial".equals(r.ownerKind)) {
      r.kind = KatibRecord.OWNED;
    } else {
      return null;
    }
    if (r.name == null) {
      return KatibRecord.reject(cluster, file, o.line(), obj.toString(), kind + " without metadata.name");
    }
    try {
      r.creation = KubeTime.parse("metadata.creationTimestamp", KubeMeta.text(meta, "creationTimestamp"));
      if (r.kind.equals(KatibRecord.EXPERIMENT)) {
        experiment(r, obj.path("spec"), obj.path("status"));
      } else if (r.kind.equals(KatibRecord.TRIAL)) {
        r.experiment = "Experiment".equals(r.ownerKind) ? r.ownerName
            : KubeMeta.text(meta.path("labels"), "katib.kubeflow.org/experiment");
      }
    } catch (IllegalArgumentException e) {
      return KatibRecord.reject(cluster, file, o.line(), obj.toString(), kind + " " + r.namespace + "/" + r.name
          + ": " + e.getMessage());
    }
    return r;
  }

  private static void experiment(KatibRecord r, JsonNode spec, JsonNode status) {
    String algorithm = KubeMeta.text(spec.path("algorithm"), "algorithmName");
    r.algorithm = algorithm;
    boolean nas = (algorithm != null && NAS_ALGORITHMS.contains(algorithm.toLowerCase(Locale.ROOT)))
        || spec.path("nasConfig").isObject();
    r.sweepKind = nas ? "nas" : "hpo";
    r.maxTrialCount = integer(spec, "maxTrialCount");
    r.parallelTrialCount = integer(spec, "parallelTrialCount");
    r.maxFailedTrialCount = integer(spec, "maxFailedTrialCount");
    JsonNode trialSpec = spec.path("trialTemplate").path("trialSpec");
    r.trialKind = KubeMeta.text(trialSpec, "kind");
    trialShape(r, trialSpec.path("spec"));
    r.bestTrial = KubeMeta.text(status.path("currentOptimalTrial"), "bestTrialName");
    r.trials = integer(status, "trials");
    r.trialsSucceeded = integer(status, "trialsSucceeded");
    r.trialsFailed = integer(status, "trialsFailed");
  }

  /**
   * Pods and GPUs of one trial from its template: a batch Job's pod template, or a Training Operator job's
   * {@code <framework>ReplicaSpecs} (replicas × pod template, replicas defaulting to 1).
   */
  private static void trialShape(KatibRecord r, JsonNode workloadSpec) {
    JsonNode podSpec = workloadSpec.path("template").path("spec");
    if (podSpec.isObject()) {
      int pods = Math.max(1, workloadSpec.path("parallelism").asInt(1));
      r.trialPods = pods;
      r.trialGpus = 0.0;
      r.trialMigSlices = 0.0;
      addGpus(r, pods, podSpec);
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = workloadSpec.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().endsWith("ReplicaSpecs") && e.getValue().isObject()) {
        int pods = 0;
        r.trialGpus = 0.0;
        r.trialMigSlices = 0.0;
        for (JsonNode replica : e.getValue()) {
          int n = replica.path("replicas").asInt(1);
          pods += n;
          addGpus(r, n, replica.path("template").path("spec"));
        }
        r.trialPods = pods;
        return;
      }
    }
  }

  /** {@code pods} pods of this spec: their whole boards and MIG slices (requests, else limits, as the pods'). */
  private static void addGpus(KatibRecord r, int pods, JsonNode podSpec) {
    PodGpuRequest g = PodGpuRequest.of(PodRequests.effective(podSpec));
    r.trialGpus += pods * (g.nvidia() + g.amd());
    r.trialMigSlices += pods * g.migSlices();
    if (g.migProfile() != null && (r.trialMigProfile == null || g.migProfile().compareTo(r.trialMigProfile) > 0)) {
      r.trialMigProfile = g.migProfile();
    }
  }

  private static Integer integer(JsonNode obj, String field) {
    JsonNode v = obj.path(field);
    return v.isNumber() || (v.isTextual() && v.asText().matches("\\d+")) ? v.asInt() : null;
  }
}
