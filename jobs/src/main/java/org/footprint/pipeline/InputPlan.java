package org.footprint.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.footprint.conf.ConfException;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.Paths;
import org.footprint.source.intensity.IntensityLoader;
import org.footprint.source.power.PowerInput;
import org.footprint.source.slurm.SacctInput;
import org.footprint.io.HadoopFs;

/** The conf's inputs plus the command line's, expanded to files, each with how to read it. */
public final class InputPlan {
  public final Map<String, SacctInput> sacct = new LinkedHashMap<>();
  public final Map<String, SacctInput> sacctJson = new LinkedHashMap<>();
  public final Map<String, PowerInput> power = new LinkedHashMap<>();
  public final List<IntensityLoader.Input> intensity = new ArrayList<>();

  /** file → the input that named it first, to catch one file claimed by two inputs that read it differently */
  private final Map<String, String> namedBy = new java.util.HashMap<>();

  /**
   * Puts a file in its reader's map. The same file named twice the same way (overlapping globs) is read once; named
   * by two inputs that would read it differently (another cluster, field list or delimiter) it is a conf error,
   * since one of the two would silently lose its records.
   */
  private <T> void claim(Map<String, T> reader, String file, T how, String input) {
    T before = reader.get(file);
    if (before != null && !before.equals(how)) {
      throw new ConfException("file " + file + " is named by two inputs that read it differently: "
          + namedBy.get(file) + " and " + input + "; name it once");
    }
    reader.putIfAbsent(file, how);
    namedBy.putIfAbsent(file, input);
  }

  public static InputPlan of(FootprintConf conf, RunOptions opts) {
    InputPlan plan = new InputPlan();
    for (int i = 0; i < conf.inputs.size(); i++) {
      FootprintConf.InputConf in = conf.inputs.get(i);
      String name = "inputs[" + i + "] (" + in.type + ", cluster " + in.cluster + ")";
      List<String> files = Paths.expand(conf, in.path);
      if ("sacct".equals(in.type)) {
        String zone = conf.clusters.get(in.cluster).timeZone;
        files.forEach(f -> plan.claim(plan.sacct, f, new SacctInput(in.cluster, zone, in.fields, in.delimiter), name));
      } else if ("sacct-json".equals(in.type)) {
        String zone = conf.clusters.get(in.cluster).timeZone;
        files.forEach(f -> plan.claim(plan.sacctJson, f, new SacctInput(in.cluster, zone, null, null), name));
      } else if ("nvidia-smi".equals(in.type) || "dcgm".equals(in.type)) {
        String zone = conf.clusters.get(in.cluster).timeZone;
        files.forEach(f -> plan.claim(plan.power, f,
            new PowerInput(in.cluster, in.type, zone, in.fields, in.nodeFromFile), name));
      } else if ("intensity".equals(in.type)) {
        plan.intensity.add(new IntensityLoader.Input(in.format, files));
      }
    }
    if (!opts.slurm.isEmpty()) {
      String cluster = opts.cluster;
      if (cluster == null) {
        if (conf.clusters.size() != 1) {
          throw new ConfException("--slurm: say which cluster the exports belong to with --cluster NAME (one of "
              + conf.clusters.keySet() + ")");
        }
        cluster = conf.clusters.keySet().iterator().next();
      }
      FootprintConf.ClusterConf c = conf.clusters.get(cluster);
      if (c == null) {
        throw new ConfException("--cluster: '" + cluster + "' is not a configured cluster " + conf.clusters.keySet()
            + " (add it to clusters in the conf, or with --set clusters." + cluster + ".time_zone=... etc.)");
      }
      for (String p : opts.slurm) {
        List<String> files = expandCli(p, "--slurm");
        String c2 = cluster;
        // sacct --json exports go to the JSON reader, --parsable2 ones to the text reader
        files.forEach(f -> plan.claim(f.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? plan.sacctJson
            : plan.sacct, f, new SacctInput(c2, c.timeZone, opts.fields, opts.delimiter), "--slurm " + p));
      }
    }
    for (String p : opts.intensity) {
      for (String f : expandCli(p, "--intensity")) {
        String format = "auto".equals(opts.intensityFormat) ? detectFormat(f) : opts.intensityFormat;
        plan.intensity.add(new IntensityLoader.Input(format, List.of(f)));
      }
    }
    return plan;
  }

  private static List<String> expandCli(String path, String flag) {
    FootprintConf none = new FootprintConf();
    List<String> files = Paths.expand(none, path);
    if (files.isEmpty()) {
      throw new ConfException(flag + ": no file matches " + path);
    }
    return files;
  }

  /** .json → UK Carbon Intensity API; CSV with a "Datetime (UTC)" header → Electricity Maps; else plain. */
  static String detectFormat(String file) {
    if (file.toLowerCase().endsWith(".json")) {
      return "uk-carbon-intensity-json";
    }
    Path p = new Path(file);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(HadoopFs.of(p).open(p),
        StandardCharsets.UTF_8))) {
      String first = r.readLine();
      return first != null && first.toLowerCase().contains("datetime (utc)") ? "electricitymaps" : "plain";
    } catch (IOException e) {
      throw new ConfException("--intensity: cannot read " + file + ": " + e.getMessage());
    }
  }

}
