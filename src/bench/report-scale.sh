#!/usr/bin/env bash
# 'bnsweep report' of about 10,000 results: wall time and the JVM's peak RSS (GNU time), with the
# heap capped at 1 GiB (-Xmx1g: a report that needed more would fail). Side by side in one run:
# this tree on a 480-variant grid and on a first-release-format ledger, and, if OLD_JAR is given
# (driver/target/bnsweep.jar of the first release, built in a worktree), the first release on the
# same first-release ledger.
#
#   src/bench/report-scale.sh [OLD_JAR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${BNSWEEP_BENCH_DIR:-$root/target/report-scale}"
template="$root/runs/demo/results.jsonl"
[[ -f "$template" ]] || { echo "run ./bnsweep demo first: its first result is the template" >&2; exit 2; }
python3 "$here/report-scale.py" "$template" "$work/grid" grid
python3 "$here/report-scale.py" "$template" "$work/first-release" first-release
opts="-Xmx1g -Dorg.bytedeco.javacpp.maxbytes=1g"
measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "$label: %e s wall, %U s user + %S s sys CPU, %M KB max RSS" "$@" > /dev/null 2> "$work/$label.err" || {
    cat "$work/$label.err" >&2; return 1; }
  tail -1 "$work/$label.err"
}
export BNSWEEP_JAVA_OPTS="$opts" BNSWEEP_CDS=0
measure "this-tree-grid" "$root/bnsweep" report "$work/grid"
measure "this-tree-first-release" "$root/bnsweep" report "$work/first-release"
if [[ -n "${1:-}" ]]; then
  cp -r "$work/first-release" "$work/first-release-old"
  spark_cp="$(cat "$root/src/spark-runtime/target/spark-classpath.txt")"
  measure "first-release" java @"$root/src/java17-opens.args" $opts -cp "$1:$spark_cp" \
    io.bnsweep.cli.Main report "$work/first-release-old"
fi
