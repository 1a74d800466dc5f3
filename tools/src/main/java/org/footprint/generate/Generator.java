package org.footprint.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * {@code footprint generate}: a synthetic centre's accounting for benchmarks — one sacct export per Slurm cluster
 * and day (plus a re-export of 1 % of the jobs, as overlapping nightly windows produce), weekly
 * {@code kubectl get pods -A -o json} snapshots, the nodes and the Katib experiments of a Kubernetes cluster,
 * nvidia-smi logs and dcgm-exporter scrapes of a share of the GPU nodes, hourly intensity for every region, a
 * footprint.yaml that reads all of it and GENERATED.json with what every source should count. Deterministic per
 * seed; files are written in parallel.
 */
public final class Generator {
  private Generator() {}

  /** What to generate besides the job count and seed (the CLI's defaults: 365, 0.1, 0.02, 60). */
  public record Options(int days, double k8sShare, double powerShare, int sampleIntervalS) {}

  public record Result(long allocations, long files, long bytes, long duplicates, long pods, long powerSamples) {}

  public static Result generate(long jobs, long seed, Path out, Path gpuProfiles, Options o) throws IOException {
    GeneratorSpec spec = GeneratorSpec.standard(jobs, seed, o.days(), o.k8sShare(), o.powerShare(),
        o.sampleIntervalS());
    Files.createDirectories(out);
    AtomicLong files = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    Map<String, Object> expected = new LinkedHashMap<>();

    // --- Slurm: one export per cluster and day -------------------------------------------------------------
    List<int[]> work = new ArrayList<>();
    for (int ci = 0; ci < spec.clusters().size(); ci++) {
      Files.createDirectories(out.resolve("slurm").resolve(spec.clusters().get(ci).name()));
      for (int d = 0; d < spec.days(); d++) {
        work.add(new int[] {ci, d});
      }
    }
    ClusterDayGenerator[] days = new ClusterDayGenerator[work.size()];
    long[] written = new long[work.size()];
    long[] dupRows = new long[work.size()];
    long[] dayFiles = new long[work.size()];
    IntStream.range(0, work.size()).parallel().forEach(i -> {
      int ci = work.get(i)[0];
      int d = work.get(i)[1];
      GeneratorSpec.ClusterSpec c = spec.clusters().get(ci);
      LocalDate day = spec.start().plusDays(d);
      long n = ClusterDayGenerator.allocationsFor(spec, c, day);
      StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, n * 800 + 256));
      StringBuilder carry = new StringBuilder();
      sb.append(SacctExportWriter.HEADER).append('\n');
      ClusterDayGenerator g = new ClusterDayGenerator(spec, ci);
      written[i] = g.write(day, d, n, sb, carry, d == spec.days() - 1);
      days[i] = g;
      Path dir = out.resolve("slurm").resolve(c.name());
      write(dir.resolve("sacct_" + day + ".txt"), sb);
      dayFiles[i] = 1;
      bytes.addAndGet(sb.length());
      if (carry.length() > 0) {
        StringBuilder re = new StringBuilder(SacctExportWriter.HEADER).append('\n').append(carry);
        write(dir.resolve("sacct_" + day + "_rerun.txt"), re);
        dayFiles[i]++;
        bytes.addAndGet(re.length());
        dupRows[i] = carry.chars().filter(ch -> ch == '\n').count();
      }
    });
    long allocations = 0;
    long duplicates = 0;
    Map<String, Object> slurm = new LinkedHashMap<>();
    for (int ci = 0; ci < spec.clusters().size(); ci++) {
      long f = 0;
      long rows = 0;
      long jobsN = 0;
      long merged = 0;
      long skipped = 0;
      long rejected = 0;
      for (int i = 0; i < work.size(); i++) {
        if (work.get(i)[0] != ci) {
          continue;
        }
        f += dayFiles[i];
        rows += days[i].rows + dupRows[i];
        jobsN += written[i];
        merged += days[i].stepRows + dupRows[i];
        skipped += days[i].skippedRows;
        rejected += days[i].badRows;
        duplicates += dupRows[i];
      }
      allocations += jobsN;
      files.addAndGet(f);
      slurm.put(spec.clusters().get(ci).name(), counts(f, rows, jobsN, merged, skipped, rejected));
    }
    expected.put("slurm", slurm);

    // --- Kubernetes: pods, nodes, Katib -------------------------------------------------------------------
    Map<String, Object> k8sSummary = new LinkedHashMap<>();
    List<K8sPod> allPods = new ArrayList<>();
    if (spec.k8sShare() > 0) {
      K8sResult k = writeKubernetes(spec, out, allPods);
      files.addAndGet(k.files);
      bytes.addAndGet(k.bytes);
      Map<String, Object> kube = new LinkedHashMap<>();
      kube.put(spec.k8s().name(), counts(k.files, k.records, k.jobs, k.merged, k.skipped, 0));
      expected.put("kubernetes", kube);
      k8sSummary.put("cluster", spec.k8s().name());
      k8sSummary.put("pod_files", k.podFiles);
      k8sSummary.put("pod_objects", k.records);
      k8sSummary.put("pod_runs_ended", k.jobs);
      k8sSummary.put("running_copies_merged", k.merged);
      k8sSummary.put("running_at_end", k.runningAtEnd);
      k8sSummary.put("unschedulable", k.unschedulable);
      k8sSummary.put("experiments", k.experiments);
      k8sSummary.put("trials", k.trials);
      k8sSummary.put("suggestion_pods", k.experiments);
      k8sSummary.put("nodes", spec.k8s().gpuNodes() + spec.k8s().cpuNodes());
      k8sSummary.put("gpu_nodes", spec.k8s().gpuNodes());
    }

    // --- power samples ------------------------------------------------------------------------------------
    Map<String, Object> power = new LinkedHashMap<>();
    Map<String, Object> powerSummary = new LinkedHashMap<>();
    long samples = 0;
    if (spec.powerStep() > 0) {
      PowerResult p = writePower(spec, out, days, work, allPods);
      files.addAndGet(p.files());
      bytes.addAndGet(p.bytes());
      samples = p.samples();
      power.putAll(p.perCluster());
      powerSummary.put("sampled_nodes", p.nodes());
      powerSummary.put("samples", p.samples());
      powerSummary.put("nvidia_smi_samples", p.smiSamples());
      powerSummary.put("dcgm_samples", p.dcgmSamples());
      powerSummary.put("bytes", p.bytes());
      if (!power.isEmpty()) {
        expected.put("power", power);
      }
    }

    // --- intensity, profiles, conf ------------------------------------------------------------------------
    long intensityRows = IntensityWriter.write(spec, out.resolve("carbon").resolve("intensity.csv"));
    files.incrementAndGet();
    Map<String, Object> intensity = new LinkedHashMap<>();
    intensity.put("files", 1L);
    intensity.put("records_read", intensityRows);
    intensity.put("regions", spec.regions());
    expected.put("intensity", intensity);
    Files.copy(gpuProfiles, out.resolve("gpu-profiles.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    writeConf(spec, out, power.keySet());

    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("jobs_requested", jobs);
    summary.put("seed", seed);
    summary.put("start", spec.start().toString());
    summary.put("days", spec.days());
    summary.put("k8s_share", spec.k8sShare());
    summary.put("power_share", spec.powerShare());
    summary.put("sample_interval_s", spec.sampleIntervalS());
    summary.put("allocations", allocations);
    summary.put("files", files.get());
    summary.put("bytes", bytes.get());
    summary.put("duplicate_rows", duplicates);
    summary.put("kubernetes", k8sSummary);
    summary.put("power", powerSummary);
    summary.put("expected", expected);
    Files.writeString(out.resolve("GENERATED.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(summary) + "\n");
    long pods = k8sSummary.isEmpty() ? 0 : (Long) k8sSummary.get("pod_runs_ended");
    return new Result(allocations, files.get(), bytes.get(), duplicates, pods, samples);
  }

  /** The counts footprint's run_summary shows for one source and cluster. */
  private static Map<String, Object> counts(long files, long read, long jobs, long merged, long skipped,
      long rejected) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files", files);
    m.put("records_read", read);
    m.put("jobs", jobs);
    m.put("merged", merged);
    m.put("skipped", skipped);
    m.put("rejected", rejected);
    return m;
  }

  private static final class K8sResult {
    long files;
    long podFiles;
    long bytes;
    long records;
    long jobs;
    long merged;
    long skipped;
    long runningAtEnd;
    long unschedulable;
    long experiments;
    long trials;
  }

  private static K8sResult writeKubernetes(GeneratorSpec spec, Path out, List<K8sPod> allPods) throws IOException {
    GeneratorSpec.K8sSpec k = spec.k8s();
    Path pods = out.resolve("kubernetes").resolve("pods");
    Path katib = out.resolve("kubernetes").resolve("katib");
    Files.createDirectories(pods);
    Files.createDirectories(katib);
    int n = spec.days() + 1; // one day past the period: pods still running at the last snapshot
    K8sDayGenerator[] gens = new K8sDayGenerator[n];
    IntStream.range(0, n).parallel().forEach(d -> {
      K8sDayGenerator g = new K8sDayGenerator(spec, d).generate();
      if (d == spec.days() - 1) {
        g.unschedulable(2);
      }
      gens[d] = g;
    });
    for (K8sDayGenerator g : gens) {
      allPods.addAll(g.pods);
    }
    K8sResult res = new K8sResult();
    res.unschedulable = K8sPlacement.place(spec, allPods);
    int nodes = k.gpuNodes() + k.cpuNodes();
    int weeks = (spec.days() + 6) / 7;
    long[][] c = new long[weeks][7]; // bytes, records, jobs, merged, skipped, runningAtEnd, katib bytes
    IntStream.range(0, weeks).parallel().forEach(w -> {
      int from = w * 7;
      int to = Math.min(spec.days(), from + 7);
      long snapshot = spec.start().plusDays(to).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
      List<Map<String, Object>> items = new ArrayList<>();
      List<Map<String, Object>> katibItems = new ArrayList<>();
      for (int d = from; d < to; d++) {
        for (K8sPod p : gens[d].pods) {
          items.add(K8sJson.finalPod(p, nodes));
          if (p.scheduled()) {
            c[w][2]++;
          } else {
            c[w][4]++;
          }
        }
        for (K8sDayGenerator.Experiment e : gens[d].experiments) {
          katibItems.add(K8sJson.experiment(e));
          katibItems.addAll(K8sJson.trials(e));
        }
      }
      // pods of the following days that were already running when this snapshot was taken
      int nextTo = Math.min(n, to + 7);
      for (int d = to; d < nextTo; d++) {
        for (K8sPod p : gens[d].pods) {
          if (p.scheduled() && p.start < snapshot) {
            items.add(K8sJson.runningPod(p));
            // a copy is merged when a later file holds the same pod: its final copy within the period, or the
            // last snapshot's running copy of a pod that ends after the period (every earlier running copy of it
            // is also in the last snapshot); only that last running copy is skipped as still running
            if (d < spec.days() || w < weeks - 1) {
              c[w][3]++;
            } else {
              c[w][4]++;
              c[w][5]++;
            }
          }
        }
      }
      c[w][1] = items.size();
      String date = spec.start().plusDays(from).toString();
      String text = K8sJson.list(items);
      write(pods.resolve("pods-" + date + ".json"), text);
      c[w][0] = text.length();
      if (!katibItems.isEmpty()) {
        String kt = K8sJson.list(katibItems);
        write(katib.resolve("katib-" + date + ".json"), kt);
        c[w][6] = kt.length();
      }
    });
    for (long[] w : c) {
      res.podFiles++;
      res.bytes += w[0] + w[6];
      res.records += w[1];
      res.jobs += w[2];
      res.merged += w[3];
      res.skipped += w[4];
      res.runningAtEnd += w[5];
      res.files += 1 + (w[6] > 0 ? 1 : 0);
    }
    for (int d = 0; d < spec.days(); d++) {
      res.experiments += gens[d].experiments.size();
      for (K8sDayGenerator.Experiment e : gens[d].experiments) {
        res.trials += e.trials().size();
      }
    }
    List<Map<String, Object>> nodeItems = new ArrayList<>();
    long created = spec.start().minusDays(30).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    for (int i = 0; i < k.gpuNodes(); i++) {
      nodeItems.add(K8sJson.node(k, K8sPlacement.nodeName(k, i), K8sPlacement.isH100(k, i), true, created + i * 60L));
    }
    for (int i = 0; i < k.cpuNodes(); i++) {
      nodeItems.add(K8sJson.node(k, K8sPlacement.cpuNodeName(k, i), false, false, created + i * 60L));
    }
    String nodesText = K8sJson.list(nodeItems);
    write(out.resolve("kubernetes").resolve("nodes.json"), nodesText);
    res.files++;
    res.bytes += nodesText.length();
    return res;
  }

  private record PowerResult(long files, long bytes, long samples, long smiSamples, long dcgmSamples, long nodes,
      Map<String, Object> perCluster) {}

  /** One logged node: cluster, node name and how to write it. */
  private record LoggedNode(String cluster, String node, boolean dcgm, int clusterIndex, List<PowerWriter.Hold> holds,
      int boards, String boardName, double tdp, double idle) {}

  private static PowerResult writePower(GeneratorSpec spec, Path out, ClusterDayGenerator[] days, List<int[]> work,
      List<K8sPod> pods) throws IOException {
    List<LoggedNode> nodes = new ArrayList<>();
    for (int ci = 0; ci < spec.clusters().size(); ci++) {
      GeneratorSpec.ClusterSpec c = spec.clusters().get(ci);
      Map<Integer, List<ClusterDayGenerator.Busy>> byNode = new TreeMap<>();
      for (int i = 0; i < work.size(); i++) {
        if (work.get(i)[0] == ci) {
          for (ClusterDayGenerator.Busy b : days[i].busy) {
            byNode.computeIfAbsent(b.node(), x -> new ArrayList<>()).add(b);
          }
        }
      }
      for (Map.Entry<Integer, List<ClusterDayGenerator.Busy>> e : byNode.entrySet()) {
        nodes.add(new LoggedNode(c.name(), ClusterDayGenerator.nodeName("g", e.getKey()), false, ci,
            PowerWriter.firstFit(e.getValue(), c.gpusPerNode()), c.gpusPerNode(), c.smiName(), c.tdpW(), c.idleW()));
      }
    }
    if (spec.k8sShare() > 0) {
      GeneratorSpec.K8sSpec k = spec.k8s();
      Map<Integer, List<PowerWriter.Hold>> byNode = new TreeMap<>();
      for (K8sPod p : pods) {
        if (p.nodeIndex >= 0 && p.boards != null && p.day < spec.days() && spec.powerLogged(p.nodeIndex)) {
          byNode.computeIfAbsent(p.nodeIndex, x -> new ArrayList<>()).add(new PowerWriter.Hold(p.start, p.end,
              p.boards, p.util, p.namespace, p.name, p.container));
        }
      }
      for (Map.Entry<Integer, List<PowerWriter.Hold>> e : byNode.entrySet()) {
        boolean h100 = K8sPlacement.isH100(k, e.getKey());
        e.getValue().sort(java.util.Comparator.comparingLong(PowerWriter.Hold::start)
            .thenComparing(PowerWriter.Hold::pod));
        nodes.add(new LoggedNode(k.name(), K8sPlacement.nodeName(k, e.getKey()), true, -1, e.getValue(),
            GeneratorSpec.K8sSpec.GPUS_PER_NODE, h100 ? "NVIDIA H100 80GB HBM3" : "NVIDIA A100-SXM4-80GB",
            h100 ? GeneratorSpec.K8sSpec.H100_TDP : GeneratorSpec.K8sSpec.A100_TDP,
            h100 ? GeneratorSpec.K8sSpec.H100_IDLE : GeneratorSpec.K8sSpec.A100_IDLE));
      }
    }
    long[] samples = new long[nodes.size()];
    long[] sizes = new long[nodes.size()];
    IntStream.range(0, nodes.size()).parallel().forEach(i -> {
      LoggedNode n = nodes.get(i);
      try {
        Path file;
        if (n.dcgm()) {
          Path dir = out.resolve("power").resolve("dcgm");
          Files.createDirectories(dir);
          file = dir.resolve(n.node() + ".prom");
          samples[i] = PowerWriter.dcgm(file, n.node(), n.boards(), n.boardName(), n.tdp(), n.idle(), n.holds(),
              spec.sampleIntervalS(), spec.seed());
        } else {
          Path dir = out.resolve("power").resolve("nvidia-smi").resolve(n.cluster());
          Files.createDirectories(dir);
          file = dir.resolve(n.node() + ".csv");
          samples[i] = PowerWriter.nvidiaSmi(file, n.node(), spec.clusters().get(n.clusterIndex()).zone(),
              n.boards(), n.boardName(), n.tdp(), n.idle(), n.holds(), spec.sampleIntervalS(), spec.seed());
        }
        sizes[i] = Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Map<String, Object> perCluster = new LinkedHashMap<>();
    long total = 0;
    long smi = 0;
    long dcgm = 0;
    long bytes = 0;
    Map<String, long[]> acc = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      LoggedNode n = nodes.get(i);
      long[] a = acc.computeIfAbsent(n.cluster(), x -> new long[3]);
      a[0]++;
      a[1] += samples[i];
      a[2] = n.dcgm() ? 1 : 0;
      total += samples[i];
      bytes += sizes[i];
      if (n.dcgm()) {
        dcgm += samples[i];
      } else {
        smi += samples[i];
      }
    }
    for (Map.Entry<String, long[]> e : acc.entrySet()) {
      long s = e.getValue()[1];
      boolean isDcgm = e.getValue()[2] == 1;
      // DCGM: three metric lines per sample, folded into one (the other two are "merged")
      Map<String, Object> m = counts(e.getValue()[0], isDcgm ? 3 * s : s, 0, isDcgm ? 2 * s : 0, 0, 0);
      m.put("samples", s);
      m.put("format", isDcgm ? "dcgm" : "nvidia-smi");
      perCluster.put(e.getKey(), m);
    }
    return new PowerResult(nodes.size(), bytes, total, smi, dcgm, nodes.size(), perCluster);
  }

  private static void write(Path p, CharSequence text) {
    try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      w.append(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeConf(GeneratorSpec spec, Path out, java.util.Set<String> powerClusters)
      throws IOException {
    StringBuilder y = new StringBuilder("# written by footprint generate (synthetic benchmark centre)\nclusters:\n");
    for (GeneratorSpec.ClusterSpec c : spec.clusters()) {
      y.append("  ").append(c.name()).append(":\n")
          .append("    time_zone: ").append(c.zone()).append('\n')
          .append("    region: ").append(c.region()).append('\n')
          .append("    pue: ").append(c.pue()).append('\n')
          .append("    default_gpu_model: ").append(c.gpuModel()).append('\n')
          .append("    partitions:\n      gpu: { gpu_model: ").append(c.gpuModel()).append(" }\n      cpu: {}\n");
    }
    GeneratorSpec.K8sSpec k = spec.k8s();
    if (spec.k8sShare() > 0) {
      y.append("  ").append(k.name()).append(":\n")
          .append("    time_zone: UTC\n")
          .append("    region: ").append(k.region()).append('\n')
          .append("    pue: ").append(k.pue()).append('\n')
          .append("    default_gpu_model: A100-SXM4-80GB\n")
          .append("    kubernetes:\n")
          .append("      user_rules: [label:footprint.io/user, namespace]\n")
          .append("      project_rules: [label:footprint.io/project, namespace]\n")
          .append("      include_running: false\n")
          .append("      region_zones: { ").append(k.cloudRegion()).append(": ").append(k.region()).append(" }\n");
    }
    y.append("inputs:\n");
    for (GeneratorSpec.ClusterSpec c : spec.clusters()) {
      y.append("  - { type: sacct, cluster: ").append(c.name()).append(", path: slurm/").append(c.name())
          .append("/*.txt }\n");
    }
    if (spec.k8sShare() > 0) {
      y.append("  - { type: kubectl-pods, cluster: ").append(k.name()).append(", path: kubernetes/pods }\n")
          .append("  - { type: kubectl-nodes, cluster: ").append(k.name()).append(", path: kubernetes/nodes.json }\n");
      if (Files.isDirectory(out.resolve("kubernetes/katib")) && hasFiles(out.resolve("kubernetes/katib"))) {
        y.append("  - { type: katib, cluster: ").append(k.name()).append(", path: kubernetes/katib }\n");
      }
    }
    for (GeneratorSpec.ClusterSpec c : spec.clusters()) {
      if (powerClusters.contains(c.name())) {
        y.append("  - { type: nvidia-smi, cluster: ").append(c.name()).append(", path: power/nvidia-smi/")
            .append(c.name()).append("/*.csv }\n");
      }
    }
    if (powerClusters.contains(k.name())) {
      y.append("  - { type: dcgm, cluster: ").append(k.name()).append(", path: power/dcgm/*.prom }\n");
    }
    y.append("  - { type: intensity, format: plain, path: carbon/intensity.csv }\n")
        .append("gpu_profiles: gpu-profiles.csv\n")
        .append("power:\n  sample_max_gap_s: ").append(2 * spec.sampleIntervalS()).append('\n')
        .append("carbon:\n  fallback_g_per_kwh: { DE: 381, US-MIDW-MISO: 501, JP-TK: 480, NL: 268, \"*\": 475 }\n")
        .append("sweeps:\n  array_kind: hpo\n  rules:\n")
        .append("    - { name: nas, field: comment, pattern: \"^nas:([A-Za-z0-9_.-]+)\", kind: nas }\n");
    Files.writeString(out.resolve("footprint.yaml"), y);
  }

  private static boolean hasFiles(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.findAny().isPresent();
    }
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
