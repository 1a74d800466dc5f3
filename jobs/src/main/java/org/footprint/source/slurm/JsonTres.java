package org.footprint.source.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON TRES list ({@code [{"type":"gres","name":"gpu:v100","count":1}, ...]}) turned into the map sacct's TRES
 * string gives ({@code gres/gpu:v100 → "1"}), so the existing {@link Tres} helpers apply unchanged: the GPU rules
 * (untyped count wins, typed only names the model, MIG slices as fractions), memory in MiB, energy in joules.
 *
 * <ul>
 *   <li>key = {@code type} or {@code type/name} when the name is not empty: {@code cpu}, {@code gres/gpu},
 *       {@code gres/gpu:a100}, {@code fs/disk} (dbv0.0.37 writes {@code name: null}, v0.0.40 {@code ""});</li>
 *   <li>count -2 / -1 are NO_VAL64 / INFINITE64 written as signed int64 (the energy of a job on a cluster without
 *       an energy plugin is -2): they become the unsigned text sacct would print, which {@link Tres} reads as
 *       "unknown";</li>
 *   <li>entries are ordered as sacct prints them (sorted by {@code key=}), not in the JSON's TRES-id order, so
 *       ties between GPU types resolve the same way in both readers.</li>
 * </ul>
 */
final class JsonTres {
  private static final String NO_VAL64 = "18446744073709551614";
  private static final String INFINITE64 = "18446744073709551615";
  private static final Comparator<String> SACCT_ORDER = Comparator.comparing(k -> k + "=");

  private JsonTres() {}

  /** Empty for an absent list or for anything that is not an array (a step's usage object, for instance). */
  static Map<String, String> map(JsonNode list, String field) {
    Map<String, String> out = new TreeMap<>(SACCT_ORDER);
    if (list == null || !list.isArray()) {
      return out;
    }
    for (JsonNode e : list) {
      String type = JsonNumbers.text(e.get("type"));
      if (type == null) {
        throw new SlurmFieldException(field, e.toString(), "TRES entry without a type");
      }
      String name = JsonNumbers.text(e.get("name"));
      String key = name == null ? type : type + "/" + name;
      String value = count(e.get("count"), field + " " + key);
      if (value == null) {
        continue;
      }
      if (out.put(key, value) != null) {
        throw new SlurmFieldException(field, e.toString(), "duplicate TRES " + key);
      }
    }
    return new LinkedHashMap<>(out);
  }

  private static String count(JsonNode n, String field) {
    if (n != null && n.isBigInteger()) {
      return n.bigIntegerValue().toString(); // unsigned NO_VAL64 / INFINITE64: Tres knows them
    }
    Long c = JsonNumbers.longValue(n, field);
    if (c == null) {
      return null;
    }
    if (c == -2) {
      return NO_VAL64;
    }
    if (c == -1) {
      return INFINITE64;
    }
    if (c < 0) {
      throw new SlurmFieldException(field, c.toString(), "negative TRES count");
    }
    return c.toString();
  }
}
