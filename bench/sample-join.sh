#!/usr/bin/env bash
# Power-sample join alone (issue "Scale": 50 M samples joined to their jobs in ≤ 3 min, no cross join).
# For each scale, org.footprint.bench.SampleJoinBench generates (once, reused) a synthetic centre's jobs and N
# canonical GPU samples as Parquet, then times a bare scan of the samples (floor) and the SampledEnergy join
# to a noop sink, and fails when the executed plan has a cartesian or nested-loop join. Prints a table and
# appends it to the end of bench/RESULTS.md.
# Usage: bench/sample-join.sh [10000000 50000000]    (data in $FOOTPRINT_BENCH_DIR/samples, ~1.3 GB per 50 M)
# Stage timings: SPARK_EVENT_LOG=/tmp/ev bench/sample-join.sh 10000000
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${FOOTPRINT_BENCH_DIR:-/tmp/footprint-bench}/samples"
NODES="${BENCH_NODES:-1000}"
SCALES=("$@")
[[ $# -eq 0 ]] && SCALES=(10000000 50000000)
"$ROOT/bin/footprint" build >/dev/null
# org.footprint.bench.SampleJoinBench lives in the tools module (bin/footprint build builds it)
CP="$ROOT/tools/target/footprint-tools-0.1.0-SNAPSHOT.jar:$ROOT/jobs/target/footprint-jobs-0.1.0-SNAPSHOT.jar:$(cat "$ROOT/tools/target/runtime-classpath.txt")"
JAVA_OPTS="$(grep -v '^#' "$ROOT/conf/jvm-options" | tr '\n' ' ')"
HEAP="${FOOTPRINT_DRIVER_MEMORY:-4g}"
RESULTS="$ROOT/bench/RESULTS.md"
EVENTS=()
if [[ -n "${SPARK_EVENT_LOG:-}" ]]; then
  mkdir -p "$SPARK_EVENT_LOG"
  EVENTS=(-Dspark.eventLog.enabled=true "-Dspark.eventLog.dir=$SPARK_EVENT_LOG" -Dspark.eventLog.compress=false)
fi
mkdir -p "$DATA"

declare -A JOBS FLOOR JOIN RSS PLAN CPU
for n in "${SCALES[@]}"; do
  log="$DATA/bench-$n.log"
  status=0
  /usr/bin/time -v java -Xmx"$HEAP" $JAVA_OPTS "${EVENTS[@]}" -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
    -cp "$CP" org.footprint.bench.SampleJoinBench "$n" "$DATA" "$NODES" > "$log" 2>&1 || status=$?
  grep '^bench:' "$log" | grep -v 'executed plan' || true
  if [[ $status -ne 0 ]] || ! grep -q '^RESULT ' "$log"; then
    echo "sample-join: $n samples FAILED (exit $status), see $log" >&2
    exit 1
  fi
  read -r _ samples jobs floor join plan _ joincpu < <(grep '^RESULT ' "$log")
  JOBS[$n]=$jobs; FLOOR[$n]=$floor; JOIN[$n]=$join; PLAN[$n]=$plan; CPU[$n]=$joincpu
  RSS[$n]=$(grep "Maximum resident" "$log" | awk '{print int($NF/1024)}')
  echo "sample-join: $samples samples, $jobs jobs: floor $floor s, join $join s (JVM CPU $joincpu s), plan $plan, peak RSS ${RSS[$n]} MB"
  if [[ "$plan" != clean ]]; then
    echo "sample-join: the executed plan has a cartesian or nested-loop join, see $log" >&2
    exit 1
  fi
done

{
  echo
  echo "## Power-sample join alone — $(date -u +%F) — $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), Spark 4.2.0, heap $HEAP"
  echo
  echo "\`bench/sample-join.sh\`: $NODES nodes × 8 GPUs, samples every 60 s, read from Parquet → SampledEnergy → noop sink; floor = count of the same Parquet. Executed plans had no CartesianProduct / BroadcastNestedLoopJoin (checked by the benchmark). Join CPU s: CPU time of the JVM process (all threads) during the join (tasks, JIT, GC): on a shared machine this, not the wall time, is comparable between runs."
  echo
  echo "| samples | jobs | floor scan s | join s | join ÷ floor | samples/s | ≤ 180 s target met | join CPU s | peak RSS MB |"
  echo "|---:|---:|---:|---:|---:|---:|:---:|---:|---:|"
  for n in "${SCALES[@]}"; do
    awk -v n="$n" -v j="${JOBS[$n]}" -v fl="${FLOOR[$n]}" -v jo="${JOIN[$n]}" -v rss="${RSS[$n]}" -v cpu="${CPU[$n]}" 'BEGIN {
      printf "| %d | %d | %.1f | %.1f | %.1f | %.0f | %s | %.1f | %d |\n", n, j, fl, jo, jo / fl, n / jo, (jo <= 180 ? "yes" : "no"), cpu, rss }'
  done
} | tee -a "$RESULTS"
