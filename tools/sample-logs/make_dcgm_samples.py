#!/usr/bin/env python3
"""dcgm-exporter scrapes for one Kubernetes sample node (synthetic, deterministic).

Reads the kestrel pod dumps in sample-logs/kubernetes/, places the GPU pods that ran on NODE onto its boards
(first free board, in start order), and writes what a loop of
    while sleep 60; do echo "# scrape_time $(date -u +%FT%TZ)"; curl -s localhost:9400/metrics; done
would have collected from 10:00 to 21:00 UTC on 2026-10-28: power, utilisation and the energy counter of every
board, with the pod/namespace/container labels of the pod using it (none on idle boards).
Writes sample-logs/power/dcgm/NODE.prom and prints which pods it covers.
"""
import glob
import json
import os
import random
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))  # tools/sample-logs/
ROOT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "sample-logs")  # sample-logs/
NODE = "gke-kestrel-h100-e-01"
BOARDS = 8
MODEL = "NVIDIA H100 80GB HBM3"
START = datetime(2026, 10, 28, 10, 0, tzinfo=timezone.utc)
END = datetime(2026, 10, 28, 21, 0, tzinfo=timezone.utc)
STEP = 60


def ts(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def pods_on_node():
    pods = {}
    for f in sorted(glob.glob(os.path.join(ROOT, "kubernetes", "pods", "*.json"))):
        try:
            d = json.load(open(f, encoding="utf-8"))
        except ValueError:
            continue  # the planted truncated dump
        for it in d.get("items", []):
            pods[it["metadata"]["uid"]] = it
    for line in open(os.path.join(ROOT, "kubernetes", "pods", "pods-watch.jsonl"), encoding="utf-8"):
        try:
            o = json.loads(line)
        except ValueError:
            continue
        o = o.get("object", o)
        pods[o["metadata"]["uid"]] = o
    out = []
    for p in pods.values():
        if p["spec"].get("nodeName") != NODE:
            continue
        gpus = sum(int(v) for c in p["spec"].get("containers", [])
                   for k, v in ((c.get("resources") or {}).get("limits") or {}).items() if k == "nvidia.com/gpu")
        st = p.get("status", {})
        fins = [cs.get("state", {}).get("terminated", {}).get("finishedAt") for cs in st.get("containerStatuses", [])]
        if gpus and st.get("startTime") and fins and all(fins):
            out.append(dict(ns=p["metadata"]["namespace"], pod=p["metadata"]["name"],
                            container=p["spec"]["containers"][0]["name"], gpus=gpus,
                            start=ts(st["startTime"]), end=ts(max(fins))))
    return sorted(out, key=lambda x: (x["start"], x["pod"]))


def main():
    rng = random.Random(20261026)
    pods = [p for p in pods_on_node() if p["start"] < END and p["end"] > START]
    board_of = {}
    busy = [None] * BOARDS
    for p in pods:  # first free boards at the pod's start
        for b in range(BOARDS):
            if busy[b] is not None and busy[b]["end"] <= p["start"]:
                busy[b] = None
        free = [b for b in range(BOARDS) if busy[b] is None][:p["gpus"]]
        for b in free:
            busy[b] = p
        board_of[p["pod"]] = free
        p["util"] = rng.uniform(0.55, 0.95)
    energy = [rng.randint(10**9, 5 * 10**9) for _ in range(BOARDS)]  # mJ since boot
    uuids = ["GPU-%08x-7e1c-4b2a-9d3e-%012x" % (rng.getrandbits(32), rng.getrandbits(48)) for _ in range(BOARDS)]
    lines = []
    t = START.timestamp()
    while t <= END.timestamp():
        now = datetime.fromtimestamp(t, timezone.utc)
        lines.append("# scrape_time " + now.strftime("%Y-%m-%dT%H:%M:%SZ"))
        rows = {"DCGM_FI_DEV_POWER_USAGE": [], "DCGM_FI_DEV_GPU_UTIL": [], "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION": []}
        for b in range(BOARDS):
            user = next((p for p in pods if b in board_of[p["pod"]] and p["start"] <= now < p["end"]), None)
            util = min(1.0, max(0.0, user["util"] + rng.uniform(-0.08, 0.08))) if user else 0.0
            watts = 70 + util * 600 + rng.uniform(-6, 6)
            energy[b] += int(watts * STEP * 1000)
            labels = 'gpu="%d",UUID="%s",device="nvidia%d",modelName="%s",Hostname="%s"' % (
                b, uuids[b], b, MODEL, NODE)
            if user:
                labels += ',container="%s",namespace="%s",pod="%s"' % (user["container"], user["ns"], user["pod"])
            rows["DCGM_FI_DEV_POWER_USAGE"].append("DCGM_FI_DEV_POWER_USAGE{%s} %.3f" % (labels, watts))
            rows["DCGM_FI_DEV_GPU_UTIL"].append("DCGM_FI_DEV_GPU_UTIL{%s} %d" % (labels, round(util * 100)))
            rows["DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION"].append(
                "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{%s} %d" % (labels, energy[b]))
        for name, help_, kind in (("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).", "gauge"),
                                  ("DCGM_FI_DEV_POWER_USAGE", "Power draw (in W).", "gauge"),
                                  ("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION",
                                   "Total energy consumption since boot (in mJ).", "counter")):
            lines.append("# HELP %s %s" % (name, help_))
            lines.append("# TYPE %s %s" % (name, kind))
            lines.extend(rows[name])
        t += STEP
    os.makedirs(os.path.join(ROOT, "power", "dcgm"), exist_ok=True)
    with open(os.path.join(ROOT, "power", "dcgm", NODE + ".prom"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    covered = [p for p in pods if START <= p["start"] and p["end"] <= END]
    summary = {"node": NODE, "window_utc": [START.isoformat(), END.isoformat()], "interval_s": STEP,
               "scrapes": int((END - START).total_seconds() // STEP) + 1,
               "pods_fully_covered": sorted(p["ns"] + "/" + p["pod"] for p in covered),
               "pods_partly_covered": sorted(p["ns"] + "/" + p["pod"] for p in pods if p not in covered)}
    with open(os.path.join(ROOT, "power", "dcgm", "EXPECTED.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
