package org.footprint.conf;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.footprint.io.HadoopFs;

/**
 * conf/gpu-profiles.csv: per board model its TDP and idle draw, and the aliases under which sacct gres
 * types, Kubernetes labels and nvidia-smi name it. Small: held on the driver and handed to Spark as map literals.
 */
public final class GpuProfiles implements Serializable {

  public record Profile(String model, double tdpW, double idleW, int migSlices, String source)
      implements Serializable {}

  private final Map<String, Profile> byModel = new LinkedHashMap<>();
  private final Map<String, String> aliasToModel = new LinkedHashMap<>();

  public Map<String, Profile> byModel() {
    return byModel;
  }

  /** lower-case alias (and lower-case model name) to model. */
  public Map<String, String> aliasToModel() {
    return aliasToModel;
  }

  public boolean has(String model) {
    return model != null && byModel.containsKey(model);
  }

  public static GpuProfiles read(String path) {
    Path p = new Path(path);
    try {
      FileSystem fs = HadoopFs.of(p);
      try (Reader in = new InputStreamReader(fs.open(p), StandardCharsets.UTF_8)) {
        return parse(path, in);
      }
    } catch (IOException e) {
      throw new ConfException("gpu_profiles: cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  public static GpuProfiles parse(String file, Reader in) throws IOException {
    GpuProfiles g = new GpuProfiles();
    CSVFormat fmt = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
        .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.parse(in, fmt)) {
      for (String col : new String[] {"model", "aliases", "tdp_w", "idle_w"}) {
        if (!parser.getHeaderMap().containsKey(col)) {
          throw new ConfException("gpu_profiles " + file + ": missing column '" + col + "'");
        }
      }
      for (CSVRecord r : parser) {
        String where = "gpu_profiles " + file + " line " + r.getParser().getCurrentLineNumber();
        String model = r.get("model");
        double tdp = number(r, "tdp_w", where);
        double idle = number(r, "idle_w", where);
        if (tdp <= 0 || idle < 0 || idle > tdp) {
          throw new ConfException(where + ": need 0 <= idle_w <= tdp_w and tdp_w > 0 for " + model);
        }
        int mig = r.isMapped("mig_slices") && !r.get("mig_slices").isBlank()
            ? (int) number(r, "mig_slices", where) : 0;
        String source = r.isMapped("source") ? r.get("source") : "";
        g.add(new Profile(model, tdp, idle, mig, source), where, r.get("aliases").split(";"));
      }
    }
    return g;
  }

  /** Adds a board, named by its model and its aliases (blank ones ignored); {@code where} names it in errors. */
  void add(Profile p, String where, String... aliases) {
    if (byModel.put(p.model(), p) != null) {
      throw new ConfException(where + ": model " + p.model() + " listed twice");
    }
    alias(p.model(), p.model(), where);
    for (String a : aliases) {
      if (!a.isBlank()) {
        alias(a, p.model(), where);
      }
    }
  }

  private void alias(String alias, String model, String where) {
    String key = alias.trim().toLowerCase(Locale.ROOT);
    String prev = aliasToModel.putIfAbsent(key, model);
    if (prev != null && !prev.equals(model)) {
      throw new ConfException(where + ": alias '" + key + "' names both " + prev + " and " + model);
    }
  }

  private static double number(CSVRecord r, String col, String where) {
    try {
      return Double.parseDouble(r.get(col));
    } catch (NumberFormatException e) {
      throw new ConfException(where + ": column " + col + " is not a number: '" + r.get(col) + "'");
    }
  }
}
