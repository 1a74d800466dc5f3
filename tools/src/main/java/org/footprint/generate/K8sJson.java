package org.footprint.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Renders generated pods, nodes and Katib objects as {@code kubectl get -o json} prints them: keys sorted (kubectl
 * prints unstructured objects), four-space indent, RFC 3339 UTC times, quantities as strings.
 */
final class K8sJson {
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final ObjectWriter WRITER;

  static {
    DefaultIndenter four = new DefaultIndenter("    ", "\n");
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""));
    pp.indentObjectsWith(four);
    pp.indentArraysWith(four);
    WRITER = new ObjectMapper().writer(pp);
  }

  private K8sJson() {}

  static String time(long epochSeconds) {
    return RFC3339.format(Instant.ofEpochSecond(epochSeconds));
  }

  /** A {@code kind: List} of the items, as kubectl get -o json writes several objects. */
  static String list(List<Map<String, Object>> items) {
    Map<String, Object> l = obj("apiVersion", "v1", "items", items, "kind", "List",
        "metadata", obj("resourceVersion", ""));
    try {
      return WRITER.writeValueAsString(l) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put((String) kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  static String uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The pod as its last snapshot shows it: ended, being deleted, or never scheduled. */
  static Map<String, Object> finalPod(K8sPod p, int nodes) {
    if (!p.scheduled()) {
      return pod(p, null, obj(
          "conditions", List.of(obj("lastProbeTime", null, "lastTransitionTime", time(p.creation),
              "message", "0/" + nodes + " nodes are available: " + nodes + " Insufficient nvidia.com/gpu.",
              "reason", "Unschedulable", "status", "False", "type", "PodScheduled")),
          "phase", "Pending", "qosClass", "Burstable"), null);
    }
    String phase;
    String statusReason = null;
    String message = null;
    int exit;
    String reason;
    switch (p.outcome) {
      case SUCCEEDED -> {
        phase = "Succeeded";
        exit = 0;
        reason = "Completed";
      }
      case FAILED -> {
        phase = "Failed";
        exit = 1;
        reason = "Error";
      }
      case OOM -> {
        phase = "Failed";
        exit = 137;
        reason = "OOMKilled";
      }
      case DEADLINE -> {
        phase = "Failed";
        exit = 137;
        reason = "Error";
        statusReason = "DeadlineExceeded";
        message = "Pod was active on the node longer than the specified deadline";
      }
      default -> {
        phase = "Running"; // deleted mid-run: terminating, its container already stopped on SIGTERM
        exit = 143;
        reason = "Error";
      }
    }
    long runStart = p.start;
    Map<String, Object> last = null;
    if (p.restarts > 0) {
      long firstEnd = p.start + Math.max(1, (p.end - p.start) / 3);
      last = obj("terminated", obj("containerID", containerId(p, 0), "exitCode", 1, "finishedAt", time(firstEnd),
          "reason", "Error", "startedAt", time(p.start)));
      runStart = Math.min(p.end, firstEnd + 10);
    }
    Map<String, Object> cs = obj("containerID", containerId(p, p.restarts), "image", p.image,
        "imageID", p.image + "@sha256:" + hex(p.image), "lastState", last == null ? obj() : last,
        "name", p.container, "ready", false, "restartCount", p.restarts, "started", false,
        "state", obj("terminated", obj("containerID", containerId(p, p.restarts), "exitCode", exit,
            "finishedAt", time(p.end), "reason", reason, "startedAt", time(runStart))));
    boolean deleted = p.outcome == K8sPod.End.DELETED;
    Map<String, Object> status = obj("conditions", conditions(p, false), "containerStatuses", List.of(cs),
        "hostIP", hostIp(p), "message", message, "phase", phase, "podIP", podIp(p), "qosClass", "Burstable",
        "reason", statusReason, "startTime", time(p.start));
    return pod(p, p.outcome == K8sPod.End.DEADLINE ? (Long) (p.end - p.start) : null, status,
        deleted ? (Long) (p.end + 25) : null);
  }

  /** The pod as a snapshot taken while it ran shows it. */
  static Map<String, Object> runningPod(K8sPod p) {
    Map<String, Object> cs = obj("containerID", containerId(p, 0), "image", p.image,
        "imageID", p.image + "@sha256:" + hex(p.image), "lastState", obj(), "name", p.container, "ready", true,
        "restartCount", 0, "started", true, "state", obj("running", obj("startedAt", time(p.start))));
    Map<String, Object> status = obj("conditions", conditions(p, true), "containerStatuses", List.of(cs),
        "hostIP", hostIp(p), "phase", "Running", "podIP", podIp(p), "qosClass", "Burstable",
        "startTime", time(p.start));
    return pod(p, p.outcome == K8sPod.End.DEADLINE ? (Long) (p.end - p.start) : null, status, null);
  }

  private static Map<String, Object> pod(K8sPod p, Long deadline, Map<String, Object> status, Long deletion) {
    Map<String, Object> labels = new TreeMap<>(p.labels);
    if ("Job".equals(p.ownerKind)) {
      labels.put("batch.kubernetes.io/job-name", p.ownerName);
      labels.put("job-name", p.ownerName);
    }
    String ownerUid = p.ownerUid != null ? p.ownerUid
        : uuid(p.ownerKind + "/" + p.namespace + "/" + p.ownerName);
    Map<String, Object> meta = obj("creationTimestamp", time(p.creation),
        "deletionGracePeriodSeconds", deletion == null ? null : 30,
        "deletionTimestamp", deletion == null ? null : time(deletion),
        "labels", labels, "name", p.name, "namespace", p.namespace,
        "ownerReferences", List.of(obj("apiVersion", p.ownerApiVersion, "blockOwnerDeletion", true,
            "controller", true, "kind", p.ownerKind, "name", p.ownerName, "uid", ownerUid)),
        "resourceVersion", Long.toString(1000 + (p.uid.hashCode() & 0xffffff)), "uid", p.uid);
    Map<String, Object> limits = obj("cpu", Integer.toString(p.cpus), "memory", p.memGi + "Gi",
        "nvidia.com/gpu", p.gpus > 0 ? Integer.toString(p.gpus) : null);
    Map<String, Object> requests = obj("cpu", Integer.toString(p.cpus), "memory", p.memGi + "Gi");
    Map<String, Object> container = obj("image", p.image, "imagePullPolicy", "IfNotPresent", "name", p.container,
        "resources", obj("limits", limits, "requests", requests),
        "terminationMessagePath", "/dev/termination-log", "terminationMessagePolicy", "File");
    Map<String, Object> spec = obj("activeDeadlineSeconds", deadline, "containers", List.of(container),
        "dnsPolicy", "ClusterFirst", "nodeName", p.node,
        "restartPolicy", p.restarts > 0 || "PyTorchJob".equals(p.ownerKind) ? "OnFailure" : "Never",
        "schedulerName", "default-scheduler", "serviceAccountName", "default",
        "terminationGracePeriodSeconds", 30,
        "tolerations", p.gpus > 0 ? List.of(obj("effect", "NoSchedule", "key", "nvidia.com/gpu",
            "operator", "Exists")) : null);
    return obj("apiVersion", "v1", "kind", "Pod", "metadata", meta, "spec", spec, "status", status);
  }

  private static List<Object> conditions(K8sPod p, boolean running) {
    String ready = running ? "True" : "False";
    String t = time(running ? p.start : p.end);
    List<Object> c = new ArrayList<>();
    c.add(obj("lastProbeTime", null, "lastTransitionTime", time(p.start), "status", running ? "True" : "False",
        "type", "PodReadyToStartContainers"));
    c.add(obj("lastProbeTime", null, "lastTransitionTime", time(p.creation), "status", "True", "type", "Initialized"));
    c.add(obj("lastProbeTime", null, "lastTransitionTime", t, "reason", running ? null : "PodCompleted",
        "status", ready, "type", "Ready"));
    c.add(obj("lastProbeTime", null, "lastTransitionTime", t, "reason", running ? null : "PodCompleted",
        "status", ready, "type", "ContainersReady"));
    c.add(obj("lastProbeTime", null, "lastTransitionTime", time(p.creation), "status", "True",
        "type", "PodScheduled"));
    return c;
  }

  private static String containerId(K8sPod p, int run) {
    return "containerd://" + hex(p.uid + "/" + run) + hex(p.uid + "#" + run);
  }

  private static String hex(String s) {
    return UUID.nameUUIDFromBytes(s.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
  }

  private static String hostIp(K8sPod p) {
    int h = p.node.hashCode() & 0xffff;
    return "10.164." + (h >> 8) + "." + (h & 0xff);
  }

  private static String podIp(K8sPod p) {
    int h = p.uid.hashCode() & 0xfffff;
    return "10." + (64 + (h >> 16)) + "." + ((h >> 8) & 0xff) + "." + (h & 0xff);
  }

  /** One Node as GKE with the NVIDIA GPU operator labels it. */
  static Map<String, Object> node(GeneratorSpec.K8sSpec k, String name, boolean h100, boolean gpu, long created) {
    Map<String, Object> labels = new TreeMap<>();
    labels.put("beta.kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    labels.put("topology.kubernetes.io/region", k.cloudRegion());
    labels.put("topology.kubernetes.io/zone", k.cloudRegion() + "-a");
    String type = !gpu ? "n2-standard-32" : h100 ? "a3-highgpu-8g" : "a2-ultragpu-8g";
    labels.put("node.kubernetes.io/instance-type", type);
    labels.put("cloud.google.com/gke-nodepool", !gpu ? "cpu-pool" : h100 ? "h100-pool" : "a100-pool");
    Map<String, Object> capacity = new TreeMap<>();
    capacity.put("cpu", gpu ? (h100 ? "208" : "96") : "32");
    capacity.put("memory", gpu ? (h100 ? "1872Gi" : "1360Gi") : "128Gi");
    capacity.put("pods", "110");
    if (gpu) {
      labels.put("nvidia.com/gpu.count", "8");
      labels.put("nvidia.com/gpu.memory", h100 ? "81559" : "81920");
      labels.put("nvidia.com/gpu.product", h100 ? "NVIDIA-H100-80GB-HBM3" : "NVIDIA-A100-SXM4-80GB");
      labels.put("nvidia.com/gpu.present", "true");
      capacity.put("nvidia.com/gpu", "8");
    }
    return obj("apiVersion", "v1", "kind", "Node",
        "metadata", obj("creationTimestamp", time(created), "labels", labels, "name", name,
            "resourceVersion", Long.toString(5000 + (name.hashCode() & 0xffff)), "uid", uuid("node/" + name)),
        "spec", obj("providerID", "gce://gen-project/" + k.cloudRegion() + "-a/" + name),
        "status", obj("allocatable", capacity, "capacity", capacity,
            "nodeInfo", obj("architecture", "amd64", "containerRuntimeVersion", "containerd://1.7.24",
                "kubeletVersion", "v1.31.5-gke.1023000", "operatingSystem", "linux")));
  }

  /** A Katib Experiment with its final status. */
  static Map<String, Object> experiment(K8sDayGenerator.Experiment e) {
    boolean nas = KATIB_NAS.contains(e.algorithm());
    int failed = (int) e.trialOk().stream().filter(ok -> !ok).count();
    int succeeded = e.trials().size() - failed;
    Map<String, Object> trialPod = obj("containers", List.of(obj("command", List.of("python3", "/opt/train.py",
            "--lr=${trialParameters.learningRate}"), "image", "registry.example.org/ml/train:2025.1",
        "name", "training-container", "resources", obj("limits", obj("nvidia.com/gpu",
            Integer.toString(e.trialGpus()))))), "restartPolicy", "Never");
    Map<String, Object> spec = obj(
        "algorithm", obj("algorithmName", e.algorithm()),
        "maxFailedTrialCount", e.trials().size(),
        "maxTrialCount", e.trials().size(),
        "parallelTrialCount", e.parallel(),
        "metricsCollectorSpec", obj("collector", obj("kind", "StdOut")),
        "nasConfig", nas ? obj("graphConfig", obj("inputSizes", List.of(32, 32, 3), "numLayers", 8,
            "outputSizes", List.of(10)), "operations", List.of(obj("operationType", "convolution",
            "parameters", List.of(obj("name", "filter_size", "parameterType", "categorical",
                "feasibleSpace", obj("list", List.of("3", "5", "7"))))))) : null,
        "objective", obj("goal", 0.99, "objectiveMetricName", "accuracy", "type", "maximize"),
        "parameters", nas ? null : List.of(obj("feasibleSpace", obj("max", "0.1", "min", "0.0001"),
            "name", "lr", "parameterType", "double")),
        "resumePolicy", "Never",
        "trialTemplate", obj("primaryContainerName", "training-container",
            "trialParameters", List.of(obj("description", "learning rate", "name", "learningRate",
                "reference", "lr")),
            "trialSpec", obj("apiVersion", "batch/v1", "kind", "Job",
                "spec", obj("template", obj("spec", trialPod)))));
    Map<String, Object> status = obj("completionTime", time(e.completion()),
        "conditions", List.of(obj("lastTransitionTime", time(e.completion()), "lastUpdateTime", time(e.completion()),
            "message", "Experiment has succeeded because max trial count has reached",
            "reason", "ExperimentMaxTrialsReached", "status", "True", "type", "Succeeded")),
        "currentOptimalTrial", e.best() == null ? obj("bestTrialName", "")
            : obj("bestTrialName", e.best(), "observation", obj("metrics", List.of(obj("latest", "0.93",
                "max", "0.93", "min", "0.41", "name", "accuracy"))),
                "parameterAssignments", nas ? List.of() : List.of(obj("name", "lr", "value", "0.0031"))),
        "startTime", time(e.creation()),
        "trials", e.trials().size(),
        "trialsFailed", failed,
        "trialsSucceeded", succeeded);
    return obj("apiVersion", "kubeflow.org/v1beta1", "kind", "Experiment",
        "metadata", obj("creationTimestamp", time(e.creation()), "generation", 1, "name", e.name(),
            "namespace", e.namespace(), "resourceVersion", Long.toString(9000 + (e.uid().hashCode() & 0xffff)),
            "uid", e.uid()),
        "spec", spec, "status", status);
  }

  private static final java.util.Set<String> KATIB_NAS = java.util.Set.of("enas", "darts");

  /** The experiment's Trials: owned by the Experiment, labelled with it. */
  static List<Map<String, Object>> trials(K8sDayGenerator.Experiment e) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < e.trials().size(); i++) {
      K8sPod p = e.trials().get(i);
      String trial = p.ownerName;
      boolean ok = e.trialOk().get(i);
      out.add(obj("apiVersion", "kubeflow.org/v1beta1", "kind", "Trial",
          "metadata", obj("creationTimestamp", time(p.creation - 2),
              "labels", obj("katib.kubeflow.org/experiment", e.name()), "name", trial, "namespace", e.namespace(),
              "ownerReferences", List.of(obj("apiVersion", "kubeflow.org/v1beta1", "blockOwnerDeletion", true,
                  "controller", true, "kind", "Experiment", "name", e.name(), "uid", e.uid())),
              "uid", e.trialUids().get(i)),
          "spec", obj("primaryContainerName", "training-container",
              "runSpec", obj("apiVersion", "batch/v1", "kind", "Job",
                  "metadata", obj("name", trial, "namespace", e.namespace()))),
          "status", obj("completionTime", time(p.end + 5),
              "conditions", List.of(obj("lastTransitionTime", time(p.end + 5), "lastUpdateTime", time(p.end + 5),
                  "reason", ok ? "TrialSucceeded" : "TrialFailed", "status", "True",
                  "type", ok ? "Succeeded" : "Failed")),
              "startTime", time(p.creation - 2))));
    }
    return out;
  }
}
