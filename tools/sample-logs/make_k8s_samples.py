#!/usr/bin/env python3
"""Synthetic Kubernetes accounting dumps for cluster `kestrel` (footprint sample logs).

Everything written here is invented (Python 3 standard library only, fixed seed): a small GKE-like cluster with
GPU nodes in us-west1 and us-east1 runs batch Jobs, PyTorchJobs, Katib experiments (random search, ENAS, TPE),
MIG and time-sliced pods, notebooks and CPU ETL jobs from 2026-10-26 to 2026-11-05. The script models every pod's
life (created → started → restarts → ended → deleted), then writes what the tools would have captured:

  pods/pods-2026-10-28.json   kubectl get pods -A -o json at 2026-10-28T23:55Z   (PodList)
  pods/pods-2026-10-30.json   the same at 2026-10-30T23:55Z, cut off mid-item     (List, truncated)
  pods/pods-2026-11-01.json   the same at 2026-11-01T23:55Z                       (List)
  pods/pods-watch.jsonl       an exporter's watch stream, one event per line, 2026-10-26 … 2026-11-05T12:00Z;
                              the exporter crashed once (a half-written line) and re-listed on restart
  nodes.json                  kubectl get nodes -o json at 2026-11-01T23:55Z (before gke-kestrel-a100-w-05 joined)
  katib/katib-experiments.json  kubectl get experiments.kubeflow.org,trials.kubeflow.org -A -o json (2026-11-05)
  katib/katib-specs.yaml      Experiment specs kept in git (multi-document YAML with comments)
  namespace-owners.csv        namespace,owner,project (Kubeflow Profile owners)
  EXPECTED.json               the counts and per-pod facts the tests assert, computed from the model below
  README.md                   what is where (written by hand; this script does not touch it)

Regenerate: python3 tools/sample-logs/make_k8s_samples.py
"""
import hashlib
import json
import os
import random
from datetime import datetime, timedelta, timezone

SEED = 20261026
rng = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))  # tools/sample-logs/
OUT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "sample-logs", "kubernetes")
UTC = timezone.utc
CLUSTER = "kestrel"


def dt(mo, d, h=0, mi=0, s=0):
    return datetime(2026, mo, d, h, mi, s, tzinfo=UTC)


T0 = dt(10, 26)
WATCH_END = dt(11, 5, 12)
SNAPSHOTS = [("pods-2026-10-28.json", dt(10, 28, 23, 55), "PodList", False),
             ("pods-2026-10-30.json", dt(10, 30, 23, 55), "List", True),
             ("pods-2026-11-01.json", dt(11, 1, 23, 55), "List", False)]
NODES_AT = dt(11, 1, 23, 55)
CRASH, RESTART = dt(10, 31, 6, 0, 0), dt(10, 31, 6, 2, 0)  # exporter down: events in between are lost
GRACE = 30
G = "nvidia.com/gpu"
MIG = "nvidia.com/mig-1g.10gb"
ALPHA = "bcdfghjklmnpqrstvwxz2456789"  # apimachinery's generateName alphabet


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def suffix(n=5):
    return "".join(rng.choice(ALPHA) for _ in range(n))


def uid():
    h = "%032x" % rng.getrandbits(128)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], "89ab"[int(h[16], 16) % 4], h[17:20], h[20:32])


# ---------------------------------------------------------------------------------------------------- nodes
REGION = {"us-west1": "US-CAL-CISO", "us-east1": "US-CAR-DUK"}
NODES = {}  # name -> dict(kind, region, zone, gpus, product, replicas, in_dump, gpu_type, per_gpu)


def add_node(name, region, zone, kind, gpus=0, product=None, itype="", replicas=None, in_dump=True, mig=False):
    NODES[name] = dict(name=name, region=region, zone=zone, kind=kind, gpus=gpus, product=product, itype=itype,
                       replicas=replicas, in_dump=in_dump, mig=mig, busy=[])


for i in range(1, 6):  # a100-w-05 joined on 2026-11-02 (cluster autoscaler): not in the nodes dump
    add_node("gke-kestrel-a100-w-%02d" % i, "us-west1", "us-west1-" + "ab"[i % 2], "a100", 8, "NVIDIA-A100-SXM4-80GB",
             "a2-ultragpu-8g", in_dump=(i != 5))
add_node("gke-kestrel-mig-w-01", "us-west1", "us-west1-a", "mig", 56, "NVIDIA-A100-SXM4-80GB", "a2-ultragpu-8g",
         mig=True)
for i in range(1, 4):
    add_node("gke-kestrel-h100-e-%02d" % i, "us-east1", "us-east1-" + "bc"[i % 2], "h100", 8, "NVIDIA-H100-80GB-HBM3",
             "a3-highgpu-8g")
add_node("gke-kestrel-ts-e-01", "us-east1", "us-east1-b", "ts", 16, "NVIDIA-A100-SXM4-40GB-SHARED", "a2-highgpu-4g",
         replicas=4)
for r, z in (("us-west1", "us-west1-a"), ("us-west1", "us-west1-b"), ("us-east1", "us-east1-b"), ("us-east1", "us-east1-c")):
    n = sum(1 for v in NODES.values() if v["kind"] == "cpu" and v["region"] == r) + 1
    add_node("gke-kestrel-cpu-%s-%02d" % (r[3], n), r, z, "cpu", 0, None, "n2-standard-32")

GPU_TYPE = {"a100": "nvidia-a100-sxm4-80gb", "mig": "nvidia-a100-sxm4-80gb", "h100": "nvidia-h100-80gb-hbm3",
            "ts": "nvidia-a100-sxm4-40gb"}
NODE_DEFAULT = {"pattern": "^gke-kestrel-a100-w-[0-9]+$", "gpu_model": "A100-SXM4-80GB", "region": "us-west1",
                "gpu_replicas": 1}


def pool(kind, region=None):
    return [n for n in NODES.values() if n["kind"] == kind and (region is None or n["region"] == region)]


def place(kind, units, start, dur, region=None, only=None):
    """First node of the pool with room for `units` devices over [start, start+dur); else start 15 min later."""
    nodes = [NODES[only]] if only else pool(kind, region)
    t = start
    for _ in range(400):
        for n in nodes:
            if units == 0:
                return n["name"], t
            used = sum(u for (a, b, u) in n["busy"] if a < t + dur and t < b)
            if used + units <= n["gpus"]:
                n["busy"].append((t, t + dur, units))
                return n["name"], t
        t += timedelta(minutes=15)
    raise RuntimeError("cannot place %s %s" % (kind, units))


# ---------------------------------------------------------------------------------------------------- pods
OWNERS = {"vision": ("priya", "vision-models"), "nlp": ("tomas", "llm-finetune"), "speech": ("mei", "asr"),
          "rl-lab": ("oskar", "")}
PODS = []


class Pod:
    def __init__(self, ns, name, node, created, start, runs, final, **kw):
        sec = lambda t: t.replace(microsecond=0) if t is not None else None  # the API prints whole seconds
        self.ns, self.name, self.node, self.created, self.start = ns, name, node, sec(created), sec(start)
        self.uid = uid()
        # [(startedAt, finishedAt or None, reason, exitCode)] of the main container
        self.runs = [(sec(a), sec(b), r, c) for (a, b, r, c) in runs]
        self.final = final          # Succeeded | Failed | Running | Pending | Unknown
        self.reason = kw.get("reason")          # status.reason (DeadlineExceeded)
        self.labels = kw.get("labels", {})
        self.annotations = kw.get("annotations", {})
        self.owner = kw.get("owner")            # (apiVersion, kind, name, uid)
        self.containers = kw.get("containers")  # [(name, resources dict, tail seconds after main)]
        self.init = kw.get("init", [])          # [(name, resources, restartPolicy or None, seconds)]
        self.restart_policy = kw.get("restart_policy", "Never")
        self.unknown_at = sec(kw.get("unknown_at"))
        self.deletion_request = sec(kw.get("deletion_request"))  # kubectl delete / GC / eviction issued
        self.removed = sec(kw.get("removed"))                    # object gone (DELETED event)
        self.stop_on_delete = kw.get("stop_on_delete", True)  # containers stop at the deletion request (SIGTERM)
        self.deadline = kw.get("deadline")
        self.expect = kw.get("expect", {})      # sweep facts for EXPECTED.json
        self.gpu_units = kw.get("gpu_units", 0.0)   # whole-board equivalents, as the reader should compute them
        self.plant = kw.get("plant")            # a name under which EXPECTED.json lists this pod's facts
        PODS.append(self)

    def tail(self):
        """Seconds the last container (other app containers, a sidecar) stops after the main one."""
        sidecar = 1 if any(pol == "Always" for (_, _, pol, _) in self.init) else 0
        return max(t for (_, _, t) in self.containers) + sidecar

    # the container whose runs define the pod's life; the others stop tail() seconds after it
    def end(self):
        if self.final in ("Succeeded", "Failed"):
            return self.runs[-1][1] + timedelta(seconds=self.tail())
        if self.deletion_request and self.stop_on_delete and self.start and self.final == "Running":
            return self.deletion_request + timedelta(seconds=2 + self.tail())
        return None


def res(gpus=0, cpu=None, mem=None, key=G):
    """GPUs as limits only (as most manifests write them); CPU and memory as requests = limits."""
    r = {"limits": {}, "requests": {}}
    if gpus:
        r["limits"][key] = str(gpus)
    if cpu:
        r["requests"]["cpu"] = cpu
        r["limits"]["cpu"] = cpu
    if mem:
        r["requests"]["memory"] = mem
        r["limits"]["memory"] = mem
    return {k: v for k, v in r.items() if v}


def job_owner(name):
    return ("batch/v1", "Job", name, uid())


def job_pod(prefix):
    """A Job named <prefix>-<5> and its pod <job>-<5>: owner reference and the labels the Job controller sets."""
    jobname = "%s-%s" % (prefix, suffix())
    return "%s-%s" % (jobname, suffix()), dict(owner=job_owner(jobname), labels={
        "batch.kubernetes.io/job-name": jobname, "job-name": jobname})


def lognormal_minutes(median, sigma, lo, hi):
    return max(lo, min(hi, median * pow(2.718281828, rng.gauss(0, sigma))))


def batch_job(ns, prefix, kind, gpus, created, minutes, outcome="ok", labels=None, restarts=0, region=None,
              only=None, plant=None, cpu="8", mem="64Gi", deadline=None):
    """A batch/v1 Job's single pod. outcome: ok | fail | oom | deadline | deleted."""
    name, jk = job_pod(prefix)
    wait = timedelta(seconds=rng.randint(4, 240))
    dur = timedelta(minutes=minutes)
    units = gpus if kind != "cpu" else 0
    node, start = place(kind, units, created + wait, dur + timedelta(minutes=5 * restarts + 5), region, only)
    runs, t = [], start + timedelta(seconds=rng.randint(8, 40))
    for _ in range(restarts):  # OnFailure: the container exits with an error and is restarted in place
        fin = t + timedelta(minutes=rng.randint(3, 25))
        runs.append((t, fin, "Error", 1))
        t = fin + timedelta(seconds=rng.randint(10, 40))
    kw = dict(labels=dict(labels or {}), owner=jk["owner"], plant=plant,
              restart_policy="OnFailure" if restarts else "Never",
              containers=[("main", res(gpus, cpu, mem) if kind != "cpu" else res(0, cpu, mem), 0)])
    kw["labels"].update(jk["labels"])
    total = t + dur
    if outcome == "ok":
        runs.append((t, total, "Completed", 0))
        final = "Succeeded"
    elif outcome == "fail":
        runs.append((t, t + dur * rng.uniform(0.05, 0.6), "Error", 1))
        final = "Failed"
    elif outcome == "oom":
        runs.append((t, t + dur * rng.uniform(0.1, 0.5), "OOMKilled", 137))
        final = "Failed"
    elif outcome == "deadline":
        deadline = deadline or 4 * 3600
        runs.append((t, start + timedelta(seconds=deadline + 2), "Error", 137))
        final, kw["reason"], kw["deadline"] = "Failed", "DeadlineExceeded", deadline
    elif outcome == "deleted":  # kubectl delete job mid-run: SIGTERM, the trainer exits 143
        runs.append((t, None, None, None))
        final = "Running"
        kw["deletion_request"] = t + dur * 0.4
        kw["removed"] = kw["deletion_request"] + timedelta(seconds=6)
    if outcome != "deleted":  # the Job's TTL controller removes finished pods two days later
        kw["deletion_request"] = runs[-1][1] + timedelta(days=2)
        kw["removed"] = kw["deletion_request"]
    unit = 0.0 if kind == "cpu" else float(gpus)
    return Pod(ns, name, node, created, start, runs, final, gpu_units=unit, **kw)


def office_time(day, lo=8, hi=19):
    return dt(10, 26) + timedelta(days=day, hours=rng.randint(lo, hi - 1), minutes=rng.randint(0, 59),
                                  seconds=rng.randint(0, 59))


# --- batch training Jobs: vision on A100 (us-west1), nlp on H100 (us-east1), speech mixed, rl-lab small A100 ---
plan = []
for d in range(10):
    for ns, kind, gpu_choices in (("vision", "a100", (1, 1, 2, 4, 8)), ("nlp", "h100", (1, 2, 4, 8)),
                                  ("speech", "h100", (1, 2)), ("rl-lab", "a100", (1, 1, 2))):
        n = {"vision": 3, "nlp": 2, "speech": 2, "rl-lab": 2}[ns]
        for _ in range(n if rng.random() > 0.25 else n - 1):
            plan.append((ns, kind, rng.choice(gpu_choices), office_time(d)))
outcomes = ["ok"] * len(plan)
# planted outcomes at fixed positions of the plan (spread over the period)
for i, o in ((3, "oom"), (17, "fail"), (22, "fail"), (29, "oom"), (35, "deadline"), (41, "fail"), (47, "oom"),
             (52, "deadline"), (58, "fail"), (63, "fail"), (12, "deleted"), (44, "deleted")):
    outcomes[i] = o
restart_at = {5: 1, 14: 2, 26: 1, 38: 3, 50: 1, 61: 2}
users_labelled = {"vision": "jonas", "nlp": "ana"}  # teammates whose CLI labels their pods footprint.io/user
for i, (ns, kind, gpus, created) in enumerate(plan):
    labels = {}
    if ns in users_labelled and i % 3 == 0:
        labels["footprint.io/user"] = users_labelled[ns]
    if ns == "nlp" and i % 5 == 0:
        labels["footprint.io/project"] = "eval-harness"
    minutes = lognormal_minutes({"a100": 150, "h100": 200}[kind], 0.9, 20, 20 * 60)
    prefix = {"vision": "train-vit", "nlp": "sft-mistral", "speech": "train-conformer", "rl-lab": "ppo-atari"}[ns]
    plant = {3: "oom", 35: "deadline", 5: "restarted", 12: "deleted_by_user", 0: "labelled_user"}.get(i)
    batch_job(ns, prefix, kind, gpus, created, minutes, outcomes[i], labels, restart_at.get(i, 0), plant=plant)

# --- pods with a service-mesh sidecar (restartable init container) and a weight-fetching init container ---------
for k in range(4):
    created = office_time(2 + 2 * k)
    jobname = "serve-eval-%s" % suffix()
    dur = timedelta(minutes=rng.randint(40, 120))
    node, start = place("h100", 2, created + timedelta(seconds=30), dur + timedelta(minutes=10), "us-east1")
    t = start + timedelta(seconds=95)  # fetch-weights ran ~80 s first
    Pod("nlp", "%s-%s" % (jobname, suffix()), node, created, start, [(t, t + dur, "Completed", 0)], "Succeeded",
        owner=job_owner(jobname), labels={"job-name": jobname, "sidecar.istio.io/inject": "true"},
        containers=[("server", res(2, "8", "48Gi"), 0), ("metrics", res(0, "250m", "256Mi"), 1)],
        init=[("istio-proxy", res(0, "100m", "128Mi"), "Always", 0), ("fetch-weights", res(0, "2", "8Gi"), None, 80)],
        gpu_units=2.0, plant="sidecar" if k == 0 else None,
        deletion_request=t + dur + timedelta(days=2), removed=t + dur + timedelta(days=2))
# one pod whose init container burns in 4 GPUs before a 2-GPU job: the scheduler reserves 4 for the pod's life
created = office_time(4)
node, start = place("a100", 4, created + timedelta(seconds=20), timedelta(hours=3), "us-west1")
t = start + timedelta(minutes=6)
name, jk = job_pod("nccl-check-train")
Pod("vision", name, node, created, start, [(t, t + timedelta(hours=2, minutes=31), "Completed", 0)],
    "Succeeded", **jk, containers=[("train", res(2, "16", "120Gi"), 0)],
    init=[("nccl-burnin", res(4, "4", "8Gi"), None, 300)], gpu_units=4.0, plant="init_burnin",
    deletion_request=t + timedelta(days=3), removed=t + timedelta(days=3))

# --- PyTorchJobs (Training Operator): master + workers, 8 GPUs each -------------------------------------------------
def pytorchjob(ns, name, kind, workers, gpus, created, hours, oom_worker=None, region=None):
    """Master + workers, gang-scheduled: training starts once the last replica is up, all end together."""
    owner = ("kubeflow.org/v1", "PyTorchJob", name, uid())
    dur = timedelta(hours=hours)
    replicas = [("master", 0)] + [("worker", i) for i in range(workers)]
    placed = [place(kind, gpus, created + timedelta(seconds=15), dur + timedelta(hours=2), region) for _ in replicas]
    go = max(start for (_, start) in placed) + timedelta(seconds=45)
    for idx, ((rtype, ridx), (node, start)) in enumerate(zip(replicas, placed)):
        t, runs = go, []
        if oom_worker is not None and rtype == "worker" and ridx == oom_worker:
            fin = t + timedelta(minutes=52)
            runs.append((t, fin, "OOMKilled", 137))  # restartPolicy OnFailure: the worker restarts in place
            t = fin + timedelta(seconds=20)
        runs.append((t, go + dur + timedelta(seconds=idx * 3), "Completed", 0))
        Pod(ns, "%s-%s-%d" % (name, rtype, ridx), node, created, start, runs, "Succeeded", owner=owner,
            labels={"training.kubeflow.org/job-name": name, "training.kubeflow.org/replica-type": rtype,
                    "training.kubeflow.org/replica-index": str(ridx), "training.kubeflow.org/operator-name": "pytorchjob-controller"},
            containers=[("pytorch", res(gpus, "90", "900Gi"), 0)], restart_policy="OnFailure", gpu_units=float(gpus),
            deletion_request=go + dur + timedelta(days=1), removed=go + dur + timedelta(days=1),
            plant=("ptj_master" if rtype == "master" and name.endswith("7b") else
                   "ptj_oom_restarted" if runs[0][2] == "OOMKilled" else None))


pytorchjob("nlp", "llama-ft-7b", "h100", 3, 4, dt(10, 27, 9, 12, 5), 14.0, region="us-east1")
pytorchjob("nlp", "llama-ft-13b", "a100", 1, 8, dt(10, 31, 13, 40, 11), 20.5, oom_worker=0, region="us-west1")

# --- Katib experiments --------------------------------------------------------------------------------------------
EXPERIMENTS = []


def katib(ns, exp, algorithm, created, trials, parallel, kind, units_key, trial_minutes, failed, labelled, best_idx,
          region=None, nas=False, in_json=True, only=None):
    """Trials run in waves of `parallel`; each trial is a Job named after the trial, one pod."""
    e = dict(ns=ns, name=exp, algorithm=algorithm, created=created, trials=[], parallel=parallel, max=trials,
             nas=nas, in_json=in_json, uid=uid(), units_key=units_key)
    wave_start = created + timedelta(seconds=40)
    ends = []
    for i in range(trials):
        if i and i % parallel == 0:
            wave_start = max(ends[-parallel:]) + timedelta(seconds=20)
        tname = "%s-%s" % (exp, "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(8)))
        dur = timedelta(minutes=rng.uniform(*trial_minutes))
        units = 1
        node, start = place(kind, units, wave_start + timedelta(seconds=rng.randint(2, 20)), dur + timedelta(minutes=3),
                            region, only)
        t = start + timedelta(seconds=rng.randint(10, 30))
        ok = i not in failed
        fin = t + (dur if ok else dur * 0.3)
        ends.append(fin)
        labels = {"job-name": tname, "batch.kubernetes.io/job-name": tname}
        if labelled:  # the Katib webhook is enabled in this namespace
            labels.update({"katib.kubeflow.org/experiment": exp, "katib.kubeflow.org/trial": tname})
        key = units_key
        gpu_units = 1.0 if key == G else 1.0 / 7
        best = i == best_idx
        Pod(ns, "%s-%s" % (tname, suffix()), node, created, start,
            [(t, fin, "Completed" if ok else "Error", 0 if ok else 1)], "Succeeded" if ok else "Failed",
            owner=job_owner(tname), labels=labels,
            containers=[("training-container", res(1, "4", "16Gi", key=key), 0),
                        ("metrics-logger-and-collector", res(0, "500m", "100Mi"), 2)],
            gpu_units=gpu_units, expect=dict(sweep="katib:%s/%s" % (ns, exp), role="trial", best=best),
            deletion_request=fin + timedelta(seconds=35), removed=fin + timedelta(seconds=35),
            plant=("katib_best_via_owner" if best and not labelled else "katib_best" if best else None))
        e["trials"].append(dict(name=tname, ok=ok, best=best, created=start - timedelta(seconds=5)))
    e["end"] = max(ends) + timedelta(seconds=30)
    # the suggestion service (a Deployment) runs while the experiment does; Katib deletes it at the end
    rs = "%s-%s-%s" % (exp, algorithm, "%x" % rng.getrandbits(36))
    node, _ = place("cpu", 0, created, e["end"] - created, region)
    Pod(ns, "%s-%s" % (rs, suffix()), node, created + timedelta(seconds=3), created + timedelta(seconds=8),
        [(created + timedelta(seconds=14), None, None, None)], "Running",
        owner=("apps/v1", "ReplicaSet", rs, uid()),
        labels={"katib.kubeflow.org/experiment": exp, "katib.kubeflow.org/suggestion": exp,
                "deployment": "%s-%s" % (exp, algorithm), "pod-template-hash": rs.rsplit("-", 1)[1]},
        containers=[("suggestion", res(0, "500m", "500Mi"), 0)], restart_policy="Always",
        deletion_request=e["end"] + timedelta(seconds=5), removed=e["end"] + timedelta(seconds=40),
        expect=dict(sweep="katib:%s/%s" % (ns, exp), role="suggestion", best=None if best_idx is None else False),
        plant="suggestion" if exp == "resnet-lr-random" else None)
    if best_idx is None:
        for p in PODS:
            if p.expect.get("sweep") == "katib:%s/%s" % (ns, exp):
                p.expect["best"] = None
    e["kind"] = "nas" if nas else "hpo"
    EXPERIMENTS.append(e)
    return e


katib("vision", "resnet-lr-random", "random", dt(10, 26, 9, 0, 0), 12, 3, "a100", G, (40, 90), {4, 9}, True, 7,
      region="us-west1")
katib("speech", "enas-asr", "enas", dt(10, 29, 10, 0, 0), 8, 2, "h100", G, (120, 300), {5}, False, 3,
      region="us-east1", nas=True)
katib("rl-lab", "ppo-tpe", "tpe", dt(11, 2, 14, 0, 0), 6, 2, "mig", MIG, (60, 120), set(), True, None,
      in_json=False, only="gke-kestrel-mig-w-01")

# --- MIG evaluation jobs (1g.10gb slices of an A100-80GB, mixed strategy) --------------------------------------------
for k in range(12):
    created = office_time(k % 10, 9, 18)
    slices = 2 if k % 4 == 3 else 1
    jobname = "asr-eval-%s" % suffix()
    dur = timedelta(minutes=rng.randint(20, 90))
    node, start = place("mig", slices, created + timedelta(seconds=10), dur + timedelta(minutes=2),
                        only="gke-kestrel-mig-w-01")
    t = start + timedelta(seconds=12)
    Pod("speech", "%s-%s" % (jobname, suffix()), node, created, start, [(t, t + dur, "Completed", 0)], "Succeeded",
        owner=job_owner(jobname), labels={"job-name": jobname},
        containers=[("eval", res(slices, "4", "24Gi", key=MIG), 0)], gpu_units=slices / 7.0,
        deletion_request=t + dur + timedelta(days=2), removed=t + dur + timedelta(days=2),
        plant="mig_two_slices" if slices == 2 and k == 3 else None)

# --- notebooks on the time-sliced node (StatefulSet pod <nb>-0, recreated with a new uid per session) -------------
NB = [("nlp", "dev-nb-tomas", [(0, 9, 7.5), (3, 10, 6.0), (9, 9, None)]),
      ("speech", "dev-nb-mei", [(1, 13, 4.0), (5, 8, 9.0), (8, 14, 3.0)]),
      ("rl-lab", "dev-nb-oskar", [(2, 10, 8.0), (6, 11, 5.5)])]
for ns, nb, sessions in NB:
    for si, (day, hour, hours) in enumerate(sessions):
        created = dt(10, 26, hour, 3, 11) + timedelta(days=day)
        start = created + timedelta(seconds=6)
        t = start + timedelta(seconds=25)
        node = "gke-kestrel-ts-e-01"
        common = dict(owner=("apps/v1", "StatefulSet", nb, uid()),
                      labels={"notebook-name": nb, "statefulset": nb, "statefulset.kubernetes.io/pod-name": nb + "-0"},
                      containers=[(nb, res(1, "4", "16Gi"), 0)], restart_policy="Always", gpu_units=0.25)
        if hours is None:  # still open when the stream ends
            Pod(ns, nb + "-0", node, created, start, [(t, None, None, None)], "Running", plant="running_notebook",
                **common)
        else:  # the user stops the notebook: the pod is deleted, the server exits on SIGTERM
            stop = t + timedelta(hours=hours)
            Pod(ns, nb + "-0", node, created, start, [(t, None, None, None)], "Running", deletion_request=stop,
                removed=stop + timedelta(seconds=9), plant=("notebook_first" if nb.endswith("tomas") and si == 0
                                                            else "notebook_second" if nb.endswith("tomas") and si == 1 else None),
                **common)

# --- CPU ETL CronJob, twice a day ----------------------------------------------------------------------------------
for d in range(11):
    for h in (2, 14):
        created = dt(10, 26, h, 0, 0) + timedelta(days=d)
        if created >= WATCH_END - timedelta(hours=3):
            continue
        batch_job("platform", "etl-features-%s" % created.strftime("%Y%m%d%H"), "cpu", 0, created,
                  rng.uniform(25, 110), labels={"footprint.io/user": "svc-etl"}, cpu="16", mem="64Gi",
                  region="us-west1" if h == 2 else "us-east1")
PODS[-1].plant = "cpu_etl"

# --- pods on gke-kestrel-a100-w-05 (joined 2026-11-02, missing from nodes.json) --------------------------------------
for k in range(6):
    batch_job("vision", "train-detr", "a100", 8, dt(11, 2, 7, 10, 0) + timedelta(hours=9 * k), rng.uniform(90, 400),
              only="gke-kestrel-a100-w-05", plant="missing_node" if k == 0 else None)

# --- never started ----------------------------------------------------------------------------------------------
name, jk = job_pod("sft-mixtral-16gpu")
Pod("nlp", name, None, dt(11, 4, 16, 20, 0), None, [], "Pending", **jk, containers=[("main", res(16, "32", "256Gi"), 0)], gpu_units=16.0,
    plant="pending_unschedulable")
name, jk = job_pod("train-vit-h")
Pod("vision", name, None, dt(10, 29, 11, 0, 0), None, [], "Pending", **jk, containers=[("main", res(8, "32", "256Gi"), 0)], gpu_units=8.0,
    deletion_request=dt(10, 29, 11, 40, 0), removed=dt(10, 29, 11, 40, 3))

# --- still running when the stream ends ---------------------------------------------------------------------------
node, start = place("h100", 8, dt(11, 4, 8, 0, 0), timedelta(days=3), "us-east1")
name, jk = job_pod("pretrain-1b")
Pod("nlp", name, node, dt(11, 4, 7, 59, 30), start,
    [(start + timedelta(seconds=40), None, None, None)], "Running", **jk,
    containers=[("main", res(8, "90", "900Gi"), 0)], gpu_units=8.0, plant="running_pretrain")
node, start = place("a100", 2, dt(11, 5, 7, 30, 0), timedelta(days=1), "us-west1")
name, jk = job_pod("ppo-procgen")
Pod("rl-lab", name, node, dt(11, 5, 7, 29, 50), start,
    [(start + timedelta(seconds=20), start + timedelta(minutes=40), "Error", 1),
     (start + timedelta(minutes=40, seconds=30), None, None, None)], "Running", **jk,
    containers=[("main", res(2, "16", "64Gi"), 0)], restart_policy="OnFailure", gpu_units=2.0)

# --- node gke-kestrel-a100-w-03 lost contact on 2026-10-31 at 03:00: its two pods go Unknown --------------------------
lost = dt(10, 31, 3, 0, 40)
busy = NODES["gke-kestrel-a100-w-03"]["busy"]
for (name, created, plant, evicted) in (("train-vit-l", dt(10, 30, 20, 0, 0), "unknown_deleted", True),
                                        ("train-vit-b", dt(10, 30, 22, 0, 0), "unknown_vanished", False)):
    start = created + timedelta(seconds=30)
    busy.append((start, lost + timedelta(hours=1), 1))
    podname, jk = job_pod(name)
    kw = dict(containers=[("main", res(1, "8", "64Gi"), 0)], gpu_units=1.0, plant=plant,
              unknown_at=lost, stop_on_delete=False, **jk)
    if evicted:  # the node lifecycle controller evicts it; an admin force-deletes the stuck object later
        kw.update(deletion_request=dt(10, 31, 3, 5, 40), removed=dt(10, 31, 9, 0, 0))
    else:        # force-deleted at 06:01, while the exporter was down: its deletion was never recorded
        kw.update(removed=dt(10, 31, 6, 1, 0))
    Pod("vision", podname, "gke-kestrel-a100-w-03", created, start,
        [(start + timedelta(seconds=15), None, None, None)], "Running", **kw)


# ---------------------------------------------------------------------------------------------------- objects
def digest(*parts):
    """Stable ids (image digests, container ids, pod IPs) from what they belong to, not from the call order."""
    return hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()


def cstatus(pod_uid, name, state, restarts, last, image):
    s = {"name": name, "image": image, "imageID": image.split(":")[0] + "@sha256:" + digest(image),
         "ready": "running" in state, "started": "running" in state, "restartCount": restarts,
         "state": state, "lastState": last}
    if "waiting" not in state:
        s["containerID"] = "containerd://" + digest(pod_uid, name, restarts)
    return s


def pod_at(p, t):
    """The pod object as the API server would return it at time t."""
    labels = dict(p.labels)
    meta = {"name": p.name, "namespace": p.ns, "uid": p.uid, "resourceVersion": str(int(t.timestamp()) % 10 ** 8),
            "creationTimestamp": iso(p.created), "labels": labels}
    if p.annotations:
        meta["annotations"] = p.annotations
    if p.owner:
        av, kind, name, ouid = p.owner
        meta["generateName"] = name + "-"
        meta["ownerReferences"] = [{"apiVersion": av, "kind": kind, "name": name, "uid": ouid, "controller": True,
                                    "blockOwnerDeletion": True}]
    deleting = p.deletion_request is not None and t >= p.deletion_request
    if deleting:
        meta["deletionTimestamp"] = iso(p.deletion_request + timedelta(seconds=GRACE))
        meta["deletionGracePeriodSeconds"] = GRACE
    images = {c[0]: "us-docker.pkg.dev/kestrel/ml/%s:2026.10" % c[0] for c in p.containers}
    spec = {"containers": [{"name": n, "image": images[n], "resources": r} for (n, r, _) in p.containers],
            "restartPolicy": p.restart_policy, "schedulerName": "default-scheduler",
            "serviceAccountName": "default-editor", "terminationGracePeriodSeconds": GRACE,
            "tolerations": [{"key": G, "operator": "Exists", "effect": "NoSchedule"}]}
    if p.init:
        spec["initContainers"] = []
        for (n, r, pol, _) in p.init:
            c = {"name": n, "image": "us-docker.pkg.dev/kestrel/infra/%s:1.0" % n, "resources": r}
            if pol:
                c["restartPolicy"] = pol
            spec["initContainers"].append(c)
    if p.deadline:
        spec["activeDeadlineSeconds"] = p.deadline
    if p.node:
        spec["nodeName"] = p.node
    status = {"qosClass": "Guaranteed"}
    conds = [{"type": "PodScheduled", "status": "True" if p.node else "False",
              "lastTransitionTime": iso(p.created + timedelta(seconds=1))}]
    if not p.node:
        conds[0].update(reason="Unschedulable", message="0/15 nodes are available: insufficient nvidia.com/gpu.")
    started = p.start is not None and t >= p.start
    if not started:
        status["phase"] = "Pending"
        if p.node:
            status["containerStatuses"] = [cstatus(p.uid, n, {"waiting": {"reason": "ContainerCreating"}}, 0, {},
                                                   images[n]) for (n, _, _) in p.containers]
        status["conditions"] = conds
        return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec, "status": status}
    status["startTime"] = iso(p.start)
    h = digest(p.uid)
    status["hostIP"] = "10.128.0.%d" % (2 + int(digest(p.node)[:2], 16) % 250)
    status["podIP"] = "10.%d.%d.%d" % (40 + int(h[:2], 16) % 50, int(h[2:4], 16), 2 + int(h[4:6], 16) % 250)
    # which main-container runs are over at t, and is the current one running?
    done = [r for r in p.runs if r[1] is not None and r[1] <= t]
    end = p.end()
    over = end is not None and t >= end and p.final in ("Succeeded", "Failed")
    stopped = end is not None and t >= end and p.final == "Running"  # deleted, containers exited
    unknown = p.unknown_at is not None and t >= p.unknown_at
    cur = p.runs[len(done)] if len(done) < len(p.runs) else None
    main_state = {}
    last = {}
    if over:
        fin = p.runs[-1]
        main_state = {"terminated": {"exitCode": fin[3], "reason": fin[2], "startedAt": iso(fin[0]), "finishedAt": iso(fin[1])}}
        prev = done[:-1]
    else:
        prev = done
        if stopped:
            main_state = {"terminated": {"exitCode": 143, "reason": "Error", "startedAt": iso(cur[0]),
                                         "finishedAt": iso(p.deletion_request + timedelta(seconds=2))}}
        elif cur is not None and t >= cur[0]:
            main_state = {"running": {"startedAt": iso(cur[0])}}
        else:
            main_state = {"waiting": {"reason": "CrashLoopBackOff"}}
    if prev:
        r = prev[-1]
        last = {"terminated": {"exitCode": r[3], "reason": r[2], "startedAt": iso(r[0]), "finishedAt": iso(r[1])}}
    statuses = []
    for (n, _, tail) in p.containers:
        st = json.loads(json.dumps(main_state))
        if "terminated" in st and tail:
            st["terminated"]["finishedAt"] = iso(datetime.strptime(st["terminated"]["finishedAt"], "%Y-%m-%dT%H:%M:%SZ")
                                                 .replace(tzinfo=UTC) + timedelta(seconds=tail))
            st["terminated"]["exitCode"], st["terminated"]["reason"] = 0, "Completed"
        main = n == p.containers[0][0]
        statuses.append(cstatus(p.uid, n, st, len(prev) if main else 0, last if main else {}, images[n]))
    status["containerStatuses"] = statuses
    if p.init:
        inits = []
        for (n, _, pol, secs) in p.init:
            img = "us-docker.pkg.dev/kestrel/infra/%s:1.0" % n
            if pol == "Always":  # sidecar: runs next to the app, stops a second after it
                st = ({"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": iso(p.start + timedelta(seconds=2)),
                                      "finishedAt": iso(end)}} if over else
                      {"running": {"startedAt": iso(p.start + timedelta(seconds=2))}})
            else:
                st = {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": iso(p.start + timedelta(seconds=3)),
                                     "finishedAt": iso(p.start + timedelta(seconds=3 + secs))}}
            inits.append(cstatus(p.uid, n, st, 0, {}, img))
        status["initContainerStatuses"] = inits
    conds.append({"type": "Initialized", "status": "True", "lastTransitionTime": iso(p.start + timedelta(seconds=2))})
    ready_at = p.runs[0][0] + timedelta(seconds=3)
    if unknown:
        status["phase"] = "Unknown"
        status["reason"] = "NodeLost"
        status["message"] = "Node %s which was running pod %s is unresponsive" % (p.node, p.name)
        conds.append({"type": "Ready", "status": "False", "lastTransitionTime": iso(p.unknown_at)})
    elif over:
        status["phase"] = p.final
        if p.reason:
            status["reason"] = p.reason
            status["message"] = "Pod was active on the node longer than the specified deadline"
        conds.append({"type": "Ready", "status": "False", "reason": "PodCompleted", "lastTransitionTime": iso(end)})
    else:
        status["phase"] = "Running"
        if "running" in main_state:  # ready since the current run started
            became, ready = datetime.strptime(main_state["running"]["startedAt"], "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=UTC) + timedelta(seconds=3), "True"
        elif stopped:                # shutting down after the deletion request
            became, ready = p.deletion_request + timedelta(seconds=2), "False"
        else:                        # between two runs of a restarting container
            became, ready = (done[-1][1] if done else ready_at), "False"
        conds.append({"type": "Ready", "status": ready, "lastTransitionTime": iso(became)})
    status["conditions"] = conds
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec, "status": status}


def exists(p, t):
    return p.created <= t and (p.removed is None or t < p.removed)


def events(p):
    """(time, type, object time) of every change an exporter would see."""
    ev = [(p.created, "ADDED")]
    if p.start:
        ev.append((p.start + timedelta(seconds=2), "MODIFIED"))
        for r in p.runs:
            if r[1] is not None and r is not p.runs[-1]:
                ev.append((r[1] + timedelta(seconds=1), "MODIFIED"))
    if p.unknown_at:
        ev.append((p.unknown_at, "MODIFIED"))
    if p.deletion_request and (p.removed is None or p.deletion_request < p.removed):
        ev.append((p.deletion_request, "MODIFIED"))
    end = p.end()
    if end is not None and (p.removed is None or end < p.removed):
        ev.append((end + timedelta(seconds=1), "MODIFIED"))
    if p.removed:
        ev.append((p.removed, "DELETED"))
    return [(t, typ) for (t, typ) in ev if T0 <= t <= WATCH_END]


def seen(o):
    """Latest time stamp the reader looks at in one pod object (its lower bound of the snapshot time)."""
    ts = [o["metadata"].get("creationTimestamp"), o["metadata"].get("deletionTimestamp"), o["status"].get("startTime")]
    for lst in ("initContainerStatuses", "containerStatuses"):
        for cs in o["status"].get(lst, []):
            for part in (cs.get("state") or {}, cs.get("lastState") or {}):
                for v in part.values():
                    ts += [v.get("startedAt"), v.get("finishedAt")]
    ts += [c.get("lastTransitionTime") for c in o["status"].get("conditions", [])]
    return max(t for t in ts if t)


# ---------------------------------------------------------------------------------------------------- write
os.makedirs(os.path.join(OUT, "pods"), exist_ok=True)
os.makedirs(os.path.join(OUT, "katib"), exist_ok=True)


def write(rel, text):
    with open(os.path.join(OUT, rel), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


PODS.sort(key=lambda p: (p.created, p.ns, p.name))
records = {}  # uid -> number of records written
files_records = {}
rejects = []

# the watch stream
lines = []
stream = []
for p in PODS:
    for (t, typ) in events(p):
        stream.append((t, p.ns, p.name, typ, p))
stream.sort(key=lambda e: (e[0], e[1], e[2]))
partial_done = False
relisted = False
watch_max_seen = None
for (t, _, _, typ, p) in stream:
    if CRASH <= t < RESTART:
        if not partial_done:  # the exporter died while writing this event
            full = json.dumps({"type": typ, "object": pod_at(p, t)}, separators=(",", ":"))
            lines.append(full[: len(full) // 2])
            rejects.append({"file": "pods/pods-watch.jsonl", "line": len(lines), "why": "half-written line (exporter crash)"})
            partial_done = True
        continue
    if t >= RESTART and not relisted:
        # on restart the exporter lists every existing pod (ADDED), then watches again
        for q in sorted(PODS, key=lambda q: (q.ns, q.name)):
            if exists(q, RESTART):
                o = pod_at(q, RESTART)
                lines.append(json.dumps({"type": "ADDED", "object": o}, separators=(",", ":")))
                records[q.uid] = records.get(q.uid, 0) + 1
                watch_max_seen = max(watch_max_seen or "", seen(o))
        relisted = True
    o = pod_at(p, t)
    lines.append(json.dumps({"type": typ, "object": o}, separators=(",", ":")))
    records[p.uid] = records.get(p.uid, 0) + 1
    watch_max_seen = max(watch_max_seen or "", seen(o))
write("pods/pods-watch.jsonl", "\n".join(lines) + "\n")
files_records["pods/pods-watch.jsonl"] = len(lines)

# the nightly snapshots
for (fname, at, kind, truncated) in SNAPSHOTS:
    items = [pod_at(p, at) for p in sorted(PODS, key=lambda p: (p.ns, p.name)) if exists(p, at)]
    doc = {"apiVersion": "v1", "items": items, "kind": kind, "metadata": {"resourceVersion": str(int(at.timestamp()))}}
    text = json.dumps(doc, indent=4) + "\n"
    written = items
    if truncated:  # the copy to the bucket was cut off in the middle of an item (disk full)
        starts = [i for i in range(len(text)) if text.startswith("\n        {", i)]
        k = int(len(items) * 0.55)
        cut = text.index('"status"', starts[k]) + 40
        text = text[:cut]
        written = items[:k]
        rejects.append({"file": "pods/" + fname, "line": text.count("\n") + 1,
                        "why": "file cut off inside item %d of %d" % (k + 1, len(items))})
    for o in written:
        records[o["metadata"]["uid"]] = records.get(o["metadata"]["uid"], 0) + 1
    write("pods/" + fname, text)
    files_records["pods/" + fname] = len(written) + (1 if truncated else 0)

# nodes.json
node_items = []
for n in NODES.values():
    if not n["in_dump"]:
        continue
    labels = {"kubernetes.io/arch": "amd64", "kubernetes.io/os": "linux", "kubernetes.io/hostname": n["name"],
              "node.kubernetes.io/instance-type": n["itype"], "topology.kubernetes.io/region": n["region"],
              "topology.kubernetes.io/zone": n["zone"], "cloud.google.com/gke-nodepool": n["kind"] + "-pool"}
    cap = {"cpu": "96" if n["kind"] != "cpu" else "32", "memory": "1342177280Ki", "pods": "110"}
    if n["product"]:
        labels.update({"nvidia.com/gpu.product": n["product"], "nvidia.com/gpu.present": "true",
                       "nvidia.com/gpu.memory": "81920" if "80GB" in n["product"] else "40960",
                       "nvidia.com/cuda.driver.major": "550", "cloud.google.com/gke-accelerator":
                       n["product"].lower().replace("-shared", "")})
        if n["kind"] == "mig":
            labels.update({"nvidia.com/mig.strategy": "mixed", "nvidia.com/gpu.count": "8",
                           "nvidia.com/mig-1g.10gb.count": "56", "nvidia.com/mig-1g.10gb.memory": "9728"})
            cap[MIG] = "56"
        elif n["kind"] == "ts":
            labels.update({"nvidia.com/gpu.count": "4", "nvidia.com/gpu.replicas": "4",
                           "nvidia.com/gpu.sharing-strategy": "time-slicing"})
            cap[G] = "16"
        else:
            labels["nvidia.com/gpu.count"] = str(n["gpus"])
            cap[G] = str(n["gpus"])
    node_items.append({"apiVersion": "v1", "kind": "Node",
                       "metadata": {"name": n["name"], "uid": uid(), "labels": labels,
                                    "creationTimestamp": "2026-09-14T08:00:00Z"},
                       "spec": {"providerID": "gce://kestrel-ml/%s/%s" % (n["zone"], n["name"])},
                       "status": {"capacity": cap, "allocatable": cap,
                                  "nodeInfo": {"kubeletVersion": "v1.33.5-gke.1201000", "containerRuntimeVersion": "containerd://1.7.28"},
                                  "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady",
                                                  "lastTransitionTime": "2026-10-31T03:14:00Z" if n["name"].endswith("a100-w-03") else "2026-09-14T08:02:00Z"}]}})
write("nodes.json", json.dumps({"apiVersion": "v1", "items": node_items, "kind": "List",
                                "metadata": {"resourceVersion": ""}}, indent=4) + "\n")

# katib
kitems = []
for e in EXPERIMENTS:
    if not e["in_json"]:
        continue
    best = [t["name"] for t in e["trials"] if t["best"]]
    spec = {"algorithm": {"algorithmName": e["algorithm"]}, "maxTrialCount": e["max"],
            "parallelTrialCount": e["parallel"], "maxFailedTrialCount": 3, "resumePolicy": "Never",
            "objective": {"type": "maximize", "objectiveMetricName": "Validation-Accuracy", "goal": 0.99},
            "trialTemplate": {"primaryContainerName": "training-container", "trialSpec": {
                "apiVersion": "batch/v1", "kind": "Job", "spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [
                    {"name": "training-container", "image": "us-docker.pkg.dev/kestrel/ml/%s:trial" % e["name"],
                     "resources": {"limits": {G: 1}}}]}}}}}}
    if e["nas"]:
        spec["nasConfig"] = {"graphConfig": {"numLayers": 6, "inputSizes": [80, 400], "outputSizes": [512]},
                             "operations": [{"operationType": "convolution", "parameters": [
                                 {"name": "filter_size", "parameterType": "categorical", "feasibleSpace": {"list": ["3", "5"]}}]}]}
    else:
        spec["parameters"] = [{"name": "lr", "parameterType": "double", "feasibleSpace": {"min": "0.0001", "max": "0.1"}}]
    kitems.append({"apiVersion": "kubeflow.org/v1beta1", "kind": "Experiment",
                   "metadata": {"name": e["name"], "namespace": e["ns"], "uid": e["uid"], "creationTimestamp": iso(e["created"])},
                   "spec": spec,
                   "status": {"startTime": iso(e["created"]), "completionTime": iso(e["end"]),
                              "trials": len(e["trials"]), "trialsSucceeded": sum(t["ok"] for t in e["trials"]),
                              "trialsFailed": sum(not t["ok"] for t in e["trials"]),
                              "currentOptimalTrial": {"bestTrialName": best[0] if best else ""},
                              "conditions": [{"type": "Succeeded", "status": "True", "reason": "ExperimentGoalReached",
                                              "lastTransitionTime": iso(e["end"])}]}})
    for t in e["trials"]:
        kitems.append({"apiVersion": "kubeflow.org/v1beta1", "kind": "Trial",
                       "metadata": {"name": t["name"], "namespace": e["ns"], "uid": uid(), "creationTimestamp": iso(t["created"]),
                                    "labels": {"katib.kubeflow.org/experiment": e["name"]},
                                    "ownerReferences": [{"apiVersion": "kubeflow.org/v1beta1", "kind": "Experiment",
                                                         "name": e["name"], "uid": e["uid"], "controller": True,
                                                         "blockOwnerDeletion": True}]},
                       "spec": {"primaryContainerName": "training-container"},
                       "status": {"conditions": [{"type": "Succeeded" if t["ok"] else "Failed", "status": "True"}]}})
write("katib/katib-experiments.json", json.dumps({"apiVersion": "v1", "items": kitems, "kind": "List",
                                                  "metadata": {"resourceVersion": ""}}, indent=4) + "\n")
write("katib/katib-specs.yaml", """---
# Katib experiments of the kestrel cluster, as the teams keep them in git (applied with kubectl apply -f).
# ppo-tpe was deleted from the cluster after it finished (its Trials went with it): this spec is all that is left.
apiVersion: kubeflow.org/v1beta1
kind: Experiment
metadata:
  namespace: rl-lab
  name: ppo-tpe
spec:
  objective:
    type: maximize
    objectiveMetricName: episode_reward_mean
  algorithm:
    algorithmName: tpe   # tree-structured Parzen estimator: hyperparameter search
  parallelTrialCount: 2
  maxTrialCount: 6
  maxFailedTrialCount: 2
  parameters:
    - name: clip
      parameterType: double
      feasibleSpace: {min: "0.1", max: "0.3"}
  trialTemplate:
    primaryContainerName: training-container
    trialSpec:
      apiVersion: batch/v1
      kind: Job
      spec:
        template:
          spec:
            restartPolicy: Never
            containers:
              - name: training-container
                image: us-docker.pkg.dev/kestrel/ml/ppo:2026.10
                resources:
                  limits:
                    nvidia.com/mig-1g.10gb: 1
---
# the ENAS search of the speech team; the live object (with its status) is in katib-experiments.json
apiVersion: kubeflow.org/v1beta1
kind: Experiment
metadata:
  namespace: speech
  name: enas-asr
spec:
  algorithm:
    algorithmName: enas
  parallelTrialCount: 2
  maxTrialCount: 8
  nasConfig:
    graphConfig:
      numLayers: 6
  trialTemplate:
    trialSpec:
      apiVersion: batch/v1
      kind: Job
      spec:
        template:
          spec:
            containers:
              - name: training-container
                resources:
                  limits:
                    nvidia.com/gpu: 1
""")
write("namespace-owners.csv", "namespace,owner,project\n# Kubeflow Profile owner of each namespace (kubectl get profiles)\n"
      + "".join("%s,%s,%s\n" % (ns, o, p) for ns, (o, p) in OWNERS.items()))


# ---------------------------------------------------------------------------------------------------- expected
def outcome(p):
    """What the reader must make of the pod, from the model (not from the files)."""
    if p.start is None:
        return "skipped", "never started"
    end = p.end()
    if p.final in ("Succeeded", "Failed"):
        last = p.runs[-1]
        state = "COMPLETED" if p.final == "Succeeded" else (
            "OUT_OF_MEMORY" if last[2] == "OOMKilled" else "TIMEOUT" if p.reason == "DeadlineExceeded" else "FAILED")
        return "usage", (state, end)
    if p.unknown_at is not None:
        if p.deletion_request is not None and p.removed is not None:
            return "usage", ("CANCELLED", p.deletion_request + timedelta(seconds=GRACE))
        return "rejected", "phase Unknown, no deletionTimestamp"
    if p.deletion_request is not None and p.removed is not None and p.removed <= WATCH_END:
        return "usage", ("CANCELLED", end)
    return "skipped", "still running"


def user_project(p):
    owner, proj = OWNERS.get(p.ns, (None, None))
    if p.labels.get("footprint.io/user"):
        u, ur = p.labels["footprint.io/user"], "label:footprint.io/user"
    elif owner:
        u, ur = owner, "owner_map"
    else:
        u, ur = p.ns, "namespace"
    if p.labels.get("footprint.io/project"):
        pr, prr = p.labels["footprint.io/project"], "label:footprint.io/project"
    elif proj:
        pr, prr = proj, "owner_map"
    else:
        pr, prr = p.ns, "namespace"
    return u, pr, "user=%s project=%s" % (ur, prr)


def node_facts(p):
    n = NODES[p.node]
    if p.gpu_units == 0:
        return None, REGION[n["region"]]
    gtype = GPU_TYPE[n["kind"]] if n["in_dump"] else NODE_DEFAULT["gpu_model"].lower()
    return gtype, REGION[n["region"]]


usage, skipped, rejected_pods = [], {"never started": 0, "still running": 0}, 0
states, regions, namespaces = {}, {}, {}
gpu_hours = 0.0
sweeps = {}
planted = {}
running_at_end = []
for p in PODS:
    kind, what = outcome(p)
    if kind == "skipped":
        skipped[what] += 1
        if what == "still running":
            running_at_end.append(p)
    elif kind == "rejected":
        rejected_pods += 1
    if p.plant:
        facts = {"job_id": "%s/%s" % (p.ns, p.name), "uid": p.uid, "outcome": kind}
        if kind != "usage":
            facts["reason"] = what
        planted[p.plant] = facts
    if kind != "usage":
        continue
    state, end = what
    dur = int((end - p.start).total_seconds())
    assert dur >= 0, "%s/%s ends before it starts" % (p.ns, p.name)
    gtype, region = node_facts(p)
    u, pr, attr = user_project(p)
    usage.append(p)
    states[state] = states.get(state, 0) + 1
    regions[region] = regions.get(region, 0) + 1
    namespaces[p.ns] = namespaces.get(p.ns, 0) + 1
    gpu_hours += p.gpu_units * dur / 3600.0
    if p.expect.get("sweep"):
        s = sweeps.setdefault(p.expect["sweep"], {"trials": 0, "suggestion": 0, "failed_trials": 0, "best_pods": 0})
        if p.expect["role"] == "trial":
            s["trials"] += 1
            s["failed_trials"] += state != "COMPLETED"
        else:
            s["suggestion"] += 1
        s["best_pods"] += bool(p.expect.get("best"))
    if p.plant:
        planted[p.plant].update({"state": state, "start_utc": iso(p.start), "end_utc": iso(end), "duration_s": dur,
                                 "gpu_count": round(p.gpu_units, 9), "gpu_type": gtype, "region": region,
                                 "user": u, "project": pr, "attribution": attr,
                                 "restarts": max(0, len([r for r in p.runs if r[1] is not None]) - (1 if p.final in ("Succeeded", "Failed") else 0)),
                                 "node": p.node})
        if p.expect.get("sweep"):
            planted[p.plant].update({"sweep_id": p.expect["sweep"], "sweep_role": p.expect["role"],
                                     "sweep_best": p.expect.get("best")})
for e in EXPERIMENTS:
    sweeps["katib:%s/%s" % (e["ns"], e["name"])]["kind"] = e["kind"]

# include_running: the still-running pods are kept from the watch stream (created after the last snapshot),
# and end at the latest time stamp in that file
snap = datetime.strptime(watch_max_seen, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
running_hours = sum(p.gpu_units * (snap - p.start).total_seconds() / 3600.0 for p in running_at_end)
assert all(p.created > SNAPSHOTS[-1][1] for p in running_at_end), "running pods must be only in the watch stream"

total_records = sum(files_records.values())
distinct = len(records)
merged = sum(records.values()) - distinct
file_rejects = len(rejects)
expected = {
    "about": "Counts over the synthetic Kubernetes sample (cluster kestrel), computed by tools/sample-logs/"
             "make_k8s_samples.py from its own model of every pod. Paths are relative to sample-logs/kubernetes/. "
             "Regenerate with: python3 tools/sample-logs/make_k8s_samples.py",
    "cluster": CLUSTER,
    "period_utc": [iso(T0), iso(WATCH_END)],
    "files": {"pods": sorted(files_records), "nodes": ["nodes.json"],
              "katib": ["katib/katib-experiments.json", "katib/katib-specs.yaml"], "owner_map": "namespace-owners.csv"},
    "records_per_file": files_records,
    "counts": {"files": len(files_records) + 3, "records_read": total_records, "usage": len(usage), "merged": merged,
               "skipped": sum(skipped.values()), "rejected": file_rejects + rejected_pods},
    "distinct_pods": distinct,
    "pods_modelled": len(PODS),
    "pods_never_written": len(PODS) - distinct,
    "skipped_reasons": skipped,
    "file_rejects": rejects,
    "rejected_pods": rejected_pods,
    "usage_states": dict(sorted(states.items())),
    "usage_regions": dict(sorted(regions.items())),
    "usage_namespaces": dict(sorted(namespaces.items())),
    "gpu_hours": round(gpu_hours, 6),
    "sweeps": dict(sorted(sweeps.items())),
    "include_running": {"usage": len(usage) + len(running_at_end), "skipped": skipped["never started"],
                        "snapshot_utc": watch_max_seen, "extra_gpu_hours": round(running_hours, 6)},
    "nodes": {"in_dump": sum(n["in_dump"] for n in NODES.values()), "missing": [n["name"] for n in NODES.values() if not n["in_dump"]],
              "node_default": NODE_DEFAULT},
    "planted": dict(sorted(planted.items())),
}
assert expected["counts"]["records_read"] == (expected["counts"]["usage"] + merged + expected["counts"]["skipped"]
                                              + expected["counts"]["rejected"]), "counts do not reconcile"
write("EXPECTED.json", json.dumps(expected, indent=2, sort_keys=False) + "\n")
print("kestrel: %d pods modelled, %d written, %d records, %d usage, %d merged, %d skipped, %d rejected"
      % (len(PODS), distinct, total_records, len(usage), merged, sum(skipped.values()), file_rejects + rejected_pods))
