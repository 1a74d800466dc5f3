package org.footprint.conf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The named method presets (resource method-presets.yaml: footprint, green-algorithms, strubell) and how a conf
 * takes one: {@code method: green-algorithms} (or {@code method: {preset: green-algorithms, ...}}) fills each
 * {@code method.*} and {@code power.*} key of the preset that the conf and {@code --set} leave unset. A preset sets
 * defaults; whatever the conf says explicitly wins.
 */
public final class MethodPresets {
  static final String RESOURCE = "org/footprint/conf/method-presets.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  private static final ObjectNode PRESETS = load();

  private MethodPresets() {}

  private static ObjectNode load() {
    try (InputStream in = MethodPresets.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The presets' names, in file order. */
  public static List<String> names() {
    List<String> out = new ArrayList<>();
    PRESETS.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** {@code method: strubell} is short for {@code method: {preset: strubell}}. */
  static void expandShorthand(ObjectNode root) {
    JsonNode m = root.get("method");
    if (m != null && m.isValueNode() && !m.isNull()) {
      root.putObject("method").put("preset", m.asText());
    }
  }

  /** {@code --set method=strubell} names the preset and keeps the conf's other method keys. */
  static String overrideKey(String dottedKey, String value) {
    return "method".equals(dottedKey) && !value.trim().startsWith("{") ? "method.preset" : dottedKey;
  }

  /**
   * Fills the unset keys of the preset the conf names (footprint when it names none).
   *
   * @throws ConfException for an unknown preset, or a {@code method}/{@code power} that is not a mapping
   */
  static void apply(ObjectNode root) {
    expandShorthand(root);
    String name = presetName(root);
    JsonNode preset = PRESETS.get(name);
    if (preset == null) {
      throw new ConfException("method.preset: unknown preset '" + name + "'; known: " + names());
    }
    ObjectNode method = section(root, "method");
    method.put("preset", name);
    if (!method.has("source")) {
      method.put("source", preset.path("source").asText());
    }
    for (Iterator<Map.Entry<String, JsonNode>> sections = preset.fields(); sections.hasNext(); ) {
      Map.Entry<String, JsonNode> s = sections.next();
      if (!s.getValue().isObject()) {
        continue; // source
      }
      ObjectNode target = section(root, s.getKey());
      s.getValue().fields().forEachRemaining(kv -> {
        if (!target.has(kv.getKey())) {
          target.set(kv.getKey(), kv.getValue().deepCopy());
        }
      });
    }
  }

  /** The method keys exactly as the preset sets them (what a run's description is measured against). */
  static MethodConf values(String name) {
    JsonNode preset = PRESETS.get(name);
    ObjectNode m = preset == null ? JsonNodeFactory.instance.objectNode() : preset.path("method").deepCopy();
    m.put("preset", name);
    try {
      return YAML.treeToValue(m, MethodConf.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(RESOURCE + ": preset " + name + " does not bind: " + e.getOriginalMessage());
    }
  }

  private static String presetName(ObjectNode root) {
    JsonNode m = root.get("method");
    if (m == null || m.isNull()) {
      return MethodConf.FOOTPRINT;
    }
    if (!m.isObject()) {
      throw new ConfException("method: expected a preset name or a mapping of method keys");
    }
    JsonNode p = m.get("preset");
    return p == null || p.isNull() ? MethodConf.FOOTPRINT : p.asText();
  }

  private static ObjectNode section(ObjectNode root, String name) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      return root.putObject(name);
    }
    if (!n.isObject()) {
      throw new ConfException(name + ": expected a mapping of keys");
    }
    return (ObjectNode) n;
  }
}
