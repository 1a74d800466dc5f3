package org.footprint.generate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code footprint generate} writes: clusters, their nodes and the job mix. The numbers are the
 * documented distributions of the synthetic centre (README, "Benchmark and generator").
 *
 * @param k8sShare share of the N jobs that run as pods on the Kubernetes cluster (the rest go to Slurm)
 * @param powerShare share of each cluster's GPU nodes that log GPU power (every round(1 / share)-th node)
 * @param sampleIntervalS seconds between two power samples of a board
 */
record GeneratorSpec(long jobs, long seed, LocalDate start, int days, List<ClusterSpec> clusters, K8sSpec k8s,
    double k8sShare, double powerShare, int sampleIntervalS) {

  /**
   * A Slurm cluster: name, zone, carbon region, GPU node count × GPUs per node (gres type), CPU node count,
   * share of the Slurm jobs, board TDP and idle draw (W) and the name nvidia-smi prints for the board.
   */
  record ClusterSpec(String name, ZoneId zone, String region, double pue, int gpuNodes, int gpusPerNode,
      String gresType, String gpuModel, int cpuNodes, int coresPerNode, double share, double tdpW, double idleW,
      String smiName) {}

  /**
   * The Kubernetes cluster: one cloud region (topology.kubernetes.io/region) mapped to its own carbon zone, an
   * A100 and an H100 pool of 8-GPU nodes and a CPU pool, sized to the number of pods.
   */
  record K8sSpec(String name, String region, String cloudRegion, double pue, int a100Nodes, int h100Nodes,
      int cpuNodes) {
    static final int GPUS_PER_NODE = 8;
    static final double A100_TDP = 400;
    static final double A100_IDLE = 55;
    static final double H100_TDP = 700;
    static final double H100_IDLE = 70;

    int gpuNodes() {
      return a100Nodes + h100Nodes;
    }
  }

  static GeneratorSpec standard(long jobs, long seed) {
    return standard(jobs, seed, 365, 0.1, 0.02, 60);
  }

  static GeneratorSpec standard(long jobs, long seed, int days, double k8sShare, double powerShare,
      int sampleIntervalS) {
    long pods = Math.round(jobs * k8sShare);
    int gpuNodes = (int) Math.max(12, Math.min(5000, pods * 365L / days / 600));
    int a100 = Math.max(3, gpuNodes * 2 / 3);
    K8sSpec k8s = new K8sSpec("gen-k8s", "NL", "europe-west4", 1.1, a100, Math.max(3, gpuNodes - a100),
        Math.max(2, gpuNodes / 4));
    return new GeneratorSpec(jobs, seed, LocalDate.of(2025, 1, 1), days, List.of(
        new ClusterSpec("gen-eu", ZoneId.of("Europe/Berlin"), "DE", 1.2, 400, 4, "a100", "A100-SXM4-40GB", 600, 64,
            0.5, 400, 50, "NVIDIA A100-SXM4-40GB"),
        new ClusterSpec("gen-us", ZoneId.of("America/Chicago"), "US-MIDW-MISO", 1.4, 250, 8, "h100", "H100-SXM5-80GB",
            300, 96, 0.35, 700, 70, "NVIDIA H100 80GB HBM3"),
        new ClusterSpec("gen-jp", ZoneId.of("Asia/Tokyo"), "JP-TK", 1.3, 100, 8, "a100_80", "A100-SXM4-80GB", 100,
            64, 0.15, 400, 55, "NVIDIA A100-SXM4-80GB")), k8s, k8sShare, powerShare, sampleIntervalS);
  }

  /** Every round(1 / powerShare)-th GPU node logs power; 0 = none. */
  int powerStep() {
    return powerShare <= 0 ? 0 : (int) Math.max(1, Math.round(1 / powerShare));
  }

  boolean powerLogged(int nodeIndex) {
    int step = powerStep();
    return step > 0 && nodeIndex % step == 0;
  }

  /** Carbon zones that get hourly intensity: every cluster's and the Kubernetes cluster's. */
  List<String> regions() {
    List<String> out = new ArrayList<>();
    for (ClusterSpec c : clusters) {
      out.add(c.region());
    }
    if (k8sShare > 0) {
      out.add(k8s.region());
    }
    return out;
  }
}
