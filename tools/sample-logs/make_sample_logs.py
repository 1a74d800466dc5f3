#!/usr/bin/env python3
"""Write the synthetic sample inputs of footprint (everything under sample-logs/).

Nothing here comes from a real cluster: users, jobs, nodes and grid intensities are invented by this
script from a fixed seed. Re-running it rewrites byte-identical files:

    python3 tools/sample-logs/make_sample_logs.py

Outputs (paths relative to sample-logs/):
  slurm/alpine/sacct_YYYY-MM-DD.txt   daily `sacct -a -P -S day -E day+1 --format=...` exports (with header)
  slurm/bayou/sacct_week_NN.txt       weekly `sacct -a -P -n ...` exports (no header), windows overlap one day
  carbon/DE_2026_hourly.csv           Electricity Maps hourly export, header variant 1
  carbon/US-MIDW-MISO_2026_hourly.csv Electricity Maps hourly export, header variant 2
  EXPECTED.json                       counts computed from what was written (tests assert these)

Python 3.9+ standard library only (zoneinfo needs the system tz database).
"""

import json
import math
import os
import random
import re
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction
from zoneinfo import ZoneInfo

SEED = 20261019
HERE = os.path.dirname(os.path.abspath(__file__))  # tools/sample-logs/
ROOT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "sample-logs")  # the data: sample-logs/

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
CHICAGO = ZoneInfo("America/Chicago")

ALPINE_FIELDS = ("JobID,JobIDRaw,JobName,User,Account,Partition,State,Submit,Start,End,Elapsed,ElapsedRaw,"
                 "NNodes,NodeList,AllocCPUS,TotalCPU,ReqMem,AllocTRES,TRESUsageInTot,Comment,WCKey,ExitCode,"
                 "Restarts").split(",")


def conf_bayou_fields():
    """The headerless bayou export follows conf/footprint.yaml inputs[cluster=bayou].fields exactly."""
    path = os.path.join(os.path.dirname(ROOT), "conf", "footprint.yaml")
    text = open(path, encoding="utf-8").read()
    m = re.search(r"cluster:\s*bayou\s*\n(?:[^\n]*\n){0,3}?\s*fields:\s*\[([^\]]*)\]", text)
    if not m:
        raise SystemExit("no fields: [...] list for the bayou input in %s" % path)
    return [f.strip() for f in m.group(1).split(",")]


BAYOU_FIELDS = conf_bayou_fields()
# sacct columns whose values are free text (a '|' inside them is not escaped)
FREE_TEXT = {"JobName", "Comment", "AdminComment", "SystemComment", "WorkDir", "SubmitLine", "Constraints",
             "Reason"}

ENDED_STATES = ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED",
                "REQUEUED", "BOOT_FAIL", "DEADLINE"]

# GPU board / MIG slice memory in MiB (for gres/gpumem in TRESUsageInTot)
GPU_MEM_MB = {"a100": 40960, "h100": 81920, "a100_80": 81920, "l40s": 46068, "v100": 32768,
              "gtx1080": 8192, "1g.5gb": 4864, "3g.20gb": 19968}
MIG_SLICES = {"1g.5gb": 1, "3g.20gb": 3}


# ----------------------------------------------------------------------------------------------- time helpers

def U(y, mo, d, h=0, mi=0, s=0):
    """UTC epoch seconds."""
    return int(datetime(y, mo, d, h, mi, s, tzinfo=UTC).timestamp())


def L(tz, y, mo, d, h=0, mi=0, s=0, fold=0):
    """Epoch seconds of a local wall-clock time (fold=1: second occurrence of a repeated hour)."""
    return int(datetime(y, mo, d, h, mi, s, tzinfo=tz, fold=fold).timestamp())


def local_dt(t, tz):
    return datetime.fromtimestamp(t, UTC).astimezone(tz)


def fmt_local(t, tz):
    return local_dt(t, tz).strftime("%Y-%m-%dT%H:%M:%S")


def iso_utc(t):
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def ambiguous(t, tz):
    """True when the local wall-clock time of t occurs twice (the repeated hour after fall-back)."""
    loc = local_dt(t, tz).replace(tzinfo=None)
    return (loc.replace(tzinfo=tz, fold=0).utcoffset() != loc.replace(tzinfo=tz, fold=1).utcoffset())


def fmt_elapsed(secs, msecs=0):
    """sacct's _elapsed_time(): D-HH:MM:SS, HH:MM:SS, MM:SS.mmm (only under an hour) or 00:MM:SS."""
    days, rem = divmod(secs, 86400)
    h, rem = divmod(rem, 3600)
    m, s = divmod(rem, 60)
    if days:
        return "%d-%02d:%02d:%02d" % (days, h, m, s)
    if h:
        return "%02d:%02d:%02d" % (h, m, s)
    if msecs:
        return "%02d:%02d.%03d" % (m, s, msecs)
    return "00:%02d:%02d" % (m, s)


def fmt_cpu_ms(ms):
    return fmt_elapsed(ms // 1000, ms % 1000)


def fmt_mem(value, unit="M"):
    """Slurm convert_num_unit with CONVERT_NUM_UNIT_EXACT: step up a unit only while divisible by 1024."""
    units = "KMGTP"
    i = units.index(unit)
    while value and value % 1024 == 0 and i < len(units) - 1:
        value //= 1024
        i += 1
    return "%d%s" % (value, units[i])


def natkey(name):
    m = re.match(r"^(.*?)(\d+)$", name)
    return (m.group(1), int(m.group(2))) if m else (name, -1)


def hostlist(nodes):
    """Compress node names the way Slurm prints them: gpu[003-004,011],hgx01."""
    groups, order = {}, []
    for n in sorted(nodes, key=natkey):
        m = re.match(r"^(.*?)(\d+)$", n)
        prefix, num = m.group(1), m.group(2)
        if prefix not in groups:
            groups[prefix] = []
            order.append(prefix)
        groups[prefix].append(num)
    parts = []
    for prefix in order:
        nums = groups[prefix]
        if len(nums) == 1:
            parts.append(prefix + nums[0])
            continue
        ranges, i = [], 0
        while i < len(nums):
            j = i
            while j + 1 < len(nums) and int(nums[j + 1]) == int(nums[j]) + 1 and len(nums[j + 1]) == len(nums[j]):
                j += 1
            ranges.append(nums[i] if i == j else nums[i] + "-" + nums[j])
            i = j + 1
        parts.append("%s[%s]" % (prefix, ",".join(ranges)))
    return ",".join(parts)


def tres(items):
    """TRES string sorted as sacct prints it (typed gres before the untyped total)."""
    return ",".join(sorted("%s=%s" % kv for kv in items))


# ----------------------------------------------------------------------------------------------- model

class Node:
    def __init__(self, name, cpus, mem_mb, gres):
        self.name, self.cpus, self.mem, self.gres = name, cpus, mem_mb, dict(gres)
        self.ivs = []  # (start, end, cpus, mem, gres dict)

    def fits(self, s, e, cpus, mem, gres):
        if cpus > self.cpus or mem > self.mem:
            return False
        for t, n in gres.items():
            if n > self.gres.get(t, 0):
                return False
        ivs = [iv for iv in self.ivs if iv[0] < e and iv[1] > s]
        if not ivs:
            return True
        for p in [s] + [iv[0] for iv in ivs if iv[0] > s]:
            act = [iv for iv in ivs if iv[0] <= p < iv[1]]
            if sum(iv[2] for iv in act) + cpus > self.cpus:
                return False
            if sum(iv[3] for iv in act) + mem > self.mem:
                return False
            for t, n in gres.items():
                if sum(iv[4].get(t, 0) for iv in act) + n > self.gres.get(t, 0):
                    return False
        return True

    def add(self, s, e, cpus, mem, gres):
        self.ivs.append((s, e, cpus, mem, dict(gres)))


class Cluster:
    def __init__(self, name, tz, fields, header, export_t, end_min, end_max, sub_min):
        self.name, self.tz, self.fields, self.header = name, tz, fields, header
        self.export_t, self.end_min, self.end_max, self.sub_min = export_t, end_min, end_max, sub_min
        self.nodes = {}
        self.partitions = {}
        self.jobs = []      # accepted allocations (incl. running, pending, cancelled before start)
        self.units = []     # id units: things that take job ids at submit time
        self.uids = {}

    def add_nodes(self, prefix, count, width, cpus, mem_mb, gres, partitions, first=1):
        names = []
        for k in range(first, first + count):
            n = "%s%0*d" % (prefix, width, k)
            self.nodes[n] = Node(n, cpus, mem_mb, gres)
            names.append(n)
        for p in partitions:
            self.partitions.setdefault(p, []).extend(names)
        return names


class Job:
    def __init__(self, **kw):
        self.user = self.account = self.partition = self.name = None
        self.comment = ""
        self.wckey = ""
        self.style = "batch"           # batch | srun | srun2 | interactive | het_cpu | het_gpu
        self.nnodes = 1
        self.cpn = 1                   # cpus per node
        self.mpn = 1024                # MiB per node
        self.gpn = {}                  # gres per node {type: n}
        self.gres_style = "both"       # both | untyped | typed | none
        self.billing_factor = 1
        self.submit = self.start = self.end = None
        self.dur = 0
        self.state = "COMPLETED"
        self.requid = None
        self.restarts = 0
        self.nodes = []
        self.running = self.pending = self.cancelled_before_start = False
        self.no_gpu_usage = False
        self.allow_ambiguous = False
        self.util = None               # mean GPU utilisation 0-1
        self.cpu_eff = 0.5
        self.unit = None
        self.array = None              # (master_id_placeholder_unit, task)
        self.task = None
        self.het_offset = None
        self.jobid = self.jobidraw = None
        self.steps = []
        self.tags = []
        self.step_names = ("python",)
        self.__dict__.update(kw)

    @property
    def gpus_total(self):
        return {t: n * self.nnodes for t, n in self.gpn.items()}

    @property
    def ended(self):
        return not (self.running or self.pending)


class Unit:
    """A submission that takes job ids: a single job (1), an array (n tasks), a het job (components)."""

    def __init__(self, submit, n_ids, pin=None, label=""):
        self.submit, self.n_ids, self.pin, self.label = submit, n_ids, pin, label
        self.base = None
        self.jobs = []
        self.phantom = None


# ----------------------------------------------------------------------------------------------- scheduling

def per_node_request(job):
    return job.cpn, job.mpn, job.gpn


def try_place(cl, job, earliest, rng, forced=None, fixed=False, candidates=None, run_until=None,
              min_start=None):
    """Find a start >= earliest where job.nnodes nodes of its partition have room for job.dur seconds."""
    cpus, mem, gres = per_node_request(job)
    cand = list(candidates if candidates is not None else cl.partitions[job.partition])
    rng.shuffle(cand)
    t = max(earliest, min_start or earliest)
    for _ in range(3000):
        e = run_until if run_until else t + job.dur
        if forced:
            if all(cl.nodes[n].fits(t, e, cpus, mem, gres) for n in forced):
                return t, list(forced)
        else:
            free = [n for n in cand if cl.nodes[n].fits(t, e, cpus, mem, gres)]
            if len(free) >= job.nnodes:
                return t, sorted(free[:job.nnodes], key=natkey)
        if fixed:
            raise RuntimeError("fixed job does not fit: %s %s" % (cl.name, job.name))
        t += rng.randint(240, 1500)
    return None


def commit(cl, job):
    cpus, mem, gres = per_node_request(job)
    e = job.end if job.end is not None else cl.export_t + 30 * 86400
    for n in job.nodes:
        cl.nodes[n].add(job.start, e, cpus, mem, gres)


# ----------------------------------------------------------------------------------------------- steps

def step_state(job, kind, last_numbered=True):
    """(State text, ExitCode) of a step, as sacct shows steps of a job in job.state."""
    st = job.state
    if job.running:
        return "RUNNING", "0:0"
    if st == "COMPLETED":
        return "COMPLETED", "0:0"
    if kind == "extern":
        return ("CANCELLED", "0:9") if st == "NODE_FAIL" else ("COMPLETED", "0:0")
    if st == "FAILED":
        if kind == "numbered" and not last_numbered:
            return "COMPLETED", "0:0"
        return "FAILED", "1:0"
    if st == "OUT_OF_MEMORY":
        if kind == "numbered" and not last_numbered:
            return "COMPLETED", "0:0"
        return "OUT_OF_MEMORY", "0:125"
    if st == "NODE_FAIL":
        return "CANCELLED", "0:9"
    if kind == "numbered" and not last_numbered:
        return "COMPLETED", "0:0"
    return "CANCELLED", "0:15"  # CANCELLED, TIMEOUT, PREEMPTED


def build_steps(cl, job, rng):
    """Steps with their own times, TRES, state, TotalCPU (ms) and TRESUsageInTot."""
    job.steps = []
    if job.pending or job.cancelled_before_start:
        return
    s = job.start
    e = job.end  # None while running
    nodes = job.nodes
    gtot = job.gpus_total
    ngpu_boards = sum(gtot.values())

    def gres_items(g):
        items = []
        n = sum(g.values())
        if not n:
            return items
        if job.gres_style in ("both", "typed"):
            for t, k in g.items():
                items.append(("gres/gpu:" + t, k))
        if job.gres_style in ("both", "untyped"):
            items.append(("gres/gpu", n))
        return items

    first = [("cpu", job.cpn), ("mem", fmt_mem(job.mpn)), ("node", 1)] + gres_items(job.gpn)
    whole = ([("cpu", job.cpn * job.nnodes), ("mem", fmt_mem(job.mpn * job.nnodes)), ("node", job.nnodes)]
             + gres_items(gtot))
    job_tres = tres(whole + [("billing", job.billing)])

    kinds = []
    if job.style == "batch":
        kinds = [("batch", "batch", "main"), ("extern", "extern", None)]
    elif job.style == "srun":
        kinds = [("batch", "batch", "aux"), ("extern", "extern", None), ("0", job.step_names[0], "main")]
    elif job.style == "srun2":
        kinds = [("batch", "batch", "aux"), ("extern", "extern", None), ("0", job.step_names[0], "main"),
                 ("1", job.step_names[-1], "main")]
    elif job.style == "interactive":
        if ngpu_boards:
            kinds = [("interactive", "interactive", "aux"), ("extern", "extern", None),
                     ("0", job.step_names[0], "main")]
        else:
            kinds = [("interactive", "interactive", "main"), ("extern", "extern", None)]
    elif job.style == "het_cpu":
        kinds = [("batch", "batch", "main"), ("extern", "extern", None)]
    elif job.style == "het_gpu":
        kinds = [("extern", "extern", None), ("0", job.step_names[0], "main")]

    numbered = [k for k in kinds if k[0].isdigit()]
    # numbered step times
    times = {}
    end_ref = e if e is not None else None
    if numbered:
        span = (end_ref - s) if end_ref is not None else 3600
        t0 = s + min(rng.randint(3, 40), max(0, span // 4))
        if end_ref is None:
            if len(numbered) == 2:
                raise RuntimeError("running job with two numbered steps is not modelled")
            times[numbered[0][0]] = (t0, None)
        elif len(numbered) == 1:
            t1 = max(t0, end_ref - rng.randint(0, 3))
            times[numbered[0][0]] = (t0, t1)
        else:
            mid = t0 + int((end_ref - t0) * rng.uniform(0.75, 0.9))
            t2 = min(end_ref, mid + rng.randint(2, 10))
            times[numbered[0][0]] = (t0, mid)
            times[numbered[1][0]] = (t2, max(t2, end_ref - rng.randint(0, 3)))

    for suffix, name, role in kinds:
        if suffix in times:
            ss, se = times[suffix]
        else:
            ss, se = s, e
        if suffix in ("batch", "interactive"):
            st_nodes, st_tres, st_cpus = nodes[:1], tres(first), job.cpn
        elif suffix == "extern":
            st_nodes, st_tres, st_cpus = nodes, job_tres, job.cpn * job.nnodes
        else:
            st_nodes, st_tres, st_cpus = nodes, tres(whole), job.cpn * job.nnodes
        kind = "numbered" if suffix.isdigit() else suffix
        last_numbered = (not numbered) or suffix == numbered[-1][0]
        state, exit_code = step_state(job, kind, last_numbered)
        step = dict(suffix=suffix, name=name, role=role, start=ss, end=se, nodes=st_nodes, tres=st_tres,
                    cpus=st_cpus, state=state, exit=exit_code, cpu_ms=0, usage="", gpu=False)
        job.steps.append(step)

    if job.running:
        return  # running steps: TotalCPU 00:00:00, no TRESUsageInTot yet (as sacct shows them)

    # CPU time
    for st in job.steps:
        el = st["end"] - st["start"]
        if st["role"] == "main":
            eff = min(0.995, job.cpu_eff * rng.uniform(0.9, 1.05))
            st["cpu_ms"] = int(eff * st["cpus"] * el * 1000)
        elif st["role"] == "aux":
            st["cpu_ms"] = rng.randint(700, 6500) if el > 5 else rng.randint(5, 700)
        else:
            st["cpu_ms"] = 1 if rng.random() < 0.6 else 0
    total = sum(st["cpu_ms"] for st in job.steps)
    if total >= 3600 * 1000:
        # sacct drops milliseconds once a value reaches an hour: keep every step whole seconds so that the
        # allocation's TotalCPU is exactly the sum of its steps' TotalCPU as printed
        for st in job.steps:
            st["cpu_ms"] = (st["cpu_ms"] // 1000) * 1000

    # TRESUsageInTot
    main_steps = [st for st in job.steps if st["role"] == "main"]
    gpu_step = main_steps[-1] if (ngpu_boards and main_steps) else None
    for st in job.steps:
        el = max(1, st["end"] - st["start"])
        cpu_txt = fmt_elapsed(st["cpu_ms"] // 1000)
        if st["role"] is None:
            items = [("cpu", cpu_txt), ("energy", 0), ("fs/disk", rng.randint(2000, 9000)), ("mem", 0),
                     ("pages", 0), ("vmem", 0)]
        elif st["role"] == "aux":
            items = [("cpu", cpu_txt), ("energy", 0), ("fs/disk", rng.randint(20000, 90000)),
                     ("mem", fmt_mem(rng.randint(4000, 12000), "K")), ("pages", 0),
                     ("vmem", fmt_mem(rng.randint(200000, 400000), "K"))]
        else:
            mem_k = int(job.mpn * 1024 * len(st["nodes"]) * rng.uniform(0.15, 0.85))
            items = [("cpu", cpu_txt), ("energy", 0),
                     ("fs/disk", int(rng.uniform(2e6, 4e10) * min(1.0, el / 3600.0) + 1e6)),
                     ("mem", fmt_mem(mem_k, "K")), ("pages", rng.choice([0, 0, 0, 1, 3, 12])),
                     ("vmem", fmt_mem(int(mem_k * rng.uniform(1.05, 1.4)), "K"))]
            if st is gpu_step and not job.no_gpu_usage:
                gm = 0
                for t, n in gtot.items():
                    gm += int(n * GPU_MEM_MB[t] * rng.uniform(0.3, 0.95))
                if rng.random() < 0.15:
                    gm = max(1024, (gm // 1024) * 1024)  # now and then an exact G value
                util = max(0, min(100 * ngpu_boards, int(round(job.util * 100 * ngpu_boards))))
                items += [("gres/gpumem", fmt_mem(gm, "M")), ("gres/gpuutil", util)]
                st["gpu"] = True
                st["gpuutil"] = util
        st["usage"] = tres(items)


# ----------------------------------------------------------------------------------------------- random helpers

def lognorm(rng, median, sigma, lo, hi):
    return int(min(hi, max(lo, rng.lognormvariate(math.log(median), sigma))))


DIURNAL = [0.2, 0.15, 0.1, 0.1, 0.1, 0.15, 0.3, 0.6, 1.0, 1.3, 1.4, 1.3, 1.0, 1.2, 1.4, 1.4, 1.3, 1.1,
           0.9, 0.8, 0.7, 0.6, 0.5, 0.3]


def diurnal_time(rng, tz, lo, hi):
    """A submit time in [lo, hi] weighted by local office hours and weekdays."""
    for _ in range(10000):
        t = rng.randint(lo, hi)
        d = local_dt(t, tz)
        w = DIURNAL[d.hour] * (0.45 if d.weekday() >= 5 else 1.0)
        if rng.random() * 1.4 < w:
            return t
    return lo


def pick_state(rng, p):
    r = rng.random()
    acc = 0.0
    for st, w in p:
        acc += w
        if r < acc:
            return st
    return p[-1][0]


def apply_state_duration(rng, job, natural, timelimits):
    """Turn a natural run time into the elapsed time for the job's final state."""
    st = job.state
    if st == "FAILED":
        return max(15, int(natural * rng.uniform(0.01, 0.5)))
    if st == "CANCELLED":
        return max(30, int(natural * rng.uniform(0.05, 0.9)))
    if st == "TIMEOUT":
        lim = rng.choice(timelimits)
        return lim + rng.randint(20, 95)
    if st == "OUT_OF_MEMORY":
        return max(60, int(natural * rng.uniform(0.05, 0.6)))
    return natural


def util_for(rng, job):
    st = job.state
    if job.style == "interactive":
        return rng.uniform(0.04, 0.35)
    if st == "FAILED":
        return rng.uniform(0.03, 0.45)
    if st in ("CANCELLED", "NODE_FAIL", "PREEMPTED"):
        return rng.uniform(0.25, 0.9)
    return rng.uniform(0.55, 0.97)


def finish_job(cl, job, rng, uid_of):
    """State text, exit code, billing, utilisation; then steps."""
    job.billing = job.cpn * job.nnodes * job.billing_factor
    if job.state == "CANCELLED":
        if job.requid is None:
            job.requid = uid_of[job.user] if rng.random() < 0.85 else 0
        job.state_text = "CANCELLED by %d" % job.requid
    else:
        job.state_text = "RUNNING" if job.running else ("PENDING" if job.pending else job.state)
    job.exit_code = {"FAILED": "1:0", "OUT_OF_MEMORY": "0:125"}.get(job.state, "0:0")
    if job.state == "CANCELLED" and not job.cancelled_before_start:
        job.exit_code = "0:15"
    if job.running or job.pending:
        job.exit_code = "0:0"
    if job.gpn and job.util is None:
        job.util = util_for(rng, job)
    if job.cpu_eff is None:
        job.cpu_eff = 0.5
    build_steps(cl, job, rng)


def all_times(job):
    ts = [job.submit]
    if job.start is not None:
        ts.append(job.start)
    if job.end is not None:
        ts.append(job.end)
    for st in job.steps:
        ts.append(st["start"])
        if st["end"] is not None:
            ts.append(st["end"])
    return ts


def has_ambiguous_time(cl, job):
    return any(ambiguous(t, cl.tz) for t in all_times(job))


# ----------------------------------------------------------------------------------------------- clusters

def make_alpine():
    export_t = L(BERLIN, 2026, 11, 9, 0, 15, 0)
    cl = Cluster("alpine", BERLIN, ALPINE_FIELDS, True, export_t,
                 end_min=U(2026, 10, 19, 0, 0), end_max=U(2026, 11, 8, 22, 30), sub_min=U(2026, 10, 15, 0, 0))
    cl.add_nodes("gpu", 16, 3, 64, 512 * 1024, {"a100": 4}, ["gpu"])
    cl.add_nodes("hgx", 4, 2, 112, 2048 * 1024, {"h100": 8}, ["gpu-h100"])
    cl.add_nodes("mig", 2, 2, 64, 512 * 1024, {"1g.5gb": 4, "3g.20gb": 8}, ["mig"])
    cl.add_nodes("cpu", 44, 3, 64, 256 * 1024, {}, ["cpu"])
    cl.add_nodes("cpu", 4, 3, 64, 256 * 1024, {}, ["cpu", "interactive"], first=45)
    cl.add_nodes("leg", 2, 2, 32, 192 * 1024, {"v100": 4}, ["legacy"])
    cl.uids = {"anna": 21001, "bjoern": 21002, "chen": 21003, "dmitri": 21004, "elif": 21005,
               "fatima": 21006, "gustav": 21007}
    cl.first_id = 40612
    cl.pins = {}
    return cl


def make_bayou():
    export_t = L(CHICAGO, 2026, 11, 9, 1, 0, 0)
    cl = Cluster("bayou", CHICAGO, BAYOU_FIELDS, False, export_t,
                 end_min=U(2026, 10, 19, 5, 0), end_max=U(2026, 11, 8, 23, 0), sub_min=U(2026, 10, 16, 0, 0))
    dgx = cl.add_nodes("dgx", 8, 2, 128, 2048 * 1024, {"a100_80": 8}, ["dgx", "short"])
    l40 = cl.add_nodes("l40s", 6, 2, 64, 512 * 1024, {"l40s": 4}, ["l40s", "short"])
    tx = cl.add_nodes("tx", 4, 2, 128, 2048 * 1024, {"a100_80": 8}, ["dgx", "short"])
    # l40s06 carries one old board that gres.conf names gtx1080 (the unknown-type quirk)
    cl.nodes["l40s06"].gres = {"l40s": 3, "gtx1080": 1}
    cl.uids = {"gwen": 30101, "hiro": 30102, "ines": 30103, "jamal": 30104, "kofi": 30105}
    cl.first_id = 8437
    return cl


def new_unit(cl, submit, n_ids=1, pin=None, label=""):
    u = Unit(submit, n_ids, pin, label)
    cl.units.append(u)
    return u


def add_fixed(cl, rng, job, start, nodes=None, submit_delay=None):
    """A planted job with a fixed start time (and optionally fixed nodes)."""
    job.start = start
    job.submit = start - (submit_delay if submit_delay is not None else rng.randint(20, 1800))
    if job.running:
        res = try_place(cl, job, start, rng, forced=nodes, fixed=True, run_until=cl.export_t + 30 * 86400)
    else:
        res = try_place(cl, job, start, rng, forced=nodes, fixed=True)
    job.nodes = res[1]
    if not job.running:
        job.end = job.start + job.dur
    return job


def accept(cl, job, rng, unit=None, check_window=True):
    finish_job(cl, job, rng, cl.uids)
    if check_window and job.end is not None and not (cl.end_min <= job.end <= cl.end_max):
        raise RuntimeError("planted job ends outside the period: %s %s" % (cl.name, job.name))
    if not job.allow_ambiguous and has_ambiguous_time(cl, job):
        raise RuntimeError("planted job has an ambiguous local time: %s %s" % (cl.name, job.name))
    if job.nodes and not job.cancelled_before_start:
        commit(cl, job)
    if unit is None:
        unit = new_unit(cl, job.submit)
    unit.jobs.append(job)
    job.unit = unit
    cl.jobs.append(job)
    return job


def schedule_job(cl, rng, job, earliest, forced=None, min_start=None):
    res = try_place(cl, job, earliest, rng, forced=forced, min_start=min_start)
    if res is None:
        raise RuntimeError("cannot place %s" % job.name)
    job.start, job.nodes = res
    job.end = job.start + job.dur
    return job


def gpu_job(cl, user, account, partition, name, gtype, n_per_node, nnodes=1, cpg=16, mpg_gb=96, **kw):
    j = Job(user=user, account=account, partition=partition, name=name, nnodes=nnodes,
            cpn=cpg * n_per_node, mpn=int(mpg_gb * 1024 * n_per_node), gpn={gtype: n_per_node}, **kw)
    return j


def cpu_job(user, account, partition, name, cpus, mem_mb, **kw):
    j = Job(user=user, account=account, partition=partition, name=name, cpn=cpus, mpn=mem_mb, gpn={},
            gres_style="none", **kw)
    return j


# ---- array helpers

def place_array(cl, rng, unit, tasks, throttle, first_earliest):
    """Place array tasks in order; at most `throttle` run at once. Returns the jobs."""
    ends = []
    prev_start = first_earliest
    for j in tasks:
        earliest = max(prev_start, first_earliest)
        if len(ends) >= throttle:
            earliest = max(earliest, sorted(ends)[len(ends) - throttle])
        schedule_job(cl, rng, j, earliest)
        if has_ambiguous_time(cl, j):
            schedule_job(cl, rng, j, earliest + 7200)
        prev_start = j.start
        ends.append(j.end)
        accept(cl, j, rng, unit=unit)
    return tasks


# ----------------------------------------------------------------------------------------------- alpine jobs

def plant_alpine(cl, rng):
    uid = cl.uids
    T = lambda *a, **k: L(BERLIN, *a, **k)  # noqa: E731

    # --- running at export time (all started on 2026-11-08, so only the last daily export shows them)
    for user, acct, part, name, mk, start in [
        ("anna", "vision", "gpu", "vit-l-pretrain", "gpu4", T(2026, 11, 8, 9, 41, 7)),
        ("chen", "vision", "gpu-h100", "interactive", "h100i", T(2026, 11, 8, 21, 3, 55)),
        ("gustav", "bio", "cpu", "gatk-joint-call", "cpu32", T(2026, 11, 8, 14, 22, 30)),
    ]:
        if mk == "gpu4":
            j = gpu_job(cl, user, acct, part, name, "a100", 4, cpg=16, mpg_gb=120, style="batch")
        elif mk == "h100i":
            j = gpu_job(cl, user, acct, part, name, "h100", 1, cpg=14, mpg_gb=120, style="interactive",
                        step_names=("python",))
        else:
            j = cpu_job(user, acct, part, name, 32, 32 * 4000, style="batch")
        j.running = True
        j.state = "RUNNING"
        add_fixed(cl, rng, j, start)
        j.tags.append("running")
        accept(cl, j, rng, check_window=False)

    # --- pending at export time (submitted on 2026-11-08)
    for user, acct, part, name, kind, sub in [
        ("bjoern", "nlp", "gpu", "mt5-xl-finetune", ("a100", 4, 16, 120), T(2026, 11, 8, 16, 12, 44)),
        ("dmitri", "nlp", "gpu-h100", "llama-70b-sft", ("h100", 8, 14, 240), T(2026, 11, 8, 19, 58, 2)),
        ("elif", "climate", "cpu", "cmip6-regrid", None, T(2026, 11, 8, 22, 47, 31)),
    ]:
        if kind:
            j = gpu_job(cl, user, acct, part, name, kind[0], kind[1], cpg=kind[2], mpg_gb=kind[3])
        else:
            j = cpu_job(user, acct, part, name, 64, 250 * 1024)
        j.pending = True
        j.state = "PENDING"
        j.submit = sub
        j.tags.append("pending")
        accept(cl, j, rng, check_window=False)

    # --- DST (Europe/Berlin falls back 2026-10-25 03:00 CEST -> 02:00 CET; 01:00 UTC)
    # D1 starts inside the repeated hour, first occurrence (CEST)
    j = cpu_job("elif", "climate", "cpu", "era5-regrid", 32, 128 * 1024, style="batch", cpu_eff=0.83)
    j.dur = 3 * 3600 + 12 * 60 + 27
    j.allow_ambiguous = True
    add_fixed(cl, rng, j, T(2026, 10, 25, 2, 30, 0, fold=0), submit_delay=8 * 60 + 20)
    j.tags += ["dst_cross", "dst_start_in_repeated_hour_first"]
    accept(cl, j, rng)
    # D2 GPU job across the night
    j = gpu_job(cl, "anna", "vision", "gpu", "resnet152-ablation", "a100", 4, cpg=16, mpg_gb=120,
                style="batch", cpu_eff=0.18)
    j.dur = 14 * 3600 + 7 * 60 + 51
    add_fixed(cl, rng, j, T(2026, 10, 24, 21, 5, 12), submit_delay=2 * 3600 + 311)
    j.tags.append("dst_cross")
    accept(cl, j, rng)
    # D3 two-day CPU job
    j = cpu_job("fatima", "bio", "cpu", "orthofinder-run", 64, 240 * 1024, style="batch", cpu_eff=0.71)
    j.dur = 2 * 86400 + 5 * 3600 + 33 * 60 + 9
    add_fixed(cl, rng, j, T(2026, 10, 23, 15, 48, 2), submit_delay=41)
    j.tags.append("dst_cross")
    accept(cl, j, rng)
    # D4 ends inside the repeated hour, second occurrence (CET): End text reads like CEST
    j = cpu_job("dmitri", "nlp", "cpu", "dedup-corpus", 16, 64000, style="srun", cpu_eff=0.62,
                step_names=("python3",))
    j.dur = 3 * 3600 + 35 * 60
    j.allow_ambiguous = True
    add_fixed(cl, rng, j, T(2026, 10, 25, 0, 10, 0), submit_delay=95)
    j.tags += ["dst_cross", "dst_end_in_repeated_hour_second"]
    accept(cl, j, rng)

    # --- heterogeneous job 61000+0 (cpu) / 61000+1 (gpu)
    hs = T(2026, 11, 6, 10, 4, 33)
    u = new_unit(cl, hs - 212, 2, pin=61000, label="het")
    c0 = cpu_job("bjoern", "nlp", "cpu", "pipeline-het", 16, 64 * 1024, style="het_cpu", cpu_eff=0.4)
    c1 = gpu_job(cl, "bjoern", "nlp", "gpu", "pipeline-het", "a100", 2, cpg=16, mpg_gb=96, style="het_gpu",
                 step_names=("python",), cpu_eff=0.2)
    for off, c in enumerate((c0, c1)):
        c.het_offset = off
        c.dur = 5 * 3600 + 17 * 60 + 40
        add_fixed(cl, rng, c, hs, nodes=["cpu010"] if off == 0 else ["gpu008"], submit_delay=212)
        c.tags.append("heterogeneous")
        accept(cl, c, rng, unit=u)

    # --- quirks
    j = gpu_job(cl, "bjoern", "nlp", "gpu", "train|eval", "a100", 2, cpg=16, mpg_gb=96, style="srun2",
                step_names=("torchrun", "python"), cpu_eff=0.22)
    j.dur = 6 * 3600 + 2 * 60 + 11
    add_fixed(cl, rng, j, T(2026, 10, 28, 13, 20, 4))
    j.tags.append("pipe_in_jobname")
    accept(cl, j, rng)

    j = gpu_job(cl, "fatima", "bio", "legacy", "v100-infer-old", "v100", 1, cpg=8, mpg_gb=40, style="batch",
                cpu_eff=0.3, billing_factor=1)
    j.no_gpu_usage = True
    j.dur = 2 * 3600 + 44 * 60 + 5
    add_fixed(cl, rng, j, T(2026, 10, 21, 11, 2, 40), nodes=["leg01"])
    j.tags += ["unknown_partition", "no_gpu_usage"]
    accept(cl, j, rng)

    j = gpu_job(cl, "dmitri", "nlp", "gpu", "seq2seq-debug", "a100", 2, cpg=8, mpg_gb=64, style="batch",
                gres_style="untyped", cpu_eff=0.15)
    j.dur = 47 * 60 + 12
    add_fixed(cl, rng, j, T(2026, 11, 3, 15, 30, 51))
    j.tags += ["untyped_gpu_only", "planted_untyped_gres_gpu_2"]
    accept(cl, j, rng)

    j = gpu_job(cl, "elif", "climate", "gpu", "fourcastnet-eval", "a100", 1, cpg=16, mpg_gb=64,
                style="batch", gres_style="untyped", cpu_eff=0.25)
    j.dur = 1 * 3600 + 9 * 60 + 2
    add_fixed(cl, rng, j, T(2026, 10, 30, 9, 12, 9))
    j.tags.append("untyped_gpu_only")
    accept(cl, j, rng)

    j = gpu_job(cl, "anna", "vision", "gpu", "detr-coco", "a100", 4, cpg=16, mpg_gb=120, style="batch",
                gres_style="typed", cpu_eff=0.2)
    j.dur = 9 * 3600 + 51 * 60 + 30
    add_fixed(cl, rng, j, T(2026, 11, 2, 8, 57, 13))
    j.tags.append("typed_gpu_only")
    accept(cl, j, rng)

    j = gpu_job(cl, "elif", "climate", "gpu", "graphcast-ft", "a100", 4, cpg=16, mpg_gb=120, style="batch",
                cpu_eff=0.2, restarts=1)
    j.dur = 7 * 3600 + 3 * 60 + 18
    add_fixed(cl, rng, j, T(2026, 10, 29, 11, 16, 0), submit_delay=3 * 3600 + 1500)
    j.tags.append("requeued")
    accept(cl, j, rng)

    j = cpu_job("fatima", "bio", "cpu", "spades-assembly", 32, 180 * 1024, style="batch", cpu_eff=0.55,
                state="OUT_OF_MEMORY")
    j.dur = 2 * 3600 + 18 * 60 + 44
    add_fixed(cl, rng, j, T(2026, 10, 26, 17, 2, 11))
    accept(cl, j, rng)

    j = gpu_job(cl, "dmitri", "nlp", "gpu", "t5-distill", "a100", 4, nnodes=2, cpg=16, mpg_gb=96, style="srun",
                step_names=("torchrun",), cpu_eff=0.2, state="NODE_FAIL")
    j.dur = 11 * 3600 + 26 * 60 + 17
    add_fixed(cl, rng, j, T(2026, 11, 4, 20, 40, 3), nodes=["gpu013", "gpu014"])
    j.tags.append("multi_node")
    accept(cl, j, rng)

    j = gpu_job(cl, "bjoern", "nlp", "gpu-h100", "sweep-launcher-test", "h100", 2, cpg=14, mpg_gb=120,
                state="CANCELLED", requid=uid["bjoern"])
    j.cancelled_before_start = True
    j.submit = T(2026, 10, 27, 10, 11, 9)
    j.start = j.end = j.submit + 26 * 60 + 41
    j.dur = 0
    j.tags.append("cancelled_before_start")
    accept(cl, j, rng)

    j = cpu_job("gustav", "bio", "cpu", "raxml-ng-bootstrap", 64, 96 * 1024, style="batch", cpu_eff=0.93,
                state="TIMEOUT")
    j.dur = 3 * 86400 + 42
    add_fixed(cl, rng, j, T(2026, 10, 31, 7, 12, 28))
    j.tags.append("timeout_at_3_days")
    accept(cl, j, rng)

    # submitted just before midnight, runs into the next day: the last job of the 10-30 export, where that
    # export is cut off mid-line (its complete rows are in the 10-31 export)
    j = cpu_job("gustav", "bio", "cpu", "checksum-archive", 8, 32000, style="batch", cpu_eff=0.4)
    j.dur = 2 * 3600 + 51 * 60 + 7
    add_fixed(cl, rng, j, T(2026, 10, 30, 23, 54, 40), submit_delay=31)
    j.tags.append("cut_in_truncated_export")
    accept(cl, j, rng)

    # a quiet Saturday (2026-11-07)
    j = cpu_job("gustav", "bio", "cpu", "busco-batch", 16, 64000, style="batch", cpu_eff=0.88)
    j.dur = 5 * 3600 + 31 * 60 + 56
    add_fixed(cl, rng, j, T(2026, 11, 6, 22, 40, 9))
    accept(cl, j, rng)
    j = gpu_job(cl, "chen", "vision", "gpu-h100", "vit-h-finetune", "h100", 4, cpg=14, mpg_gb=240, style="batch",
                cpu_eff=0.17, billing_factor=2)
    j.dur = 6 * 3600 + 8 * 60 + 20
    add_fixed(cl, rng, j, T(2026, 11, 7, 10, 12, 44))
    accept(cl, j, rng)
    j = gpu_job(cl, "anna", "vision", "gpu", "interactive", "a100", 1, cpg=8, mpg_gb=64, style="interactive",
                step_names=("python",), cpu_eff=0.05)
    j.dur = 1 * 3600 + 20 * 60 + 37
    add_fixed(cl, rng, j, T(2026, 11, 7, 15, 2, 18))
    accept(cl, j, rng)

    # NAS decoy: mentions the sweep but does not match ^nas:
    j = gpu_job(cl, "chen", "vision", "gpu-h100", "resnet-baseline", "h100", 1, cpg=14, mpg_gb=120,
                style="batch", comment="baseline for nas:evo-cell-v2", cpu_eff=0.2)
    j.dur = 4 * 3600 + 1 * 60 + 7
    add_fixed(cl, rng, j, T(2026, 10, 26, 10, 3, 15))
    j.tags.append("sweep_rule_decoy")
    accept(cl, j, rng)

    # --- multi-node planted hostlists
    j = gpu_job(cl, "dmitri", "nlp", "gpu", "bert-large-pretrain", "a100", 4, nnodes=3, cpg=16, mpg_gb=120,
                style="srun", step_names=("torchrun",), cpu_eff=0.21)
    j.dur = 20 * 3600 + 14 * 60 + 51
    add_fixed(cl, rng, j, T(2026, 10, 21, 18, 30, 12), nodes=["gpu003", "gpu004", "gpu011"])
    j.tags.append("multi_node")
    accept(cl, j, rng)

    j = gpu_job(cl, "elif", "climate", "gpu-h100", "climax-finetune", "h100", 8, nnodes=2, cpg=14, mpg_gb=240,
                style="srun", step_names=("torchrun",), cpu_eff=0.18, billing_factor=2)
    j.dur = 10 * 3600 + 2 * 60 + 34
    add_fixed(cl, rng, j, T(2026, 11, 5, 7, 50, 0), nodes=["hgx01", "hgx02"])
    j.tags.append("multi_node")
    accept(cl, j, rng)

    # --- MIG
    mig_specs = [("fatima", "bio", "1g.5gb", 1, "esm-embed", "batch"),
                 ("fatima", "bio", "3g.20gb", 2, "alphafold-lite", "batch"),
                 ("bjoern", "nlp", "1g.5gb", 1, "interactive", "interactive"),
                 ("elif", "climate", "3g.20gb", 1, "unet-infer", "batch"),
                 ("gustav", "bio", "1g.5gb", 1, "interactive", "interactive"),
                 ("fatima", "bio", "3g.20gb", 2, "alphafold-lite", "batch"),
                 ("bjoern", "nlp", "1g.5gb", 1, "tokenizer-bench", "batch"),
                 ("elif", "climate", "3g.20gb", 1, "unet-infer", "batch"),
                 ("fatima", "bio", "1g.5gb", 1, "esm-embed", "batch"),
                 ("gustav", "bio", "3g.20gb", 1, "interactive", "interactive"),
                 ("bjoern", "nlp", "3g.20gb", 2, "sentencepiece-train", "batch"),
                 ("elif", "climate", "1g.5gb", 1, "jupyter", "interactive")]
    for k, (user, acct, gt, n, name, style) in enumerate(mig_specs):
        cpg = 4 if gt == "1g.5gb" else 8
        j = gpu_job(cl, user, acct, "mig", name, gt, n, cpg=cpg, mpg_gb=16 if gt == "1g.5gb" else 60,
                    style=style, step_names=("python",), cpu_eff=0.3)
        j.no_gpu_usage = True
        j.state = pick_state(rng, [("COMPLETED", 0.8), ("FAILED", 0.12), ("CANCELLED", 0.08)])
        nat = lognorm(rng, 3000, 1.0, 300, 12 * 3600)
        j.dur = apply_state_duration(rng, j, nat, [3600 * 4])
        sub = diurnal_time(rng, BERLIN, U(2026, 10, 19, 6) + k * 36 * 3600, U(2026, 10, 19, 6) + (k + 1) * 36 * 3600)
        j.submit = sub
        schedule_job(cl, rng, j, sub + rng.randint(5, 600))
        while has_ambiguous_time(cl, j):
            schedule_job(cl, rng, j, j.start + 7200)
        j.tags += ["mig", "no_gpu_usage"]
        accept(cl, j, rng)


def alpine_sweeps(cl, rng):
    T = lambda *a, **k: L(BERLIN, *a, **k)  # noqa: E731
    sweeps = []

    # --- job array 41000_[0-31]: anna/vision resnet-hpo, 1x a100 each, 3 FAILED, 1 TIMEOUT
    sub = T(2026, 10, 20, 9, 12, 37)
    unit = new_unit(cl, sub, 32, pin=41000, label="array")
    states = ["COMPLETED"] * 32
    for k in (5, 17, 26):
        states[k] = "FAILED"
    states[11] = "TIMEOUT"
    tasks = []
    for k in range(32):
        j = gpu_job(cl, "anna", "vision", "gpu", "resnet-hpo", "a100", 1, cpg=16, mpg_gb=96, style="batch",
                    cpu_eff=rng.uniform(0.12, 0.3), state=states[k])
        j.task = k
        j.array_n = 32
        j.submit = sub
        nat = lognorm(rng, 2.6 * 3600, 0.3, 5400, 3.9 * 3600)
        if states[k] == "TIMEOUT":
            j.dur = 4 * 3600 + rng.randint(25, 70)
        elif states[k] == "FAILED":
            j.dur = rng.randint(90, 1500)
        else:
            j.dur = nat
        j.tags.append("array_task")
        tasks.append(j)
    place_array(cl, rng, unit, tasks, throttle=8, first_earliest=sub + 14)
    sweeps.append(dict(kind="hpo", source="array", unit=unit, name="resnet-hpo"))

    # final training after the sweep: 8x a100 on gpu[005-006]
    j = gpu_job(cl, "anna", "vision", "gpu", "resnet-final", "a100", 4, nnodes=2, cpg=16, mpg_gb=120,
                style="srun", step_names=("torchrun",), cpu_eff=0.24)
    j.dur = 1 * 86400 + 14 * 3600 + 22 * 60 + 5
    last_end = max(t.end for t in tasks)
    j.submit = last_end + 3 * 3600 + 1213
    schedule_job(cl, rng, j, j.submit + 30, forced=["gpu005", "gpu006"])
    j.tags += ["final_training", "multi_node"]
    accept(cl, j, rng)

    # --- NAS sweep: 24 separate jobs by chen, Comment nas:evo-cell-v2, 1x h100 each
    t = T(2026, 10, 27, 9, 30, 0)
    nas_fail = {4, 13, 19}
    slots = []  # a controller keeps 4 trials in flight
    nas_jobs = []
    for k in range(24):
        if len(slots) >= 4:
            slots.sort()
            t = max(t, slots.pop(0) + rng.randint(20, 300))
        j = gpu_job(cl, "chen", "vision", "gpu-h100", "nas-trial-%02d" % k, "h100", 1, cpg=14, mpg_gb=120,
                    style="batch", comment="nas:evo-cell-v2", cpu_eff=rng.uniform(0.1, 0.25),
                    state="FAILED" if k in nas_fail else "COMPLETED", billing_factor=2)
        j.dur = rng.randint(300, 2400) if k in nas_fail else lognorm(rng, 3.5 * 3600, 0.35, 2 * 3600, 6.5 * 3600)
        j.submit = t + rng.randint(0, 40)
        schedule_job(cl, rng, j, j.submit + rng.randint(3, 60))
        if has_ambiguous_time(cl, j):
            schedule_job(cl, rng, j, j.submit + 7200)
        slots.append(j.end)
        j.tags.append("nas_trial")
        accept(cl, j, rng)
        nas_jobs.append(j)
    sweeps.append(dict(kind="nas", source="rule:nas", jobs=nas_jobs, name="evo-cell-v2"))

    j = gpu_job(cl, "chen", "vision", "gpu-h100", "nas-final-evo", "h100", 8, cpg=14, mpg_gb=240, style="batch",
                cpu_eff=0.16, billing_factor=2)
    j.dur = 1 * 86400 + 19 * 3600 + 4 * 60 + 48
    j.submit = max(x.end for x in nas_jobs) + 5 * 3600 + 77
    schedule_job(cl, rng, j, j.submit + 12, forced=["hgx03"])
    j.tags.append("final_training")
    accept(cl, j, rng)

    # --- array with a not-yet-started range at export time: elif/climate, 12 of 32 tasks ran on 11-08
    sub = T(2026, 11, 8, 13, 5, 19)
    unit = new_unit(cl, sub, 13, label="array_partial")
    tasks = []
    for k in range(12):
        j = gpu_job(cl, "elif", "climate", "gpu", "unet-downscale", "a100", 1, cpg=8, mpg_gb=64, style="batch",
                    cpu_eff=rng.uniform(0.15, 0.3), state="FAILED" if k == 7 else "COMPLETED")
        j.task = k
        j.array_n = 32
        j.array_partial = True
        j.submit = sub
        j.dur = rng.randint(600, 1100) if k == 7 else lognorm(rng, 45 * 60, 0.25, 25 * 60, 70 * 60)
        j.tags.append("array_task")
        tasks.append(j)
    place_array(cl, rng, unit, tasks, throttle=4, first_earliest=sub + 9)
    pend = gpu_job(cl, "elif", "climate", "gpu", "unet-downscale", "a100", 1, cpg=8, mpg_gb=64)
    pend.pending = True
    pend.state = "PENDING"
    pend.submit = sub
    pend.pending_range = "[12-31%4]"
    pend.tags.append("pending_array_range")
    finish_job(cl, pend, rng, cl.uids)
    unit.jobs.append(pend)
    pend.unit = unit
    cl.jobs.append(pend)
    sweeps.append(dict(kind="hpo", source="array", unit=unit, name="unet-downscale"))
    return sweeps


ALPINE_GPU_NAMES = ["train-resnet50", "finetune-bert", "vit-small", "eval-ckpt", "llama-lora", "diffusion-sample",
                    "swin-seg", "whisper-ft", "clip-retrieval", "ddp-test", "stylegan3", "roberta-ner",
                    "unet3d-ct", "wav2vec-ft", "mae-pretrain"]
ALPINE_CPU_NAMES = {"bio": ["blast-chunk", "gatk-hc", "salmon-quant", "snakemake", "bwa-mem", "samtools-sort"],
                    "climate": ["cdo-remap", "wrf-post", "icon-postproc", "xarray-agg", "nco-merge"],
                    "nlp": ["tokenize-shard", "dedup-minhash", "preprocess", "build-index"],
                    "vision": ["extract-frames", "resize-imagenet", "make-lmdb"]}
ALPINE_USERS = {"anna": "vision", "bjoern": "nlp", "chen": "vision", "dmitri": "nlp", "elif": "climate",
                "fatima": "bio", "gustav": "bio"}


def background(cl, rng, n_target, make_spec, state_probs, timelimits):
    """Random jobs submitted through the period; each is placed FIFO after the planted ones."""
    cands = []
    while len(cands) < n_target:
        j, nat = make_spec(rng)
        j.state = pick_state(rng, state_probs)
        j.dur = apply_state_duration(rng, j, nat, timelimits)
        lo = max(cl.sub_min, cl.end_min - j.dur - 3 * 3600)
        hi = cl.end_max - j.dur - 600
        if hi <= lo:
            continue
        j.submit = diurnal_time(rng, cl.tz, lo, hi)
        delay = lognorm(rng, 100 if not j.gpn else 400, 1.8, 2, 6 * 3600)
        j.earliest = j.submit + delay
        cands.append(j)
    cands.sort(key=lambda x: x.submit)
    accepted = 0
    for j in cands:
        res = try_place(cl, j, j.earliest, rng)
        if res is None:
            continue
        j.start, j.nodes = res
        j.end = j.start + j.dur
        if not (cl.end_min <= j.end <= cl.end_max):
            continue
        finish_job(cl, j, rng, cl.uids)
        if has_ambiguous_time(cl, j):
            continue
        commit(cl, j)
        u = new_unit(cl, j.submit)
        u.jobs.append(j)
        j.unit = u
        cl.jobs.append(j)
        accepted += 1
    return accepted


def alpine_spec(rng):
    r = rng.random()
    if r < 0.44:  # CPU batch
        user = rng.choice(["fatima", "gustav", "elif", "dmitri", "fatima", "gustav", "elif", "bjoern"])
        acct = ALPINE_USERS[user]
        cpus = rng.choice([1, 2, 4, 8, 8, 16, 16, 32, 64])
        mem = cpus * 4000 if rng.random() < 0.5 else rng.choice([8, 16, 32, 64, 128]) * 1024
        mem = min(mem, 250 * 1024)
        j = cpu_job(user, acct, "cpu", rng.choice(ALPINE_CPU_NAMES[acct]), cpus, mem,
                    style="batch" if rng.random() < 0.8 else "srun", step_names=(rng.choice(["Rscript", "python3", "bash"]),),
                    cpu_eff=rng.uniform(0.35, 0.98))
        nat = lognorm(rng, 50 * 60, 1.6, 40, 2.9 * 86400)
        return j, nat
    if r < 0.52:  # interactive CPU
        user = rng.choice(["fatima", "gustav", "elif", "bjoern"])
        j = cpu_job(user, ALPINE_USERS[user], "interactive", "interactive", rng.choice([1, 2, 4, 8]),
                    rng.choice([4, 8, 16]) * 1024, style="interactive", cpu_eff=rng.uniform(0.01, 0.3))
        return j, lognorm(rng, 70 * 60, 0.8, 120, 8 * 3600)
    if r < 0.86:  # A100
        user = rng.choice(["anna", "bjoern", "chen", "dmitri", "elif", "anna", "bjoern", "dmitri"])
        n = rng.choice([1, 1, 1, 2, 2, 4, 4])
        inter = rng.random() < 0.12
        j = gpu_job(None, user, ALPINE_USERS[user], "gpu", "interactive" if inter else rng.choice(ALPINE_GPU_NAMES),
                    "a100", n, cpg=rng.choice([4, 8, 16]), mpg_gb=rng.choice([32, 64, 96, 120]),
                    style="interactive" if inter else ("srun" if rng.random() < 0.3 else "batch"),
                    step_names=(rng.choice(["python", "torchrun"]),), cpu_eff=rng.uniform(0.05, 0.35))
        return j, lognorm(rng, 2 * 3600, 1.2, 120, 2 * 86400)
    # H100
    user = rng.choice(["chen", "elif", "dmitri", "anna"])
    n = rng.choice([1, 2, 4, 8])
    j = gpu_job(None, user, ALPINE_USERS[user], "gpu-h100", rng.choice(ALPINE_GPU_NAMES), "h100", n, cpg=14,
                mpg_gb=rng.choice([120, 240]), style="batch" if rng.random() < 0.7 else "srun",
                step_names=("torchrun",), cpu_eff=rng.uniform(0.05, 0.3), billing_factor=2)
    return j, lognorm(rng, 3 * 3600, 1.1, 300, 2 * 86400)


# ----------------------------------------------------------------------------------------------- bayou jobs

BAYOU_USERS = {"gwen": "nlp", "hiro": "rl", "ines": "genomics", "jamal": "nlp", "kofi": "genomics"}


def plant_bayou(cl, rng):
    uid = cl.uids
    T = lambda *a, **k: L(CHICAGO, *a, **k)  # noqa: E731

    # --- running at export (started after 11-03, so only in week 45)
    j = gpu_job(cl, "jamal", "nlp", "dgx", "mixtral-sft", "a100_80", 8, cpg=16, mpg_gb=240, style="srun",
                step_names=("torchrun",), billing_factor=1)
    j.running, j.state = True, "RUNNING"
    add_fixed(cl, rng, j, T(2026, 11, 7, 22, 14, 5), nodes=["dgx07"])
    j.tags.append("running")
    accept(cl, j, rng, check_window=False)
    j = cpu_job("ines", "genomics", "short", "fastp-batch", 16, 64000, style="batch")
    j.running, j.state = True, "RUNNING"
    add_fixed(cl, rng, j, T(2026, 11, 8, 23, 12, 40))
    j.tags.append("running")
    accept(cl, j, rng, check_window=False)
    j = gpu_job(cl, "kofi", "genomics", "l40s", "interactive", "l40s", 1, cpg=16, mpg_gb=60, style="interactive",
                step_names=("python",))
    j.running, j.state = True, "RUNNING"
    add_fixed(cl, rng, j, T(2026, 11, 8, 19, 40, 0))
    j.tags.append("running")
    accept(cl, j, rng, check_window=False)

    # --- pending at export (submitted after 11-03)
    for user, part, name, gt, n, cpg, mg, sub in [
        ("gwen", "dgx", "llm-ft-16g", "a100_80", 8, 16, 240, T(2026, 11, 8, 15, 2, 10)),
        ("hiro", "dgx", "ppo-large", "a100_80", 8, 16, 200, T(2026, 11, 8, 21, 44, 51)),
        ("jamal", "l40s", "eval-harness", "l40s", 4, 16, 120, T(2026, 11, 8, 23, 31, 7)),
    ]:
        j = gpu_job(cl, user, BAYOU_USERS[user], part, name, gt, n, cpg=cpg, mpg_gb=mg)
        if name == "llm-ft-16g":
            j.nnodes = 2
        j.pending, j.state, j.submit = True, "PENDING", sub
        j.tags.append("pending")
        accept(cl, j, rng, check_window=False)

    # --- DST (America/Chicago falls back 2026-11-01 02:00 CDT -> 01:00 CST; 07:00 UTC)
    j = gpu_job(cl, "hiro", "rl", "l40s", "dreamer-v3", "l40s", 2, cpg=16, mpg_gb=60, style="batch", cpu_eff=0.3)
    j.dur = 4 * 3600 + 40 * 60
    j.allow_ambiguous = True
    add_fixed(cl, rng, j, T(2026, 11, 1, 1, 20, 0, fold=0), submit_delay=15 * 60 + 3, nodes=["l40s02"])
    j.tags += ["dst_cross", "dst_start_in_repeated_hour_first"]
    accept(cl, j, rng)

    j = gpu_job(cl, "jamal", "nlp", "dgx", "gpt-neox-20b", "a100_80", 8, nnodes=3, cpg=16, mpg_gb=240,
                style="srun", step_names=("torchrun",), cpu_eff=0.2)
    j.dur = 22 * 3600 + 30 * 60 + 13
    add_fixed(cl, rng, j, T(2026, 10, 31, 18, 0, 4), nodes=["dgx02", "dgx05", "dgx06"])
    j.tags += ["dst_cross", "multi_node"]
    accept(cl, j, rng)

    # --- quirks
    j = gpu_job(cl, "kofi", "genomics", "l40s", "deepvariant-old", "gtx1080", 1, cpg=8, mpg_gb=32,
                style="batch", cpu_eff=0.4)
    j.no_gpu_usage = True
    j.dur = 1 * 3600 + 55 * 60 + 40
    add_fixed(cl, rng, j, T(2026, 10, 22, 14, 3, 30), nodes=["l40s06"])
    j.tags += ["unknown_gpu_type", "no_gpu_usage"]
    accept(cl, j, rng)

    j = cpu_job("ines", "genomics", "short", "vcf-merge", 8, 32 * 1024, style="batch", comment="note: a|b",
                cpu_eff=0.6)
    j.dur = 38 * 60 + 12
    add_fixed(cl, rng, j, T(2026, 10, 29, 10, 44, 2))
    j.tags.append("pipe_in_comment")
    accept(cl, j, rng)

    j = gpu_job(cl, "ines", "genomics", "l40s", "scvi-train", "l40s", 1, cpg=16, mpg_gb=60, style="batch",
                gres_style="untyped", cpu_eff=0.3)
    j.dur = 2 * 3600 + 5 * 60 + 9
    add_fixed(cl, rng, j, T(2026, 11, 4, 9, 20, 47), nodes=["l40s03"])
    j.tags.append("untyped_gpu_only")
    accept(cl, j, rng)

    j = gpu_job(cl, "gwen", "nlp", "dgx", "reward-model", "a100_80", 2, cpg=16, mpg_gb=120, style="batch",
                gres_style="typed", cpu_eff=0.2)
    j.dur = 6 * 3600 + 12 * 60 + 4
    add_fixed(cl, rng, j, T(2026, 10, 27, 8, 50, 19))
    j.tags.append("typed_gpu_only")
    accept(cl, j, rng)

    j = cpu_job("ines", "genomics", "short", "star-align", 32, 64 * 1024, style="batch", cpu_eff=0.7,
                state="OUT_OF_MEMORY")
    j.dur = 52 * 60 + 3
    add_fixed(cl, rng, j, T(2026, 10, 23, 16, 31, 0))
    accept(cl, j, rng)

    j = gpu_job(cl, "kofi", "genomics", "l40s", "enformer-ft", "l40s", 4, cpg=16, mpg_gb=120, style="batch",
                cpu_eff=0.2, state="PREEMPTED")
    j.dur = 3 * 3600 + 2 * 60 + 55
    add_fixed(cl, rng, j, T(2026, 11, 5, 13, 0, 8))
    accept(cl, j, rng)

    j = gpu_job(cl, "jamal", "nlp", "dgx", "dpo-7b", "a100_80", 4, cpg=16, mpg_gb=200, style="batch",
                cpu_eff=0.2, restarts=1)
    j.dur = 9 * 3600 + 47 * 60 + 10
    add_fixed(cl, rng, j, T(2026, 10, 24, 3, 12, 40), submit_delay=4 * 3600 + 913)
    j.tags.append("requeued")
    accept(cl, j, rng)

    j = cpu_job("kofi", "genomics", "short", "multiqc", 4, 16000, state="CANCELLED", requid=uid["kofi"])
    j.cancelled_before_start = True
    j.submit = T(2026, 11, 2, 15, 40, 2)
    j.start = j.end = j.submit + 4 * 60 + 13
    j.tags.append("cancelled_before_start")
    accept(cl, j, rng)

    j = gpu_job(cl, "gwen", "nlp", "dgx", "llm-pretrain-1b", "a100_80", 8, cpg=16, mpg_gb=240, style="batch",
                cpu_eff=0.18, state="TIMEOUT")
    j.dur = 86400 + 51
    add_fixed(cl, rng, j, T(2026, 10, 19, 22, 5, 11))
    accept(cl, j, rng)

    # --- Texas rack (node_regions -> US-TEX-ERCO): final run of hiro
    j = gpu_job(cl, "hiro", "rl", "dgx", "ppo-final", "a100_80", 8, cpg=16, mpg_gb=200, style="batch", cpu_eff=0.35)
    j.dur = 1 * 86400 + 4 * 3600 + 40 * 60 + 2
    add_fixed(cl, rng, j, T(2026, 11, 3, 10, 22, 0), nodes=["tx01"])
    j.tags.append("final_training")
    accept(cl, j, rng)


def bayou_sweeps(cl, rng):
    T = lambda *a, **k: L(CHICAGO, *a, **k)  # noqa: E731
    sweeps = []
    sub = T(2026, 10, 22, 11, 40, 8)
    unit = new_unit(cl, sub, 20, pin=8800, label="array")
    tasks = []
    for k in range(20):
        st = "FAILED" if k in (6, 15) else "COMPLETED"
        j = gpu_job(cl, "gwen", "nlp", "dgx", "llm-lr-sweep", "a100_80", 2, cpg=16, mpg_gb=120, style="batch",
                    cpu_eff=rng.uniform(0.1, 0.3), state=st)
        j.task = k
        j.array_n = 20
        j.submit = sub
        j.dur = rng.randint(200, 2400) if st == "FAILED" else lognorm(rng, 5 * 3600, 0.3, 3 * 3600, 8 * 3600)
        j.tags.append("array_task")
        tasks.append(j)
    place_array(cl, rng, unit, tasks, throttle=4, first_earliest=sub + 30)
    sweeps.append(dict(kind="hpo", source="array", unit=unit, name="llm-lr-sweep"))

    j = gpu_job(cl, "gwen", "nlp", "dgx", "llm-ft-final", "a100_80", 8, cpg=16, mpg_gb=240, style="batch",
                cpu_eff=0.2)
    j.dur = 1 * 86400 + 11 * 3600 + 3 * 60 + 30
    j.submit = max(t.end for t in tasks) + 2 * 3600 + 644
    schedule_job(cl, rng, j, j.submit + 20, forced=["dgx04"])
    j.tags.append("final_training")
    accept(cl, j, rng)

    # --- WCKey rule sweep: 6 jobs hpo-rl-ppo by hiro/rl
    t = T(2026, 10, 28, 9, 15, 0)
    wk = []
    for k in range(6):
        j = gpu_job(cl, "hiro", "rl", "l40s", "ppo-hpo-%d" % k, "l40s", 2, cpg=16, mpg_gb=60, style="batch",
                    wckey="hpo-rl-ppo", cpu_eff=rng.uniform(0.3, 0.6), state="FAILED" if k == 3 else "COMPLETED")
        j.dur = rng.randint(400, 900) if k == 3 else lognorm(rng, 3 * 3600, 0.3, 2 * 3600, 5 * 3600)
        j.submit = t + k * 17 + rng.randint(0, 5)
        schedule_job(cl, rng, j, j.submit + rng.randint(5, 60))
        j.tags.append("wckey_trial")
        accept(cl, j, rng)
        wk.append(j)
    sweeps.append(dict(kind="hpo", source="rule:hpo", jobs=wk, name="rl-ppo"))

    # WCKey decoy: 'hpo' alone does not match ^hpo-(...)$
    j = cpu_job("kofi", "rl", "short", "env-rollouts", 16, 32 * 1024, style="batch", wckey="hpo", cpu_eff=0.8)
    j.dur = 41 * 60 + 19
    add_fixed(cl, rng, j, T(2026, 10, 30, 14, 2, 0))
    j.tags.append("sweep_rule_decoy")
    accept(cl, j, rng)
    return sweeps


BAYOU_GPU_NAMES = ["llm-eval", "sft-7b", "lora-13b", "rm-train", "ppo-atari", "sac-mujoco", "dreamer-dmc",
                   "scgpt-ft", "esm2-embed", "dnabert-ft", "vllm-bench", "tokenizer-train"]
BAYOU_CPU_NAMES = {"genomics": ["bcftools-call", "fastqc", "bwa-index", "plink-qc", "featurecounts"],
                   "nlp": ["dedup-shard", "jsonl-filter", "tokenize"], "rl": ["env-rollouts", "eval-policy"]}


def bayou_spec(rng):
    r = rng.random()
    if r < 0.40:
        user = rng.choice(["ines", "kofi", "ines", "kofi", "jamal", "hiro"])
        acct = BAYOU_USERS[user]
        cpus = rng.choice([1, 2, 4, 8, 16, 32])
        j = cpu_job(user, acct, "short", rng.choice(BAYOU_CPU_NAMES[acct]), cpus,
                    cpus * 4000 if rng.random() < 0.6 else rng.choice([8, 16, 64]) * 1024,
                    style="batch", cpu_eff=rng.uniform(0.4, 0.97))
        return j, lognorm(rng, 25 * 60, 1.2, 20, 4 * 3600 - 300)
    if r < 0.75:
        user = rng.choice(["gwen", "jamal", "hiro", "gwen", "jamal"])
        n = rng.choice([1, 2, 2, 4, 8])
        j = gpu_job(None, user, BAYOU_USERS[user], "dgx", rng.choice(BAYOU_GPU_NAMES), "a100_80", n, cpg=16,
                    mpg_gb=rng.choice([120, 200, 240]), style="batch" if rng.random() < 0.75 else "srun",
                    step_names=("torchrun",), cpu_eff=rng.uniform(0.08, 0.3))
        return j, lognorm(rng, 3 * 3600, 1.1, 120, 2 * 86400)
    user = rng.choice(["ines", "kofi", "hiro", "kofi"])
    n = rng.choice([1, 1, 2, 4])
    inter = rng.random() < 0.15
    j = gpu_job(None, user, BAYOU_USERS[user], "l40s", "interactive" if inter else rng.choice(BAYOU_GPU_NAMES),
                "l40s", n, cpg=rng.choice([8, 16]), mpg_gb=rng.choice([32, 60, 120]),
                style="interactive" if inter else "batch", step_names=("python",), cpu_eff=rng.uniform(0.08, 0.4))
    return j, lognorm(rng, 90 * 60, 1.1, 60, 1.5 * 86400)


# ----------------------------------------------------------------------------------------------- ids

def assign_ids(cl, rng):
    units = sorted(cl.units, key=lambda u: (u.submit, u.pin or 0, u.label))
    cur = cl.first_id
    i = 0
    while i < len(units):
        j = i
        while j < len(units) and units[j].pin is None:
            j += 1
        seg = units[i:j]
        if j < len(units):
            pin = units[j]
            room = pin.pin - cur - sum(u.n_ids for u in seg)
            if room < len(seg) + 1:
                raise RuntimeError("not enough id room before pin %d" % pin.pin)
            weights = [rng.uniform(0.2, 1.8) for _ in range(len(seg) + 1)]
            gaps = [1 + int((room - len(seg) - 1) * w / sum(weights)) for w in weights]
            for u, g in zip(seg, gaps):
                cur += g
                u.base = cur
                cur += u.n_ids
            pin.base = pin.pin
            cur = pin.pin + pin.n_ids
            i = j + 1
        else:
            for u in seg:
                cur += rng.choice([1, 1, 2, 3, 5, 8, 13])
                u.base = cur
                cur += u.n_ids
            i = j
    for u in units:
        for job in u.jobs:
            if job.task is not None:
                # Slurm: tasks split off the array record get new ids in start order; the last task to
                # start keeps the array's own id
                master = u.base
                n_started = len([x for x in u.jobs if x.task is not None])
                full = not getattr(job, "array_partial", False)
                if full and job.task == n_started - 1:
                    job.jobidraw = master
                else:
                    job.jobidraw = master + 1 + job.task
                job.jobid = "%d_%d" % (master, job.task)
            elif getattr(job, "pending_range", None):
                job.jobidraw = u.base
                job.jobid = "%d_%s" % (u.base, job.pending_range)
            elif job.het_offset is not None:
                job.jobidraw = u.base + job.het_offset
                job.jobid = "%d+%d" % (u.base, job.het_offset)
            else:
                job.jobidraw = u.base
                job.jobid = str(u.base)
        if u.phantom is not None:
            u.phantom["jobidraw"] = u.base


# ----------------------------------------------------------------------------------------------- rendering

# ConsumedEnergyRaw (bayou, AcctGatherEnergyType=ipmi: whole-node joules over the job's time).
# Node draw = base (CPUs, memory, fans) + this job's boards at idle + util x (TDP - idle) + the other boards idle.
NODE_POWER = {"dgx": (650.0, 8, 55.0, 400.0), "tx": (650.0, 8, 55.0, 400.0), "l40s": (400.0, 4, 35.0, 350.0)}
MAX_NODE_POWER_W = 6000  # conf clusters.bayou.max_node_power_w


def energy_glitch(job):
    """Planted meter problems, fixed by job id so no random draw changes: a zero reading and an absurd one."""
    if job.jobidraw % 43 == 2:
        return "zero"
    if job.jobidraw % 89 == 7:
        return "absurd"
    return None


def consumed_energy(job, elapsed):
    if job.pending or job.cancelled_before_start or not job.nodes:
        return "0"
    joules = 0.0
    for node in job.nodes:
        prefix = re.match(r"[a-z]+", node).group(0)
        base, boards, idle, tdp = NODE_POWER.get(prefix, (300.0, 0, 0.0, 0.0))
        mine = sum(job.gpn.values())
        util = job.util or 0.0
        watts = base + mine * (idle + util * (tdp - idle)) + max(0, boards - mine) * idle
        joules += watts * elapsed
    glitch = energy_glitch(job)
    if glitch == "zero":
        return "0"
    if glitch == "absurd":
        return str(int(joules * 5000))
    return str(int(round(joules)))


def job_rows(cl, job):
    """sacct rows (dicts field -> text) for an allocation and its steps."""
    tz = cl.tz
    rows = []
    alloc_total_ms = sum(st["cpu_ms"] for st in job.steps)
    if job.pending:
        start_txt = end_txt = "Unknown"
        elapsed = 0
    elif job.running:
        start_txt, end_txt = fmt_local(job.start, tz), "Unknown"
        elapsed = cl.export_t - job.start
    else:
        start_txt, end_txt = fmt_local(job.start, tz), fmt_local(job.end, tz)
        elapsed = job.end - job.start
    gt = job.gpus_total

    def gres_items(g):
        items = []
        n = sum(g.values())
        if not n:
            return items
        if job.gres_style in ("both", "typed"):
            for t, k in g.items():
                items.append(("gres/gpu:" + t, k))
        if job.gres_style in ("both", "untyped"):
            items.append(("gres/gpu", n))
        return items

    if job.pending or job.cancelled_before_start:
        alloc_tres, nodelist, ncpus = "", "None assigned", 0
    else:
        alloc_tres = tres([("billing", job.billing), ("cpu", job.cpn * job.nnodes),
                           ("mem", fmt_mem(job.mpn * job.nnodes)), ("node", job.nnodes)] + gres_items(gt))
        nodelist, ncpus = hostlist(job.nodes), job.cpn * job.nnodes
    rows.append({
        "JobID": job.jobid, "JobIDRaw": str(job.jobidraw), "JobName": job.name, "User": job.user,
        "Account": job.account, "Partition": job.partition, "State": job.state_text,
        "Submit": fmt_local(job.submit, tz), "Start": start_txt, "End": end_txt,
        "Elapsed": fmt_elapsed(elapsed), "ElapsedRaw": str(elapsed), "NNodes": str(job.nnodes),
        "NodeList": nodelist, "AllocCPUS": str(ncpus), "TotalCPU": fmt_cpu_ms(alloc_total_ms),
        "ReqMem": fmt_mem(job.mpn * job.nnodes), "AllocTRES": alloc_tres, "TRESUsageInTot": "",
        "Comment": job.comment, "WCKey": job.wckey, "ExitCode": job.exit_code, "Restarts": str(job.restarts),
        "ConsumedEnergyRaw": consumed_energy(job, elapsed),
    })
    for st in job.steps:
        if st["end"] is None:
            s_end, s_el = "Unknown", cl.export_t - st["start"]
        else:
            s_end, s_el = fmt_local(st["end"], tz), st["end"] - st["start"]
        rows.append({
            "JobID": "%s.%s" % (job.jobid, st["suffix"]), "JobIDRaw": "%d.%s" % (job.jobidraw, st["suffix"]),
            "JobName": st["name"], "User": "", "Account": job.account, "Partition": "", "State": st["state"],
            "Submit": fmt_local(st["start"], tz), "Start": fmt_local(st["start"], tz), "End": s_end,
            "Elapsed": fmt_elapsed(s_el), "ElapsedRaw": str(s_el), "NNodes": str(len(st["nodes"])),
            "NodeList": hostlist(st["nodes"]), "AllocCPUS": str(st["cpus"]), "TotalCPU": fmt_cpu_ms(st["cpu_ms"]),
            "ReqMem": "", "AllocTRES": st["tres"], "TRESUsageInTot": st["usage"], "Comment": "", "WCKey": "",
            "ExitCode": st["exit"], "Restarts": "", "ConsumedEnergyRaw": "",
        })
    return rows


def render(cl, row):
    return "|".join(row[f] for f in cl.fields)


def in_window(job, s, e):
    """sacct -S s -E e without a state filter: eligible (here: submit) before e, and not ended before s."""
    return job.submit < e and (job.end is None or job.pending or job.running or job.end >= s)


def job_sort_key(job):
    return (job.submit, job.unit.base, 0 if job.task is not None or job.het_offset is not None else 1,
            job.task if job.task is not None else (job.het_offset or 0))


# ----------------------------------------------------------------------------------------------- writing

def write_text(path, text):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def build_files(cl, windows, rng, phantoms, extra_lines):
    """windows: list of (path, start_t, end_t). Returns list of file dicts with line records."""
    files = []
    jobs = sorted(cl.jobs, key=job_sort_key)
    for path, ws, we in windows:
        lines = []
        if cl.header:
            lines.append(("header", "|".join(cl.fields), None))
        for job in jobs:
            if not in_window(job, ws, we):
                continue
            for k, row in enumerate(job_rows(cl, job)):
                txt = render(cl, row)
                if k == 0:
                    kind = "pending_array" if getattr(job, "pending_range", None) else "alloc"
                else:
                    kind = "step"
                lines.append((kind, txt, (job, row)))
        # phantom rows (malformed values) sit where their job id would be
        for ph in phantoms:
            if ph["file"] != path:
                continue
            pos = len(lines)
            for i, (kind, _, ref) in enumerate(lines):
                if kind in ("alloc", "pending_array") and ref[0].submit > ph["submit"]:
                    pos = i
                    break
            lines.insert(pos, ("malformed", ph["render"](), ph))
        for ex in extra_lines:
            if ex["file"] != path:
                continue
            allocs = [i for i, (kind, _, _) in enumerate(lines) if kind == "alloc"]
            pos = allocs[int(len(allocs) * ex["at"])]
            lines.insert(pos, ("malformed", ex["text"], ex))
        files.append(dict(path=path, lines=lines, cut=False))
    return files


def cut_export(cl, files, path_choice):
    """Truncate one export mid-line (the export was cut off): pick a cut so that every job lost after the cut
    also appears complete in another file."""
    f = [x for x in files if x["path"] == path_choice][0]
    others = {}
    for g in files:
        if g is f:
            continue
        for kind, _, ref in g["lines"]:
            if kind == "alloc":
                others.setdefault(ref[0].jobidraw, True)
    allocs = [i for i, (kind, _, _) in enumerate(f["lines"]) if kind == "alloc"]
    best = None
    for i in reversed(allocs):
        lost = [ref[0].jobidraw for kind, _, ref in f["lines"][i:] if kind == "alloc"]
        if all(x in others for x in lost):
            best = i
        else:
            break
    if best is None:
        raise RuntimeError("no clean cut point")
    best = max(best, allocs[int(len(allocs) * 0.8)])
    kind, txt, ref = f["lines"][best]
    fields = txt.split("|")
    cut_txt = "|".join(fields[:9]) + "|" + fields[9][:9]
    lost = sorted(set(r[0].jobid for k, _, r in f["lines"][best:] if k == "alloc"))
    f["lines"] = f["lines"][:best] + [("malformed", cut_txt, dict(
        reason="truncated line: %d of %d fields, export cut off mid-line (no newline at end of file); "
               "job %s and everything after it is missing from this file but complete in the next export"
               % (10, len(cl.fields), ref[0].jobid), jobid=ref[0].jobid, lost=lost))]
    f["cut"] = True
    return f


def write_files(files):
    for f in files:
        text = "\n".join(t for _, t, _ in f["lines"])
        if not f["cut"]:
            text += "\n"
        write_text(f["path"], text)


# ----------------------------------------------------------------------------------------------- carbon

DE_HEADER = ("Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO\u2082eq/kWh (direct),"
             "Carbon Intensity gCO\u2082eq/kWh (LCA),Low Carbon Percentage,Renewable Percentage,Data Source,"
             "Data Estimated,Data Estimation Method")
MISO_HEADER = ("Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO\u2082eq/kWh (direct),"
               "Carbon intensity gCO\u2082eq/kWh (Life cycle),Carbon-free energy percentage (CFE%),"
               "Renewable energy percentage (RE%),Data source,Data estimated,Data estimation method")
CARBON_START = U(2026, 10, 12, 0)
CARBON_HOURS = 35 * 24
DE_GAP = [U(2026, 10, 28, h) for h in range(10, 16)]


def weather(rng, n, phi, sd, waves):
    x, out = 0.0, []
    for h in range(n):
        x = phi * x + rng.gauss(0, sd)
        w = sum(a * math.sin(2 * math.pi * (h / p) + ph) for a, p, ph in waves)
        out.append(x + w)
    return out


def soft_clip(v, lo, hi):
    if v < lo + 25:
        v = lo + 25 * math.exp((v - lo - 25) / 25.0)
    if v > hi - 25:
        v = hi - 25 * math.exp((hi - 25 - v) / 25.0)
    return v


def make_carbon(rng):
    out = {}
    # Germany: wind fronts over days, a solar dip around 11-13 UTC that weakens into November, evening peak
    wx = weather(rng, CARBON_HOURS, 0.96, 11.0, [(70, 24 * 5.3, 0.7), (45, 24 * 2.7, 2.1), (25, 24 * 9.5, 4.0)])
    rows, lca_vals, est = [], [], 0
    for h in range(CARBON_HOURS):
        t = CARBON_START + h * 3600
        if t in DE_GAP:
            continue
        dt = datetime.fromtimestamp(t, UTC)
        hr = dt.hour
        season = 1.0 - 0.4 * (h / CARBON_HOURS)
        solar = -85 * season * max(0.0, math.cos((hr - 11.5) / 4.5 * math.pi / 2)) if 7 <= hr <= 16 else 0.0
        evening = 45 * math.exp(-((hr - 17.5) ** 2) / 4.0)
        night = -20 * math.exp(-((hr - 3) ** 2) / 5.0)
        weekend = -30 if dt.weekday() >= 5 else 0
        lca = soft_clip(385 + wx[h] + solar + evening + night + weekend + rng.gauss(0, 6), 150, 550)
        direct = lca * 0.86 - 24 + rng.gauss(0, 2)
        ren = max(8.0, min(92.0, 100 - (lca - 90) * 0.165 + rng.gauss(0, 1.5)))
        low = min(99.0, ren + rng.uniform(0.3, 1.2))
        estimated = t >= U(2026, 11, 14, 12) or (U(2026, 10, 28, 7) <= t < U(2026, 10, 28, 10)) or \
            (U(2026, 10, 28, 16) <= t < U(2026, 10, 28, 18))
        method = "TIME_SLICER_AVERAGE" if estimated else ""
        est += estimated
        rows.append("%s,Germany,Germany,DE,%.2f,%.2f,%.2f,%.2f,entsoe.eu,%s,%s" % (
            dt.strftime("%Y-%m-%d %H:%M:%S"), direct, lca, low, ren, "true" if estimated else "false", method))
        lca_vals.append(round(lca, 2))
    write_text("carbon/DE_2026_hourly.csv", DE_HEADER + "\n" + "\n".join(rows) + "\n")
    out["carbon/DE_2026_hourly.csv"] = dict(zone="DE", header_variant=1, rows=len(rows), estimated_rows=est,
                                            lifecycle_min=min(lca_vals), lifecycle_max=max(lca_vals),
                                            lifecycle_mean=round(sum(lca_vals) / len(lca_vals), 2),
                                            missing_hours_utc=[iso_utc(t) for t in DE_GAP])

    # MISO: coal/gas heavy, wind at night lowers it, evening demand peak ~ 18-21 local (23-02 UTC)
    wx = weather(rng, CARBON_HOURS, 0.95, 12.0, [(55, 24 * 4.1, 1.3), (30, 24 * 7.7, 0.2)])
    rows, lca_vals, est = [], [], 0
    for h in range(CARBON_HOURS):
        t = CARBON_START + h * 3600
        dt = datetime.fromtimestamp(t, UTC)
        hr = dt.hour
        dist = min(abs(hr - 0.5), 24 - abs(hr - 0.5))
        peak = 45 * math.exp(-(dist ** 2) / 6.0)
        nightwind = -35 * math.exp(-((hr - 9) ** 2) / 6.0)
        solar = -25 * max(0.0, math.cos((hr - 18) / 4.0 * math.pi / 2)) if 14 <= hr <= 22 else 0.0
        lca = soft_clip(505 + wx[h] + peak + nightwind + solar + rng.gauss(0, 7), 350, 650)
        direct = lca * 0.93 - 12 + rng.gauss(0, 2)
        ren = max(3.0, min(60.0, 48 - (lca - 350) * 0.13 + rng.gauss(0, 1.2)))
        cfe = min(85.0, ren + rng.uniform(13.5, 16.5))
        estimated = (U(2026, 11, 3, 4) <= t < U(2026, 11, 3, 9)) or t >= U(2026, 11, 15, 6)
        est += estimated
        rows.append("%s,United States,Midcontinent Independent System Operator,US-MIDW-MISO,%.2f,%.2f,%.2f,%.2f,"
                    "eia.gov,%s,%s" % (dt.strftime("%Y-%m-%d %H:%M:%S"), direct, lca, cfe, ren,
                                       "true" if estimated else "false",
                                       "TIME_SLICER_AVERAGE" if estimated else ""))
        lca_vals.append(round(lca, 2))
    write_text("carbon/US-MIDW-MISO_2026_hourly.csv", MISO_HEADER + "\n" + "\n".join(rows) + "\n")
    out["carbon/US-MIDW-MISO_2026_hourly.csv"] = dict(
        zone="US-MIDW-MISO", header_variant=2, rows=len(rows), estimated_rows=est,
        lifecycle_min=min(lca_vals), lifecycle_max=max(lca_vals),
        lifecycle_mean=round(sum(lca_vals) / len(lca_vals), 2), missing_hours_utc=[])
    return out


# ----------------------------------------------------------------------------------------------- expected

def gpu_boards(job):
    b = Fraction(0)
    if job.cancelled_before_start or job.pending:
        return b
    for t, n in job.gpus_total.items():
        b += Fraction(n * MIG_SLICES[t], 7) if t in MIG_SLICES else Fraction(n)
    return b


def pending_task_count(rng_text):
    m = re.match(r"^\[(\d+)-(\d+)(%\d+)?\]$", rng_text)
    return int(m.group(2)) - int(m.group(1)) + 1


def frac_text(f):
    return str(f.numerator) if f.denominator == 1 else "%d/%d" % (f.numerator, f.denominator)


def energy_expectations(cl, jobs, ended):
    """How footprint must treat ConsumedEnergyRaw (node scope) of each ended job: a zero reading, an absurd one
    (above MAX_NODE_POWER_W x nodes x elapsed), a shared node (another allocation, ended or running, overlapped
    it in time on one of its nodes: node energy is not attributable), or usable."""
    ran = [j for j in jobs if not j.pending and not j.cancelled_before_start and j.nodes]
    def interval(j):
        return j.start, (j.end if j.ended else cl.export_t)
    out = {"zero": [], "absurd": [], "shared": [], "usable": []}
    for j in sorted(ended, key=lambda x: x.jobidraw):
        if j.cancelled_before_start or not j.nodes or j.end == j.start:
            continue
        elapsed = j.end - j.start
        value = int(consumed_energy(j, elapsed))
        s0, e0 = interval(j)
        shared = any(o is not j and set(o.nodes) & set(j.nodes) and interval(o)[0] < e0 and s0 < interval(o)[1]
                     for o in ran)
        if value == 0:
            kind = "zero"
        elif value > MAX_NODE_POWER_W * j.nnodes * elapsed:
            kind = "absurd"
        elif shared:
            kind = "shared"
        else:
            kind = "usable"
        out[kind].append(str(j.jobidraw))
    return {"max_node_power_w": MAX_NODE_POWER_W, "counts": {k: len(v) for k, v in out.items()},
            "zero": out["zero"], "absurd": out["absurd"], "usable_kwh": round(sum(
                int(consumed_energy(j, j.end - j.start)) for j in ended if str(j.jobidraw) in set(out["usable"]))
                / 3.6e6, 6)}


def expected_for(cl, files, sweeps, dst_transition):
    rel = lambda f: f["path"]  # noqa: E731
    lines_read = alloc_rows = step_rows = pend_arr = 0
    malformed, pipes = [], []
    alloc_keys, step_keys = {}, {}
    first_seen = {}
    for f in files:
        for no, (kind, txt, ref) in enumerate(f["lines"], start=1):
            if kind == "header":
                continue
            lines_read += 1
            if kind == "malformed":
                malformed.append(dict(file=rel(f), line=no, reason_hint=ref["reason"]))
                continue
            job, row = ref
            if txt.count("|") != len(cl.fields) - 1:
                field = "JobName" if "|" in row["JobName"] else "Comment"
                entry = dict(file=rel(f), line=no, jobid=row["JobID"], field=field, value=row[field])
                c = cl.fields.index(field)
                near = [cl.fields[k] for k in (c - 1, c + 1) if 0 <= k < len(cl.fields) and cl.fields[k] in FREE_TEXT]
                if near:
                    entry["ambiguous_with"] = near
                pipes.append(entry)
            if kind == "step":
                step_rows += 1
                step_keys[row["JobIDRaw"]] = step_keys.get(row["JobIDRaw"], 0) + 1
            else:
                alloc_rows += 1
                if kind == "pending_array":
                    pend_arr += 1
                alloc_keys[row["JobIDRaw"]] = alloc_keys.get(row["JobIDRaw"], 0) + 1
                first_seen.setdefault(row["JobIDRaw"], (job, rel(f), no))
    uniq = {k: v for k, v in first_seen.items() if not getattr(v[0], "pending_range", None)}
    jobs = [v[0] for v in uniq.values()]
    ended = [j for j in jobs if j.ended]
    states = {s: 0 for s in ENDED_STATES}
    for j in ended:
        states[j.state] = states.get(j.state, 0) + 1
    gpu_jobs = [j for j in ended if gpu_boards(j) > 0]
    boards = sum((gpu_boards(j) for j in gpu_jobs), Fraction(0))
    gpu_hours = sum((gpu_boards(j) * (j.end - j.start) for j in gpu_jobs), Fraction(0)) / 3600
    cpu_only = [j for j in ended if not j.gpn]
    energy = energy_expectations(cl, jobs, ended) if "ConsumedEnergyRaw" in cl.fields else None

    def jref(j):
        return dict(jobid=j.jobid, jobidraw=str(j.jobidraw), file=uniq[str(j.jobidraw)][1],
                    line=uniq[str(j.jobidraw)][2])

    def tagged(tag):
        return [jref(j) for j in sorted(jobs, key=lambda x: x.jobidraw) if tag in j.tags]

    sweep_out = []
    for sw in sweeps:
        if sw["source"] == "array":
            members = [j for j in sw["unit"].jobs if j.task is not None and str(j.jobidraw) in uniq]
            sid = "%s/%d" % (cl.name, sw["unit"].base)
            pend = [j for j in sw["unit"].jobs if getattr(j, "pending_range", None)]
            extra = dict(array_job_id=str(sw["unit"].base),
                         pending_tasks=(pending_task_count(pend[0].pending_range) if pend else 0),
                         pending_range_jobid=(pend[0].jobid if pend else None))
        else:
            members = [j for j in sw["jobs"] if str(j.jobidraw) in uniq]
            rule = sw["source"].split(":")[1]
            sid = "%s:%s" % (rule, sw["name"])
            extra = dict(rule=rule, field="comment" if rule == "nas" else "wckey",
                         value=members[0].comment if rule == "nas" else members[0].wckey)
        st = {}
        for j in members:
            st[j.state] = st.get(j.state, 0) + 1
        per_trial = sorted(set(frac_text(gpu_boards(j)) for j in members))
        gh = sum((gpu_boards(j) * (j.end - j.start) for j in members if j.ended), Fraction(0)) / 3600
        d = dict(sweep_id=sid, kind=sw["kind"], name=sw["name"], user=members[0].user,
                 account=members[0].account, trials=len([j for j in members if j.ended]),
                 failed_trials=len([j for j in members if j.ended and j.state != "COMPLETED"]),
                 failed_state_trials=st.get("FAILED", 0), states=dict(sorted(st.items())),
                 gpus_per_trial=per_trial, gpu_hours=round(float(gh), 4),
                 jobids=[j.jobid for j in sorted(members, key=lambda x: (x.task or 0, x.jobidraw))])
        d.update(extra)
        sweep_out.append(d)

    dst_cases = []
    for j in sorted(jobs, key=lambda x: x.jobidraw):
        if j.start is None or j.end is None or not j.ended or j.pending:
            continue
        if j.start < dst_transition <= j.end:
            wall = (local_dt(j.end, cl.tz).replace(tzinfo=None) - local_dt(j.start, cl.tz).replace(tzinfo=None))
            c = dict(jobid=j.jobid, start_local=fmt_local(j.start, cl.tz), end_local=fmt_local(j.end, cl.tz),
                     start_utc=iso_utc(j.start), end_utc=iso_utc(j.end), elapsed_raw=j.end - j.start,
                     wall_clock_diff_s=int(wall.total_seconds()),
                     start_in_repeated_hour=("first occurrence (summer time)" if ambiguous(j.start, cl.tz) else None),
                     end_in_repeated_hour=(("second occurrence (standard time)" if local_dt(j.end, cl.tz).fold else
                                            "first occurrence (summer time)") if ambiguous(j.end, cl.tz) else None))
            c = {k: v for k, v in c.items() if v is not None}
            dst_cases.append(c)

    quirks = dict(
        pipe_in_free_text=pipes,
        unknown_partition=[dict(jref(j), partition=j.partition) for j in jobs if "unknown_partition" in j.tags],
        unknown_gpu_type=[dict(jref(j), gres_type=list(j.gpn)[0]) for j in jobs if "unknown_gpu_type" in j.tags],
        untyped_gpu_only=tagged("untyped_gpu_only"),
        typed_gpu_only=tagged("typed_gpu_only"),
        mig_jobs=tagged("mig"),
        gpu_jobs_without_gpuutil=[jref(j) for j in sorted(gpu_jobs, key=lambda x: x.jobidraw) if j.no_gpu_usage],
        heterogeneous=tagged("heterogeneous"),
        requeued=[dict(jref(j), restarts=j.restarts, visible_in_export="Restarts" in cl.fields)
                  for j in jobs if j.restarts],
        cancelled_before_start=tagged("cancelled_before_start"),
        multi_node=[dict(jref(j), nodelist=hostlist(j.nodes)) for j in sorted(jobs, key=lambda x: x.jobidraw)
                    if j.nnodes > 1 and j.nodes],
        sweep_rule_decoys=[dict(jref(j), comment=j.comment, wckey=j.wckey) for j in jobs
                           if "sweep_rule_decoy" in j.tags],
        final_training=tagged("final_training"),
    )
    if cl.name == "bayou":
        quirks["texas_rack_jobs"] = [dict(jref(j), nodelist=hostlist(j.nodes)) for j in
                                     sorted(jobs, key=lambda x: x.jobidraw)
                                     if j.nodes and any(n.startswith("tx") for n in j.nodes)
                                     and not j.cancelled_before_start]
    users = sorted(set(j.user for j in jobs))
    accounts = sorted(set(j.account for j in jobs))
    pend_row = [v for v in first_seen.values() if getattr(v[0], "pending_range", None)]
    out = dict(
        time_zone=str(cl.tz.key), header=cl.header, fields=cl.fields,
        export_time_local=fmt_local(cl.export_t, cl.tz), export_time_utc=iso_utc(cl.export_t),
        files=len(files), file_list=[f["path"] for f in files],
        lines_read=lines_read, header_lines=len(files) if cl.header else 0,
        allocation_rows=alloc_rows, step_rows=step_rows, malformed_rows=len(malformed),
        duplicate_allocation_rows=sum(v - 1 for v in alloc_keys.values()),
        duplicate_step_rows=sum(v - 1 for v in step_keys.values()),
        unique_allocations=len(uniq), unique_steps=len(step_keys),
        ended_allocations=len(ended),
        running=len([j for j in jobs if j.running]), pending=len([j for j in jobs if j.pending]),
        pending_array_rows=pend_arr,
        running_jobs=tagged("running"), pending_jobs=tagged("pending"),
        pending_array=[dict(jobid=v[0].jobid, jobidraw=str(v[0].jobidraw), file=v[1], line=v[2])
                       for v in pend_row],
        malformed=malformed, pipe_in_free_text=[dict(file=p["file"], line=p["line"]) for p in pipes],
        states=states, gpu_jobs=len(gpu_jobs), gpus=round(float(boards), 6), gpus_exact=frac_text(boards),
        gpu_hours=round(float(gpu_hours), 4), cpu_only_jobs=len(cpu_only),
        **({"consumed_energy": energy} if energy else {}),
        users=users, accounts=accounts, sweeps=sweep_out,
        dst=dict(transition_utc=iso_utc(dst_transition), crossing_jobs=len(dst_cases), cases=dst_cases),
        quirks=quirks,
    )
    return out


# ----------------------------------------------------------------------------------------------- README

def loc(ref):
    return "`%s` line %d" % (ref["file"], ref["line"])


def write_readme(exp):
    A, B = exp["clusters"]["alpine"], exp["clusters"]["bayou"]
    out = []
    w = out.append
    w("# sample-logs: synthetic inputs for footprint")
    w("")
    w("**Everything in this folder is synthetic.** No line comes from a real cluster, user or grid operator: "
      "`tools/sample-logs/make_sample_logs.py` (from the repo root) invents all of it (Python 3 standard library only, fixed seed %d) and "
      "rewrites the same bytes on every run. This README and `EXPECTED.json` are written by the same script; "
      "edit the script, not the outputs." % exp["generator"]["seed"])
    w("")
    w("Other folders here have their own generators and READMEs, also synthetic: `kubernetes/` "
      "(`tools/sample-logs/make_k8s_samples.py`: cluster kestrel, pods, nodes, Katib), `power/` "
      "(`tools/sample-logs/make_power_samples.py`: nvidia-smi logs of alpine nodes), and `slurm/alpine-json/` "
      "(the 2026-10-20 alpine export as `sacct --json`, written by `AlpineJsonSampleTest`: "
      "`mvn -pl jobs test -Dtest=AlpineJsonSampleTest -Dfootprint.regenerate=true`; not in the default conf, "
      "it would repeat that day). bayou's exports carry `ConsumedEnergyRaw` (whole-node ipmi joules).")
    w("")
    w("```")
    w("python3 tools/sample-logs/make_sample_logs.py     # regenerate everything (reads conf/footprint.yaml)")
    w("python3 tools/sample-logs/check_sample_logs.py    # independent re-check against EXPECTED.json")
    w("```")
    w("")
    w("## What is where")
    w("")
    w("| path | what | would be produced by |")
    w("|---|---|---|")
    w("| `slurm/alpine/sacct_YYYY-MM-DD.txt` | %d daily exports of cluster `alpine` (Europe/Berlin), with header | "
      "`sacct -a -P -S 2026-10-19 -E 2026-10-20 --format=%s` |" % (A["files"], ",".join(A["fields"])))
    w("| `slurm/bayou/sacct_week_NN.txt` | %d weekly exports of cluster `bayou` (America/Chicago), no header, "
      "ISO week number in the name | `sacct -a -P -n -S 2026-10-19 -E 2026-10-27 --format=%s` |"
      % (B["files"], ",".join(B["fields"])))
    w("| `carbon/DE_2026_hourly.csv` | hourly carbon intensity of zone DE, Electricity Maps CSV, header "
      "variant 1 | Electricity Maps hourly CSV export |")
    w("| `carbon/US-MIDW-MISO_2026_hourly.csv` | hourly carbon intensity of zone US-MIDW-MISO, header variant 2 "
      "| Electricity Maps hourly CSV export |")
    w("| `EXPECTED.json` | every count the tests assert, computed from the lines written | the generator |")
    w("")
    w("Line numbers in `EXPECTED.json` are 1-based and count the header line (alpine) as line 1. Files are "
      "UTF-8 with `\\n` line ends; every file ends with a newline except the one cut off mid-line.")
    w("")
    w("The bayou column order is read from `conf/footprint.yaml` (`inputs[cluster=bayou].fields`) when the "
      "generator runs; if that list changes, re-run the generator. Export windows:")
    w("")
    w("- alpine: one file per local day 2026-10-19 ... 2026-11-08 (`-S day -E day+1`, 25 hours on 2026-10-25).")
    w("- bayou: week 43 = `-S 2026-10-19 -E 2026-10-27`, week 44 = `-S 2026-10-26 -E 2026-11-03`, week 45 = "
      "`-S 2026-11-02 -E 2026-11-09`: consecutive files overlap by one day.")
    w("")
    w("A job is in a file when sacct's window rule selects it: submitted (eligible) before the window end and "
      "not ended before the window start, so a job that runs or waits across midnight is in two or more daily "
      "files, and a job touching an overlap day is in two weekly files. All files show each job as of one "
      "moment after the period (alpine %s local, bayou %s local), as if the exports had been (re)run then: "
      "every copy of a job is byte-identical, and running or pending jobs appear only in each cluster's last "
      "file." % (A["export_time_local"], B["export_time_local"]))
    w("")
    w("## The two clusters")
    w("")
    w("| | alpine (university HPC, DE) | bayou (ML platform, US Midwest + Texas rack) |")
    w("|---|---|---|")
    w("| nodes | `gpu[001-016]` 4x A100-SXM4-40GB (gres `a100`, partition `gpu`); `hgx[01-04]` 8x H100 (`h100`, "
      "`gpu-h100`); `mig[01-02]` A100 cut into MIG slices (`1g.5gb`, `3g.20gb`, `mig`); `cpu[001-048]` 64 cores "
      "(`cpu`, `cpu[045-048]` also `interactive`); `leg[01-02]` old V100 nodes in partition `legacy` (not in conf) "
      "| `dgx[01-08]` 8x A100-SXM4-80GB (gres `a100_80`, partition `dgx`); `l40s[01-06]` 4x L40S (`l40s`); "
      "`tx[01-04]` rented Texas rack, 8x A100-80GB in partition `dgx` (conf maps `^tx` to US-TEX-ERCO); "
      "partition `short` (CPU-only jobs) spans all nodes |")
    w("| users / accounts | %s / %s | %s / %s |" % (", ".join(A["users"]), ", ".join(A["accounts"]),
                                                   ", ".join(B["users"]), ", ".join(B["accounts"])))
    w("| unique allocations (ended) | %d (%d) | %d (%d) |" % (A["unique_allocations"], A["ended_allocations"],
                                                             B["unique_allocations"], B["ended_allocations"]))
    w("| rows: allocation / step / malformed | %d / %d / %d | %d / %d / %d |" % (
        A["allocation_rows"], A["step_rows"], A["malformed_rows"], B["allocation_rows"], B["step_rows"],
        B["malformed_rows"]))
    w("| duplicate allocation rows | %d | %d |" % (A["duplicate_allocation_rows"], B["duplicate_allocation_rows"]))
    w("| ended states | %s | %s |" % (
        ", ".join("%s %d" % kv for kv in A["states"].items() if kv[1]),
        ", ".join("%s %d" % kv for kv in B["states"].items() if kv[1])))
    w("| GPU jobs / boards | %d / %s | %d / %s |" % (A["gpu_jobs"], A["gpus_exact"], B["gpu_jobs"], B["gpus_exact"]))
    w("")
    w("## How the data was made")
    w("")
    w("- **Submissions**: uniform over the period, thinned by an office-hours curve (peak 10-16 h local) and "
      "weekends at 45%. Every job's end falls on 2026-10-19 ... 2026-11-08, both in UTC and in local time.")
    w("- **Job mix**: alpine 44% CPU batch, 8% interactive CPU, 34% A100, 14% H100 (before the planted jobs); "
      "bayou 40% CPU in `short`, 35% `dgx`, 25% `l40s`. CPU-only jobs end up near 30% of all jobs.")
    w("- **Durations**: log-normal, heavy-tailed: alpine CPU median 50 min (sigma 1.6, up to 2.9 days), A100 "
      "median 2 h, H100 3 h (sigma 1.1-1.2, up to 2 days); bayou short median 25 min (< 4 h), dgx 3 h, "
      "l40s 90 min. Planted long runs of 1-3 days (final trainings, a 3-day TIMEOUT).")
    w("- **States** (random jobs): alpine COMPLETED 73%, FAILED 13%, CANCELLED 11.5%, TIMEOUT 2.5%; bayou "
      "74.5 / 13 / 10 / 2.5%. FAILED jobs stop after 1-50% of their run, CANCELLED after 5-90% (85% by the "
      "owner's uid, else `by 0`), TIMEOUT at a limit (1 h ... 1 day) plus 20-95 s kill delay. OUT_OF_MEMORY, "
      "NODE_FAIL, PREEMPTED, requeues and cancels before start are planted.")
    w("- **Queue and nodes**: a small first-fit scheduler keeps per-node CPU, memory and GPU (per gres type) "
      "capacity, so no node is ever oversubscribed; jobs wait (log-normal 2 s ... 6 h, plus whatever the "
      "packing adds). Job ids increase with submit time; gaps between them are arbitrary. Array tasks get ids "
      "in start order (`JobIDRaw` = array id + 1 + task) and the last task to start keeps the array's own id "
      "(`41000_31` has JobIDRaw 41000), as Slurm does.")
    w("- **Steps**: every started allocation has `.extern` plus `.batch` (sbatch) or `.interactive` (salloc); "
      "srun jobs add `.0` (and sometimes `.1`). Steps carry their own State, ExitCode, times, TotalCPU, AllocTRES "
      "(no `billing`, `.batch` on the first node only, `.extern` = the job's) and TRESUsageInTot; User, "
      "Partition, ReqMem, Comment, WCKey and Restarts are empty on steps, Account is not (as in real sacct). "
      "The allocation's TotalCPU is exactly the sum of its steps' TotalCPU; its TRESUsageInTot is empty.")
    w("- **Usage**: CPU efficiency 35-98% for CPU jobs, 5-35% for GPU jobs; exactly one step per GPU job (the "
      "`.batch`, or `.0` when there is one) carries `gres/gpumem` and `gres/gpuutil`, the latter summed over "
      "the job's GPUs (0-100 each): 55-97% per GPU for healthy training, 3-45% for failed runs, 4-35% "
      "interactive. MIG jobs, the legacy V100 job and the gtx1080 job have no gpu usage entries.")
    w("- **Carbon**: hourly 2026-10-12 00:00 ... 2026-11-15 23:00 UTC. DE: AR(1) 'weather' plus multi-day "
      "fronts, a solar dip around 11-13 UTC fading into November, an evening peak, lower weekends; life-cycle "
      "%.0f-%.0f g/kWh, direct = 0.86 x LCA - 24. MISO: coal/gas base, wind at night, evening demand peak; "
      "%.0f-%.0f g/kWh, direct = 0.93 x LCA - 12. Renewable and low-carbon/CFE shares move against "
      "intensity. Some hours are flagged `Data estimated` = true (`TIME_SLICER_AVERAGE`)." % (
          exp["carbon"]["files"]["carbon/DE_2026_hourly.csv"]["lifecycle_min"],
          exp["carbon"]["files"]["carbon/DE_2026_hourly.csv"]["lifecycle_max"],
          exp["carbon"]["files"]["carbon/US-MIDW-MISO_2026_hourly.csv"]["lifecycle_min"],
          exp["carbon"]["files"]["carbon/US-MIDW-MISO_2026_hourly.csv"]["lifecycle_max"]))
    w("")
    w("## Planted quirks (exact places in `EXPECTED.json`)")
    w("")
    w("| quirk | where |")
    w("|---|---|")
    for p in A["quirks"]["pipe_in_free_text"] + B["quirks"]["pipe_in_free_text"]:
        w("| a pipe (`\\|`) inside %s (`%s`), otherwise valid row | %s, job %s |" % (p["field"], p["value"].replace("|", "\\|"),
                                                                          loc(p), p["jobid"]))
    for cname, c in (("alpine", A), ("bayou", B)):
        for m in c["malformed"]:
            w("| malformed (%s): %s | %s |" % (cname, m["reason_hint"].replace("|", "\\|"), loc(m)))
    for r in A["quirks"]["unknown_partition"]:
        w("| job in partition `%s`, unknown to conf (typed `gres/gpu:v100`) | alpine job %s, %s |"
          % (r["partition"], r["jobid"], loc(r)))
    for r in B["quirks"]["unknown_gpu_type"]:
        w("| unknown GPU type `gres/gpu:%s=1,gres/gpu=1` in partition `l40s` | bayou job %s, %s |"
          % (r["gres_type"], r["jobid"], loc(r)))
    for cname, c in (("alpine", A), ("bayou", B)):
        if c["quirks"]["untyped_gpu_only"]:
            w("| only untyped `gres/gpu=N` (%s) | %s |" % (cname, ", ".join(r["jobid"] for r in
                                                                         c["quirks"]["untyped_gpu_only"])))
        if c["quirks"]["typed_gpu_only"]:
            w("| only typed `gres/gpu:TYPE=N` (%s) | %s |" % (cname, ", ".join(r["jobid"] for r in
                                                                             c["quirks"]["typed_gpu_only"])))
    w("| MIG slices `1g.5gb` / `3g.20gb` (count as 1/7 and 3/7 of a board) | alpine, %d jobs |"
      % len(A["quirks"]["mig_jobs"]))
    w("| heterogeneous job (`+0` cpu, `+1` gpu) | alpine %s |" % ", ".join(r["jobid"] for r in
                                                                       A["quirks"]["heterogeneous"]))
    for cname, c in (("alpine", A), ("bayou", B)):
        for d in c["dst"]["cases"]:
            extra = []
            if "start_in_repeated_hour" in d:
                extra.append("starts in the repeated hour, %s" % d["start_in_repeated_hour"])
            if "end_in_repeated_hour" in d:
                extra.append("ends in the repeated hour, %s: the End text alone reads an hour early"
                             % d["end_in_repeated_hour"])
            w("| runs across the DST fall-back: Start %s, End %s, ElapsedRaw %d s, wall-clock difference %d s%s "
              "| %s job %s |" % (d["start_local"], d["end_local"], d["elapsed_raw"], d["wall_clock_diff_s"],
                                 ("; " + "; ".join(extra)) if extra else "", cname, d["jobid"]))
    for cname, c in (("alpine", A), ("bayou", B)):
        for r in c["quirks"]["requeued"]:
            w("| requeued once (Restarts=%d, final state COMPLETED)%s | %s job %s |" % (
                r["restarts"], "" if r["visible_in_export"] else "; this export has no Restarts column",
                cname, r["jobid"]))
        for r in c["quirks"]["cancelled_before_start"]:
            w("| cancelled before start (Start = End = cancel time, ElapsedRaw 0, `None assigned`) | %s job %s |"
              % (cname, r["jobid"]))
        w("| running at export (End `Unknown`, Elapsed up to the export time) | %s %s |"
          % (cname, ", ".join(r["jobid"] for r in c["running_jobs"])))
        w("| pending at export (Start/End `Unknown`, `None assigned`, empty AllocTRES) | %s %s |"
          % (cname, ", ".join(r["jobid"] for r in c["pending_jobs"])))
        for r in c["pending_array"]:
            w("| not-yet-started array range | %s `%s`, %s |" % (cname, r["jobid"], loc(r)))
        for r in c["quirks"]["sweep_rule_decoys"]:
            w("| sweep-rule decoy (%s): must not match a rule | %s job %s |"
              % (("Comment `%s`" % r["comment"]) if r["comment"] else ("WCKey `%s`" % r["wckey"]), cname,
                 r["jobid"]))
    w("| multi-node hostlists | %s |" % ", ".join("`%s`" % r["nodelist"] for r in
                                                 A["quirks"]["multi_node"] + B["quirks"]["multi_node"]))
    w("| jobs on the Texas rack (carbon zone US-TEX-ERCO, which has no hourly file: annual fallback) | bayou, "
      "%d jobs |" % len(B["quirks"]["texas_rack_jobs"]))
    w("| 6-hour gap in DE intensity, %s ... %s | `carbon/DE_2026_hourly.csv` |" % (
        exp["carbon"]["missing_hours_utc"]["DE"][0], exp["carbon"]["missing_hours_utc"]["DE"][-1]))
    w("")
    w("Daylight saving: Europe/Berlin falls back on 2026-10-25 (03:00 CEST -> 02:00 CET) and America/Chicago on "
      "2026-11-01 (02:00 CDT -> 01:00 CST). Across a fall-back the naive wall-clock End - Start is one hour "
      "*shorter* than ElapsedRaw (the true duration); ElapsedRaw always equals End - Start computed in UTC. A "
      "wall-clock time inside the repeated hour is read as its first occurrence (summer time) everywhere except "
      "the End of the one job listed above as ending in the second occurrence, which only ElapsedRaw can resolve.")
    w("")
    w("## Sweeps")
    w("")
    w("| sweep | kind | found by | user / account | trials | not completed | states |")
    w("|---|---|---|---|---|---|---|")
    for c in (A, B):
        for s in c["sweeps"]:
            how = ("job array %s" % s["array_job_id"]) if "array_job_id" in s else \
                ("%s rule on %s `%s`" % (s["rule"], s["field"], s["value"]))
            if s.get("pending_tasks"):
                how += " (+%d tasks still pending: `%s`)" % (s["pending_tasks"], s["pending_range_jobid"])
            w("| `%s` | %s | %s | %s / %s | %d | %d | %s |" % (
                s["sweep_id"], s["kind"], how, s["user"], s["account"], s["trials"], s["failed_trials"],
                ", ".join("%s %d" % kv for kv in s["states"].items())))
    w("")
    w("The same users also ran single 8-GPU \"final training\" jobs after their sweeps (%s)." % ", ".join(
        r["jobid"] for r in A["quirks"]["final_training"] + B["quirks"]["final_training"]))
    w("")
    write_text("README.md", "\n".join(out) + "\n")


# ----------------------------------------------------------------------------------------------- main

def phantom_row(cl, values):
    def r():
        return "|".join(values.get(f, "") for f in cl.fields)
    return r


def main():
    rng_a = random.Random(SEED * 10 + 1)
    rng_b = random.Random(SEED * 10 + 2)
    rng_c = random.Random(SEED * 10 + 3)
    rng_id = random.Random(SEED * 10 + 4)

    # ---------------- alpine
    alpine = make_alpine()
    plant_alpine(alpine, rng_a)
    a_sweeps = alpine_sweeps(alpine, rng_a)
    background(alpine, rng_a, 104, alpine_spec,
               [("COMPLETED", 0.73), ("FAILED", 0.13), ("CANCELLED", 0.115), ("TIMEOUT", 0.025)],
               [3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600])
    # phantom job ids for the two malformed-but-id-bearing rows
    ph_start = L(BERLIN, 2026, 10, 22, 10, 0, 0)
    u_bad = new_unit(alpine, ph_start - 1337, 1, label="phantom")
    u_bad.phantom = {}
    assign_ids(alpine, rng_id)

    def bad_start_row():
        sub = ph_start - 1337
        v = dict(JobID=str(u_bad.base), JobIDRaw=str(u_bad.base), JobName="train-mlp", User="gustav",
                 Account="bio", Partition="cpu", State="COMPLETED", Submit=fmt_local(sub, BERLIN),
                 Start="2026-10-2T10:00:00", End=fmt_local(ph_start + 1865, BERLIN), Elapsed=fmt_elapsed(1865),
                 ElapsedRaw="1865", NNodes="1", NodeList="cpu021", AllocCPUS="4", TotalCPU="05:12.118",
                 ReqMem="16000M", AllocTRES="billing=4,cpu=4,mem=16000M,node=1", ExitCode="0:0", Restarts="0")
        return "|".join(v.get(f, "") for f in ALPINE_FIELDS)

    a_days = [date(2026, 10, 19) + timedelta(days=k) for k in range(21)]
    a_windows = [("slurm/alpine/sacct_%s.txt" % d.isoformat(), L(BERLIN, d.year, d.month, d.day),
                  L(BERLIN, (d + timedelta(days=1)).year, (d + timedelta(days=1)).month, (d + timedelta(days=1)).day))
                 for d in a_days]
    a_phantoms = [dict(file="slurm/alpine/sacct_2026-10-22.txt", submit=ph_start - 1337, render=bad_start_row,
                       reason="bad Start timestamp '2026-10-2T10:00:00' (day has one digit)")]
    empty_id = "|".join({"Account": "vision", "Partition": "gpu", "Submit": "2026-11-04T03:17:52",
                         "Start": "Unknown", "End": "Unknown", "Elapsed": "00:00:00", "ElapsedRaw": "0",
                         "NNodes": "0", "NodeList": "None assigned", "AllocCPUS": "0", "TotalCPU": "00:00:00",
                         "ExitCode": "0:0", "Restarts": "0"}.get(f, "") for f in ALPINE_FIELDS)
    a_extra = [dict(file="slurm/alpine/sacct_2026-11-04.txt", at=0.4, text=empty_id,
                    reason="empty JobID and empty State (state-less row)")]
    a_files = build_files(alpine, a_windows, rng_a, a_phantoms, a_extra)
    cut_export(alpine, a_files, "slurm/alpine/sacct_2026-10-30.txt")
    write_files(a_files)

    # ---------------- bayou
    bayou = make_bayou()
    plant_bayou(bayou, rng_b)
    b_sweeps = bayou_sweeps(bayou, rng_b)
    background(bayou, rng_b, 88, bayou_spec,
               [("COMPLETED", 0.745), ("FAILED", 0.13), ("CANCELLED", 0.1), ("TIMEOUT", 0.025)],
               [3600, 2 * 3600, 6 * 3600, 24 * 3600])
    ph_b = L(CHICAGO, 2026, 10, 30, 8, 14, 26)
    u_b = new_unit(bayou, ph_b - 403, 1, label="phantom")
    u_b.phantom = {}
    assign_ids(bayou, rng_id)

    def bad_elapsed_row():
        v = dict(JobID=str(u_b.base), JobIDRaw=str(u_b.base), User="jamal", Account="nlp", State="COMPLETED",
                 Submit=fmt_local(ph_b - 403, CHICAGO), Start=fmt_local(ph_b, CHICAGO),
                 End=fmt_local(ph_b + 1244, CHICAGO), ElapsedRaw="12x4", AllocCPUS="8", TotalCPU="03:02.640",
                 NodeList="dgx03", Partition="short", AllocTRES="billing=8,cpu=8,mem=32G,node=1",
                 TRESUsageInTot="", WCKey="", Comment="", JobName="jsonl-filter")
        return "|".join(v.get(f, "") for f in BAYOU_FIELDS)

    weeks = [(43, date(2026, 10, 19), date(2026, 10, 27)), (44, date(2026, 10, 26), date(2026, 11, 3)),
             (45, date(2026, 11, 2), date(2026, 11, 9))]
    b_windows = [("slurm/bayou/sacct_week_%d.txt" % n, L(CHICAGO, s.year, s.month, s.day),
                  L(CHICAGO, e.year, e.month, e.day)) for n, s, e in weeks]
    b_phantoms = [dict(file="slurm/bayou/sacct_week_44.txt", submit=ph_b - 403, render=bad_elapsed_row,
                       reason="bad ElapsedRaw '12x4' (not a number)")]
    # NUL, ESC and other control bytes, but nothing any reader treats as a line break (\n \r \v \f \x1c-\x1e)
    garbage = ("\x00\x00\x1b[0m\u00ff\u00d8\u00ff\u00e0\x00\x10JFIF\x00\x01\x01|\x00H\x00H\x00\x00"
               "\u00ff\u00db\x00C\x00\x08\x06\x06\x07|\x06\x05\x08\x07\x07\x07\t\t\x08\x14\x0e\x13"
               "\x19\x12\x13\x0f\x14\x1d\x1a\x1f\x1a $.' \",#(7),01444\x1f'9=82<.342\u00ff\u00c0\x00\x11\x08")
    b_extra = [dict(file="slurm/bayou/sacct_week_43.txt", at=0.55, text=garbage,
                    reason="binary garbage (a JPEG header pasted into the export; NUL and control bytes)")]
    b_files = build_files(bayou, b_windows, rng_b, b_phantoms, b_extra)
    write_files(b_files)

    # ---------------- carbon
    carbon = make_carbon(rng_c)

    # ---------------- expected
    a_exp = expected_for(alpine, a_files, a_sweeps, U(2026, 10, 25, 1))
    b_exp = expected_for(bayou, b_files, b_sweeps, U(2026, 11, 1, 7))
    for exp in (a_exp, b_exp):
        if exp["allocation_rows"] + exp["step_rows"] + exp["malformed_rows"] != exp["lines_read"]:
            raise RuntimeError("line accounting does not add up")
    sweeps_all = a_exp["sweeps"] + b_exp["sweeps"]
    expected = dict(
        about=("Counts over the synthetic sample inputs, computed by tools/sample-logs/make_sample_logs.py from the "
               "lines it wrote. Paths are relative to sample-logs/. Regenerate with: python3 tools/sample-logs/"
               "make_sample_logs.py"),
        generator=dict(script="../tools/sample-logs/make_sample_logs.py", seed=SEED, python_stdlib_only=True,
                       checker="../tools/sample-logs/check_sample_logs.py"),
        period=dict(ended_jobs_end_from="2026-10-19", ended_jobs_end_to="2026-11-08",
                    note="every ended job ends on these days both in UTC and in its cluster's local time"),
        definitions={
            "lines_read": "data lines of all files of the cluster, header lines excluded, malformed lines included",
            "allocation_rows": "well-formed rows whose JobID has no '.', incl. running, pending and the pending "
                               "array-range row, incl. every duplicate copy",
            "step_rows": "well-formed rows whose JobID has a '.'",
            "lines_read_identity": "lines_read = allocation_rows + step_rows + malformed_rows",
            "duplicate_allocation_rows": "allocation_rows minus distinct JobIDRaw among them (copies of the same "
                                         "allocation in overlapping exports)",
            "duplicate_step_rows": "step_rows minus distinct step JobIDRaw",
            "unique_allocations": "distinct JobIDRaw of well-formed allocation rows, without the pending "
                                  "array-range row (running and pending jobs included)",
            "ended_allocations": "unique_allocations minus running minus pending",
            "states": "unique ended allocations by base state (CANCELLED by <uid> counts as CANCELLED)",
            "gpu_jobs": "unique ended allocations whose AllocTRES allocates GPUs (cancelled-before-start have "
                        "none); each het component is its own allocation",
            "gpus": "sum of GPU boards over gpu_jobs, from the untyped gres/gpu count (typed when it is the only "
                    "entry); MIG slices as slices/7 (1g.5gb = 1/7, 3g.20gb = 3/7 each)",
            "gpu_hours": "sum over gpu_jobs of gpus x ElapsedRaw / 3600",
            "malformed.line": "1-based line number in the file; the header line is line 1 where there is one",
            "sweeps.trials": "ended trials (pending array tasks not counted; see pending_tasks)",
            "sweeps.failed_trials": "ended trials in any state but COMPLETED (by_sweep.ddl); "
                                    "failed_state_trials counts State FAILED only",
            "dst.cases": "every ended job whose run spans the fall-back instant; wall_clock_diff_s is End-Start "
                         "read as naive wall-clock, elapsed_raw the true duration (fall-back: wall clock is one "
                         "hour SHORTER than the true duration)",
        },
        clusters=dict(alpine=a_exp, bayou=b_exp),
        totals=dict(
            unique_allocations=a_exp["unique_allocations"] + b_exp["unique_allocations"],
            ended_allocations=a_exp["ended_allocations"] + b_exp["ended_allocations"],
            malformed=a_exp["malformed_rows"] + b_exp["malformed_rows"],
            gpu_jobs=a_exp["gpu_jobs"] + b_exp["gpu_jobs"],
            sweeps=len(sweeps_all),
        ),
        carbon=dict(files=carbon, datetime_format="%Y-%m-%d %H:%M:%S (UTC)",
                    first_hour_utc=iso_utc(CARBON_START),
                    last_hour_utc=iso_utc(CARBON_START + (CARBON_HOURS - 1) * 3600),
                    hours_in_range=CARBON_HOURS,
                    rows_per_zone={v["zone"]: v["rows"] for v in carbon.values()},
                    missing_hours_utc={"DE": [iso_utc(t) for t in DE_GAP]},
                    zones_without_data=["US-TEX-ERCO"]),
    )
    write_text("EXPECTED.json", json.dumps(expected, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    write_readme(expected)
    return expected


if __name__ == "__main__":
    e = main()
    for name, c in e["clusters"].items():
        print("%-7s files=%d lines=%d alloc_rows=%d step_rows=%d dup_alloc=%d dup_step=%d unique=%d ended=%d "
              "running=%d pending=%d pending_array_rows=%d malformed=%d gpu_jobs=%d gpus=%s cpu_only=%d"
              % (name, c["files"], c["lines_read"], c["allocation_rows"], c["step_rows"],
                 c["duplicate_allocation_rows"], c["duplicate_step_rows"], c["unique_allocations"],
                 c["ended_allocations"], c["running"], c["pending"], c["pending_array_rows"], c["malformed_rows"],
                 c["gpu_jobs"], c["gpus_exact"], c["cpu_only_jobs"]))
        print("        states=%s" % {k: v for k, v in c["states"].items() if v})
        for s in c["sweeps"]:
            print("        sweep %-22s trials=%d failed=%d %s" % (s["sweep_id"], s["trials"], s["failed_trials"],
                                                                 s["states"]))
        print("        dst crossing=%d" % c["dst"]["crossing_jobs"])
    print("carbon", e["carbon"]["rows_per_zone"])
