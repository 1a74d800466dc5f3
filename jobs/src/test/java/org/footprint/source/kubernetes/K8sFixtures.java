package org.footprint.source.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.testing.TestPaths;

/** The hand-made fixtures of fixtures/k8s (see make_fixtures.py) and a cluster conf for them. */
final class K8sFixtures {
  static final String CLUSTER = "fx";

  private K8sFixtures() {}

  static String file(String name) {
    return TestPaths.fixture("k8s/" + name).toString();
  }

  static FootprintConf conf(boolean includeRunning) {
    FootprintConf conf = new FootprintConf();
    conf.baseDir = TestPaths.fixture("k8s").toString();
    FootprintConf.ClusterConf c = new FootprintConf.ClusterConf();
    c.timeZone = "UTC";
    c.region = "US-CAL-CISO";
    c.pue = 1.12;
    c.defaultGpuModel = "A100-SXM4-80GB";
    FootprintConf.KubernetesConf k = c.kubernetes;
    k.userRules = List.of("label:footprint.io/user", "annotation:footprint.io/owner", "owner_map", "namespace");
    k.projectRules = List.of("label:footprint.io/project", "owner_map", "namespace");
    k.ownerMap = "owners.csv";
    Map<String, String> zones = new LinkedHashMap<>();
    zones.put("us-west1", "US-CAL-CISO");
    zones.put("us-east1", "US-CAR-DUK");
    k.regionZones = zones;
    FootprintConf.NodeDefault d = new FootprintConf.NodeDefault();
    d.pattern = "^onprem-gpu-";
    d.gpuModel = "H100-SXM5-80GB";
    d.region = "us-west1";
    d.gpuReplicas = 1;
    k.nodeDefaults = List.of(d);
    FootprintConf.SweepLabels s = new FootprintConf.SweepLabels();
    s.experiment = "sweeps.example.org/name";
    s.trial = "sweeps.example.org/trial";
    s.kind = "hpo";
    k.sweepLabels = List.of(s);
    k.includeRunning = includeRunning;
    conf.clusters.put(CLUSTER, c);
    return conf;
  }

  static GpuProfiles profiles() {
    return GpuProfiles.read(TestPaths.repo().resolve("conf/gpu-profiles.csv").toString());
  }

  static KubernetesUsage.Inputs inputs() {
    return new KubernetesUsage.Inputs(CLUSTER,
        List.of(file("pods-list.json"), file("pods-watch.jsonl"), file("pods-truncated.json"),
            file("pods-katib.jsonl")),
        List.of(file("nodes.json")),
        List.of(file("katib-list.json"), file("katib-nas.yaml"), file("katib-broken.json")));
  }
}
