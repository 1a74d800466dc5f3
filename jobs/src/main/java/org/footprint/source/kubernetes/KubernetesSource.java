package org.footprint.source.kubernetes;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.InputSpec;
import org.footprint.source.JobSource;
import org.footprint.source.SourceResult;

/** kubectl dumps of pods, nodes and Katib objects, per cluster ({@link KubernetesUsage}). */
public final class KubernetesSource implements JobSource {
  @Override
  public InputSpec.Source kind() {
    return InputSpec.Source.KUBERNETES;
  }

  @Override
  public SourceResult read(SparkSession spark, Context ctx, List<InputSpec> inputs) {
    return KubernetesUsage.build(spark, inputs(inputs), ctx.conf(), ctx.profiles(), ctx.cache());
  }

  /** The kubectl-pods, kubectl-nodes and katib inputs grouped per cluster, as {@link KubernetesUsage} reads them. */
  public static List<KubernetesUsage.Inputs> inputs(List<InputSpec> inputs) {
    List<KubernetesUsage.Inputs> out = new ArrayList<>();
    for (InputSpec in : inputs) {
      List<String> files = in.files();
      out.add(new KubernetesUsage.Inputs(in.cluster(), in.type() == InputSpec.Type.KUBECTL_PODS ? files : List.of(),
          in.type() == InputSpec.Type.KUBECTL_NODES ? files : List.of(),
          in.type() == InputSpec.Type.KATIB ? files : List.of()));
    }
    return KubernetesUsage.byCluster(out);
  }
}
