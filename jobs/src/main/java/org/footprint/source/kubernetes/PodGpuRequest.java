package org.footprint.source.kubernetes;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GPU part of a pod's effective request, split by how a device maps onto boards. Only the node knows what
 * a board is (product, MIG strategy, time-slicing replicas), so the fractions are taken later, after the
 * node join; here each resource family is summed:
 * <ul>
 *   <li>{@code nvidia.com/gpu}: whole boards, or on a time-sliced node 1/replicas of one, or on a
 *       MIG "single strategy" node one slice of the node's profile;</li>
 *   <li>{@code nvidia.com/gpu.shared}: time-slicing with {@code renameByDefault}: 1/replicas of a board;</li>
 *   <li>{@code nvidia.com/mig-<g>g.<mem>gb}: a MIG slice of g compute slices ("mixed strategy");
 *       counted as g / (the board's slices, 7 on A100/H100);</li>
 *   <li>{@code amd.com/gpu}: whole boards.</li>
 * </ul>
 */
record PodGpuRequest(double nvidia, double shared, double amd, double migSlices, String migProfile) {
  private static final Pattern MIG = Pattern.compile("^nvidia\\.com/mig-(\\d+)g\\.(\\d+gb)(\\.me)?$");

  static PodGpuRequest of(Map<String, Double> effective) {
    double nvidia = effective.getOrDefault("nvidia.com/gpu", 0.0);
    double shared = effective.getOrDefault("nvidia.com/gpu.shared", 0.0);
    double amd = effective.getOrDefault("amd.com/gpu", 0.0);
    double mig = 0;
    String profile = null;
    for (Map.Entry<String, Double> e : effective.entrySet()) {
      Matcher m = MIG.matcher(e.getKey());
      if (m.matches() && e.getValue() > 0) {
        mig += Integer.parseInt(m.group(1)) * e.getValue();
        // several profiles in one pod are rare; the largest names the board well enough
        String p = m.group(1) + "g." + m.group(2);
        if (profile == null || p.compareTo(profile) > 0) {
          profile = p;
        }
      }
    }
    return new PodGpuRequest(nvidia, shared, amd, mig, profile);
  }

  boolean any() {
    return nvidia > 0 || shared > 0 || amd > 0 || migSlices > 0;
  }
}
