package org.footprint.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GPU Feature Discovery labels → board name, MIG single strategy, time-slicing replicas. */
class NodeParserTest {
  private static NodeRecord node(String labelsJson, String capacityJson) throws Exception {
    String json = ("{'kind': 'Node', 'metadata': {'name': 'n1', 'labels': " + labelsJson + "},"
        + " 'status': {'capacity': " + capacityJson + "}}").replace('\'', '"');
    return NodeParser.parse("c", "f", KubeObject.of(3, new ObjectMapper().readTree(json)));
  }

  @Test
  void suffixesAreStrippedToTheBoardAlias() throws Exception {
    NodeRecord shared = node("{'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB-SHARED', 'nvidia.com/gpu.replicas': '4'}",
        "{'nvidia.com/gpu': '16'}");
    assertThat(shared.gpuBase).isEqualTo("nvidia-a100-sxm4-40gb");
    assertThat(shared.replicas).isEqualTo(4);
    assertThat(shared.migSingleG).isNull();
    NodeRecord mig = node("{'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3-MIG-3g.40gb',"
        + " 'nvidia.com/mig.strategy': 'single', 'nvidia.com/gpu.count': '2'}", "{'nvidia.com/gpu': '4'}");
    assertThat(mig.gpuBase).isEqualTo("nvidia-h100-80gb-hbm3");
    assertThat(mig.migSingleG).isEqualTo(3);
    assertThat(mig.replicas).isNull(); // capacity counts slices on a MIG node, not time-slicing shares
  }

  @Test
  void replicasFromCapacityOverPhysicalCount() {
    assertThat(NodeParser.replicas(Map.of("nvidia.com/gpu.count", "2"), 8.0, false)).isEqualTo(4);
    assertThat(NodeParser.replicas(Map.of("nvidia.com/gpu.count", "8"), 8.0, false)).isNull();
    assertThat(NodeParser.replicas(Map.of("nvidia.com/gpu.count", "3"), 8.0, false)).isNull();
    assertThat(NodeParser.replicas(Map.of("nvidia.com/gpu.replicas", "x", "nvidia.com/gpu.count", "2"), 4.0, false))
        .isEqualTo(2);
  }

  @Test
  void physicalBoardsFromTheGfdCountExceptUnderMigSingle() {
    assertThat(NodeParser.physicalGpus(Map.of("nvidia.com/gpu.count", "8", "nvidia.com/mig.strategy", "mixed"), false))
        .isEqualTo(8);
    // under the single strategy GFD overwrites the count with the number of MIG devices
    assertThat(NodeParser.physicalGpus(Map.of("nvidia.com/gpu.count", "56", "nvidia.com/mig.strategy", "single"),
        false)).isNull();
    assertThat(NodeParser.physicalGpus(Map.of("nvidia.com/gpu.count", "56"), true)).isNull();
    assertThat(NodeParser.physicalGpus(Map.of("nvidia.com/gpu.count", "0"), false)).isNull();
    assertThat(NodeParser.physicalGpus(Map.of("nvidia.com/gpu.count", " 4 "), false)).isEqualTo(4);
    assertThat(NodeParser.physicalGpus(Map.of(), false)).isNull();
  }

  @Test
  void regionZoneAndInstanceTypeIncludingTheLegacyLabels() throws Exception {
    NodeRecord n = node("{'failure-domain.beta.kubernetes.io/region': 'us-east1', 'topology.kubernetes.io/zone':"
        + " 'us-east1-b', 'beta.kubernetes.io/instance-type': 'a2-highgpu-1g'}", "{}");
    assertThat(n.regionLabel).isEqualTo("us-east1");
    assertThat(n.zoneLabel).isEqualTo("us-east1-b");
    assertThat(n.instanceType).isEqualTo("a2-highgpu-1g");
    assertThat(n.line).isEqualTo(3);
  }

  @Test
  void otherKindsAreNotNodes() throws Exception {
    assertThat(NodeParser.parse("c", "f", KubeObject.of(1, new ObjectMapper().readTree("{\"kind\": \"Pod\"}"))))
        .isNull();
  }
}
