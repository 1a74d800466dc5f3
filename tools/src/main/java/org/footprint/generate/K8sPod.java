package org.footprint.generate;

import java.util.LinkedHashMap;
import java.util.Map;

/** One generated pod run: what the pods dumps print about it once it ended (and, earlier, while it ran). */
final class K8sPod {
  /** How the pod ended: the kubectl phase/reason combination it is rendered with. */
  enum End { SUCCEEDED, FAILED, OOM, DEADLINE, DELETED }

  /** Which node pool it asks for. */
  enum Pool { A100, H100, CPU }

  String namespace;
  String name;
  String uid;
  String container = "main";
  String image;
  Map<String, String> labels = new LinkedHashMap<>();
  String ownerApiVersion;
  String ownerKind;
  String ownerName;
  String ownerUid;
  Pool pool;
  int gpus;
  int cpus;
  int memGi;
  long creation;
  long start;
  long end;
  End outcome;
  int restarts;
  /** GPU utilisation while it runs (0-1), for the power samples. */
  double util;
  /** the day whose pods file shows it ended (generation day). */
  int day;
  /** placement: node name, GPU indices; null node = unschedulable (stays Pending). */
  String node;
  int nodeIndex = -1;
  int[] boards;

  boolean scheduled() {
    return node != null;
  }
}
