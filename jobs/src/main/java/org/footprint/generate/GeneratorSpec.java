package org.footprint.generate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What {@code footprint generate} writes: clusters, their nodes and the job mix. The numbers are the
 * documented distributions of the synthetic centre (README, "Generator").
 */
record GeneratorSpec(long jobs, long seed, LocalDate start, int days, List<ClusterSpec> clusters) {

  /** A cluster: name, zone, carbon region, GPU node count × GPUs per node (gres type), CPU node count. */
  record ClusterSpec(String name, ZoneId zone, String region, double pue, int gpuNodes, int gpusPerNode,
      String gresType, String gpuModel, int cpuNodes, int coresPerNode, double share) {}

  static GeneratorSpec standard(long jobs, long seed) {
    return new GeneratorSpec(jobs, seed, LocalDate.of(2025, 1, 1), 365, List.of(
        new ClusterSpec("gen-eu", ZoneId.of("Europe/Berlin"), "DE", 1.2, 400, 4, "a100", "A100-SXM4-40GB", 600, 64,
            0.5),
        new ClusterSpec("gen-us", ZoneId.of("America/Chicago"), "US-MIDW-MISO", 1.4, 250, 8, "h100", "H100-SXM5-80GB",
            300, 96, 0.35),
        new ClusterSpec("gen-jp", ZoneId.of("Asia/Tokyo"), "JP-TK", 1.3, 100, 8, "a100_80", "A100-SXM4-80GB", 100,
            64, 0.15)));
  }
}
