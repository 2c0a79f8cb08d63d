#!/usr/bin/env bash
# Benchmark: the demo sweep on a local Spark standalone cluster with 1 worker x 1 core, then
# with 2 workers x 1 core, in one run; prints both wall times and the speedup.
#
#   src/bench/cluster-scaling.sh [SPEC]      (default: src/specs/demo.yaml)
#
# Wall time is the submit command's, from SparkSubmit's start to the printed table, so it
# includes executor start-up and the dataset probe.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
spec="${1:-$root/src/specs/demo.yaml}"
work="$(mktemp -d /tmp/bnsweep-bench-XXXXXX)"
export BNSWEEP_CLUSTER_DIR="$work/cluster"
trap '"$root/cluster" stop >/dev/null 2>&1 || true' EXIT

run_with_workers() {
  local workers=$1
  "$root/cluster" start --workers "$workers" --cores 1 >/dev/null
  local start end
  start=$(date +%s%N)
  "$root/cluster" submit run "$spec" --out "$work/out-$workers" > "$work/table-$workers.md" 2> "$work/log-$workers.txt"
  end=$(date +%s%N)
  "$root/cluster" stop >/dev/null
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'
}

one=$(run_with_workers 1)
two=$(run_with_workers 2)
# the accuracy tables, up to the diagnostics section (whose latencies vary from run to run)
tables() { awk '/^## Test accuracy \(%\)$/ { on = 1 } /^## Diagnostics/ { on = 0 } on' "$1"; }
same=$(diff -q <(tables "$work/out-1/summary.md") <(tables "$work/out-2/summary.md") >/dev/null && echo yes || echo no)
printf 'spec: %s\n' "$spec"
printf '1 worker x 1 core : %8.1f s\n' "$one"
printf '2 workers x 1 core: %8.1f s\n' "$two"
printf 'speedup           : %8.2fx\n' "$(awk -v a="$one" -v b="$two" 'BEGIN { print a / b }')"
printf 'same tables       : %s\n' "$same"
printf 'outputs in        : %s\n' "$work"
