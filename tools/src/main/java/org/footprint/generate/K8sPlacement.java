package org.footprint.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts every generated pod on a node, in start order, as the scheduler would: GPU pods on the first node of
 * their pool (searched from a per-pod offset) with enough boards free, taking the lowest free indices; a board
 * is free again two sample intervals after its pod ended (so the DCGM pod labels of two pods never overlap on a
 * board). A pod no node can take stays Pending (unschedulable). CPU pods go to a CPU node by hash.
 */
final class K8sPlacement {
  private K8sPlacement() {}

  static String nodeName(GeneratorSpec.K8sSpec k, int gpuNodeIndex) {
    return gpuNodeIndex < k.a100Nodes()
        ? "gke-" + k.name() + "-a100-" + pad(gpuNodeIndex)
        : "gke-" + k.name() + "-h100-" + pad(gpuNodeIndex - k.a100Nodes());
  }

  static String cpuNodeName(GeneratorSpec.K8sSpec k, int i) {
    return "gke-" + k.name() + "-cpu-" + pad(i);
  }

  static boolean isH100(GeneratorSpec.K8sSpec k, int gpuNodeIndex) {
    return gpuNodeIndex >= k.a100Nodes();
  }

  /** @return pods left unschedulable */
  static long place(GeneratorSpec spec, List<K8sPod> pods) {
    GeneratorSpec.K8sSpec k = spec.k8s();
    List<K8sPod> order = new ArrayList<>(pods);
    order.sort(Comparator.comparingLong((K8sPod p) -> p.start).thenComparing(p -> p.uid));
    int g = GeneratorSpec.K8sSpec.GPUS_PER_NODE;
    long[][] busyUntil = new long[k.gpuNodes()][g];
    long margin = 2L * spec.sampleIntervalS();
    long unschedulable = 0;
    for (K8sPod p : order) {
      int h = p.uid.hashCode() & 0x7fffffff;
      if (p.gpus == 0) {
        int i = h % k.cpuNodes();
        p.node = cpuNodeName(k, i);
        continue;
      }
      int from = p.pool == K8sPod.Pool.H100 ? k.a100Nodes() : 0;
      int size = p.pool == K8sPod.Pool.H100 ? k.h100Nodes() : k.a100Nodes();
      for (int t = 0; t < size && p.node == null; t++) {
        int n = from + (h + t) % size;
        int free = 0;
        for (int b = 0; b < g; b++) {
          if (busyUntil[n][b] + margin <= p.start) {
            free++;
          }
        }
        if (free < p.gpus) {
          continue;
        }
        p.boards = new int[p.gpus];
        int taken = 0;
        for (int b = 0; b < g && taken < p.gpus; b++) {
          if (busyUntil[n][b] + margin <= p.start) {
            busyUntil[n][b] = p.end;
            p.boards[taken++] = b;
          }
        }
        p.node = nodeName(k, n);
        p.nodeIndex = n;
      }
      if (p.node == null) {
        unschedulable++;
      }
    }
    return unschedulable;
  }

  static String pad(int i) {
    String s = Integer.toString(i);
    return "0".repeat(Math.max(0, 4 - s.length())) + s;
  }
}
