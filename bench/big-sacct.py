#!/usr/bin/env python3
"""Writes ONE large sacct --parsable2 export, as a centre exporting a year in one file would have it:
allocation lines followed by their batch, extern and (for about half the jobs) numbered steps, ~3.5 lines per
allocation, 50 users, the wide field set (ConsumedEnergyRaw, NodeList, TRESUsageInTot, WorkDir ...).

Usage: bench/big-sacct.py ALLOCATIONS OUT_FILE   (1,000,000 allocations ≈ 1 GB)
Deterministic (seed 1). Local wall-clock times in Europe/Berlin are written as sacct prints them; the
year is 2025, so the DST changes of March and October fall inside it.
"""
import random
import sys
from datetime import datetime, timedelta

FIELDS = ("JobID|JobIDRaw|JobName|User|Group|Account|Partition|QOS|State|Submit|Start|End|Elapsed|ElapsedRaw|"
          "NNodes|NodeList|AllocCPUS|TotalCPU|CPUTimeRAW|ReqMem|MaxRSS|AllocTRES|TRESUsageInTot|"
          "ConsumedEnergyRaw|Comment|WCKey|ExitCode|WorkDir|Cluster")
PARTS = [("gpu", "a100", 8, 4, "gpu"), ("gpu-h100", "h100", 4, 4, "hgx"), ("cpu", None, 0, 128, "cn"),
         ("mig", "1g.10gb", 7, 1, "mig")]
STATES = ["COMPLETED"] * 14 + ["FAILED", "TIMEOUT", "CANCELLED by 1042", "OUT_OF_MEMORY"]
NAMES = ["train", "sweep-lr", "nas-darts", "eval", "preprocess", "finetune-llama", "bert-base", "unet3d"]


def fmt(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S")


def elapsed(s):
    d, r = divmod(s, 86400)
    h, r = divmod(r, 3600)
    m, sec = divmod(r, 60)
    return (f"{d}-" if d else "") + f"{h:02d}:{m:02d}:{sec:02d}"


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(1)
    users = [f"user{i:02d}" for i in range(50)]
    projects = [f"proj{i:02d}" for i in range(12)]
    base = datetime(2025, 1, 1)
    step = 365 * 86400 / max(n, 1)
    with open(out, "w", buffering=1 << 20) as f:
        f.write(FIELDS + "\n")
        for i in range(n):
            jid = 1_000_000 + i
            part, gres, per_node, cpus, prefix = PARTS[rnd.randrange(len(PARTS))]
            nodes = 1 if rnd.random() < 0.85 else rnd.choice([2, 4])
            first = rnd.randrange(1, 60)
            nodelist = f"{prefix}{first:03d}" if nodes == 1 else f"{prefix}[{first:03d}-{first + nodes - 1:03d}]"
            gpus = 0 if gres is None else rnd.randint(1, per_node) * nodes
            ncpu = cpus * nodes * (2 if gres is None else 1) * 8
            dur = int(rnd.expovariate(1 / 5400)) + 30
            submit = base + timedelta(seconds=int(i * step))
            start = submit + timedelta(seconds=rnd.randrange(0, 3600))
            end = start + timedelta(seconds=dur)
            user = users[rnd.randrange(50)]
            proj = projects[int(user[4:]) % 12 if rnd.random() < 0.8 else rnd.randrange(12)]
            state = rnd.choice(STATES)
            tres = f"billing={ncpu},cpu={ncpu}" + (f",gres/gpu:{gres}={gpus},gres/gpu={gpus}" if gpus else "") \
                + f",mem={ncpu * 4}G,node={nodes}"
            energy = str(int(dur * (300 * gpus + 2 * ncpu))) if rnd.random() < 0.5 else "0"
            total_cpu = elapsed(int(dur * ncpu * rnd.uniform(0.1, 0.9)) // 10)
            name = rnd.choice(NAMES) + f"-{rnd.randrange(100)}"
            comment = f"sweep=s{i // 50}" if name.startswith("sweep") else ""
            common = [fmt(submit), fmt(start), fmt(end), elapsed(dur), str(dur), str(nodes), nodelist, str(ncpu)]
            f.write("|".join([str(jid), str(jid), name, user, "hpc", proj, part, "normal", state] + common
                             + [total_cpu, str(dur * ncpu), f"{ncpu * 4}G", "", tres, "", energy, comment, "",
                                "0:0" if state == "COMPLETED" else "1:0", f"/home/{user}/{name}", "alpine"])
                    + "\n")
            usage = (f"cpu={total_cpu},energy={energy},fs/disk={rnd.randrange(10**9)},"
                     + (f"gres/gpuutil={rnd.randrange(100) * gpus}," if gpus else "")
                     + f"mem={rnd.randrange(10**8)}K,pages=0,vmem={rnd.randrange(10**8)}K")
            steps = ["batch", "extern"] + (["0"] if rnd.random() < 0.5 else [])
            for s in steps:
                f.write("|".join([f"{jid}.{s}", f"{jid}.{s}", s if s != "0" else "python", "", "", proj, "",
                                  "", "COMPLETED" if s == "extern" else state.split(" ")[0]] + common
                                 + [total_cpu if s != "extern" else "00:00:00", str(dur * ncpu), "",
                                    f"{rnd.randrange(10**7)}K", tres, usage, energy, "", "", "0:0", "", "alpine"])
                        + "\n")


if __name__ == "__main__":
    main()
