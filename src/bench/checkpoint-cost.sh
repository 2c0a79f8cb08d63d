#!/usr/bin/env bash
# Benchmark: what saving a checkpoint costs the default cnn and a ResNet-20,
# against an epoch of 50,000 images at the speed measured on random batches (one native thread):
# medians of the rounds.
#
#   src/bench/checkpoint-cost.sh [ROUNDS]      (default: 10)
#
# Compiles the worker's classes and tests offline (no install) and runs
# io.bnsweep.trial.CheckpointCostBench with the worker's class path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cp_file="$(mktemp /tmp/bnsweep-cp-XXXXXX)"
trap 'rm -f "$cp_file"' EXIT
cd "$root"
mvn -B -o -q -pl worker test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file"
OMP_NUM_THREADS=1 java -Xmx2g \
  -cp "worker/target/classes:worker/target/test-classes:$(cat "$cp_file")" \
  io.bnsweep.trial.CheckpointCostBench "$@" 2> >(grep -v '^SLF4J' >&2)
