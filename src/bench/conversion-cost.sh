#!/usr/bin/env bash
# Benchmark: what converting minibatches from bytes per batch (and augmenting them) costs a cnn
# trial on Fashion-MNIST (6,000 training images, batch 64, before/relu, one native thread), against
# fitting batches converted beforehand as the first release did; medians of alternating rounds.
#
#   src/bench/conversion-cost.sh [ROUNDS]      (default: 5)
#
# Compiles the worker's classes and tests offline (no install) and runs
# io.bnsweep.trial.dl4j.ConversionCostBench with the worker's class path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cp_file="$(mktemp /tmp/bnsweep-cp-XXXXXX)"
trap 'rm -f "$cp_file"' EXIT
cd "$root"
mvn -B -o -q -pl worker test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file"
OMP_NUM_THREADS=1 java -Xmx2g \
  -cp "worker/target/classes:worker/target/test-classes:$(cat "$cp_file")" \
  io.bnsweep.trial.dl4j.ConversionCostBench "$@" 2> >(grep -v '^SLF4J' >&2)
