#!/usr/bin/env python3
"""Write the synthetic nvidia-smi power logs of footprint (sample-logs/power/).

Nothing here was measured: the script reads which jobs the (synthetic) alpine sacct exports put on which nodes
and when, and invents per-board power that is consistent with them, from a fixed seed. Re-running it rewrites
byte-identical files:

    python3 tools/sample-logs/make_power_samples.py

Outputs (paths relative to sample-logs/power/):
  nvidia-smi/<node>.csv   one log per node, as `nvidia-smi --query-gpu=... --format=csv -l 60` writes it
  EXPECTED.json           counts and per-job integrals computed from the values written (tests assert these)
  README.md               what is where and how it was made

Python 3.9+ standard library only (zoneinfo needs the system tz database).
"""

import glob
import json
import math
import os
import random
import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

SEED = 20261020
HERE = os.path.dirname(os.path.abspath(__file__))                             # tools/sample-logs/
SAMPLE_LOGS = os.path.join(os.path.dirname(os.path.dirname(HERE)), "sample-logs")  # sample-logs/
ROOT = os.path.join(SAMPLE_LOGS, "power")                                      # sample-logs/power/
UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")               # alpine's time_zone: nvidia-smi prints node-local time

INTERVAL_S = 60                                  # nvidia-smi -l 60
MAX_GAP_S = 120                                  # conf power.sample_max_gap_s default: what "covered" means here
WINDOW_LOCAL = (datetime(2026, 10, 20, 0, 0, 0), datetime(2026, 10, 23, 0, 0, 0))

# board models as nvidia-smi names them; idle and TDP in W (A100: reported idle 46-62 W, SXM4 TDP 400 W;
# H100: reported idle ~70-100 W, SXM5 TDP 700 W)
A100 = {"name": "NVIDIA A100-SXM4-40GB", "idle": 52.0, "tdp": 400.0, "boards": 4}
H100 = {"name": "NVIDIA H100 80GB HBM3", "idle": 72.0, "tdp": 700.0, "boards": 8}

# one log per node, each in a different but real nvidia-smi / wrapper layout
NODES = {
    "gpu001": {"board": A100, "columns": ["timestamp", "index", "uuid", "name", "power.draw", "utilization.gpu"],
               "header": True, "units": True, "hostname": False},
    "gpu002": {"board": A100, "columns": ["timestamp", "index", "name", "power.draw", "utilization.gpu"],
               "header": True, "units": True, "hostname": False},
    "gpu003": {"board": A100, "columns": ["hostname", "timestamp", "index", "name", "power.draw", "utilization.gpu"],
               "header": True, "units": True, "hostname": True},
    "gpu004": {"board": A100, "columns": ["timestamp", "index", "power.draw", "utilization.gpu"],
               "header": False, "units": False, "hostname": False},
    "hgx03": {"board": H100, "columns": ["index", "timestamp", "power.draw", "utilization.gpu"],
              "header": True, "units": True, "hostname": False},
}
HEADER_UNITS = {"power.draw": " [W]", "utilization.gpu": " [%]"}
NOHEADER_FIELDS = ["timestamp", "index", "power.draw", "utilization.gpu"]   # conf fields for gpu004

# planted quirks (local times)
NA_POWER = [("gpu001", 0, datetime(2026, 10, 20, 10, 30, 0)),               # one [N/A] inside job 41000_6
            ("gpu001", 3, datetime(2026, 10, 21, 3, 0, 0)),                 # three in a row on an idle board
            ("gpu001", 3, datetime(2026, 10, 21, 3, 1, 0)),
            ("gpu001", 3, datetime(2026, 10, 21, 3, 2, 0))]
GAP = ("gpu003", datetime(2026, 10, 20, 16, 1, 0), datetime(2026, 10, 20, 16, 10, 0))  # rounds missing [from, to)
RESTART = ("gpu002", datetime(2026, 10, 21, 9, 0, 0))                      # tool killed + restarted here


def to_utc(local):
    return local.replace(tzinfo=BERLIN).astimezone(UTC)


def expand_hostlist(nodelist):
    out = []
    for m in re.finditer(r"([a-z]+)(\[[^\]]+\]|\d+)", nodelist):
        prefix, rest = m.groups()
        if rest.startswith("["):
            for part in rest[1:-1].split(","):
                if "-" in part:
                    a, b = part.split("-")
                    out += [prefix + str(i).zfill(len(a)) for i in range(int(a), int(b) + 1)]
                else:
                    out.append(prefix + part)
        else:
            out.append(prefix + rest)
    return out


def read_alpine_jobs():
    """Ended GPU allocations of the alpine sample exports: id, nodes, GPUs, UTC interval, per-GPU utilisation."""
    allocs, util = {}, {}
    for path in sorted(glob.glob(os.path.join(SAMPLE_LOGS, "slurm", "alpine", "*.txt"))):
        lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
        header = lines[0].split("|")
        for line in lines[1:]:
            fields = line.split("|")
            if len(fields) != len(header):
                continue                           # malformed rows and pipes in names: not needed here
            r = dict(zip(header, fields))
            m = re.search(r"gres/gpuutil=(\d+)", r["TRESUsageInTot"])
            if "." in r["JobID"]:
                if m:
                    util[r["JobID"].split(".")[0]] = int(m.group(1))
                continue
            if not r["JobID"] or r["Start"] in ("", "Unknown", "None") or r["End"] in ("", "Unknown"):
                continue
            g = re.search(r"gres/gpu=(\d+)", r["AllocTRES"])
            if not g or r["NodeList"] in ("", "None assigned"):
                continue
            allocs[r["JobID"]] = r
    jobs = []
    for job_id, r in allocs.items():
        start = to_utc(datetime.fromisoformat(r["Start"]))
        gpus = int(re.search(r"gres/gpu=(\d+)", r["AllocTRES"]).group(1))
        nodes = expand_hostlist(r["NodeList"])
        per_gpu = util.get(job_id)
        jobs.append({"job_id": job_id, "state": r["State"].split(" ")[0], "nodes": nodes, "gpus": gpus,
                     "start": start, "end": start + timedelta(seconds=int(r["ElapsedRaw"])),
                     "util": (per_gpu / gpus / 100.0) if per_gpu is not None else 0.6})
    jobs.sort(key=lambda j: (j["start"], j["job_id"]))
    return jobs


def assign_boards(jobs):
    """First fit at start time: each job takes the lowest free board indices on each of its logged nodes."""
    busy = {n: [None] * NODES[n]["board"]["boards"] for n in NODES}   # board → end time of its job
    placed = []
    for j in jobs:
        mine = [n for n in j["nodes"] if n in NODES]
        if not mine:
            continue
        per_node = j["gpus"] // len(j["nodes"])
        idx = {}
        for n in mine:
            free = [i for i, until in enumerate(busy[n]) if until is None or until <= j["start"]]
            if len(free) < per_node:
                raise SystemExit("node %s oversubscribed by job %s" % (n, j["job_id"]))
            idx[n] = free[:per_node]
            for i in idx[n]:
                busy[n][i] = j["end"]
        placed.append(dict(j, indices=idx, per_node=per_node))
    return placed


def board_power(rng, board, job, t):
    """W and util % of one board at UTC time t: idle, or the job's level after a 45 s start-up ramp."""
    if job is None:
        return board["idle"] + rng.gauss(0, 1.2), 0
    u = job["util"]
    level = board["idle"] + u * (board["tdp"] - board["idle"])
    drift = 0.04 * math.sin((t - job["start"]).total_seconds() / 900.0 + len(job["job_id"]))
    since = (t - job["start"]).total_seconds()
    if since < 45:
        level = board["idle"] + 0.4 * (level - board["idle"])
    w = level * (1 + drift + rng.gauss(0, 0.03))
    w = max(board["idle"] + 5, min(board["tdp"] * 0.98, w))
    util = max(1, min(100, round(u * 100 + rng.gauss(0, 4))))
    return w, util


def fmt_local(t_utc):
    local = t_utc.astimezone(BERLIN)
    return local.strftime("%Y/%m/%d %H:%M:%S.") + "%03d" % (local.microsecond // 1000)


def write_logs(placed, rng):
    start, end = to_utc(WINDOW_LOCAL[0]), to_utc(WINDOW_LOCAL[1])
    rounds = int((end - start).total_seconds() // INTERVAL_S)
    series, files = {}, {}
    na = {(n, i, to_utc(t)) for n, i, t in NA_POWER}
    gap = (GAP[0], to_utc(GAP[1]), to_utc(GAP[2]))
    restart = (RESTART[0], to_utc(RESTART[1]))
    for node, spec in NODES.items():
        board = spec["board"]
        uuid_rng = random.Random("%s-%s" % (SEED, node))
        uuids = ["GPU-%08x-%04x-4%03x-8%03x-%012x" % (uuid_rng.getrandbits(32), uuid_rng.getrandbits(16),
                                                      uuid_rng.getrandbits(12), uuid_rng.getrandbits(12),
                                                      uuid_rng.getrandbits(48)) for _ in range(board["boards"])]
        header = ", ".join(c + (HEADER_UNITS.get(c, "") if spec["units"] else "") for c in spec["columns"])
        lines = [header] if spec["header"] else []
        info = {"node": node, "board": board["name"], "boards": board["boards"], "columns": spec["columns"],
                "header": spec["header"], "units": spec["units"], "header_lines": 1 if spec["header"] else 0,
                "samples": 0, "na_power_lines": [], "rejects": []}
        for k in range(rounds):
            t_round = start + timedelta(seconds=k * INTERVAL_S)
            if node == gap[0] and gap[1] <= t_round < gap[2]:
                info.setdefault("gap_after_line", len(lines))
                continue
            if node == restart[0] and t_round == restart[1]:
                # killed mid-line (the wrapper still ends the line), restarted 15 s later: header again
                cut = fmt_local(t_round + timedelta(milliseconds=118)) + ", 0, " + board["name"] + ", 5"
                lines.append(cut)
                info["rejects"].append({"line": len(lines), "reason": "truncated line (tool killed)"})
                lines.append(header)
                info["header_lines"] += 1
                info["restart_header_line"] = len(lines)
                t_round = t_round + timedelta(seconds=15)
            jitter_ms = rng.randrange(0, 900)
            for i in range(board["boards"]):
                t = t_round + timedelta(milliseconds=jitter_ms + 3 * i)
                t = t.replace(microsecond=(t.microsecond // 1000) * 1000)
                job = next((j for j in placed if i in j["indices"].get(node, []) and j["start"] <= t < j["end"]),
                           None)
                w, util = board_power(rng, board, job, t)
                w = round(w, 2)
                power_text = ("%.2f W" if spec["units"] else "%.2f") % w
                util_text = ("%d %%" if spec["units"] else "%d") % util
                if (node, i, t_round) in na:
                    power_text, util_text, w = "[N/A]", "[N/A]", None
                values = {"hostname": node, "timestamp": fmt_local(t), "index": str(i), "uuid": uuids[i],
                          "name": board["name"], "power.draw": power_text, "utilization.gpu": util_text}
                lines.append(", ".join(values[c] for c in spec["columns"]))
                info["samples"] += 1
                if w is None:
                    info["na_power_lines"].append(len(lines))
                series.setdefault((node, i), []).append((t.timestamp(), w))
        path = os.path.join(ROOT, "nvidia-smi", node + ".csv")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
        info["lines"] = len(lines)
        info["data_lines"] = len(lines) - info["header_lines"]
        info["bytes"] = os.path.getsize(path)
        files["nvidia-smi/%s.csv" % node] = info
    return series, files


def integrate(points, s, e):
    """What SampledEnergy computes for one board over [s, e]: trapezoid between consecutive readings at most
    MAX_GAP_S apart, clipped by linear interpolation; [N/A] readings are dropped first. Returns (J, covered s,
    samples inside)."""
    pts = [(t, w) for t, w in points if w is not None]
    energy = covered = 0.0
    inside = sum(1 for t, _ in pts if s <= t <= e)
    for (t0, w0), (t1, w1) in zip(pts, pts[1:]):
        if t1 - t0 > MAX_GAP_S or t1 <= s or t0 >= e:
            continue
        a, b = max(t0, s), min(t1, e)
        pa = w0 + (w1 - w0) * (a - t0) / (t1 - t0)
        pb = w0 + (w1 - w0) * (b - t0) / (t1 - t0)
        energy += (b - a) * (pa + pb) / 2
        covered += b - a
    return energy, covered, inside


def expected_jobs(placed, series):
    w0, w1 = to_utc(WINDOW_LOCAL[0]), to_utc(WINDOW_LOCAL[1])
    out = []
    for j in placed:
        if j["end"] <= w0 or j["start"] >= w1:
            continue
        s, e = j["start"].timestamp(), j["end"].timestamp()
        dur = e - s
        units = len(j["nodes"])
        own_j = own_cov = share_j = share_cov = own_s = 0.0
        samples = 0
        for n in j["indices"]:
            boards = range(NODES[n]["board"]["boards"])
            per = {i: integrate(series[(n, i)], s, e) for i in boards}
            share = min(1.0, j["per_node"] / len(per))
            share_j += share * sum(x[0] for x in per.values())
            share_cov += sum(x[1] for x in per.values()) / (len(per) * dur * units)
            samples += sum(x[2] for x in per.values())
            own_j += sum(per[i][0] for i in j["indices"][n])
            own_s += sum(per[i][1] for i in j["indices"][n])
            own_cov += sum(per[i][1] for i in j["indices"][n]) / (len(j["indices"][n]) * dur * units)
        out.append({
            "job_id": j["job_id"], "state": j["state"], "nodes": j["nodes"],
            "logged_nodes": sorted(j["indices"]), "gpus": j["gpus"], "gpu_indices": j["indices"],
            "start_utc": j["start"].strftime("%Y-%m-%dT%H:%M:%SZ"), "end_utc": j["end"].strftime("%Y-%m-%dT%H:%M:%SZ"),
            "duration_s": int(dur), "gpu_util": round(j["util"], 4),
            "mean_board_w": round(own_j / own_s, 1) if own_s else None,
            "fully_covered": abs(share_cov - 1) < 1e-9,
            "node_share": {"energy_kwh": share_j / 3.6e6, "coverage": share_cov, "sample_count": samples},
            "own_boards": {"energy_kwh": own_j / 3.6e6, "coverage": own_cov},
        })
    return out


README = """# sample-logs/power: synthetic nvidia-smi logs

**Everything here is synthetic.** No value was measured: `tools/sample-logs/make_power_samples.py` (Python 3
standard library only, fixed seed {seed}) reads which jobs the synthetic alpine sacct exports (`../slurm/alpine/`) put on
which nodes and when, assigns them GPU indices first-fit (sacct does not export them), and invents per-board
power and utilisation consistent with that. It rewrites the same bytes on every run and also writes this README
and `EXPECTED.json`; edit the script, not the outputs.

```
python3 tools/sample-logs/make_power_samples.py
```

## What is where

| file | node | boards | layout (as the tool or a wrapper writes it) |
|---|---|---|---|
{table}

All logs: one line per board every {interval} s, {w0} to {w1} local time (Europe/Berlin, UTC+2 on those
days; nvidia-smi prints the node's local wall clock without offset, so the reader takes the cluster's
`time_zone`). The node is the file name (default `node_from_file`: up to the first `.`), except `gpu003.csv`
whose wrapper writes a `hostname` column. Total {total_mb:.2f} MB.

To read them, add to `conf/footprint.yaml` (fields only apply to the headerless `gpu004.csv`; logs with a
header line use their header):

```yaml
  - type: nvidia-smi
    cluster: alpine
    path: ../sample-logs/power/nvidia-smi/*.csv
    fields: [timestamp, index, power.draw, utilization.gpu]
```

## How the values were made

- Idle boards: A100 {a100_idle:.0f} W, H100 {h100_idle:.0f} W (inside reported idle ranges: A100 46-62 W, H100 70-100 W), ±1.2 W noise, 0 %.
- Busy boards (a job holds them): idle + u × (TDP − idle) with u the job's own per-GPU `gres/gpuutil` from the
  sacct step rows (A100 TDP 400 W, H100 700 W), a 45 s start-up ramp at 40 %, a slow ±4 % drift and ±3 % noise;
  utilisation = u ± 4 points. Trainings land at 250–390 W per A100; the cancelled interactive session 43652
  (gpuutil 20 %) draws far less, and the H100 job more than an A100 could (table below).
- GPU indices: first fit at the job start (lowest free indices); `EXPECTED.json` lists them per job, since a real
  sacct export without `-d`/IDX would not say.
- Times: one round per minute at :00 plus a random 0–0.9 s, boards 3 ms apart, as `-l 60` prints them.

## Jobs on the logged nodes

| job | state | nodes (logged) | GPUs | indices | gres/gpuutil per GPU | mean W per board | node-share coverage |
|---|---|---|---|---|---|---|---|
{jobs}

## Planted quirks

| quirk | where |
|---|---|
{quirks}

## EXPECTED.json

Counts per file (lines, header lines, samples, rejects with line numbers, `[N/A]` lines) and, per job that ran
on a logged node inside the window, the integral the tests check: trapezoid rule between consecutive readings
of a board at most {max_gap} s apart (`power.sample_max_gap_s`), clipped to the job by linear interpolation,
`[N/A]` readings dropped; `node_share` = the job's g/B share of its nodes' boards (what SampledEnergy does
without GPU indices), `own_boards` = only the boards the generator gave the job. `fully_covered` = every node of
the job is logged and no interval inside the job exceeds {max_gap} s.
"""


def jobs_table(exp_jobs):
    rows = []
    for j in exp_jobs:
        idx = "; ".join("%s: %s" % (n, ",".join(str(i) for i in v)) for n, v in sorted(j["gpu_indices"].items()))
        rows.append("| %s | %s | %s (%s) | %d | %s | %.0f %% | %s | %.4f |" % (
            j["job_id"], j["state"], ",".join(j["nodes"]), ",".join(j["logged_nodes"]), j["gpus"], idx,
            j["gpu_util"] * 100, "%.1f" % j["mean_board_w"] if j["mean_board_w"] else "-",
            j["node_share"]["coverage"]))
    return "\n".join(rows)


def main():
    rng = random.Random(SEED)
    jobs = read_alpine_jobs()
    placed = assign_boards(jobs)
    series, files = write_logs(placed, rng)
    exp_jobs = expected_jobs(placed, series)
    w0, w1 = WINDOW_LOCAL
    total = sum(f["bytes"] for f in files.values())
    gap_line = files["nvidia-smi/%s.csv" % GAP[0]]["gap_after_line"]
    gap_t0 = max(t for t, _ in series[(GAP[0], 0)] if t < to_utc(GAP[1]).timestamp())
    gap_t1 = min(t for t, _ in series[(GAP[0], 0)] if t >= to_utc(GAP[2]).timestamp())
    expected = {
        "about": "Counts and per-job integrals over the synthetic power logs, computed by "
                 "tools/sample-logs/make_power_samples.py from the values it wrote. Paths are relative to sample-logs/power/.",
        "cluster": "alpine", "time_zone": "Europe/Berlin", "interval_s": INTERVAL_S, "max_gap_s": MAX_GAP_S,
        "window_local": [w0.isoformat(), w1.isoformat()],
        "window_utc": [to_utc(w0).strftime("%Y-%m-%dT%H:%M:%SZ"), to_utc(w1).strftime("%Y-%m-%dT%H:%M:%SZ")],
        "noheader_fields": NOHEADER_FIELDS,
        "files": files,
        "totals": {"files": len(files), "records_read": sum(f["data_lines"] for f in files.values()),
                   "samples": sum(f["samples"] for f in files.values()),
                   "rejected": sum(len(f["rejects"]) for f in files.values()),
                   "na_power": sum(len(f["na_power_lines"]) for f in files.values()), "bytes": total},
        "gap": {"file": "nvidia-smi/%s.csv" % GAP[0], "node": GAP[0], "after_line": gap_line,
                "last_before_utc": datetime.fromtimestamp(gap_t0, UTC).isoformat(timespec="milliseconds"),
                "first_after_utc": datetime.fromtimestamp(gap_t1, UTC).isoformat(timespec="milliseconds"),
                "seconds": round(gap_t1 - gap_t0, 3)},
        "restart": {"file": "nvidia-smi/%s.csv" % RESTART[0],
                    "repeated_header_line": files["nvidia-smi/%s.csv" % RESTART[0]]["restart_header_line"],
                    "truncated_line": files["nvidia-smi/%s.csv" % RESTART[0]]["rejects"][0]["line"]},
        "jobs": exp_jobs,
        "fully_covered": [j["job_id"] for j in exp_jobs if j["fully_covered"]],
        "not_fully_covered": {j["job_id"]: round(j["node_share"]["coverage"], 6) for j in exp_jobs
                              if not j["fully_covered"]},
    }
    with open(os.path.join(ROOT, "EXPECTED.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(expected, f, indent=2, sort_keys=True)
        f.write("\n")

    table = "\n".join("| `%s` | %s | %d × %s | %s |" % (
        p, f["node"], f["boards"], f["board"],
        ("header `" + ", ".join(c + (HEADER_UNITS.get(c, "") if f["units"] else "") for c in f["columns"]) + "`")
        if f["header"] else "no header, no units (`--format=csv,noheader,nounits`): fields from conf `"
        + ", ".join(f["columns"]) + "`") for p, f in files.items())
    quirks = [
        "| `[N/A]` power and utilisation, once inside job 41000_6 (its neighbours 120 s apart: still covered) and 3 "
        "rounds in a row on idle board 3 | `nvidia-smi/gpu001.csv` lines %s |"
        % ", ".join(str(x) for x in files["nvidia-smi/gpu001.csv"]["na_power_lines"]),
        "| 10-minute gap (nvidia-smi down: no rounds from %s to %s local), inside job 41000_25: an interval of "
        "%.1f s > %d s, not covered | `nvidia-smi/gpu003.csv` lines %d-%d |" % (
            GAP[1].strftime("%m-%d %H:%M"), (GAP[2] - timedelta(seconds=INTERVAL_S)).strftime("%H:%M"),
            expected["gap"]["seconds"], MAX_GAP_S, gap_line, gap_line + 1),
        "| tool killed mid-line at %s local (truncated line, a reject), restarted 15 s later: header repeated "
        "| `nvidia-smi/gpu002.csv` lines %d and %d |" % (RESTART[1].strftime("%m-%d %H:%M"),
                                                        expected["restart"]["truncated_line"],
                                                        expected["restart"]["repeated_header_line"]),
        "| two jobs sharing a node (40974 and 41000_4 on gpu003, 1 GPU each) | node share: 1/4 of gpu003 each |",
        "| multi-node job with an unlogged node (43035 on gpu[003-004,011]; gpu011 has no log) | coverage 2/3 |",
    ]
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(README.format(seed=SEED, table=table, interval=INTERVAL_S, w0=w0.strftime("%Y-%m-%d %H:%M"),
                              w1=w1.strftime("%Y-%m-%d %H:%M"), total_mb=total / 1e6, a100_idle=A100["idle"],
                              h100_idle=H100["idle"], quirks="\n".join(quirks), max_gap=MAX_GAP_S,
                              jobs=jobs_table(exp_jobs)))
    print("wrote %d files, %.2f MB, %d samples, %d jobs (%d fully covered)" % (
        len(files), total / 1e6, expected["totals"]["samples"], len(exp_jobs), len(expected["fully_covered"])))


if __name__ == "__main__":
    main()
