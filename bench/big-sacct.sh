#!/usr/bin/env bash
# One large sacct export, read as a centre exporting a month or a year in one file would: one 1 GB
# --parsable2 file (1 M allocations, ~3.5 lines each, 50 users, the wide field set), nothing else but the
# sample intensity files. Prints wall time, CPU time and the driver's peak RSS.
#
# Usage: bench/big-sacct.sh [ALLOCATIONS]   (default 1000000; the file is kept in $FOOTPRINT_BENCH_DIR/big-sacct)
#   FOOTPRINT_DRIVER_MEMORY (default 4g): the local JVM heap, the default of bin/footprint
#   FOOTPRINT_RUN_ARGS: more `footprint run` options, e.g. "--set carbon.counterfactuals=false" (the copied sample
#   conf turns the counterfactuals on)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-1000000}"
DIR="${FOOTPRINT_BENCH_DIR:-/tmp/footprint-bench}/big-sacct"
mkdir -p "$DIR"
FILE="$DIR/sacct-$N.txt"
[[ -f "$FILE" ]] || python3 "$ROOT/bench/big-sacct.py" "$N" "$FILE"
# the repo's conf with its inputs replaced by this one export (cluster alpine) and the sample intensity
awk '/^inputs:/ {skip = 1; print "inputs:"; print "  - { type: sacct, cluster: alpine, path: \"'"$FILE"'\" }";
  print "  - { type: intensity, format: electricitymaps, path: \"'"$ROOT"'/sample-logs/carbon/*.csv\" }"; next}
  skip && /^[a-z]/ {skip = 0} !skip' "$ROOT/conf/footprint.yaml" > "$DIR/footprint.yaml"
# paths relative to conf/ (gpu_profiles, gpu_tables.aliases, ...) become absolute: the copy lives elsewhere
sed -i -E "s#\.\./sample-logs#$ROOT/sample-logs#g; s#^( *[a-z_]+: )([A-Za-z0-9_-]+\.csv)#\1$ROOT/conf/\2#" \
  "$DIR/footprint.yaml"
"$ROOT/bin/footprint" build >/dev/null
rm -rf "$DIR/out"
/usr/bin/time -v "$ROOT/bin/footprint" run --conf "$DIR/footprint.yaml" --out "$DIR/out" ${FOOTPRINT_RUN_ARGS:-} > "$DIR/run.log" 2>&1 \
  || { tail -30 "$DIR/run.log"; exit 1; }
grep -A12 "^source " "$DIR/run.log" | head -8
awk '/Elapsed \(wall/ {print "wall: " $NF} /Maximum resident/ {printf "driver peak RSS: %d MB\n", $NF / 1024}
  /User time|System time/ {cpu += $NF} END {print "CPU s: " cpu}' "$DIR/run.log"
echo "$(du -h "$FILE" | cut -f1) $(wc -l < "$FILE") lines; log: $DIR/run.log"
