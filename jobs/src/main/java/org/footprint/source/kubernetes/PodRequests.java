package org.footprint.source.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod's effective request per resource, as the scheduler reserves it for the pod's whole life
 * (k8s.io/component-helpers resource.PodRequests):
 * <pre>
 *   sidecars  = restartable init containers (restartPolicy: Always), which keep running next to the app
 *   init step = an init container's request + the sidecars started before it (a sidecar's step includes itself)
 *   effective = max(largest init step, sum of app containers + all sidecars) + spec.overhead
 * </pre>
 * A container's request is {@code resources.requests[r]}, or {@code resources.limits[r]} when the request is
 * omitted (the API server defaults it so; extended resources such as GPUs are usually given as limits only).
 * So GPUs count only in containers that ask for them, and a GPU init container that finishes before the app
 * starts does not add to the app's GPUs.
 */
final class PodRequests {
  private PodRequests() {}

  /** @throws IllegalArgumentException naming the container and resource of an unreadable quantity */
  static Map<String, Double> effective(JsonNode podSpec) {
    Map<String, Double> app = new TreeMap<>();
    for (JsonNode c : podSpec.path("containers")) {
      add(app, container(c));
    }
    Map<String, Double> sidecars = new TreeMap<>();
    Map<String, Double> initMax = new TreeMap<>();
    for (JsonNode c : podSpec.path("initContainers")) {
      Map<String, Double> req = container(c);
      if ("Always".equals(c.path("restartPolicy").asText())) {
        add(sidecars, req);
        max(initMax, sidecars);
      } else {
        Map<String, Double> step = new TreeMap<>(req);
        add(step, sidecars);
        max(initMax, step);
      }
    }
    Map<String, Double> running = new TreeMap<>(app);
    add(running, sidecars);
    max(running, initMax);
    add(running, quantities(podSpec.path("overhead"), "spec.overhead"));
    return running;
  }

  static Map<String, Double> container(JsonNode c) {
    String where = "container " + c.path("name").asText("?");
    Map<String, Double> out = quantities(c.path("resources").path("limits"), where + " limits");
    out.putAll(quantities(c.path("resources").path("requests"), where + " requests"));
    return out;
  }

  private static Map<String, Double> quantities(JsonNode obj, String where) {
    Map<String, Double> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      try {
        out.put(e.getKey(), v.isNumber() ? v.asDouble() : Quantity.parse(v.asText()));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(where + " " + e.getKey() + ": " + ex.getMessage());
      }
    }
    return out;
  }

  private static void add(Map<String, Double> into, Map<String, Double> more) {
    more.forEach((k, v) -> into.merge(k, v, Double::sum));
  }

  private static void max(Map<String, Double> into, Map<String, Double> other) {
    other.forEach((k, v) -> into.merge(k, v, Math::max));
  }
}
