#!/usr/bin/env bash
# footprint benchmark: for each scale, generate a synthetic centre (footprint generate), then measure
#   floor  — a bare Spark scan of the same sacct files (read as text + count), same session settings
#   run    — footprint run end to end: wall time, driver peak RSS, allocations/s
# and print a table with ratios (run ÷ floor; time per allocation relative to 1 M). Appends to bench/RESULTS.md.
# Usage: bench/run.sh [100000 1000000 ...]    (10 M: bench/run.sh 10000000; needs ~10 GB of disk)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${FOOTPRINT_BENCH_DIR:-/tmp/footprint-bench}"
SCALES=("${@:-100000 1000000}")
[[ $# -eq 0 ]] && SCALES=(100000 1000000)
"$ROOT/bin/footprint" build >/dev/null
CP="$ROOT/jobs/target/footprint-jobs-0.1.0-SNAPSHOT.jar:$(cat "$ROOT/jobs/target/runtime-classpath.txt")"
JAVA_OPTS="$(grep -v '^#' "$ROOT/conf/jvm-options" | tr '\n' ' ')"
HEAP="${FOOTPRINT_DRIVER_MEMORY:-4g}"
RESULTS="$ROOT/bench/RESULTS.md"

seconds() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }

declare -A RUN FLOOR RSS
for n in "${SCALES[@]}"; do
  dir="$DATA/$n"
  [[ -f "$dir/GENERATED.json" ]] || "$ROOT/bin/footprint" generate --jobs "$n" --seed 1 --out "$dir" >/dev/null
  # floor: bare scan of the same files
  /usr/bin/time -v java -Xmx"$HEAP" $JAVA_OPTS -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
    -cp "$CP" org.footprint.bench.ScanFloor "$dir/slurm" > "$dir/floor.log" 2>&1
  FLOOR[$n]=$(grep "Elapsed (wall" "$dir/floor.log" | awk '{print $NF}' | seconds)
  rm -rf "$dir/out"
  /usr/bin/time -v java -Xmx"$HEAP" $JAVA_OPTS -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
    -cp "$CP" org.footprint.cli.FootprintCli run --conf "$dir/footprint.yaml" --out "$dir/out" > "$dir/run.log" 2>&1
  RUN[$n]=$(grep "Elapsed (wall" "$dir/run.log" | awk '{print $NF}' | seconds)
  RSS[$n]=$(grep "Maximum resident" "$dir/run.log" | awk '{print int($NF/1024)}')
  echo "bench: $n allocations: run ${RUN[$n]} s, floor ${FLOOR[$n]} s, driver peak RSS ${RSS[$n]} MB"
done

{
  echo
  echo "## $(date -u +%F) — $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), Spark 4.2.0, heap $HEAP"
  echo
  echo "| allocations | floor scan s | footprint run s | run ÷ floor | allocations/s | s per 1 M allocations | vs 1 M | driver peak RSS MB |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  ref=""
  [[ -n "${RUN[1000000]:-}" ]] && ref=$(awk -v r="${RUN[1000000]}" 'BEGIN {print r/1}')
  for n in "${SCALES[@]}"; do
    awk -v n="$n" -v run="${RUN[$n]}" -v fl="${FLOOR[$n]}" -v rss="${RSS[$n]}" -v ref="$ref" 'BEGIN {
      per = run / n * 1e6; rel = (ref == "") ? "-" : sprintf("%.2f", per / ref);
      printf "| %d | %.1f | %.1f | %.1f | %.0f | %.0f | %s | %d |\n", n, fl, run, run / fl, n / run, per, rel, rss }'
  done
} | tee -a "$RESULTS"
