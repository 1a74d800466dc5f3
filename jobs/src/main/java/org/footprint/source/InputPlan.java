package org.footprint.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.footprint.conf.ConfException;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.InputSpec;
import org.footprint.conf.Paths;

/**
 * A run's inputs, planned in one place: the conf's {@code inputs} and the command line's flags, each an
 * {@link InputSpec} with its files expanded. Inputs given on the command line replace the conf's inputs of the
 * same kind ({@link InputSpec.Type#kind}), so {@code --slurm my.txt} reads that export and not the bundled sample
 * exports as well, unless {@code --also-conf-inputs} asks for both. Planned once per run (the CLI plans before
 * Spark starts, so a bad flag fails at once) and handed to the run; {@link Sources#read} gives each source its
 * inputs.
 */
public final class InputPlan {
  private final List<InputSpec> inputs;
  private final List<InputSpec> replaced;

  private InputPlan(List<InputSpec> inputs, List<InputSpec> replaced) {
    this.inputs = List.copyOf(inputs);
    this.replaced = List.copyOf(replaced);
  }

  /** The conf's inputs alone. */
  public static InputPlan of(FootprintConf conf) {
    return of(conf, List.of(), false);
  }

  /**
   * @param commandLine inputs of the command line ({@link #fromFlag})
   * @param alsoConfInputs read the conf's inputs of the kinds the command line gives as well
   */
  public static InputPlan of(FootprintConf conf, List<InputSpec> commandLine, boolean alsoConfInputs) {
    Set<String> givenKinds = new LinkedHashSet<>();
    commandLine.forEach(s -> givenKinds.add(s.type().kind()));
    List<InputSpec> all = new ArrayList<>();
    List<InputSpec> replaced = new ArrayList<>();
    for (int i = 0; i < conf.inputs.size(); i++) {
      InputSpec spec = InputSpec.ofConf(conf, i);
      (alsoConfInputs || !givenKinds.contains(spec.type().kind()) ? all : replaced).add(spec);
    }
    all.addAll(commandLine);
    return new InputPlan(claim(all), replaced);
  }

  /**
   * Gives each file to the first input naming it. The same file named twice the same way (overlapping globs) is
   * read once; named by two inputs that would read it differently (another cluster, field list or delimiter) it
   * is a conf error, since one of the two would silently lose its records. Files are claimed per kind: one dump
   * may hold both pods and nodes.
   */
  private static List<InputSpec> claim(List<InputSpec> specs) {
    Map<String, InputSpec> claimedBy = new HashMap<>();
    List<InputSpec> out = new ArrayList<>();
    for (InputSpec spec : specs) {
      List<String> own = new ArrayList<>();
      for (String f : spec.files()) {
        InputSpec before = claimedBy.putIfAbsent(spec.type().kind() + "\n" + f, spec);
        if (before == null) {
          own.add(f);
        } else if (!before.readsLike(spec)) {
          throw new ConfException("file " + f + " is named by two inputs that read it differently: "
              + before.describe() + " and " + spec.describe() + "; name it once");
        }
      }
      out.add(spec.withFiles(own));
    }
    return out;
  }

  /**
   * The inputs of one command-line flag ({@code --slurm PATH} ...): files matched against the working directory,
   * for {@code cluster} (may be omitted when the conf has one cluster). {@code --slurm} sends {@code .json} files
   * to the sacct --json reader; {@code --intensity} without a format tells each file's format from its name and
   * header.
   */
  public static List<InputSpec> fromFlag(FootprintConf conf, InputSpec.Type type, String path, String cluster,
      InputSpec.Options options) {
    String flag = type.flag();
    if (type.hasCluster()) {
      if (cluster == null) {
        if (conf.clusters.size() != 1) {
          throw new ConfException(flag + " needs --cluster NAME: which cluster the files belong to");
        }
        cluster = conf.clusters.keySet().iterator().next();
      }
      if (!conf.clusters.containsKey(cluster)) {
        throw new ConfException("--cluster: '" + cluster + "' is not a configured cluster " + conf.clusters.keySet()
            + " (add it to clusters in the conf, or with --set clusters." + cluster + ".time_zone=... etc.)");
      }
    } else {
      cluster = null;
    }
    List<String> files = Paths.expand(System.getProperty("user.dir"), path);
    if (files.isEmpty()) {
      throw new ConfException(flag + ": no file matches " + path);
    }
    Map<InputSpec.Type, List<String>> byType = new LinkedHashMap<>();
    Map<InputSpec.IntensityFormat, List<String>> byFormat = new LinkedHashMap<>();
    for (String f : files) {
      if (type == InputSpec.Type.SACCT && f.toLowerCase(Locale.ROOT).endsWith(".json")) {
        byType.computeIfAbsent(InputSpec.Type.SACCT_JSON, t -> new ArrayList<>()).add(f);
      } else if (type == InputSpec.Type.INTENSITY && options.format() == null) {
        byFormat.computeIfAbsent(detect(f), t -> new ArrayList<>()).add(f);
      } else {
        byType.computeIfAbsent(type, t -> new ArrayList<>()).add(f);
      }
    }
    List<InputSpec> out = new ArrayList<>();
    for (Map.Entry<InputSpec.Type, List<String>> e : byType.entrySet()) {
      InputSpec.Options o = e.getKey() == InputSpec.Type.SACCT_JSON ? InputSpec.Options.NONE : options;
      out.add(new InputSpec(e.getKey(), cluster, e.getValue(), o, flag, path));
    }
    for (Map.Entry<InputSpec.IntensityFormat, List<String>> e : byFormat.entrySet()) {
      out.add(new InputSpec(type, null, e.getValue(),
          new InputSpec.Options(null, null, e.getKey(), null), flag, path));
    }
    out.forEach(s -> s.check("--"));
    return out;
  }

  private static InputSpec.IntensityFormat detect(String file) {
    try {
      return InputSpec.IntensityFormat.detect(file);
    } catch (IOException e) {
      throw new ConfException("--intensity: cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Every input in order, each with the files it reads. */
  public List<InputSpec> inputs() {
    return inputs;
  }

  /** The inputs of one source that have files to read. */
  public List<InputSpec> of(InputSpec.Source source) {
    return inputs.stream().filter(s -> s.type().source() == source && !s.files().isEmpty()).toList();
  }

  /**
   * Each file of {@code inputs} → what its input says about reading it ({@code how}: its cluster, format, time
   * zone...), in input order: the map the per-file readers take.
   */
  public static <T> Map<String, T> byFile(List<InputSpec> inputs, Function<InputSpec, T> how) {
    Map<String, T> out = new LinkedHashMap<>();
    for (InputSpec in : inputs) {
      T t = how.apply(in);
      in.files().forEach(f -> out.put(f, t));
    }
    return out;
  }

  /** Every file the run reads. */
  public List<String> files() {
    List<String> out = new ArrayList<>();
    inputs.forEach(s -> out.addAll(s.files()));
    return out;
  }

  /** For the progress line: "24 sacct files, 6 nvidia-smi files, ..." or "no inputs". */
  public String describe() {
    Map<String, Integer> files = new LinkedHashMap<>();
    inputs.forEach(in -> files.merge(in.type().toString(), in.files().size(), Integer::sum));
    List<String> parts = new ArrayList<>();
    files.forEach((type, n) -> parts.add(n + " " + type + (n == 1 ? " file" : " files")));
    return parts.isEmpty() ? "no inputs" : String.join(", ", parts);
  }

  /** The intensity inputs as the report names them: "format: path" ("auto" when each file's format is detected). */
  public List<String> intensityInputs() {
    return of(InputSpec.Source.INTENSITY).stream()
        .map(i -> (i.options() == null || i.options().format() == null ? "auto" : i.options().format().toString())
            + ": " + i.path())
        .toList();
  }

  /**
   * A line or two for the closing summary: which inputs were read, and which of the conf's were not because the
   * command line replaced them.
   */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    Map<String, List<InputSpec>> byFlag = new LinkedHashMap<>();
    Set<String> confTypes = new LinkedHashSet<>();
    int confInputs = 0;
    int confFiles = 0;
    for (InputSpec s : inputs) {
      if (s.fromCommandLine()) {
        byFlag.computeIfAbsent(s.describe(), k -> new ArrayList<>()).add(s);
      } else {
        confInputs++;
        confFiles += s.files().size();
        confTypes.add(s.type().toString());
      }
    }
    byFlag.forEach((flag, specs) -> {
      int n = specs.stream().mapToInt(s -> s.files().size()).sum();
      Set<String> what = new LinkedHashSet<>();
      specs.forEach(s -> what.add(s.type() + (s.cluster() == null ? "" : ", cluster " + s.cluster())));
      lines.add(flag + ": " + files(n) + " (" + String.join("; ", what) + ")");
    });
    if (confInputs > 0) {
      lines.add("conf: " + confInputs + (confInputs == 1 ? " input, " : " inputs, ") + files(confFiles) + " ("
          + String.join(", ", confTypes) + ")");
    }
    if (!replaced.isEmpty()) {
      lines.add("not read: conf " + String.join(", ", replaced.stream().map(InputSpec::describe).toList())
          + ", replaced by the command line (--also-conf-inputs reads both)");
    }
    return lines;
  }

  private static String files(int n) {
    return n + (n == 1 ? " file" : " files");
  }
}
