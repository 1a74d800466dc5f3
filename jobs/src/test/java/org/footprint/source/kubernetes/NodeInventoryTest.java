package org.footprint.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.footprint.testing.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nodes dump as capacity: physical boards from GPU Feature Discovery's {@code nvidia.com/gpu.count} where it
 * counts boards, else from the advertised {@code nvidia.com/gpu} capacity. No real node dump with these labels is
 * at hand, so the dump is built here from the labels GFD and the device plugin document.
 */
class NodeInventoryTest extends SparkTestBase {
  private static String node(String name, String labels, String capacity) {
    return ("{'kind': 'Node', 'metadata': {'name': '" + name + "', 'creationTimestamp': '2026-10-01T00:00:00Z',"
        + " 'labels': " + labels + "}, 'status': {'capacity': " + capacity + ", 'allocatable': " + capacity + "}}")
        .replace('\'', '"');
  }

  @Test
  void boardsCountFromTheGfdLabelWhereItCountsBoards(@TempDir Path dir) throws IOException {
    Path dump = dir.resolve("nodes.json");
    Files.writeString(dump, "{\"kind\": \"List\", \"apiVersion\": \"v1\", \"items\": [" + String.join(",\n",
        // MIG mixed strategy: 8 A100s advertised as 2 kinds of slices, no nvidia.com/gpu at all
        node("mixed", "{'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB', 'nvidia.com/mig.strategy': 'mixed',"
            + " 'nvidia.com/gpu.count': '8', 'nvidia.com/mig-1g.10gb.count': '28', 'nvidia.com/mig-3g.40gb.count': '8'}",
            "{'cpu': '96', 'nvidia.com/mig-1g.10gb': '28', 'nvidia.com/mig-3g.40gb': '8'}"),
        // MIG single strategy: GFD's count is the 56 MIG devices; capacity rule 56 × 1/7 = 8 boards
        node("single", "{'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB-MIG-1g.10gb',"
            + " 'nvidia.com/mig.strategy': 'single', 'nvidia.com/gpu.count': '56'}", "{'nvidia.com/gpu': '56'}"),
        // time-slicing: 4 boards × 4 replicas advertised as 16
        node("shared", "{'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB-SHARED', 'nvidia.com/gpu.count': '4',"
            + " 'nvidia.com/gpu.replicas': '4'}", "{'nvidia.com/gpu': '16'}"),
        // no GFD: the device plugin's capacity, as before
        node("plain", "{}", "{'nvidia.com/gpu': '2'}"),
        // an unreadable label falls back to the capacity
        node("badlabel", "{'nvidia.com/gpu.count': 'eight'}", "{'nvidia.com/gpu': '4'}"),
        node("cpu", "{}", "{'cpu': '64'}")) + "]}");

    Map<String, Double> gpus = new HashMap<>();
    for (Row r : NodeInventory.of(NodeJsonReader.read(spark, "k", List.of(dump.toString()))).collectAsList()) {
      gpus.put(r.getAs("node"), r.getAs("gpus"));
    }

    assertThat(gpus).containsExactlyInAnyOrderEntriesOf(Map.of("mixed", 8.0, "single", 8.0, "shared", 4.0,
        "plain", 2.0, "badlabel", 4.0, "cpu", 0.0));
  }
}
