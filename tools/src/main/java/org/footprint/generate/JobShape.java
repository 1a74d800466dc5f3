package org.footprint.generate;

import java.util.SplittableRandom;

/** Resources of a generated allocation: partition, nodes, GPUs and cores per node, memory. */
record JobShape(String partition, int nodes, int gpusPerNode, int cpusPerNode, GeneratorSpec.ClusterSpec c,
    int firstNode) {

  static JobShape random(SplittableRandom r, GeneratorSpec.ClusterSpec c) {
    if (r.nextDouble() >= 0.6) {
      return cpuOnly(r, c);
    }
    double u = r.nextDouble();
    int g = u < 0.40 ? 1 : u < 0.55 ? 2 : u < 0.75 ? Math.min(4, c.gpusPerNode()) : c.gpusPerNode();
    int nodes = g == c.gpusPerNode() && r.nextDouble() < 0.10 ? 2 + r.nextInt(7) : 1;
    int cpus = Math.max(1, g * c.coresPerNode() / c.gpusPerNode());
    return new JobShape("gpu", nodes, g, cpus, c, r.nextInt(Math.max(1, c.gpuNodes() - nodes)));
  }

  static JobShape cpuOnly(SplittableRandom r, GeneratorSpec.ClusterSpec c) {
    int cpus = 1 << r.nextInt(7); // 1 .. 64 cores
    return new JobShape("cpu", 1, 0, Math.min(cpus, c.coresPerNode()), c, r.nextInt(c.cpuNodes()));
  }

  int cpus() {
    return cpusPerNode * nodes;
  }

  int gpus() {
    return gpusPerNode * nodes;
  }

  String mem() {
    return (cpus() * 4) + "G";
  }

  String nodeList(SplittableRandom r) {
    String prefix = gpusPerNode > 0 ? "g" : "c";
    if (nodes == 1) {
      return ClusterDayGenerator.nodeName(prefix, firstNode);
    }
    String a = ClusterDayGenerator.nodeName("", firstNode);
    String b = ClusterDayGenerator.nodeName("", firstNode + nodes - 1);
    return prefix + "[" + a + "-" + b + "]";
  }

  String tres() {
    StringBuilder sb = new StringBuilder();
    sb.append("billing=").append(cpus()).append(",cpu=").append(cpus());
    if (gpusPerNode > 0) {
      sb.append(",gres/gpu:").append(c.gresType()).append('=').append(gpus()).append(",gres/gpu=").append(gpus());
    }
    sb.append(",mem=").append(mem()).append(",node=").append(nodes);
    return sb.toString();
  }
}
