#!/usr/bin/env bash
# Benchmark: what the per-epoch diagnostics and the inference-cost measurement add to a trial of
# the default network on the demo's settings (Fashion-MNIST 4,000/2,000, 2 epochs, batch 64,
# one native thread); one row per variant, then the overall ratios.
#
#   src/bench/diagnostics-overhead.sh [ACTIVATION...]      (default: relu tanh)
#
# Compiles the worker's classes and tests offline (no install) and runs
# io.bnsweep.trial.dl4j.DiagnosticsOverheadBench with the worker's class path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cp_file="$(mktemp /tmp/bnsweep-cp-XXXXXX)"
trap 'rm -f "$cp_file"' EXIT
cd "$root"
mvn -B -o -q -pl worker test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file"
OMP_NUM_THREADS=1 java -Xmx2g \
  -cp "worker/target/classes:worker/target/test-classes:$(cat "$cp_file")" \
  io.bnsweep.trial.dl4j.DiagnosticsOverheadBench "$@" 2> >(grep -v '^SLF4J' >&2)
