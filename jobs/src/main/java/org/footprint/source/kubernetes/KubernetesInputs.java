package org.footprint.source.kubernetes;

import java.util.ArrayList;
import java.util.List;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.Paths;

/**
 * The conf's {@code kubectl-pods}, {@code kubectl-nodes} and {@code katib} inputs, expanded to files and grouped
 * per cluster, as {@link KubernetesUsage#build} takes them.
 */
public final class KubernetesInputs {
  public static final String PODS = "kubectl-pods";
  public static final String NODES = "kubectl-nodes";
  public static final String KATIB = "katib";

  private KubernetesInputs() {}

  public static List<KubernetesUsage.Inputs> of(FootprintConf conf) {
    List<KubernetesUsage.Inputs> out = new ArrayList<>();
    for (FootprintConf.InputConf in : conf.inputs) {
      List<String> files = switch (in.type == null ? "" : in.type) {
        case PODS, NODES, KATIB -> Paths.expand(conf, in.path);
        default -> null;
      };
      if (files == null) {
        continue;
      }
      out.add(new KubernetesUsage.Inputs(in.cluster, PODS.equals(in.type) ? files : List.of(),
          NODES.equals(in.type) ? files : List.of(), KATIB.equals(in.type) ? files : List.of()));
    }
    return KubernetesUsage.byCluster(out);
  }
}
