package org.footprint.source.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Kubernetes object read from a dump, with the 1-based line where it starts (for a list, the line of the
 * item's opening brace); or, when {@code problem} is set, what could not be read there and its raw text.
 */
record KubeObject(long line, JsonNode node, String problem, String raw) {
  static KubeObject of(long line, JsonNode node) {
    return new KubeObject(line, node, null, null);
  }

  static KubeObject problem(long line, String problem, String raw) {
    return new KubeObject(line, null, problem, raw);
  }

  boolean isProblem() {
    return problem != null;
  }
}
