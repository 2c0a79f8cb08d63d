#!/usr/bin/env bash
# Benchmark: the demo sweep embedded in local[1], then local[2], in one run; prints both wall
# times, the speedup and the scaling efficiency (speedup / 2).
#
#   src/bench/local-scaling.sh [SPEC]      (default: src/specs/demo.yaml)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
spec="${1:-$root/src/specs/demo.yaml}"
work="$(mktemp -d /tmp/bnsweep-bench-XXXXXX)"

run_with() {
  local master=$1 start end
  start=$(date +%s%N)
  "$root/bnsweep" run "$spec" --master "$master" --out "$work/out-$master" > /dev/null 2> "$work/log-$master.txt"
  end=$(date +%s%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'
}

# not timed: builds the jar and records the launcher's class-data sharing archive if needed
"$root/bnsweep" run "$root/src/bench/warmup.yaml" --out "$work/warmup" > /dev/null 2> "$work/log-warmup.txt" \
  || { echo "warm-up sweep failed; see $work/log-warmup.txt" >&2; exit 1; }
one=$(run_with 'local[1]')
two=$(run_with 'local[2]')
printf 'spec: %s\n' "$spec"
printf 'local[1]: %8.1f s\n' "$one"
printf 'local[2]: %8.1f s\n' "$two"
awk -v a="$one" -v b="$two" 'BEGIN { printf "speedup : %8.2fx, scaling efficiency %.0f%%\n", a / b, 50 * a / b }'
printf 'outputs in: %s\n' "$work"
