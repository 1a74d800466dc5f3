package org.footprint.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The pods (and Katib experiments) of the Kubernetes cluster that end on one day (UTC). Deterministic per
 * (seed, day), so days are generated in parallel and a day can be generated again when the previous week's
 * snapshot needs its pods as still running.
 *
 * <p>Mix: 20 % Katib experiments (4-16 trial pods of 1, 2 or 4 A100s, 15 % of them ENAS/DARTS = nas, a quarter
 * in namespaces without the Katib webhook so their pods carry no Katib labels; one CPU suggestion pod each,
 * deleted when the experiment ends), 8 % PyTorchJobs (a master and 1-3 workers of 8 H100s each, gang-started),
 * 4 % CPU ETL pods, the rest batch Jobs of 1, 2, 4 or 8 GPUs (40/15/20/25 %) on A100 or H100. Durations
 * log-normal (median 20 min, sigma 1.8, at most 3 days; trials median 15 min). Ends: Succeeded 68 %, Failed
 * (Error) 16 %, OOMKilled 4 %, DeadlineExceeded 2 %, deleted by the user mid-run 10 %; trials Succeeded 85 %;
 * 5 % of the succeeded pods restarted their container once.
 */
final class K8sDayGenerator {
  static final String[] TEAMS = {"vision", "nlp", "speech", "rl-lab", "research"};
  /** namespaces without the Katib webhook: trial pods without Katib labels, found through their owner Job. */
  static final String NO_WEBHOOK = "research";
  private static final String[] HPO = {"random", "tpe", "bayesianoptimization", "hyperband", "grid"};

  record Experiment(String namespace, String name, String uid, String algorithm, long creation, long completion,
      List<K8sPod> trials, List<String> trialUids, List<Boolean> trialOk, String best, int trialGpus,
      int parallel) {}

  final List<K8sPod> pods = new ArrayList<>();
  final List<Experiment> experiments = new ArrayList<>();
  private final GeneratorSpec spec;
  private final int day;
  private final SplittableRandom r;
  private final long dayStart;
  private int seq;

  K8sDayGenerator(GeneratorSpec spec, int day) {
    this.spec = spec;
    this.day = day;
    this.r = new SplittableRandom(spec.seed() * 1_000_003L + 7_777_777L + day);
    this.dayStart = spec.start().plusDays(day).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }

  /** Pod runs ending on the day: N × k8s share spread over the days, weekdays busier than weekends. */
  static long podsFor(GeneratorSpec spec, int day) {
    LocalDate d = spec.start().plusDays(day);
    double perDay = spec.jobs() * spec.k8sShare() / spec.days();
    return Math.round(perDay * (d.getDayOfWeek().getValue() >= DayOfWeek.SATURDAY.getValue() ? 0.6 : 1.16));
  }

  K8sDayGenerator generate() {
    long n = podsFor(spec, day);
    while (pods.size() < n) {
      double u = r.nextDouble();
      if (u < 0.20) {
        katib((int) Math.min(n - pods.size(), 5 + r.nextInt(13)));
      } else if (u < 0.28 && n - pods.size() >= 2) {
        pytorchJob((int) Math.min(n - pods.size() - 1, 1 + r.nextInt(3)));
      } else if (u < 0.32) {
        K8sPod p = pod(team(), "etl-features", K8sPod.Pool.CPU, 0, duration(1200), end(0));
        p.cpus = 4 << r.nextInt(3);
        p.labels.put("footprint.io/user", "svc-etl");
        owner(p, "batch/v1", "Job", p.name);
        finish(p);
      } else {
        double g = r.nextDouble();
        int gpus = g < 0.40 ? 1 : g < 0.55 ? 2 : g < 0.75 ? 4 : 8;
        K8sPod p = pod(team(), "train", r.nextBoolean() ? K8sPod.Pool.A100 : K8sPod.Pool.H100, gpus, duration(1200),
            end(0));
        owner(p, "batch/v1", "Job", p.name);
        finish(p);
      }
    }
    return this;
  }

  /** Pods asking for more GPUs than a node has: never scheduled, Pending in the last snapshot. */
  K8sDayGenerator unschedulable(int n) {
    for (int i = 0; i < n; i++) {
      K8sPod p = pod("nlp", "pretrain-16gpu", K8sPod.Pool.H100, 16, duration(3600), end(0));
      owner(p, "batch/v1", "Job", p.name);
      p.outcome = K8sPod.End.SUCCEEDED;
      pods.add(p);
    }
    return this;
  }

  private void katib(int trials) {
    int size = Math.max(1, trials - 1); // the suggestion pod is a pod run too
    String ns = team();
    String algorithm = r.nextDouble() < 0.15 ? (r.nextBoolean() ? "enas" : "darts") : HPO[r.nextInt(HPO.length)];
    String exp = algorithm.substring(0, Math.min(4, algorithm.length())) + "-sweep-" + day + "-" + (seq++);
    String expUid = uid();
    int gpus = 1 << r.nextInt(3);
    int parallel = 2 + r.nextInt(3);
    long lastEnd = dayStart + 600 + r.nextLong(86400 - 1800);
    List<K8sPod> trialPods = new ArrayList<>();
    List<String> trialUids = new ArrayList<>();
    List<Boolean> ok = new ArrayList<>();
    long first = Long.MAX_VALUE;
    String best = null;
    double bestScore = -1;
    for (int t = 0; t < size; t++) {
      long end = lastEnd - (t == 0 ? 0 : r.nextLong(Math.max(1, Math.min(lastEnd - dayStart - 1, 6 * 3600))));
      String trial = exp + "-" + randomSuffix(8);
      K8sPod p = pod(ns, trial, K8sPod.Pool.A100, gpus, duration(900), end);
      p.name = trial + "-" + randomSuffix(5);
      owner(p, "batch/v1", "Job", trial);
      p.container = "training-container";
      if (!ns.equals(NO_WEBHOOK)) {
        p.labels.put("katib.kubeflow.org/experiment", exp);
        p.labels.put("katib.kubeflow.org/trial", trial);
      }
      p.outcome = r.nextDouble() < 0.85 ? K8sPod.End.SUCCEEDED : K8sPod.End.FAILED;
      p.util = 0.5 + 0.45 * r.nextDouble();
      trialPods.add(p);
      trialUids.add(uid());
      ok.add(p.outcome == K8sPod.End.SUCCEEDED);
      double score = r.nextDouble();
      if (p.outcome == K8sPod.End.SUCCEEDED && score > bestScore) {
        bestScore = score;
        best = trial;
      }
      first = Math.min(first, p.creation);
      pods.add(p);
    }
    long creation = first - 20 - r.nextInt(60);
    // the suggestion service: CPU, experiment label only, deleted by Katib when the experiment completes
    K8sPod s = new K8sPod();
    s.namespace = ns;
    s.day = day;
    String rs = exp + "-" + algorithm + "-" + randomSuffix(10);
    s.name = rs + "-" + randomSuffix(5);
    s.uid = uid();
    s.container = "suggestion";
    s.image = "docker.io/kubeflowkatib/suggestion-" + algorithm + ":v0.17.0";
    s.labels.put("katib.kubeflow.org/experiment", exp);
    s.labels.put("deployment", exp + "-" + algorithm);
    owner(s, "apps/v1", "ReplicaSet", rs);
    s.pool = K8sPod.Pool.CPU;
    s.cpus = 1;
    s.memGi = 2;
    s.creation = creation + 2;
    s.start = creation + 8;
    s.end = lastEnd + 20;
    s.outcome = K8sPod.End.DELETED;
    pods.add(s);
    experiments.add(new Experiment(ns, exp, expUid, algorithm, creation, lastEnd + 15, trialPods, trialUids, ok,
        best, gpus, parallel));
  }

  private void pytorchJob(int workers) {
    String ns = "nlp";
    String job = "llm-ft-" + day + "-" + (seq++);
    String jobUid = uid();
    long dur = duration(3600);
    long end = end(0);
    K8sPod.End outcome = outcome();
    double util = 0.6 + 0.35 * r.nextDouble();
    for (int i = 0; i <= workers; i++) {
      String role = i == 0 ? "master" : "worker";
      K8sPod p = pod(ns, job, K8sPod.Pool.H100, 8, dur, end);
      p.name = job + "-" + role + "-" + (i == 0 ? 0 : i - 1);
      p.container = "pytorch";
      p.labels.put("training.kubeflow.org/job-name", job);
      p.labels.put("training.kubeflow.org/replica-type", role);
      p.labels.put("training.kubeflow.org/replica-index", Integer.toString(i == 0 ? 0 : i - 1));
      p.labels.put("training.kubeflow.org/operator-name", "pytorchjob-controller");
      p.ownerApiVersion = "kubeflow.org/v1";
      p.ownerKind = "PyTorchJob";
      p.ownerName = job;
      p.ownerUid = jobUid;
      p.outcome = outcome;
      p.util = util;
      p.cpus = 96;
      p.memGi = 1024;
      pods.add(p);
    }
  }

  private K8sPod pod(String ns, String base, K8sPod.Pool pool, int gpus, long duration, long end) {
    K8sPod p = new K8sPod();
    p.day = day;
    p.namespace = ns;
    p.name = base + "-" + day + "-" + (seq++) + "-" + randomSuffix(5);
    p.uid = uid();
    p.pool = pool;
    p.gpus = gpus;
    p.cpus = Math.max(2, gpus * 12);
    p.memGi = Math.max(8, gpus * 96);
    p.image = pool == K8sPod.Pool.CPU ? "registry.example.org/platform/etl:2025.1" : "nvcr.io/nvidia/pytorch:24.12-py3";
    p.end = end;
    p.start = end - duration;
    p.creation = p.start - 1 - r.nextInt(90);
    int user = (int) Math.floor(60 * Math.pow(r.nextDouble(), 2));
    if (r.nextDouble() < 0.7) {
      p.labels.put("footprint.io/user", "k" + user);
    }
    if (r.nextDouble() < 0.5) {
      p.labels.put("footprint.io/project", ns + "-p" + (user % 6));
    }
    p.util = 0.3 + 0.65 * r.nextDouble();
    return p;
  }

  private void finish(K8sPod p) {
    p.outcome = outcome();
    if (p.outcome == K8sPod.End.SUCCEEDED && r.nextDouble() < 0.05) {
      p.restarts = 1;
    }
    pods.add(p);
  }

  private K8sPod.End outcome() {
    double u = r.nextDouble();
    return u < 0.68 ? K8sPod.End.SUCCEEDED : u < 0.84 ? K8sPod.End.FAILED : u < 0.88 ? K8sPod.End.OOM
        : u < 0.90 ? K8sPod.End.DEADLINE : K8sPod.End.DELETED;
  }

  private static void owner(K8sPod p, String api, String kind, String name) {
    p.ownerApiVersion = api;
    p.ownerKind = kind;
    p.ownerName = name;
    p.ownerUid = null;
  }

  private String team() {
    return TEAMS[r.nextInt(TEAMS.length)];
  }

  /** end time inside the day, clear of the last 10 minutes (the snapshot is taken at midnight). */
  private long end(long margin) {
    return dayStart + 60 + r.nextLong(86400 - 660 - margin);
  }

  private long duration(double medianS) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.max(30, Math.min(3 * 86400L, Math.round(Math.exp(Math.log(medianS) + 1.8 * z))));
  }

  private String uid() {
    long a = r.nextLong();
    long b = r.nextLong();
    return String.format("%08x-%04x-4%03x-%04x-%012x", (int) (a >>> 32), day & 0xffff, (int) (a & 0xfff),
        0x8000 | (seq++ & 0x3fff), b & 0xffffffffffffL);
  }

  private static final char[] ALNUM = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

  private String randomSuffix(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = ALNUM[r.nextInt(ALNUM.length)];
    }
    return new String(c);
  }
}
