package org.footprint.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduler's effective-request rule, hand-computed. */
class PodRequestsTest {
  private static final ObjectMapper M = new ObjectMapper();

  private static JsonNode spec(String json) throws Exception {
    return M.readTree(json.replace('\'', '"'));
  }

  @Test
  void limitsStandInForMissingRequestsAndOnlyGpuContainersCount() throws Exception {
    Map<String, Double> eff = PodRequests.effective(spec("{'containers': ["
        + "{'name': 'a', 'resources': {'limits': {'nvidia.com/gpu': '2', 'cpu': '4'}, 'requests': {'cpu': '3'}}},"
        + "{'name': 'b', 'resources': {'requests': {'cpu': '500m'}}}]}"));
    assertThat(eff).containsEntry("nvidia.com/gpu", 2.0).containsEntry("cpu", 3.5);
  }

  @Test
  void initContainersTakeTheMaxAndSidecarsAddToTheSum() throws Exception {
    // sidecar (1 GPU) then init (2 GPUs): init step = 2 + 1 = 3; running = 1 app + 1 sidecar = 2 → 3
    JsonNode s = spec("{'initContainers': ["
        + "{'name': 'proxy', 'restartPolicy': 'Always', 'resources': {'limits': {'nvidia.com/gpu': 1}}},"
        + "{'name': 'warmup', 'resources': {'limits': {'nvidia.com/gpu': 2}}}],"
        + "'containers': [{'name': 'app', 'resources': {'limits': {'nvidia.com/gpu': 1}}}]}");
    assertThat(PodRequests.effective(s)).containsEntry("nvidia.com/gpu", 3.0);
    // init (4) before the sidecar: max(4, 1 + 3 apps) = 4; apps 4 + sidecar 1 = 5 wins when apps grow
    JsonNode t = spec("{'initContainers': ["
        + "{'name': 'warmup', 'resources': {'limits': {'nvidia.com/gpu': 4}}},"
        + "{'name': 'proxy', 'restartPolicy': 'Always', 'resources': {'limits': {'nvidia.com/gpu': 1}}}],"
        + "'containers': [{'name': 'app', 'resources': {'limits': {'nvidia.com/gpu': 4}}}]}");
    assertThat(PodRequests.effective(t)).containsEntry("nvidia.com/gpu", 5.0);
    // a plain init container larger than the app: the scheduler reserves the larger for the pod
    JsonNode u = spec("{'initContainers': [{'name': 'i', 'resources': {'limits': {'nvidia.com/gpu': 2}}}],"
        + "'containers': [{'name': 'app', 'resources': {'limits': {'nvidia.com/gpu': 1}}}]}");
    assertThat(PodRequests.effective(u)).containsEntry("nvidia.com/gpu", 2.0);
  }

  @Test
  void podOverheadIsAdded() throws Exception {
    assertThat(PodRequests.effective(spec("{'overhead': {'cpu': '250m'},"
        + "'containers': [{'name': 'a', 'resources': {'requests': {'cpu': '1'}}}]}"))).containsEntry("cpu", 1.25);
  }

  @Test
  void badQuantityNamesContainerAndResource() {
    assertThatThrownBy(() -> PodRequests.effective(spec("{'containers': [{'name': 'a', 'resources': "
        + "{'limits': {'memory': 'lots'}}}]}"))).hasMessageContaining("container a limits memory");
  }

  @Test
  void gpuFamilies() {
    PodGpuRequest g = PodGpuRequest.of(Map.of("nvidia.com/gpu", 1.0, "nvidia.com/mig-1g.10gb", 2.0,
        "nvidia.com/mig-3g.40gb", 1.0, "amd.com/gpu", 2.0, "nvidia.com/gpu.shared", 1.0, "cpu", 8.0));
    assertThat(g.nvidia()).isEqualTo(1.0);
    assertThat(g.migSlices()).isEqualTo(5.0); // 2 × 1g + 1 × 3g
    assertThat(g.migProfile()).isEqualTo("3g.40gb");
    assertThat(g.amd()).isEqualTo(2.0);
    assertThat(g.shared()).isEqualTo(1.0);
  }
}
