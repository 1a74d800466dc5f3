#!/usr/bin/env python3
"""Independent re-check of the sample inputs against EXPECTED.json and sacct's own rules.

Re-parses every file from scratch (it shares no code with make_sample_logs.py), then checks field counts,
times (ElapsedRaw = End - Start in UTC, via zoneinfo), DST cases, step/allocation consistency, TRES strings,
export windows, job-id order, and recounts everything EXPECTED.json claims. Exit status 1 on any failure.

    python3 tools/sample-logs/check_sample_logs.py
"""

import json
import os
import re
import sys
from datetime import datetime, timezone
from fractions import Fraction
from zoneinfo import ZoneInfo

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # this file: tools/sample-logs/
ROOT = os.path.join(REPO, "sample-logs")
UTC = timezone.utc

ALPINE = ("JobID|JobIDRaw|JobName|User|Account|Partition|State|Submit|Start|End|Elapsed|ElapsedRaw|NNodes|"
          "NodeList|AllocCPUS|TotalCPU|ReqMem|AllocTRES|TRESUsageInTot|Comment|WCKey|ExitCode|Restarts").split("|")
MIG = {"1g.5gb": 1, "2g.10gb": 2, "3g.20gb": 3, "4g.20gb": 4, "7g.40gb": 7}
BASE_STATES = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED",
               "RUNNING", "PENDING", "REQUEUED", "BOOT_FAIL", "DEADLINE"}

errors = []


def err(msg):
    errors.append(msg)


def bayou_fields():
    """The field list of the headerless bayou input, read from conf/footprint.yaml."""
    text = open(os.path.join(REPO, "conf", "footprint.yaml"), encoding="utf-8").read()
    m = re.search(r"cluster: bayou\s*\n(?:.*\n){0,2}?\s*fields: \[([^\]]*)\]", text)
    return [f.strip() for f in m.group(1).split(",")]


def parse_local(text, tz, fold=0):
    d = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S")
    return int(d.replace(tzinfo=tz, fold=fold).timestamp())


def is_ambiguous(text, tz):
    d = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S")
    return d.replace(tzinfo=tz, fold=0).utcoffset() != d.replace(tzinfo=tz, fold=1).utcoffset()


def parse_duration(text):
    """[D-]HH:MM:SS or MM:SS.mmm -> milliseconds."""
    m = re.match(r"^(?:(\d+)-)?(\d+):(\d\d):(\d\d)$", text)
    if m:
        d, h, mi, s = m.groups()
        return ((int(d or 0) * 24 + int(h)) * 3600 + int(mi) * 60 + int(s)) * 1000
    m = re.match(r"^(\d\d):(\d\d)\.(\d\d\d)$", text)
    if m:
        mi, s, ms = m.groups()
        return (int(mi) * 60 + int(s)) * 1000 + int(ms)
    raise ValueError("bad duration %r" % text)


def fmt_elapsed(secs):
    d, r = divmod(secs, 86400)
    h, r = divmod(r, 3600)
    m, s = divmod(r, 60)
    if d:
        return "%d-%02d:%02d:%02d" % (d, h, m, s)
    return "%02d:%02d:%02d" % (h, m, s)


def expand_hostlist(text):
    if text in ("", "None assigned"):
        return []
    out, depth, cur = [], 0, ""
    parts = []
    for ch in text:
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += ch == "["
        depth -= ch == "]"
        cur += ch
    parts.append(cur)
    for p in parts:
        m = re.match(r"^(.*)\[(.*)\]$", p)
        if not m:
            out.append(p)
            continue
        for r in m.group(2).split(","):
            if "-" in r:
                a, b = r.split("-")
                out += ["%s%0*d" % (m.group(1), len(a), k) for k in range(int(a), int(b) + 1)]
            else:
                out.append(m.group(1) + r)
    return out


def tres_map(text):
    if not text:
        return {}
    return dict(kv.split("=", 1) for kv in text.split(","))


def gpu_count(t):
    """Boards from AllocTRES: untyped total; typed only when alone; MIG as slices/7."""
    typed = {k.split(":", 1)[1]: int(v) for k, v in t.items() if k.startswith("gres/gpu:")}
    untyped = int(t["gres/gpu"]) if "gres/gpu" in t else None
    if typed and untyped is not None and sum(typed.values()) != untyped:
        raise ValueError("typed %s != untyped %s" % (typed, untyped))
    if not typed:
        return Fraction(untyped or 0)
    return sum((Fraction(n * MIG[ty], 7) if ty in MIG else Fraction(n) for ty, n in typed.items()), Fraction(0))


def main():
    exp = json.load(open(os.path.join(ROOT, "EXPECTED.json"), encoding="utf-8"))
    total_size = 0
    for dp, dns, fns in os.walk(ROOT):
        # power/, kubernetes/ and slurm/alpine-json/ are written by their own generators, with their own budgets
        dns[:] = [d for d in dns if not (dp == ROOT and d in ("power", "kubernetes"))
                  and not (d == "alpine-json")]
        for fn in fns:
            total_size += os.path.getsize(os.path.join(dp, fn))
    if total_size > 2 * 1024 * 1024:
        err("sample-logs is %d bytes, over 2 MB" % total_size)

    bf = bayou_fields()
    if bf[-1] != "JobName" or "JobID" not in bf or "State" not in bf:
        err("unexpected bayou field list %s" % bf)
    clusters = {"alpine": (ZoneInfo("Europe/Berlin"), ALPINE, True),
                "bayou": (ZoneInfo("America/Chicago"), bf, False)}
    for name, (tz, fields, header) in clusters.items():
        check_cluster(name, tz, fields, header, exp["clusters"][name])
    check_carbon(exp["carbon"])
    if errors:
        for e in errors[:80]:
            print("FAIL:", e)
        print("%d problem(s)" % len(errors))
        sys.exit(1)
    print("all checks passed (%d bytes in sample-logs)" % total_size)


def check_cluster(name, tz, fields, header, ex):
    n = len(fields)
    idx = {f: i for i, f in enumerate(fields)}
    malformed = {(m["file"], m["line"]) for m in ex["malformed"]}
    pipes = {(p["file"], p["line"]) for p in ex["pipe_in_free_text"]}
    free_col = "JobName" if name == "alpine" else "Comment"
    second_fold_jobs = {c["jobid"] for c in ex["dst"]["cases"] if "second" in c.get("end_in_repeated_hour", "")}
    listed_dst = {c["jobid"] for c in ex["dst"]["cases"]}
    if ex["fields"] != fields:
        err("%s: EXPECTED fields differ from the field list used here" % name)
    export_t = int(datetime.strptime(ex["export_time_utc"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())

    rows_by_file = {}
    lines_read = 0
    seen_malformed = set()
    truncated_files = set()
    for rel in ex["file_list"]:
        raw = open(os.path.join(ROOT, rel), "rb").read()
        text = raw.decode("utf-8")  # every file must be valid UTF-8
        if not text.endswith("\n"):
            truncated_files.add(rel)
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        rows = []
        for no, line in enumerate(lines, start=1):
            if header and no == 1:
                if line.split("|") != fields:
                    err("%s: header differs" % rel)
                continue
            lines_read += 1
            parts = line.split("|")
            if (rel, no) in malformed:
                seen_malformed.add((rel, no))
                if len(parts) == n:
                    # must still be unusable: empty JobID/State, bad Start or bad ElapsedRaw
                    v = dict(zip(fields, parts))
                    bad = (not v["JobID"] or not v["State"]
                           or not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$", v["Start"])
                           or not v["ElapsedRaw"].isdigit())
                    if not bad:
                        err("%s:%d listed malformed but looks fine" % (rel, no))
                continue
            if (rel, no) in pipes:
                if len(parts) != n + 1:
                    err("%s:%d pipe row has %d fields" % (rel, no, len(parts)))
                    continue
                c = idx[free_col]
                parts = parts[:c] + [parts[c] + "|" + parts[c + 1]] + parts[c + 2:]
            elif len(parts) != n:
                err("%s:%d has %d fields, not %d" % (rel, no, len(parts), n))
                continue
            rows.append((no, dict(zip(fields, parts)), line))
        rows_by_file[rel] = rows
    if seen_malformed != malformed:
        err("%s: malformed lines listed but not found: %s" % (name, malformed - seen_malformed))
    if lines_read != ex["lines_read"]:
        err("%s lines_read %d != %d" % (name, lines_read, ex["lines_read"]))

    # ---- per-row checks
    alloc_rows = step_rows = pend_arr = 0
    alloc_text, step_text = {}, {}
    jobs = {}          # JobIDRaw -> row of allocation
    job_files = {}     # JobIDRaw -> set of files
    steps_of = {}      # (file, alloc JobID) -> [rows]
    for rel, rows in rows_by_file.items():
        for no, v, line in rows:
            jid = v["JobID"]
            where = "%s:%d" % (rel, no)
            is_step = "." in jid
            if not re.match(r"^\d+(_\d+|_\[[\d\-,%]+\]|\+\d+)?(\.(batch|extern|interactive|\d+))?$", jid):
                err("%s bad JobID %r" % (where, jid))
            state = v["State"].split(" ")[0]
            if state not in BASE_STATES:
                err("%s unknown state %r" % (where, v["State"]))
            if is_step:
                step_rows += 1
                if step_text.setdefault(v["JobIDRaw"], line) != line:
                    err("%s step %s differs from an earlier copy" % (where, jid))
                steps_of.setdefault((rel, jid.split(".")[0]), []).append(v)
                if any(v.get(c) for c in ("User", "Partition", "ReqMem", "Comment", "WCKey", "Restarts")):
                    err("%s step carries job-only fields" % where)
                if not v["Account"]:
                    err("%s step without Account" % where)
            else:
                alloc_rows += 1
                if "[" in jid:
                    pend_arr += 1
                if alloc_text.setdefault(v["JobIDRaw"], line) != line:
                    err("%s allocation %s differs from an earlier copy" % (where, jid))
                if "[" not in jid:
                    jobs.setdefault(v["JobIDRaw"], v)
                    job_files.setdefault(v["JobIDRaw"], set()).add(rel)
                if v["TRESUsageInTot"]:
                    err("%s allocation row has TRESUsageInTot" % where)
                if not v["User"] or not v["Account"] or not v["Partition"]:
                    err("%s allocation without User/Account/Partition" % where)
            check_times(name, tz, v, where, second_fold_jobs, listed_dst, export_t)
            check_tres(v, where, is_step)

    # ---- allocation vs steps
    for (rel, ajid), steps in steps_of.items():
        alloc = [v for no, v, _ in rows_by_file[rel] if v["JobID"] == ajid]
        if not alloc:
            err("%s: steps of %s without their allocation" % (rel, ajid))
            continue
        a = alloc[0]
        tot = sum(parse_duration(s["TotalCPU"]) for s in steps)
        if tot != parse_duration(a["TotalCPU"]):
            err("%s %s TotalCPU %s != sum of steps %d ms" % (rel, ajid, a["TotalCPU"], tot))
        suffixes = {s["JobID"].split(".")[1] for s in steps}
        if "extern" not in suffixes or not (suffixes & {"batch", "interactive", "0"}):
            err("%s %s steps %s" % (rel, ajid, sorted(suffixes)))
        ga = gpu_count(tres_map(a["AllocTRES"]))
        for s in steps:
            u = tres_map(s["TRESUsageInTot"])
            if "gres/gpuutil" in u and int(u["gres/gpuutil"]) > 100 * ga:
                err("%s %s gpuutil %s over %s GPUs" % (rel, s["JobID"], u["gres/gpuutil"], ga))
        if ga and not any("gres/gpuutil" in tres_map(s["TRESUsageInTot"]) for s in steps):
            if a["State"] != "RUNNING":
                gpu_no_util.add(a["JobIDRaw"])
    for rel, rows in rows_by_file.items():
        for no, v, _ in rows:
            if "." in v["JobID"] or v["State"] in ("PENDING",) or v["NodeList"] == "None assigned":
                continue
            if (rel, v["JobID"]) not in steps_of and rel not in truncated_files:
                err("%s:%d started allocation %s has no steps" % (rel, no, v["JobID"]))

    # ---- export windows: a job is in every file whose window it touches, and only there
    windows = {}
    for rel in ex["file_list"]:
        m = re.search(r"sacct_(\d{4}-\d\d-\d\d)\.txt$", rel)
        if m:
            day = datetime.strptime(m.group(1), "%Y-%m-%d")
            nxt = datetime.fromordinal(day.toordinal() + 1)
            windows[rel] = (int(day.replace(tzinfo=tz).timestamp()), int(nxt.replace(tzinfo=tz).timestamp()))
        else:
            wk = int(re.search(r"week_(\d+)", rel).group(1))
            s_day = {43: "2026-10-19", 44: "2026-10-26", 45: "2026-11-02"}[wk]
            e_day = {43: "2026-10-27", 44: "2026-11-03", 45: "2026-11-09"}[wk]
            windows[rel] = (parse_local(s_day + "T00:00:00", tz), parse_local(e_day + "T00:00:00", tz))
    for raw, v in jobs.items():
        sub = parse_local(v["Submit"], tz)
        end = None if v["End"] == "Unknown" else utc_end(v, tz, second_fold_jobs)
        want = {rel for rel, (s, e) in windows.items() if sub < e and (end is None or end >= s)}
        have = job_files[raw]
        if have - want:
            err("%s job %s in files outside its window: %s" % (name, v["JobID"], sorted(have - want)))
        missing = want - have - truncated_files
        if missing:
            err("%s job %s missing from %s" % (name, v["JobID"], sorted(missing)))

    # ---- job ids increase with submit time
    order = sorted(jobs.values(), key=lambda v: (parse_local(v["Submit"], tz), int(re.match(r"\d+", v["JobID"]).group(0))))
    last = -1
    for v in order:
        base = int(re.match(r"\d+", v["JobID"]).group(0))
        if base < last:
            err("%s job id %s submitted after a higher id" % (name, v["JobID"]))
        last = base

    # ---- recount
    def st(v):
        return v["State"].split(" ")[0]
    ended = [v for v in jobs.values() if st(v) not in ("RUNNING", "PENDING")]
    states = {}
    for v in ended:
        states[st(v)] = states.get(st(v), 0) + 1
    gpu_jobs = [v for v in ended if gpu_count(tres_map(v["AllocTRES"])) > 0]
    gpus = sum((gpu_count(tres_map(v["AllocTRES"])) for v in gpu_jobs), Fraction(0))
    got = dict(allocation_rows=alloc_rows, step_rows=step_rows + 0, pending_array_rows=pend_arr,
               duplicate_allocation_rows=alloc_rows - len(alloc_text),
               duplicate_step_rows=step_rows - len(step_text), unique_allocations=len(jobs),
               ended_allocations=len(ended), running=sum(st(v) == "RUNNING" for v in jobs.values()),
               pending=sum(st(v) == "PENDING" for v in jobs.values()), gpu_jobs=len(gpu_jobs),
               users=sorted({v["User"] for v in jobs.values()}),
               accounts=sorted({v["Account"] for v in jobs.values()}),
               cpu_only_jobs=len(ended) - len(gpu_jobs) - sum(1 for v in ended if not v["AllocTRES"]
                                                              and "gpu" in v["Partition"]))
    for k, val in got.items():
        if k == "cpu_only_jobs":
            continue
        if ex[k] != val:
            err("%s %s: recount %s, EXPECTED %s" % (name, k, val, ex[k]))
    for k, val in states.items():
        if ex["states"].get(k) != val:
            err("%s states[%s]: recount %s, EXPECTED %s" % (name, k, val, ex["states"].get(k)))
    if sum(ex["states"].values()) != len(ended):
        err("%s states do not sum to ended" % name)
    if Fraction(ex["gpus_exact"]) != gpus:
        err("%s gpus recount %s, EXPECTED %s" % (name, gpus, ex["gpus_exact"]))
    if ex["duplicate_allocation_rows"] < (10 if name == "alpine" else 1):
        err("%s too few duplicate allocations" % name)

    # ---- period: ended jobs end 2026-10-19 .. 2026-11-08, in UTC and in local time
    for v in ended:
        e = utc_end(v, tz, second_fold_jobs)
        d_utc = datetime.fromtimestamp(e, UTC).date().isoformat()
        d_loc = v["End"][:10]
        if not ("2026-10-19" <= d_utc <= "2026-11-08" and "2026-10-19" <= d_loc <= "2026-11-08"):
            err("%s job %s ends outside the period (%s / %s)" % (name, v["JobID"], d_utc, d_loc))

    # ---- sweeps
    for sw in ex["sweeps"]:
        if sw["sweep_id"].startswith(name + "/"):
            members = [v for v in jobs.values() if re.match(r"^%s_\d+$" % sw["array_job_id"], v["JobID"])]
        elif sw["rule"] == "nas":
            members = [v for v in jobs.values() if re.match(r"^nas:([A-Za-z0-9_.-]+)", v["Comment"])]
        else:
            members = [v for v in jobs.values() if re.match(r"^hpo-([A-Za-z0-9_.-]+)$", v["WCKey"])]
        ended_m = [v for v in members if st(v) not in ("RUNNING", "PENDING")]
        if len(ended_m) != sw["trials"]:
            err("%s sweep %s trials %d != %d" % (name, sw["sweep_id"], len(ended_m), sw["trials"]))
        if sum(st(v) != "COMPLETED" for v in ended_m) != sw["failed_trials"]:
            err("%s sweep %s failed_trials" % (name, sw["sweep_id"]))
        if sum(st(v) == "FAILED" for v in ended_m) != sw["failed_state_trials"]:
            err("%s sweep %s failed_state_trials" % (name, sw["sweep_id"]))

    # ---- DST
    cases = ex["dst"]["cases"]
    if len(cases) < (3 if name == "alpine" else 2):
        err("%s: only %d DST-crossing jobs" % (name, len(cases)))
    if not any("start_in_repeated_hour" in c for c in cases):
        err("%s: no job starts in the repeated hour" % name)
    for c in cases:
        if c["wall_clock_diff_s"] != c["elapsed_raw"] - 3600:
            err("%s DST case %s: wall clock %d vs elapsed %d" % (name, c["jobid"], c["wall_clock_diff_s"],
                                                                  c["elapsed_raw"]))
        v = [x for x in jobs.values() if x["JobID"] == c["jobid"]][0]
        s = parse_local(v["Start"], tz)
        e = utc_end(v, tz, second_fold_jobs)
        if iso(s) != c["start_utc"] or iso(e) != c["end_utc"] or int(v["ElapsedRaw"]) != c["elapsed_raw"]:
            err("%s DST case %s does not match its row" % (name, c["jobid"]))
    trans = int(datetime.strptime(ex["dst"]["transition_utc"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())
    crossing = [v for v in ended if v["Start"] != "Unknown" and parse_local(v["Start"], tz) < trans
                <= utc_end(v, tz, second_fold_jobs)]
    if {v["JobID"] for v in crossing} != {c["jobid"] for c in cases}:
        err("%s DST crossing set differs from EXPECTED" % name)

    # ---- quirks exist where EXPECTED says
    for q in ("unknown_partition", "unknown_gpu_type", "untyped_gpu_only", "typed_gpu_only", "heterogeneous",
              "requeued", "cancelled_before_start", "multi_node"):
        for ref in ex["quirks"].get(q, []):
            v = jobs.get(ref["jobidraw"])
            if v is None:
                err("%s quirk %s: %s not found" % (name, q, ref["jobid"]))
                continue
            t = tres_map(v["AllocTRES"])
            if q == "untyped_gpu_only" and (any(k.startswith("gres/gpu:") for k in t) or "gres/gpu" not in t):
                err("%s %s is not untyped-only" % (name, ref["jobid"]))
            if q == "typed_gpu_only" and ("gres/gpu" in t or not any(k.startswith("gres/gpu:") for k in t)):
                err("%s %s is not typed-only" % (name, ref["jobid"]))
            if q == "requeued" and v.get("Restarts", "1") in ("", "0"):
                err("%s %s not requeued" % (name, ref["jobid"]))
            if q == "cancelled_before_start" and (v["ElapsedRaw"] != "0" or v["Start"] != v["End"]):
                err("%s %s not cancelled before start" % (name, ref["jobid"]))
    if name == "alpine" and not ex["quirks"]["pipe_in_free_text"]:
        err("alpine: no pipe row")
    print("%s: %d files, %d lines, %d unique allocations, %d ended checked" % (name, len(ex["file_list"]),
                                                                              lines_read, len(jobs), len(ended)))


gpu_no_util = set()


def iso(t):
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_end(v, tz, second_fold_jobs):
    alloc = v["JobID"].split(".")[0]
    fold = 1 if alloc in second_fold_jobs and is_ambiguous(v["End"], tz) else 0
    return parse_local(v["End"], tz, fold)


def check_times(name, tz, v, where, second_fold_jobs, listed_dst, export_t):
    try:
        er = int(v["ElapsedRaw"])
    except ValueError:
        err("%s ElapsedRaw %r" % (where, v["ElapsedRaw"]))
        return
    if "Elapsed" in v and v["Elapsed"] != fmt_elapsed(er):
        err("%s Elapsed %s != ElapsedRaw %d" % (where, v["Elapsed"], er))
    alloc = v["JobID"].split(".")[0]
    for col in ("Submit", "Start", "End"):
        if v[col] not in ("Unknown",) and is_ambiguous(v[col], tz) and alloc not in listed_dst:
            err("%s %s %s is in the repeated hour but the job is not a listed DST case" % (where, col, v[col]))
    sub = parse_local(v["Submit"], tz)
    if v["Start"] == "Unknown":
        if v["State"] != "PENDING" or er != 0 or v["End"] != "Unknown":
            err("%s Start Unknown but not pending" % where)
        return
    s = parse_local(v["Start"], tz)
    if sub > s:
        err("%s Submit after Start" % where)
    if v["End"] == "Unknown":
        if v["State"] != "RUNNING" or er != export_t - s:
            err("%s running row: ElapsedRaw %d vs export-start %d" % (where, er, export_t - s))
        return
    e = utc_end(v, tz, second_fold_jobs)
    if e < s:
        err("%s End before Start" % where)
    if e - s != er:
        err("%s ElapsedRaw %d != End-Start %d (UTC)" % (where, er, e - s))


def check_tres(v, where, is_step):
    t = tres_map(v["AllocTRES"])
    if not t:
        if not is_step and v["State"] != "PENDING" and v["NodeList"] != "None assigned":
            err("%s started job without AllocTRES" % where)
        return
    if ",".join(sorted(v["AllocTRES"].split(","))) != v["AllocTRES"]:
        err("%s AllocTRES not sorted" % where)
    try:
        gpu_count(t)
    except ValueError as e:
        err("%s %s" % (where, e))
    if t.get("cpu") != v["AllocCPUS"]:
        err("%s AllocCPUS %s != cpu %s" % (where, v["AllocCPUS"], t.get("cpu")))
    nodes = expand_hostlist(v["NodeList"])
    if str(len(nodes)) != (v["NNodes"] if "NNodes" in v else str(len(nodes))) or t.get("node") != str(len(nodes)):
        err("%s NodeList %s vs NNodes/node" % (where, v["NodeList"]))
    u = v["TRESUsageInTot"]
    if u and ",".join(sorted(u.split(","))) != u:
        err("%s TRESUsageInTot not sorted" % where)


def check_carbon(ex):
    h1 = ("Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO\u2082eq/kWh (direct),Carbon Intensity "
          "gCO\u2082eq/kWh (LCA),Low Carbon Percentage,Renewable Percentage,Data Source,Data Estimated,"
          "Data Estimation Method")
    h2 = ("Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO\u2082eq/kWh (direct),Carbon intensity "
          "gCO\u2082eq/kWh (Life cycle),Carbon-free energy percentage (CFE%),Renewable energy percentage (RE%),"
          "Data source,Data estimated,Data estimation method")
    spec = {"carbon/DE_2026_hourly.csv": (h1, "DE", 150, 550),
            "carbon/US-MIDW-MISO_2026_hourly.csv": (h2, "US-MIDW-MISO", 350, 650)}
    start = int(datetime(2026, 10, 12, tzinfo=UTC).timestamp())
    hours = [start + 3600 * k for k in range(35 * 24)]
    for rel, (hdr, zone, lo, hi) in spec.items():
        lines = open(os.path.join(ROOT, rel), encoding="utf-8").read().rstrip("\n").split("\n")
        if lines[0] != hdr:
            err("%s header differs from the Electricity Maps variant" % rel)
        seen = []
        for line in lines[1:]:
            p = line.split(",")
            if len(p) != 11:
                err("%s: %d columns" % (rel, len(p)))
                continue
            t = int(datetime.strptime(p[0], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp())
            seen.append(t)
            direct, lca = float(p[4]), float(p[5])
            if p[3] != zone or not (lo <= lca <= hi) or not (0 < direct < lca):
                err("%s %s values out of range" % (rel, p[0]))
            if p[9] not in ("true", "false") or (p[9] == "false") != (p[10] == ""):
                err("%s %s estimated flags" % (rel, p[0]))
        if seen != sorted(seen):
            err("%s not in time order" % rel)
        missing = [iso(t) for t in hours if t not in set(seen)]
        if missing != ex["missing_hours_utc"].get(zone, []):
            err("%s missing hours %s" % (rel, missing))
        if len(seen) != ex["rows_per_zone"][zone]:
            err("%s rows %d" % (rel, len(seen)))
    if len(ex["missing_hours_utc"]["DE"]) != 6:
        err("DE gap is not 6 hours")
    print("carbon: %s" % ex["rows_per_zone"])


if __name__ == "__main__":
    main()
