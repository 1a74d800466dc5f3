package org.footprint.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.conf.ConfException;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.conf.GpuProfiles;
import org.footprint.conf.Paths;
import org.footprint.io.HadoopFs;
import org.footprint.source.InputRecord;
import org.footprint.source.kubernetes.NodeJsonReader;
import org.footprint.source.kubernetes.PodJsonReader;
import org.footprint.source.slurm.SacctFileParser;
import org.footprint.source.slurm.SacctInput;
import org.footprint.source.slurm.SacctRecord;
import org.footprint.source.slurm.Tres;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code footprint init}: a first conf for a site from its own exports. Reads a sacct export (and/or a folder of
 * kubectl dumps), finds the clusters, partitions, GPU boards and time span in it, and writes a commented
 * {@code footprint.yaml} and a {@code gpu-profiles.csv} next to it. What an export cannot tell (PUE, carbon zone,
 * the clock's time zone, hourly intensity) gets a default marked {@code TODO}, with where to find the real value;
 * boards the profiles do not know get a placeholder row marked TODO. {@code footprint run --conf DIR/footprint.yaml}
 * works on it at once, pricing every hour with the fallback intensity.
 */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write a first footprint.yaml and gpu-profiles.csv for a site from its own exports: clusters,",
        "partitions, GPU boards (gres types, node labels) and the time span are read from them; every constant",
        "they cannot tell (PUE, carbon zone, time zone, intensity files) is a default marked TODO, saying where",
        "to find the real value. Then: footprint run --conf DIR/footprint.yaml"},
    footer = {"", "Examples:",
        "  footprint init --slurm /var/log/footprint/sacct_2026-11-25.txt --cluster alpine --out site",
        "  footprint init --kubernetes /var/log/footprint/k8s --cluster kestrel --out site"})
public final class InitCommand implements Callable<Integer> {
  /** PUE when the site's is unknown: the Uptime Institute 2018 global average (as Green Algorithms uses). */
  static final double DEFAULT_PUE = 1.58;
  /** Carbon zone when unknown: no hourly data matches it, so every hour uses the "*" fallback. */
  static final String DEFAULT_ZONE = "WORLD";
  /** Green Algorithms world average, g CO2e/kWh (CI_aggregated.csv WORLD). */
  static final double WORLD_G_PER_KWH = 475;
  static final String GENERIC = "GENERIC-GPU";

  @Option(names = "--slurm", paramLabel = "FILE",
      description = "sacct --parsable2 export (file, folder or glob) of the cluster")
  String slurm;

  @Option(names = "--kubernetes", paramLabel = "DIR",
      description = "folder of kubectl dumps: pods (folder pods/ or pods*.json), nodes*.json, katib/")
  String kubernetes;

  @Option(names = "--cluster", paramLabel = "NAME",
      description = "the cluster's name (default: the export's Cluster column, else the folder's name)")
  String cluster;

  @Option(names = "--kubernetes-cluster", paramLabel = "NAME",
      description = "name of the Kubernetes cluster when both --slurm and --kubernetes are given (default: the"
          + " --kubernetes folder's name)")
  String k8sCluster;

  @Option(names = "--fields", paramLabel = "LIST", split = ",",
      description = "field order of a headerless (sacct -n) export")
  List<String> fields;

  @Option(names = "--delimiter", paramLabel = "CHAR", description = "field separator of the export (default |)")
  String delimiter;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
      description = "folder for footprint.yaml and gpu-profiles.csv (default: the current folder)")
  Path out;

  @Option(names = "--gpu-profiles", paramLabel = "FILE",
      description = "GPU profiles to start from (default: the repository's conf/gpu-profiles.csv)")
  Path profiles;

  @Option(names = "--force", description = "replace footprint.yaml and gpu-profiles.csv in --out if they exist")
  boolean force;

  @Override
  public Integer call() {
    if (slurm == null && kubernetes == null) {
      System.err.println("footprint: init needs --slurm FILE or --kubernetes DIR (or both)");
      return 2;
    }
    if (delimiter != null && delimiter.codePointCount(0, delimiter.length()) != 1) {
      System.err.println("footprint: --delimiter must be one character, got '" + delimiter + "'");
      return 2;
    }
    Path yaml = out.resolve("footprint.yaml");
    Path csv = out.resolve("gpu-profiles.csv");
    if (!force && (Files.exists(yaml) || Files.exists(csv))) {
      System.err.println("footprint: " + (Files.exists(yaml) ? yaml : csv) + " exists: pass --force to replace it");
      return 2;
    }
    Path base = profiles != null ? profiles : defaultProfiles();
    if (base == null || !Files.isRegularFile(base)) {
      System.err.println("footprint: --gpu-profiles: " + (base == null ? "conf/gpu-profiles.csv not found" : base
          + " not found") + " (pass the repository's conf/gpu-profiles.csv)");
      return 2;
    }
    try {
      GpuProfiles known;
      try (Reader r = Files.newBufferedReader(base, StandardCharsets.UTF_8)) {
        known = GpuProfiles.parse(base.toString(), r);
      }
      List<Site> sites = new ArrayList<>();
      if (slurm != null) {
        sites.add(scanSlurm(known));
      }
      if (kubernetes != null) {
        sites.add(scanKubernetes(known, slurm != null ? k8sCluster : cluster));
      }
      if (sites.size() == 2 && sites.get(0).name.equals(sites.get(1).name)) {
        sites.get(1).name = sites.get(1).name + "-k8s";
      }
      Files.createDirectories(out);
      Map<String, String> todo = unknownBoards(sites, known);
      Files.writeString(csv, profilesCsv(base, todo, sites), StandardCharsets.UTF_8);
      Files.writeString(yaml, yaml(sites, known, todo), StandardCharsets.UTF_8);
      // the conf must load as written: a site that cannot run at once is a bug of this command
      ConfLoader.load(yaml.toString(), Map.of());
      for (Site s : sites) {
        System.out.println(s.summary());
      }
      if (!todo.isEmpty()) {
        System.out.println("GPU boards not in the profiles (TODO rows in " + csv + "): "
            + String.join(", ", todo.keySet()));
      }
      System.out.println("wrote " + yaml + " and " + csv + "; replace the TODO values (PUE, region, time zone,"
          + " intensity files), then run: footprint run --conf " + yaml + " --out " + out.resolve("out"));
      return 0;
    } catch (ConfException e) {
      System.err.println("footprint: the written conf does not load: " + e.getMessage());
      return 1;
    } catch (InitException e) {
      System.err.println("footprint: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("footprint: " + Errors.describe(e));
      return 1;
    }
  }

  /** A problem with what was given (no file, unreadable export): exit code 2, one line. */
  static final class InitException extends RuntimeException {
    InitException(String message) {
      super(message);
    }
  }

  // ---------------------------------------------------------------- what the exports hold

  /** One cluster as its exports show it. */
  static final class Site {
    String name;
    final String source;
    final List<String> files = new ArrayList<>();
    /** the configured input path (absolute) and, for Kubernetes, the input type per path. */
    final Map<String, String> inputs = new LinkedHashMap<>();
    long lines;
    long allocations;
    long steps;
    long unreadable;
    long notStarted;
    Instant first;
    Instant last;
    /** partition (or namespace) → jobs, GPU jobs, GPU-hours; and its boards with their jobs. */
    final Map<String, double[]> partitions = new TreeMap<>();
    final Map<String, Map<String, Long>> partitionBoards = new TreeMap<>();
    /** board (gres type or node label, as written) → jobs (or nodes). */
    final Map<String, Long> boards = new TreeMap<>();
    /** Cluster column values with their rows. */
    final Map<String, Long> clusterColumn = new TreeMap<>();
    /** cloud regions of the nodes (topology.kubernetes.io/region) → nodes. */
    final Map<String, Long> cloudRegions = new TreeMap<>();
    final List<String> notes = new ArrayList<>();

    Site(String source) {
      this.source = source;
    }

    void seen(Instant start, Instant end) {
      if (start != null && (first == null || start.isBefore(first))) {
        first = start;
      }
      Instant e = end != null ? end : start;
      if (e != null && (last == null || e.isAfter(last))) {
        last = e;
      }
    }

    String span() {
      DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
      return first == null ? "no job with a start time" : f.format(first) + " \u2013 " + f.format(last);
    }

    boolean slurm() {
      return "slurm".equals(source);
    }

    String summary() {
      return String.format(Locale.ROOT, "%s %s: %,d records, %,d %s in %d %s, GPU boards %s, %s", source, name,
          lines, allocations, slurm() ? "jobs" : "pod records", partitions.size(),
          slurm() ? "partitions" : "namespaces", boards.isEmpty() ? "none" : boards.keySet(), span());
    }
  }

  private Site scanSlurm(GpuProfiles known) throws IOException {
    Site site = new Site("slurm");
    List<String> files = files(slurm, "--slurm");
    site.files.addAll(files);
    String delim = delimiter == null ? SacctInput.DEFAULT_DELIMITER : delimiter;
    // times are read as UTC: the span is the cluster's wall clock, whatever its zone
    SacctInput input = new SacctInput("init", "UTC", fields, delim);
    for (String file : files) {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
      FileSystem fs = HadoopFs.of(p);
      List<String> header = fields;
      try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
        SacctFileParser parser = new SacctFileParser(file, in, input);
        while (parser.hasNext()) {
          SacctRecord r = parser.next();
          site.lines++;
          if (InputRecord.REJECT.equals(r.kind)) {
            site.unreadable++;
            if (r.line <= 1 && site.notes.size() < 3 && r.reason != null && r.reason.contains("header")) {
              site.notes.add(file + ": " + r.reason);
            }
          } else if (SacctRecord.ALLOC.equals(r.kind)) {
            allocation(site, r);
          } else if (SacctRecord.STEP.equals(r.kind)) {
            site.steps++;
          }
        }
      }
      // a light second look for what the reader does not keep: the Cluster column and ReqTRES gres types
      try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
        extraColumns(site, in, header, delim);
      }
    }
    if (site.allocations == 0 && site.unreadable > 0) {
      throw new InitException("--slurm: no job could be read from " + slurm + (site.notes.isEmpty() ? ""
          : " (" + site.notes.get(0) + ")"));
    }
    String name = cluster;
    if (name == null && !site.clusterColumn.isEmpty()) {
      name = site.clusterColumn.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
    }
    if (site.clusterColumn.size() > 1) {
      site.notes.add("the export holds several clusters " + site.clusterColumn.keySet() + ": footprint reads one"
          + " cluster per input, so export each with sacct -M NAME and add an input per cluster");
    }
    site.name = name != null ? name : guessName(slurm);
    site.inputs.put(absolute(slurm), "sacct");
    return site;
  }

  private static void allocation(Site site, SacctRecord r) {
    if (r.start == null) {
      site.notStarted++; // pending, or cancelled before it started: never costed
      return;
    }
    site.allocations++;
    site.seen(r.start, r.end);
    String part = r.partition == null || r.partition.isBlank() ? "" : r.partition.split(",")[0];
    double[] a = site.partitions.computeIfAbsent(part, k -> new double[3]);
    a[0]++;
    double gpus = r.gpuCount == null ? 0 : r.gpuCount;
    if (gpus > 0) {
      a[1]++;
      a[2] += gpus * (r.durationS == null ? 0 : r.durationS) / 3600.0;
    }
    if (r.gpuType != null && !r.gpuType.isBlank()) {
      String type = r.gpuType.trim();
      site.boards.merge(type, 1L, Long::sum);
      site.partitionBoards.computeIfAbsent(part, k -> new TreeMap<>()).merge(type, 1L, Long::sum);
    }
  }

  /** Cluster column values and ReqTRES gres types of the lines that split into the header's field count. */
  private static void extraColumns(Site site, BufferedReader in, List<String> fieldList, String delim)
      throws IOException {
    List<String> header = fieldList;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = split(line.replace("\uFEFF", ""), delim);
      if (cells.stream().anyMatch(c -> c.trim().equalsIgnoreCase("JobID"))) {
        header = cells;
        continue;
      }
      if (header == null) {
        return; // headerless without a field list: the reader has said so
      }
      int cluster = indexOf(header, "Cluster");
      int req = indexOf(header, "ReqTRES");
      int partition = indexOf(header, "Partition");
      if (cluster < 0 && req < 0) {
        return;
      }
      if (cells.size() != header.size()) {
        continue; // a | in a free-text field: the reader sorts those out
      }
      if (cluster >= 0 && !cells.get(cluster).isBlank()) {
        site.clusterColumn.merge(cells.get(cluster).trim(), 1L, Long::sum);
      }
      if (req >= 0 && !cells.get(req).isBlank()) {
        String type = Tres.gpus(Tres.parse(cells.get(req))).type();
        // a requested type counts where no allocation named it (AllocTRES without gres/gpu:TYPE)
        if (type != null && !type.isBlank() && !site.boards.containsKey(type.trim())) {
          site.boards.put(type.trim(), 1L);
          String part = partition >= 0 ? cells.get(partition).split(",")[0] : "";
          site.partitionBoards.computeIfAbsent(part, k -> new TreeMap<>()).merge(type.trim(), 1L, Long::sum);
        }
      }
    }
  }

  private static int indexOf(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> split(String line, String delim) {
    List<String> out = new ArrayList<>();
    int from = 0;
    int at;
    while ((at = line.indexOf(delim, from)) >= 0) {
      out.add(line.substring(from, at));
      from = at + delim.length();
    }
    out.add(line.substring(from));
    // --parsable (-p) ends every line with the delimiter
    if (out.size() > 1 && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private Site scanKubernetes(GpuProfiles known, String name) {
    Site site = new Site("kubernetes");
    Path dir = Path.of(kubernetes);
    if (!Files.isDirectory(dir)) {
      throw new InitException("--kubernetes: " + kubernetes + " is not a folder");
    }
    List<String> pods = new ArrayList<>();
    List<String> nodes = new ArrayList<>();
    List<String> katib = new ArrayList<>();
    try (var all = Files.walk(dir)) {
      for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
        String rel = dir.relativize(f).toString().toLowerCase(Locale.ROOT);
        String fname = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(fname.endsWith(".json") || fname.endsWith(".jsonl") || fname.endsWith(".yaml")
            || fname.endsWith(".yml"))) {
          continue;
        }
        if (rel.startsWith("katib") || fname.contains("katib") || fname.contains("experiment")) {
          katib.add(f.toString());
        } else if (fname.startsWith("node")) {
          nodes.add(f.toString());
        } else if (rel.startsWith("pods") || fname.startsWith("pod")) {
          pods.add(f.toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (pods.isEmpty()) {
      throw new InitException("--kubernetes: no pod dump in " + kubernetes + " (pods/*.json or pods*.json from"
          + " kubectl get pods -A -o json)");
    }
    site.name = name != null ? name : dir.toAbsolutePath().normalize().getFileName().toString();
    site.files.addAll(pods);
    site.files.addAll(nodes);
    SparkSession spark = Sessions.create();
    List<Row> podRows = PodJsonReader.read(spark, site.name, pods)
        .selectExpr("kind", "namespace", "start_utc", "finished_utc", "coalesce(gpu_nvidia, 0) + coalesce(gpu_amd, 0)"
            + " + coalesce(gpu_shared, 0) as gpus")
        .groupBy("kind", "namespace").agg(org.apache.spark.sql.functions.count("*").as("n"),
            org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(
                org.apache.spark.sql.functions.col("gpus").gt(0), 1).otherwise(0)).as("gpu_pods"),
            org.apache.spark.sql.functions.min("start_utc").as("first"),
            org.apache.spark.sql.functions.max("finished_utc").as("last"))
        .collectAsList();
    for (Row r : podRows) {
      long n = r.getLong(r.fieldIndex("n"));
      site.lines += n;
      if (InputRecord.REJECT.equals(r.getString(0))) {
        site.unreadable += n;
        continue;
      }
      site.allocations += n;
      String ns = r.isNullAt(1) ? "" : r.getString(1);
      double[] a = site.partitions.computeIfAbsent(ns, k -> new double[3]);
      a[0] += n;
      a[1] += r.isNullAt(r.fieldIndex("gpu_pods")) ? 0 : r.getLong(r.fieldIndex("gpu_pods"));
      site.seen(ts(r, "first"), ts(r, "last"));
    }
    if (!nodes.isEmpty()) {
      for (Row r : NodeJsonReader.read(spark, site.name, nodes).filter("kind = 'node'")
          .selectExpr("coalesce(gpu_base, gpu_product) as board", "region_label").collectAsList()) {
        if (!r.isNullAt(0)) {
          site.boards.merge(r.getString(0), 1L, Long::sum);
        }
        if (!r.isNullAt(1)) {
          site.cloudRegions.merge(r.getString(1), 1L, Long::sum);
        }
      }
    } else {
      site.notes.add("no nodes dump (kubectl get nodes -o json): GPU boards and regions come from the defaults");
    }
    site.inputs.put(absolute(pods.size() == 1 ? pods.get(0) : commonFolder(pods)), "kubectl-pods");
    if (!nodes.isEmpty()) {
      site.inputs.put(absolute(nodes.size() == 1 ? nodes.get(0) : commonFolder(nodes)), "kubectl-nodes");
    }
    if (!katib.isEmpty()) {
      site.inputs.put(absolute(katib.size() == 1 ? katib.get(0) : commonFolder(katib)), "katib");
    }
    return site;
  }

  private static Instant ts(Row r, String col) {
    Object o = r.getAs(col);
    return o instanceof Timestamp t ? t.toInstant() : o instanceof Instant i ? i : null;
  }

  private static String commonFolder(List<String> files) {
    Path common = Path.of(files.get(0)).getParent();
    for (String f : files) {
      while (!Path.of(f).startsWith(common)) {
        common = common.getParent();
      }
    }
    return common.toString();
  }

  private static List<String> files(String path, String option) {
    FootprintConf none = new FootprintConf();
    List<String> files = Paths.expand(none, absolute(path));
    if (files.isEmpty()) {
      throw new InitException(option + ": no file matches " + path);
    }
    return files;
  }

  private static String absolute(String path) {
    if (path.contains("://") || path.startsWith("file:")) {
      return path;
    }
    return Path.of(path).toAbsolutePath().normalize().toString();
  }

  /** A name from the export's folder (sacct/alpine/*.txt → alpine), else "cluster". */
  private static String guessName(String path) {
    Path p = Path.of(path).toAbsolutePath().normalize();
    Path folder = Files.isDirectory(p) ? p : p.getParent();
    String n = folder == null || folder.getFileName() == null ? "" : folder.getFileName().toString();
    n = n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
    return n.isEmpty() || List.of("slurm", "sacct", "logs", "tmp", "data", "export", "exports").contains(n)
        ? "cluster" : n;
  }

  /** The repository's conf/gpu-profiles.csv: in the current folder's conf/, else next to the code's build. */
  static Path defaultProfiles() {
    Path here = Path.of("conf", "gpu-profiles.csv");
    if (Files.isRegularFile(here)) {
      return here;
    }
    String repo = System.getProperty("footprint.repo");
    if (repo != null && Files.isRegularFile(Path.of(repo, "conf", "gpu-profiles.csv"))) {
      return Path.of(repo, "conf", "gpu-profiles.csv");
    }
    try {
      // jobs/target/classes or jobs/target/footprint-jobs-*.jar → the repository root three levels up
      Path code = Path.of(InitCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = code; p != null; p = p.getParent()) {
        Path candidate = p.resolve("conf").resolve("gpu-profiles.csv");
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    } catch (URISyntaxException | RuntimeException e) {
      // no code source (an unusual class loader): the caller asks for --gpu-profiles
    }
    return null;
  }

  // ---------------------------------------------------------------- what is written

  /** Boards the profiles do not know, as written in the export → the placeholder model name of their TODO row. */
  static Map<String, String> unknownBoards(List<Site> sites, GpuProfiles known) {
    Map<String, String> todo = new TreeMap<>();
    for (Site s : sites) {
      for (String board : s.boards.keySet()) {
        String alias = board.toLowerCase(Locale.ROOT);
        if (!known.aliasToModel().containsKey(alias) && !todo.containsKey(board)) {
          String model = board.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_.-]+", "-");
          while (known.aliasToModel().containsKey(model.toLowerCase(Locale.ROOT)) || todo.containsValue(model)) {
            model = model + "-X";
          }
          todo.put(board, model);
        }
      }
    }
    return todo;
  }

  private static String model(String board, GpuProfiles known, Map<String, String> todo) {
    String m = known.aliasToModel().get(board.toLowerCase(Locale.ROOT));
    return m != null ? m : todo.get(board);
  }

  /** The base profiles, then a TODO row per unknown board (GENERIC-GPU's figures until the real ones are set). */
  static String profilesCsv(Path base, Map<String, String> todo, List<Site> sites) throws IOException {
    StringBuilder b = new StringBuilder(Files.readString(base, StandardCharsets.UTF_8));
    if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
      b.append('\n');
    }
    if (!todo.isEmpty()) {
      b.append("# ---- added by footprint init: boards found in the exports of ");
      b.append(String.join(", ", sites.stream().map(s -> s.name).toList()));
      b.append(" that the rows above do not know.\n");
      b.append("# TODO for each: set tdp_w (the board's power limit, W: vendor data sheet, or nvidia-smi -q -d POWER"
          + " 'Max Power Limit') and idle_w (nvidia-smi power.draw of an idle board), and name the board properly."
          + "\n# Until then they use GENERIC-GPU's 200 W / 20 W.\n");
      for (Map.Entry<String, String> e : todo.entrySet()) {
        b.append(csvCell(e.getValue())).append(',').append(csvCell(e.getKey().toLowerCase(Locale.ROOT)))
            .append(",200,20,0,").append(csvCell("TODO: unknown board '" + e.getKey() + "' found by footprint init;"
                + " placeholder figures of GENERIC-GPU")).append('\n');
      }
    }
    return b.toString();
  }

  private static String csvCell(String s) {
    return s.matches("[^,\"\\r\\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
  }

  String yaml(List<Site> sites, GpuProfiles known, Map<String, String> todo) {
    StringBuilder y = new StringBuilder();
    String today = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(Instant.now());
    y.append("# footprint configuration written by `footprint init` on ").append(today).append(" from:\n");
    for (Site s : sites) {
      y.append("#   ").append(s.source).append(' ').append(s.name).append(": ")
          .append(s.slurm()
              ? String.format(Locale.ROOT, "%,d records, %,d jobs, %,d steps, %,d unreadable; jobs from %s (the"
                  + " cluster's clock)", s.lines, s.allocations, s.steps, s.unreadable, s.span())
              : String.format(Locale.ROOT, "%,d records, %,d pod records (a pod in several snapshots counts in each),"
                  + " %,d unreadable; pods from %s (UTC)", s.lines, s.allocations, s.unreadable, s.span()))
          .append('\n');
    }
    y.append("# Values marked TODO are defaults chosen because the exports cannot tell them: each comment says where\n"
        + "# to find the real value. Until then the numbers are estimates (every hour is priced with the fallback\n"
        + "# intensity below). Relative paths resolve against this file's folder.\n"
        + "# Run:  footprint run --conf ").append(out.resolve("footprint.yaml")).append(" --out ")
        .append(out.resolve("out")).append("\n\nclusters:\n");
    for (Site s : sites) {
      cluster(y, s, known, todo);
    }
    y.append("\ninputs:\n");
    for (Site s : sites) {
      for (Map.Entry<String, String> in : s.inputs.entrySet()) {
        y.append("  - type: ").append(in.getValue()).append('\n')
            .append("    cluster: ").append(q(s.name)).append('\n')
            .append("    path: ").append(q(in.getKey())).append(s.slurm()
                ? "    # TODO point it at every export (a folder or a glob such as sacct_*.txt)\n"
                : "    # the nightly dumps (a folder or a glob)\n");
        if ("sacct".equals(in.getValue())) {
          if (fields != null && !fields.isEmpty()) {
            y.append("    fields: [").append(String.join(", ", fields.stream().map(InitCommand::q).toList()))
                .append("]\n");
          }
          if (delimiter != null) {
            y.append("    delimiter: ").append(q(delimiter)).append('\n');
          }
        }
      }
    }
    y.append("  # TODO hourly carbon intensity of the zones above, for the hours the jobs ran (without it every hour"
        + " uses\n  # carbon.fallback_g_per_kwh): an Electricity Maps hourly CSV export (app.electricitymaps.com,"
        + " \"Download data\"),\n  # the UK Carbon Intensity API's JSON, or a plain CSV zone,datetime_utc,g_per_kwh:\n"
        + "  # - { type: intensity, format: electricitymaps, path: carbon/*.csv }\n");
    y.append("\ngpu_profiles: gpu-profiles.csv           # written next to this file; TODO rows for unknown boards\n");
    y.append("\npower:                                  # Green Algorithms defaults (see conf/footprint.yaml)\n"
        + "  cpu_watts_per_core: 12.0\n  memory_watts_per_gb: 0.3725\n"
        + "  cpu_usage_default: 1.0                # when TotalCPU is not exported\n"
        + "  gpu_util_default: 1.0                 # when gres/gpuutil is not exported: GPUs at TDP\n"
        + "  gpu_util_low: 0.5\n  gpu_util_high: 1.0\n");
    y.append("\ncarbon:\n  signal: lifecycle\n  fallback_g_per_kwh:\n"
        + "    \"*\": ").append(plain(WORLD_G_PER_KWH)).append("      # TODO the annual average of your zone(s), g CO2e/kWh"
        + " (Electricity Maps yearly data, Ember,\n"
        + "                # your national inventory): add one line per zone, e.g. DE: 381\n"
        + "  fallback_source: \"TODO: Green Algorithms world average (CI_aggregated.csv WORLD); replace with your"
        + " zone's annual average and its source\"\n");
    y.append("\nsweeps:\n  array_kind: hpo                       # a Slurm job array is a hyperparameter sweep\n"
        + "  rules: []                             # e.g. - { name: nas, field: comment, pattern: \"^nas:(.+)\", kind:"
        + " nas }\n");
    y.append("\noutput:\n  day_zone: UTC                         # a job belongs to the day (in this zone) it ended\n");
    y.append("\nreport:\n  pseudonymise_users: false             # true (with a secret salt) for reports shared"
        + " outside\n  title: ").append(q("GPU footprint \u2014 " + String.join(", ",
            sites.stream().map(s -> s.name).toList()))).append('\n');
    return y.toString();
  }

  private void cluster(StringBuilder y, Site s, GpuProfiles known, Map<String, String> todo) {
    boolean k8s = "kubernetes".equals(s.source);
    y.append("  ").append(q(s.name)).append(":\n");
    for (String n : s.notes) {
      y.append("    # NOTE ").append(n.replace('\n', ' ')).append('\n');
    }
    if (k8s) {
      y.append("    time_zone: UTC                        # kubectl prints UTC times\n");
    } else {
      y.append("    # TODO the time zone of the cluster's clock: sacct prints local wall-clock time without an offset.\n"
          + "    #      On the slurmctld host: timedatectl | grep 'Time zone' (an IANA id such as Europe/Berlin)\n"
          + "    time_zone: UTC\n");
    }
    y.append("    # TODO the carbon zone of the data centre: an Electricity Maps zone id (DE, FR, GB, US-CAL-CISO, ...;\n"
        + "    #      app.electricitymaps.com/map). Until set, every hour uses the \"*\" fallback below.\n"
        + "    region: ").append(DEFAULT_ZONE).append('\n');
    y.append("    # TODO the facility's PUE (facility energy / IT energy): ask facilities or the provider's"
        + " sustainability\n    #      report. ").append(plain(DEFAULT_PUE))
        .append(" is the Uptime Institute 2018 global average.\n    pue: ").append(plain(DEFAULT_PUE)).append('\n')
        .append("    pue_source: \"TODO: default (Uptime Institute 2018 global average 1.58), not this site's\"\n");
    if (!k8s) {
      y.append("    energy_scope: none                    # TODO node (ipmi) or cpu (rapl) when AcctGatherEnergyType is set"
          + "\n                                          # (scontrol show config | grep AcctGatherEnergy) and"
          + " ConsumedEnergyRaw is exported\n");
    }
    // the most used known board is the cluster's default: jobs whose gres names no type get it
    String def = s.boards.entrySet().stream()
        .filter(e -> known.aliasToModel().containsKey(e.getKey().toLowerCase(Locale.ROOT)))
        // most jobs; of equals, the first by name
        .max(Comparator.comparingLong((Map.Entry<String, Long> e) -> e.getValue())
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .map(e -> model(e.getKey(), known, todo)).orElse(null);
    if (def == null && !s.boards.isEmpty()) {
      def = model(s.boards.keySet().iterator().next(), known, todo);
    }
    y.append("    default_gpu_model: ").append(q(def != null ? def : GENERIC)).append(def == null
        ? "      # TODO no GPU type in the export: name the board of this cluster's GPU nodes\n"
        : s.slurm() ? "   # the board most jobs named; for GPU jobs whose gres names no type\n"
        : "   # the board most nodes carry; for GPU pods on nodes without a product label\n");
    if (!k8s && !s.partitions.isEmpty()) {
      y.append("    partitions:                           # found in the export: jobs, GPU jobs, GPU boards named\n");
      for (Map.Entry<String, double[]> e : s.partitions.entrySet()) {
        if (e.getKey().isEmpty()) {
          continue;
        }
        Map<String, Long> boards = s.partitionBoards.getOrDefault(e.getKey(), Map.of());
        // one model for the partition when its boards all are one (MIG slices 1g.5gb, 3g.20gb of one A100)
        Set<String> models = new TreeSet<>();
        boards.keySet().forEach(b -> models.add(model(b, known, todo)));
        String only = models.size() == 1 ? models.iterator().next() : null;
        double[] a = e.getValue();
        y.append("      ").append(q(e.getKey())).append(": ")
            .append(only != null ? "{ gpu_model: " + q(only) + " }" : "{}")
            .append(String.format(Locale.ROOT, "   # %,d jobs, %,d with GPUs (%.1f GPU-h)", (long) a[0], (long) a[1],
                a[2]));
        if (!boards.isEmpty()) {
          y.append(", boards: ").append(boards.entrySet().stream().map(b -> b.getKey() + " \u00d7" + b.getValue()
              + (todo.containsKey(b.getKey()) ? " (TODO unknown board)" : "")).toList());
        }
        y.append('\n');
      }
    }
    if (k8s) {
      y.append("    kubernetes:\n"
          + "      user_rules: [label:footprint.io/user, namespace]      # first rule with a value wins\n"
          + "      project_rules: [label:footprint.io/project, namespace]\n"
          + "      include_running: false\n");
      if (!s.cloudRegions.isEmpty()) {
        y.append("      # TODO map the nodes' cloud regions to carbon zones (Electricity Maps ids), e.g. us-west1:"
            + " US-CAL-CISO;\n      #      unmapped regions use the cluster's region\n      # region_zones: { ")
            .append(String.join(", ", s.cloudRegions.keySet().stream().map(r -> r + ": TODO").toList()))
            .append(" }\n");
      }
      if (!s.partitions.isEmpty()) {
        y.append("      # namespaces found: ").append(String.join(", ", s.partitions.entrySet().stream().limit(30)
            .map(e -> (e.getKey().isEmpty() ? "(none)" : e.getKey()) + " (" + (long) e.getValue()[0] + " pods)")
            .toList())).append('\n');
      }
    }
  }

  private static String plain(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }

  /** A YAML double-quoted scalar: any name (partition, cluster, path) is safe in it. */
  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
