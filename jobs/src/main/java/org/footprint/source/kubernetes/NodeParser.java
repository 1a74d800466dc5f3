package org.footprint.source.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Node object → {@link NodeRecord}, from the labels GPU Feature Discovery and the cloud provider set:
 * {@code nvidia.com/gpu.product} ({@code NVIDIA-A100-SXM4-80GB}, {@code …-MIG-1g.10gb} under the MIG single
 * strategy, {@code …-SHARED} when time-slicing without renaming), {@code nvidia.com/gpu.replicas},
 * {@code nvidia.com/gpu.count}, {@code topology.kubernetes.io/region|zone}, {@code node.kubernetes.io/instance-type}.
 */
final class NodeParser {
  private static final Pattern SHARED = Pattern.compile("(?i)-SHARED$");
  private static final Pattern MIG = Pattern.compile("(?i)-MIG-(\\d+)g\\.\\d+gb.*$");
  private static final Pattern MIG_ANY = Pattern.compile("(?i)-MIG-.*$");

  private NodeParser() {}

  /** null for objects that are not nodes (a List can mix kinds): they are not records. */
  static NodeRecord parse(String cluster, String file, KubeObject o) {
    if (o.isProblem()) {
      return NodeRecord.reject(cluster, file, o.line(), o.raw(), o.problem());
    }
    JsonNode n = o.node();
    String kind = KubeMeta.text(n, "kind");
    if (kind != null && !kind.equals("Node")) {
      return null;
    }
    JsonNode meta = n.path("metadata");
    NodeRecord r = new NodeRecord();
    r.kind = NodeRecord.NODE;
    r.cluster = cluster;
    r.file = file;
    r.line = o.line();
    r.node = KubeMeta.text(meta, "name");
    if (r.node == null) {
      return NodeRecord.reject(cluster, file, o.line(), n.toString(), "node without metadata.name");
    }
    r.uid = KubeMeta.text(meta, "uid");
    try {
      r.creation = KubeTime.parse("metadata.creationTimestamp", KubeMeta.text(meta, "creationTimestamp"));
    } catch (IllegalArgumentException e) {
      return NodeRecord.reject(cluster, file, o.line(), n.toString(), "node " + r.node + ": " + e.getMessage());
    }
    Map<String, String> labels = KubeMeta.stringMap(meta.path("labels"));
    r.gpuProduct = labels.get("nvidia.com/gpu.product");
    if (r.gpuProduct != null) {
      Matcher mig = MIG.matcher(SHARED.matcher(r.gpuProduct).replaceAll(""));
      if (mig.find()) {
        r.migSingleG = Integer.parseInt(mig.group(1));
      }
      r.gpuBase = MIG_ANY.matcher(SHARED.matcher(r.gpuProduct).replaceAll("")).replaceAll("")
          .toLowerCase(Locale.ROOT);
    } else if (labels.containsKey("amd.com/gpu.product-name")) {
      // AMD's labeller writes AMD_Instinct_MI300X: with spaces it is the profile alias "amd instinct mi300x"
      r.gpuBase = labels.get("amd.com/gpu.product-name").replace('_', ' ').toLowerCase(Locale.ROOT);
    }
    r.sharing = labels.get("nvidia.com/gpu.sharing-strategy");
    JsonNode capacity = n.path("status").path("capacity");
    Double cap = quantity(capacity, "nvidia.com/gpu");
    if (cap == null) {
      cap = quantity(capacity, "nvidia.com/gpu.shared");
    }
    r.gpuCapacity = cap;
    r.replicas = replicas(labels, cap, r.migSingleG != null || labels.containsKey("nvidia.com/mig.strategy"));
    r.physicalGpus = physicalGpus(labels, r.migSingleG != null);
    r.regionLabel = first(labels, "topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/region");
    r.zoneLabel = first(labels, "topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone");
    r.instanceType = first(labels, "node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type");
    return r;
  }

  /**
   * The replicas label when present; else, on a non-MIG node, capacity ÷ physical count (GFD's
   * {@code nvidia.com/gpu.count}) when capacity is a whole multiple of it: the device plugin advertises
   * GPUs × replicas. MIG nodes are left alone: there capacity counts slices, not shares.
   */
  static Integer replicas(Map<String, String> labels, Double capacity, boolean mig) {
    String label = labels.get("nvidia.com/gpu.replicas");
    if (label != null) {
      try {
        int v = Integer.parseInt(label.trim());
        if (v >= 1) {
          return v;
        }
      } catch (NumberFormatException e) {
        // a bad label falls through to the capacity rule
      }
    }
    String count = labels.get("nvidia.com/gpu.count");
    if (mig || capacity == null || count == null) {
      return null;
    }
    try {
      int physical = Integer.parseInt(count.trim());
      if (physical > 0 && capacity > physical && capacity % physical == 0) {
        return (int) (capacity / physical);
      }
    } catch (NumberFormatException e) {
      // no usable count: sharing unknown
    }
    return null;
  }

  /**
   * The boards GFD counted ({@code nvidia.com/gpu.count}), a positive whole number; null without it, and on a MIG
   * single-strategy node (product {@code …-MIG-…} or {@code nvidia.com/mig.strategy: single}), where GFD overwrites
   * the count with the number of MIG devices. Under the mixed strategy the label keeps the physical count while
   * the boards are advertised as {@code nvidia.com/mig-<profile>} resources, not {@code nvidia.com/gpu}.
   */
  static Integer physicalGpus(Map<String, String> labels, boolean migSingleProduct) {
    String count = labels.get("nvidia.com/gpu.count");
    if (count == null || migSingleProduct || "single".equals(labels.get("nvidia.com/mig.strategy"))) {
      return null;
    }
    try {
      int v = Integer.parseInt(count.trim());
      return v > 0 ? v : null;
    } catch (NumberFormatException e) {
      return null; // a bad label: the capacity rule counts the node
    }
  }

  private static Double quantity(JsonNode obj, String key) {
    JsonNode v = obj.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    try {
      return v.isNumber() ? v.asDouble() : Quantity.parse(v.asText());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String first(Map<String, String> labels, String... keys) {
    for (String k : keys) {
      String v = labels.get(k);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }
}
