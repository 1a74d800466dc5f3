package org.footprint.conf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.footprint.io.HadoopFs;

/**
 * Reads footprint.yaml, applies {@code --set dotted.key=value} overrides on the YAML tree, binds it
 * (unknown keys refused) and validates it. Every failure is a {@link ConfException} whose message names
 * the key, so the CLI can print one line and stop before Spark starts.
 */
public final class ConfLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfLoader() {}

  /** The conf file with {@code --set} overrides applied, bound and validated (its inputs too: see InputSpec). */
  public static FootprintConf load(String confPath, Map<String, String> overrides) {
    Path path = new Path(confPath);
    JsonNode tree;
    String baseDir;
    try {
      FileSystem fs = HadoopFs.of(path);
      if (!fs.exists(path)) {
        throw new ConfException("conf file not found: " + confPath);
      }
      Path qualified = fs.makeQualified(path);
      baseDir = qualified.getParent().toString();
      try (InputStream in = fs.open(path)) {
        tree = YAML.readTree(in);
      }
    } catch (JsonProcessingException e) {
      throw new ConfException("conf " + confPath + " is not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
    } catch (IOException e) {
      throw new ConfException("cannot read conf " + confPath + ": " + e.getMessage(), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      tree = JsonNodeFactory.instance.objectNode();
    }
    if (!tree.isObject()) {
      throw new ConfException("conf " + confPath + ": top level must be a mapping of keys");
    }
    unknownClusterInOverrides(tree.get("clusters"), overrides);
    MethodPresets.expandShorthand((ObjectNode) tree);
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      applyOverride((ObjectNode) tree, MethodPresets.overrideKey(o.getKey(), o.getValue()), o.getValue());
    }
    // the preset's values for what neither the file nor --set gave
    MethodPresets.apply((ObjectNode) tree);
    FootprintConf conf = bind(tree, confPath);
    conf.baseDir = baseDir;
    conf.method.described = conf.method.describe(MethodPresets.values(conf.method.preset));
    new ConfValidator(conf).validate();
    conf.method.resolve(conf); // after validation: a bad method.pue is named as such, not as a cluster's
    return conf;
  }

  /**
   * {@code --set clusters.X.key=...} for a cluster the conf does not have is a typo unless it defines the cluster
   * (sets its time_zone): otherwise the typo would become a half-made cluster with a misleading complaint.
   */
  private static void unknownClusterInOverrides(JsonNode clusters, Map<String, String> overrides) {
    Set<String> known = new TreeSet<>();
    if (clusters != null && clusters.isObject()) {
      clusters.fieldNames().forEachRemaining(known::add);
    }
    for (String key : overrides.keySet()) {
      String[] parts = key.split("\\.", 3);
      if (parts.length == 3 && parts[0].equals("clusters") && !known.contains(parts[1])
          && !overrides.containsKey("clusters." + parts[1] + ".time_zone")) {
        throw new ConfException("--set " + key + ": unknown cluster '" + parts[1] + "'; known: " + known
            + " (to add a cluster, also set clusters." + parts[1] + ".time_zone)");
      }
    }
  }

  static FootprintConf bind(JsonNode tree, String confPath) {
    try {
      return YAML.treeToValue(tree, FootprintConf.class);
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw new ConfException("conf " + confPath + ": unknown key '" + keyPath(e) + "'"
          + (known.isEmpty() ? "" : " (known keys there: " + known + ")"));
    } catch (JsonMappingException e) {
      throw new ConfException("conf " + confPath + ": bad value for key '" + keyPath(e) + "': "
          + e.getOriginalMessage().split("\n")[0]);
    } catch (JsonProcessingException e) {
      throw new ConfException("conf " + confPath + ": " + e.getOriginalMessage());
    }
  }

  /** Dotted key of a mapping error, in the file's own snake_case spelling. */
  private static String keyPath(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
    }
    return sb.toString();
  }

  /**
   * {@code clusters.alpine.pue=1.3}, {@code inputs.0.path=x}, {@code carbon.fallback_g_per_kwh.DE=350}.
   * The value is read as YAML, so numbers stay numbers and {@code [a, b]} is a list.
   */
  static void applyOverride(ObjectNode root, String dottedKey, String value) {
    String[] parts = dottedKey.split("\\.");
    if (dottedKey.isBlank() || parts.length == 0) {
      throw new ConfException("--set needs key=value, got '" + dottedKey + "'");
    }
    JsonNode parsed;
    try {
      parsed = value.isEmpty() ? JsonNodeFactory.instance.textNode("") : YAML.readTree(value);
    } catch (JsonProcessingException e) {
      parsed = JsonNodeFactory.instance.textNode(value);
    }
    JsonNode node = root;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      boolean last = i == parts.length - 1;
      if (node instanceof ObjectNode obj) {
        if (last) {
          obj.set(p, parsed);
        } else {
          JsonNode next = obj.get(p);
          if (next == null || next.isNull()) {
            next = isIndex(parts[i + 1]) ? obj.putArray(p) : obj.putObject(p);
          }
          node = next;
        }
      } else if (node instanceof ArrayNode arr && isIndex(p)) {
        int idx = Integer.parseInt(p);
        if (idx > arr.size()) {
          throw new ConfException("--set " + dottedKey + ": index " + idx + " is past the end of the list ("
              + arr.size() + " entries)");
        }
        if (last) {
          if (idx == arr.size()) {
            arr.add(parsed);
          } else {
            arr.set(idx, parsed);
          }
        } else {
          if (idx == arr.size()) {
            arr.add(isIndex(parts[i + 1]) ? arr.arrayNode() : arr.objectNode());
          }
          node = arr.get(idx);
        }
      } else {
        throw new ConfException("--set " + dottedKey + ": '" + String.join(".", Arrays.copyOf(parts, i))
            + "' is a value, not a mapping or list");
      }
    }
  }

  private static boolean isIndex(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }
}
