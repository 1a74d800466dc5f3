#!/usr/bin/env python3
"""Synthetic node inventories and a facility meter for the sample run (Python 3 standard library only).

Writes, from the repository root:
  sample-logs/inventory/alpine/scontrol_nodes_YYYY-MM-DD.txt  one `scontrol -o show node` dump per night
  sample-logs/inventory/bayou/sinfo_nodes_YYYY-MM-DD.txt      one `sinfo -N -o "%N %P %c %G %T"` dump per week
  sample-logs/meter/alpine_facility_2026.csv                  15-minute facility meter readings of alpine
  sample-logs/inventory/README.md, sample-logs/meter/README.md
Everything is invented (fixed seed 20261019) and rewritten byte for byte on every run.
"""
import datetime as dt
import math
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sample-logs")
SEED = 20261019
DAYS = [dt.date(2026, 10, 19) + dt.timedelta(days=i) for i in range(21)]


def alpine_nodes():
    """(name, cpus, gres, partitions) as alpine's sacct samples use them."""
    out = []
    for i in range(1, 17):
        out.append((f"gpu{i:03d}", 64, "gpu:a100:4(S:0-1)", "gpu"))
    for i in range(1, 5):
        out.append((f"hgx{i:02d}", 112, "gpu:h100:8(S:0-1)", "gpu-h100"))
    for i in range(1, 3):
        out.append((f"mig{i:02d}", 64, "gpu:1g.5gb:4(S:0),gpu:3g.20gb:8(S:0-1)", "mig"))
    for i in range(1, 49):
        out.append((f"cpu{i:03d}", 64, "(null)", "cpu,interactive" if i >= 45 else "cpu"))
    for i in range(1, 3):
        out.append((f"leg{i:02d}", 32, "gpu:v100:4(S:0-1)", "legacy"))
    return out


def alpine_state(rng, name, day):
    # gpu016 drained for a fan swap 10-27..10-29; hgx04 powered down (CLOUD power saving) in the last week
    if name == "gpu016" and dt.date(2026, 10, 27) <= day <= dt.date(2026, 10, 29):
        return "IDLE+DRAIN"
    if name == "hgx04" and day >= dt.date(2026, 11, 2):
        return "IDLE+CLOUD+POWERED_DOWN"
    if name.startswith("leg") and day >= dt.date(2026, 11, 5):
        return "DOWN*+NOT_RESPONDING"
    return rng.choice(["IDLE", "MIXED", "ALLOCATED", "MIXED"])


def scontrol_line(name, cpus, gres, parts, state, day):
    boot = "2026-10-01T07:12:44"
    reason = " Reason=fan swap [root@2026-10-27T08:00:00]" if "DRAIN" in state else ""
    return (f"NodeName={name} Arch=x86_64 CoresPerSocket={cpus // 2} CPUAlloc=0 CPUEfctv={cpus} CPUTot={cpus} "
            f"CPULoad=0.42 AvailableFeatures=(null) ActiveFeatures=(null) Gres={gres} NodeAddr={name} "
            f"NodeHostName={name} Version=23.11.4 OS=Linux 5.14.0-362.8.1.el9_3.x86_64 #1 SMP PREEMPT_DYNAMIC "
            f"Tue Nov 7 14:54:22 EST 2023 RealMemory=515000 AllocMem=0 FreeMem=498112 Sockets=2 Boards=1 "
            f"State={state} ThreadsPerCore=1 TmpDisk=0 Weight=1 Owner=N/A MCS_label=N/A Partitions={parts} "
            f"BootTime={boot} SlurmdStartTime={boot} LastBusyTime={day}T06:40:02 ResumeAfterTime=None "
            f"CfgTRES=cpu={cpus},mem=515000M,billing={cpus} AllocTRES= CapWatts=n/a CurrentWatts=0 AveWatts=0 "
            f"ExtSensorsJoules=n/s ExtSensorsWatts=0 ExtSensorsTemp=n/s{reason}")


def bayou_lines(rng):
    out = ["NODELIST PARTITION CPUS GRES STATE"]
    nodes = [(f"dgx{i:02d}", 128, "gpu:a100_80:8(S:0-1)", "dgx") for i in range(1, 9)]
    nodes += [(f"l40s{i:02d}", 64, "gpu:l40s:4(S:0-1)" if i < 6 else "gpu:l40s:3(S:0-1),gpu:gtx1080:1(S:1)", "l40s")
              for i in range(1, 7)]
    nodes += [(f"tx{i:02d}", 128, "gpu:a100_80:8(S:0-1)", "dgx") for i in range(1, 5)]
    for name, cpus, gres, part in nodes:  # sinfo -N: one line per node and partition
        state = rng.choice(["idle", "mixed", "allocated", "mixed"])
        out.append(f"{name} {part} {cpus} {gres} {state}")
        out.append(f"{name} short* {cpus} {gres} {state}")
    return out


def write(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def main():
    rng = random.Random(SEED)
    for day in DAYS:
        lines = [scontrol_line(n, c, g, p, alpine_state(rng, n, day), day) for n, c, g, p in alpine_nodes()]
        if day == dt.date(2026, 10, 23):  # a node list cut mid-line by a full disk: rejected (no State=)
            lines.append(lines[-1][:160])
        write(os.path.join(ROOT, "inventory", "alpine", f"scontrol_nodes_{day}.txt"), lines)
    for day in (dt.date(2026, 10, 19), dt.date(2026, 10, 26), dt.date(2026, 11, 2)):
        write(os.path.join(ROOT, "inventory", "bayou", f"sinfo_nodes_{day}.txt"), bayou_lines(rng))

    # alpine's facility meter, 15-minute intervals over the UTC days (output.day_zone) of the samples: ~40 kW
    # with a daily swing and noise, some 10-20 % above what the jobs and the idle capacity explain
    meter = ["timestamp,cluster,kwh"]
    t = dt.datetime(2026, 10, 19, 0, 0, tzinfo=dt.timezone.utc)
    end = dt.datetime(2026, 11, 9, 0, 0, tzinfo=dt.timezone.utc)
    while t < end:
        hour = t.hour + t.minute / 60
        kw = 40.0 * (1 + 0.08 * math.sin((hour - 9) / 24 * 2 * math.pi)) * rng.uniform(0.97, 1.03)
        meter.append(f"{t.strftime('%Y-%m-%dT%H:%M:%SZ')},alpine,{kw / 4:.3f}")
        t += dt.timedelta(minutes=15)
    meter.append("2026-11-02 12:00:00,alpine,18.000")  # local time without offset: rejected
    write(os.path.join(ROOT, "meter", "alpine_facility_2026.csv"), meter)

    write(os.path.join(ROOT, "inventory", "README.md"), [
        "# sample-logs/inventory: synthetic node inventories",
        "",
        "Written by `tools/sample-logs/make_machine_samples.py` (fixed seed); edit the script, not the files.",
        "",
        "- `alpine/scontrol_nodes_YYYY-MM-DD.txt`: one `scontrol -o show node` dump per night, 2026-10-19 ... "
        "2026-11-08, the nodes of the alpine sacct samples. gpu016 is drained 10-27 ... 10-29 (still capacity), "
        "hgx04 powered down from 11-02 (not capacity), leg01-02 not responding from 11-05; mig01-02 carry MIG "
        "profiles (4 x 1g.5gb + 8 x 3g.20gb = 4 boards each). The 10-23 dump ends with a line cut short "
        "(rejected: no State=).",
        "- `bayou/sinfo_nodes_YYYY-MM-DD.txt`: `sinfo -N -o \"%N %P %c %G %T\"` once a week (10-19, 10-26, "
        "11-02): each node twice, in its own partition and in the default partition `short*`. The days between "
        "take the latest earlier dump.",
    ])
    write(os.path.join(ROOT, "meter", "README.md"), [
        "# sample-logs/meter: a synthetic facility meter",
        "",
        "Written by `tools/sample-logs/make_machine_samples.py` (fixed seed). `alpine_facility_2026.csv`: "
        "15-minute facility kWh of cluster alpine, 2026-10-19 ... 2026-11-08 (UTC days), around "
        "40 kW with a daily swing; the last line has no UTC offset and is rejected.",
    ])


if __name__ == "__main__":
    main()
