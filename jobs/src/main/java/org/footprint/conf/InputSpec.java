package org.footprint.conf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.footprint.io.HadoopFs;

/**
 * One input of a run, from the conf ({@code inputs[i]}) or from a command-line flag ({@code --slurm PATH}): what
 * it is, which cluster it belongs to, its files (expanded, sorted) and how to read them. The one spelling of input
 * types ({@link Type}), intensity formats ({@link IntensityFormat}) and of the {@code source} column of
 * run_summary, rejects and skipped ({@link Source}).
 *
 * @param cluster null for intensity, which belongs to a carbon zone rather than a cluster
 * @param origin where it was given: {@code inputs[3]} or a flag such as {@code --slurm}
 * @param path the path or glob as given (the files are what it matched)
 */
public record InputSpec(Type type, String cluster, List<String> files, Options options, String origin, String path)
    implements Serializable {

  /** The {@code source} of run_summary, rejects and skipped rows: what kind of data an input holds. */
  public enum Source {
    SLURM, KUBERNETES, POWER, INTENSITY, INVENTORY, METER;

    /** As written in the tables and in quality.&lt;source&gt;. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Input types, spelled as in {@code inputs[].type}, each with its source and its command-line flag. */
  public enum Type {
    SACCT("sacct", Source.SLURM, "--slurm"),
    SACCT_JSON("sacct-json", Source.SLURM, "--slurm-json"),
    KUBECTL_PODS("kubectl-pods", Source.KUBERNETES, "--pods"),
    KUBECTL_NODES("kubectl-nodes", Source.KUBERNETES, "--nodes"),
    KATIB("katib", Source.KUBERNETES, "--katib"),
    NVIDIA_SMI("nvidia-smi", Source.POWER, "--nvidia-smi"),
    DCGM("dcgm", Source.POWER, "--dcgm"),
    INTENSITY("intensity", Source.INTENSITY, "--intensity"),
    SCONTROL_NODES("scontrol-nodes", Source.INVENTORY, "--scontrol-nodes"),
    SINFO_NODES("sinfo-nodes", Source.INVENTORY, "--sinfo-nodes"),
    METER("meter", Source.METER, "--meter");

    private final String spelling;
    private final Source source;
    private final String flag;

    Type(String spelling, Source source, String flag) {
      this.spelling = spelling;
      this.source = source;
      this.flag = flag;
    }

    /** The type by its conf spelling, or null. */
    public static Type of(String spelling) {
      return Arrays.stream(values()).filter(t -> t.spelling.equals(spelling)).findFirst().orElse(null);
    }

    public static String spellings() {
      return Arrays.stream(values()).map(Type::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    public Source source() {
      return source;
    }

    public String flag() {
      return flag;
    }

    /**
     * What command-line inputs replace: the conf's inputs of the same kind. The formats of one kind of data (sacct
     * text and JSON; nvidia-smi and dcgm logs) are one kind; pods, nodes and Katib objects are three.
     */
    public String kind() {
      return switch (this) {
        case SACCT, SACCT_JSON -> "sacct";
        case NVIDIA_SMI, DCGM -> "power logs";
        case SCONTROL_NODES, SINFO_NODES -> "node inventories";
        default -> spelling;
      };
    }

    /** Whether it needs a cluster (intensity belongs to carbon zones). */
    public boolean hasCluster() {
      return this != INTENSITY;
    }

    @Override
    public String toString() {
      return spelling;
    }
  }

  /** Carbon-intensity file formats, spelled as in {@code inputs[].format} and {@code --intensity-format}. */
  public enum IntensityFormat {
    ELECTRICITYMAPS("electricitymaps"),
    PLAIN("plain"),
    UK_CARBON_INTENSITY_JSON("uk-carbon-intensity-json");

    private final String spelling;

    IntensityFormat(String spelling) {
      this.spelling = spelling;
    }

    /** Case-insensitive, or null for an unknown name. */
    public static IntensityFormat of(String name) {
      String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
      return Arrays.stream(values()).filter(f -> f.spelling.equals(n)).findFirst().orElse(null);
    }

    public static String spellings() {
      return Arrays.stream(values()).map(IntensityFormat::toString).collect(Collectors.joining(", "));
    }

    /** .json → UK Carbon Intensity API; CSV with a "Datetime (UTC)" header → Electricity Maps; else plain. */
    public static IntensityFormat detect(String file) throws IOException {
      if (file.toLowerCase(Locale.ROOT).endsWith(".json")) {
        return UK_CARBON_INTENSITY_JSON;
      }
      Path p = new Path(file);
      try (BufferedReader r = new BufferedReader(new InputStreamReader(HadoopFs.of(p).open(p),
          StandardCharsets.UTF_8))) {
        String first = r.readLine();
        return first != null && first.toLowerCase(Locale.ROOT).contains("datetime (utc)") ? ELECTRICITYMAPS : PLAIN;
      }
    }

    @Override
    public String toString() {
      return spelling;
    }
  }

  /**
   * How to read the files, where the type has a choice.
   *
   * @param fields sacct, nvidia-smi: field order of a headerless export or log
   * @param delimiter sacct: the export's {@code --delimiter} (null: |)
   * @param format intensity: the file format
   * @param nodeFromFile nvidia-smi, dcgm: regex with group 1 = node name, applied to the file name
   */
  public record Options(List<String> fields, String delimiter, IntensityFormat format, String nodeFromFile)
      implements Serializable {
    public static final Options NONE = new Options(null, null, null, null);

    public Options {
      fields = fields == null ? null : List.copyOf(fields);
    }
  }

  public InputSpec {
    files = List.copyOf(files);
  }

  /** The same input reading other files (what it was left after files claimed by inputs before it). */
  public InputSpec withFiles(List<String> other) {
    return new InputSpec(type, cluster, other, options, origin, path);
  }

  public boolean fromCommandLine() {
    return origin.startsWith("--");
  }

  /** Whether another input naming the same file would read it the same way (the file is then read once). */
  public boolean readsLike(InputSpec other) {
    return type == other.type && Objects.equals(cluster, other.cluster) && options.equals(other.options);
  }

  /** For messages: {@code inputs[0] (sacct, cluster alpine)} or {@code --slurm /data/x.txt}. */
  public String describe() {
    return fromCommandLine() ? origin + " " + path
        : origin + " (" + type + (cluster == null ? "" : ", cluster " + cluster) + ")";
  }

  /** The conf's {@code inputs[i]}, its path expanded against the conf's folder; checked as {@link #check} does. */
  public static InputSpec ofConf(FootprintConf conf, int i) {
    FootprintConf.InputConf in = conf.inputs.get(i);
    String key = "inputs." + i;
    Type type = Type.of(in.type);
    if (type == null) {
      throw new ConfException(key + ".type: '" + in.type + "' is not one of " + Type.spellings());
    }
    IntensityFormat format = null;
    if (type == Type.INTENSITY) {
      format = IntensityFormat.of(in.format);
      if (format == null) {
        throw new ConfException(key + ".format: '" + in.format + "' is not one of " + IntensityFormat.spellings());
      }
    }
    if (in.path == null || in.path.isBlank()) {
      throw new ConfException(key + ".path: missing");
    }
    InputSpec spec = new InputSpec(type, type.hasCluster() ? in.cluster : null, Paths.expand(conf, in.path),
        new Options(in.fields, in.delimiter, format, in.nodeFromFile), "inputs[" + i + "]", in.path);
    if (type.hasCluster()) {
      spec.checkCluster(conf, key + ".cluster");
    }
    spec.check(key + ".");
    if (spec.files.isEmpty()) {
      throw new ConfException(key + ".path: no file matches " + Paths.resolve(conf, in.path));
    }
    return spec;
  }

  /** The cluster is one of the conf's. */
  public void checkCluster(FootprintConf conf, String key) {
    if (cluster == null || !conf.clusters.containsKey(cluster)) {
      throw new ConfException(key + ": '" + cluster + "' is not a configured cluster " + conf.clusters.keySet());
    }
  }

  /** The options make sense for the type; {@code prefix} names them in the message ({@code inputs.0.}, {@code --}). */
  public void check(String prefix) {
    if (options.nodeFromFile() != null) {
      regex(prefix + "node_from_file", options.nodeFromFile());
    }
    String delimiter = options.delimiter();
    if (delimiter != null && delimiter.codePointCount(0, delimiter.length()) != 1) {
      throw new ConfException(prefix + "delimiter: must be one character, got '" + delimiter + "'");
    }
    if (type == Type.SACCT && options.fields() != null
        && options.fields().stream().noneMatch(f -> f.equalsIgnoreCase("JobID"))) {
      throw new ConfException(prefix + "fields: the field list must contain JobID");
    }
  }

  private static void regex(String key, String pattern) {
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new ConfException(key + ": not a valid regular expression: " + e.getDescription());
    }
  }
}
