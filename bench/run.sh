#!/usr/bin/env bash
# footprint benchmark. For each scale, generate a synthetic centre (footprint generate: Slurm, Kubernetes with Katib,
# nvidia-smi and DCGM samples, hourly intensity), then measure on the same files
#   floor — a bare Spark scan of every input file (read as text, lines counted), same session settings
#   run   — footprint run end to end: wall time, driver peak RSS, CPU time, allocations/s
# and print a table with ratios (run ÷ floor; time per allocation relative to 1 M), appended to bench/RESULTS.md.
# Then the power-sample join alone (bench/sample-join.sh) for 10 M and 50 M samples.
#
# Usage: bench/run.sh [--10m] [--no-samples] [N ...]
#   default scales 100000 1000000; --10m adds 10000000 (about 27 GB of generated input: disk and time permitting)
#   FOOTPRINT_BENCH_DIR (default /tmp/footprint-bench) holds the generated centres, reused when present
#   FOOTPRINT_DRIVER_MEMORY (default 4g): the local JVM heap, the default of bin/footprint
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${FOOTPRINT_BENCH_DIR:-/tmp/footprint-bench}"
SCALES=()
SAMPLES=1
for a in "$@"; do
  case "$a" in
    --10m) TEN=1 ;;
    --no-samples) SAMPLES=0 ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) SCALES+=("$a") ;;
  esac
done
[[ ${#SCALES[@]} -eq 0 ]] && SCALES=(100000 1000000)
[[ -n "${TEN:-}" ]] && SCALES+=(10000000)
"$ROOT/bin/footprint" build >/dev/null
CP="$ROOT/jobs/target/footprint-jobs-0.1.0-SNAPSHOT.jar:$(cat "$ROOT/jobs/target/runtime-classpath.txt")"
# the benchmark mains (org.footprint.bench.*) live in the tools module, not in the jar footprint runs from
TOOLS_CP="$ROOT/tools/target/footprint-tools-0.1.0-SNAPSHOT.jar:$ROOT/jobs/target/footprint-jobs-0.1.0-SNAPSHOT.jar:$(cat "$ROOT/tools/target/runtime-classpath.txt")"
JAVA_OPTS="$(grep -v '^#' "$ROOT/conf/jvm-options" | tr '\n' ' ')"
HEAP="${FOOTPRINT_DRIVER_MEMORY:-4g}"
RESULTS="$ROOT/bench/RESULTS.md"
export SPARK_LOCAL_IP=127.0.0.1

seconds() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }
timed() { # log file, classpath, then the java arguments
  local log="$1" cp="$2"; shift 2
  /usr/bin/time -v java -Xmx"$HEAP" $JAVA_OPTS -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
    -cp "$cp" "$@" > "$log" 2>&1
}

declare -A RUN FLOOR RSS CPU JOBS COUNTS GB
for n in "${SCALES[@]}"; do
  dir="$DATA/$n"
  [[ -f "$dir/GENERATED.json" ]] || "$ROOT/bin/footprint" generate --jobs "$n" --seed 1 --out "$dir" >/dev/null
  rm -rf "$dir/out"
  GB[$n]=$(du -sb "$dir" | awk '{printf "%.2f", $1 / 1e9}')
  inputs=()
  for d in slurm kubernetes power carbon; do [[ -d "$dir/$d" ]] && inputs+=("$dir/$d"); done
  timed "$dir/floor.log" "$TOOLS_CP" org.footprint.bench.ScanFloor "${inputs[@]}"
  FLOOR[$n]=$(grep "Elapsed (wall" "$dir/floor.log" | awk '{print $NF}' | seconds)
  timed "$dir/run.log" "$CP" org.footprint.cli.FootprintCli run --conf "$dir/footprint.yaml" --out "$dir/out"
  RUN[$n]=$(grep "Elapsed (wall" "$dir/run.log" | awk '{print $NF}' | seconds)
  RSS[$n]=$(grep "Maximum resident" "$dir/run.log" | awk '{print int($NF/1024)}')
  CPU[$n]=$(awk '/User time|System time/ {s += $NF} END {print s}' "$dir/run.log")
  # allocations: the jobs the run produced (Slurm allocations and Kubernetes pod runs, after merges and skips)
  JOBS[$n]=$(grep -m1 "^this run:" "$dir/run.log" | awk '{print $3}')
  # and the run's counts against what the generator wrote: a benchmark that lost records would not be a result
  if java -cp "$TOOLS_CP" org.footprint.bench.GeneratedCounts "$dir/GENERATED.json" "$dir/out/csv/run_summary.csv" \
      > "$dir/counts.log" 2>&1; then COUNTS[$n]=yes; else COUNTS[$n]=NO; fi
  cat "$dir/counts.log"
  echo "bench: $n requested, ${JOBS[$n]} jobs: run ${RUN[$n]} s (cpu ${CPU[$n]} s), floor ${FLOOR[$n]} s, driver peak RSS ${RSS[$n]} MB"
done

{
  echo
  echo "## $(date -u +%F) — end to end — $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB," \
    "$(java -version 2>&1 | head -1), Spark 4.2.0, driver heap $HEAP (local[*])"
  echo
  echo "| jobs requested | jobs out | input GB | floor scan s | footprint run s | run ÷ floor | jobs/s | CPU s | s per 1 M jobs | vs 1 M | driver peak RSS MB | counts = generated |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|"
  ref=""
  [[ -n "${RUN[1000000]:-}" ]] && ref=$(awk -v r="${RUN[1000000]}" -v j="${JOBS[1000000]}" 'BEGIN {print r / j * 1e6}')
  for n in "${SCALES[@]}"; do
    awk -v n="$n" -v j="${JOBS[$n]}" -v gb="${GB[$n]}" -v run="${RUN[$n]}" -v fl="${FLOOR[$n]}" -v cpu="${CPU[$n]}" \
      -v rss="${RSS[$n]}" -v ref="$ref" -v counts="${COUNTS[$n]}" 'BEGIN {
      per = run / j * 1e6; rel = (ref == "") ? "-" : sprintf("%.2f", per / ref);
      printf "| %d | %d | %s | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f | %s | %d | %s |\n",
        n, j, gb, fl, run, run / fl, j / run, cpu, per, rel, rss, counts }'
  done
} | tee -a "$RESULTS"

if [[ "$SAMPLES" == 1 && -x "$ROOT/bench/sample-join.sh" ]]; then
  "$ROOT/bench/sample-join.sh"
fi
