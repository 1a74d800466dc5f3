package org.footprint.source.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * One pod object → one {@link PodRecord}. Reads only what kubectl prints for core/v1 Pods; every rule about
 * what the numbers mean (state, interval, attribution) is applied later, on the folded snapshots.
 */
final class PodParser {
  private static final double GIB = 1024.0 * 1024 * 1024;

  private PodParser() {}

  static PodRecord parse(String cluster, String file, KubeObject o) {
    if (o.isProblem()) {
      return PodRecord.reject(cluster, file, o.line(), o.raw(), o.problem());
    }
    JsonNode pod = o.node();
    JsonNode meta = pod.path("metadata");
    String kind = KubeMeta.text(pod, "kind");
    PodRecord r = new PodRecord();
    r.cluster = cluster;
    r.file = file;
    r.line = o.line();
    r.namespace = KubeMeta.namespace(meta);
    r.name = KubeMeta.text(meta, "name");
    if (kind != null && !kind.equals("Pod")) {
      r.kind = PodRecord.OTHER; // kubectl get all mixes Services, Deployments … in: not pods, not errors
      r.objectKind = kind;
      return r;
    }
    if (!meta.isObject() || r.name == null) {
      return PodRecord.reject(cluster, file, o.line(), pod.toString(), "no metadata.name: not a Pod object");
    }
    r.uid = KubeMeta.text(meta, "uid");
    if (r.uid == null) {
      return PodRecord.reject(cluster, file, o.line(), pod.toString(),
          "pod " + r.namespace + "/" + r.name + " has no metadata.uid: runs of a recreated pod cannot be told apart");
    }
    try {
      fill(r, pod, meta);
    } catch (IllegalArgumentException e) {
      return PodRecord.reject(cluster, file, o.line(), pod.toString(),
          "pod " + r.namespace + "/" + r.name + ": " + e.getMessage());
    }
    r.kind = PodRecord.POD;
    return r;
  }

  private static void fill(PodRecord r, JsonNode pod, JsonNode meta) {
    r.labels = KubeMeta.stringMap(meta.path("labels"));
    r.annotations = KubeMeta.stringMap(meta.path("annotations"));
    JsonNode owner = KubeMeta.owner(meta);
    r.ownerKind = KubeMeta.text(owner, "kind");
    r.ownerName = KubeMeta.text(owner, "name");
    r.ownerUid = KubeMeta.text(owner, "uid");
    r.creation = KubeTime.parse("metadata.creationTimestamp", KubeMeta.text(meta, "creationTimestamp"));
    r.deletion = KubeTime.parse("metadata.deletionTimestamp", KubeMeta.text(meta, "deletionTimestamp"));

    JsonNode spec = pod.path("spec");
    r.nodeName = KubeMeta.text(spec, "nodeName");
    Map<String, Double> eff = PodRequests.effective(spec);
    PodGpuRequest gpu = PodGpuRequest.of(eff);
    r.gpuNvidia = gpu.nvidia();
    r.gpuShared = gpu.shared();
    r.gpuAmd = gpu.amd();
    r.migSlices = gpu.migSlices();
    r.migProfile = gpu.migProfile();
    r.cpuCount = eff.get("cpu");
    r.memGb = eff.containsKey("memory") ? eff.get("memory") / GIB : null;

    JsonNode status = pod.path("status");
    r.phase = KubeMeta.text(status, "phase");
    r.statusReason = KubeMeta.text(status, "reason");
    r.start = KubeTime.parse("status.startTime", KubeMeta.text(status, "startTime"));
    containerStatuses(r, status);
    Instant seen = KubeTime.max(KubeTime.max(r.creation, r.deletion), KubeTime.max(r.start, r.seen));
    for (JsonNode c : status.path("conditions")) {
      seen = KubeTime.max(seen, KubeTime.parse("status.conditions.lastTransitionTime",
          KubeMeta.text(c, "lastTransitionTime")));
    }
    r.seen = seen;
  }

  /** restarts, latest finishedAt (incl. lastState of restarted containers), OOM kills, exit code. */
  private static void containerStatuses(PodRecord r, JsonNode status) {
    int restarts = 0;
    boolean oom = false;
    Instant finished = null;
    Instant seen = null;
    String failedExit = null;
    String lastExit = null;
    Instant lastExitAt = null;
    int apps = 0;
    int appsTerminated = 0;
    for (String list : new String[] {"initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"}) {
      for (JsonNode cs : status.path(list)) {
        restarts += cs.path("restartCount").asInt(0);
        JsonNode term = cs.path("state").path("terminated");
        JsonNode last = cs.path("lastState").path("terminated");
        Instant termAt = KubeTime.parse(list + ".state.terminated.finishedAt", KubeMeta.text(term, "finishedAt"));
        Instant lastAt = KubeTime.parse(list + ".lastState.terminated.finishedAt", KubeMeta.text(last, "finishedAt"));
        finished = KubeTime.max(finished, KubeTime.max(termAt, lastAt));
        for (JsonNode st : new JsonNode[] {cs.path("state"), cs.path("lastState")}) {
          for (JsonNode s : st) {
            seen = KubeTime.max(seen, KubeTime.parse(list + " startedAt", KubeMeta.text(s, "startedAt")));
          }
        }
        // the most recent termination: the current one, else the previous run's (now waiting to restart)
        JsonNode recent = term.isObject() ? term : last;
        if (list.equals("containerStatuses")) {
          apps++;
          appsTerminated += term.isObject() ? 1 : 0;
        }
        if ("OOMKilled".equals(KubeMeta.text(recent, "reason"))) {
          oom = true;
        }
        if (term.isObject()) {
          String code = KubeMeta.text(term, "exitCode");
          if (code != null && !code.equals("0") && failedExit == null && !list.equals("initContainerStatuses")) {
            failedExit = code;
          }
          if (code != null && termAt != null && (lastExitAt == null || termAt.isAfter(lastExitAt))) {
            lastExit = code;
            lastExitAt = termAt;
          }
        }
      }
    }
    r.restarts = restarts;
    r.oom = oom;
    r.allTerminated = apps > 0 && apps == appsTerminated;
    r.finished = finished;
    r.seen = KubeTime.max(seen, finished);
    r.exitCode = failedExit != null ? failedExit : lastExit;
  }
}
