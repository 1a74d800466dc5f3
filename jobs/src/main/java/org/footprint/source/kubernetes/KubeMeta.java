package org.footprint.source.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading {@code metadata} the same way for pods, nodes and Katib objects. */
final class KubeMeta {
  private KubeMeta() {}

  /** text of a field; null when absent, JSON null or empty. */
  static String text(JsonNode obj, String field) {
    JsonNode v = obj.path(field);
    if (v.isMissingNode() || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }

  static Map<String, String> stringMap(JsonNode obj) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNull()) {
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    return out;
  }

  /** The controller ownerReference (the one that manages the object), else the first one; missing node if none. */
  static JsonNode owner(JsonNode meta) {
    JsonNode first = null;
    for (JsonNode ref : meta.path("ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        return ref;
      }
      if (first == null) {
        first = ref;
      }
    }
    return first == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : first;
  }

  /** Objects written from specs (YAML in git) often omit the namespace: kubectl applies them to "default". */
  static String namespace(JsonNode meta) {
    String ns = text(meta, "namespace");
    return ns == null ? "default" : ns;
  }
}
