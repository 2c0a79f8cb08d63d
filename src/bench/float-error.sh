#!/usr/bin/env bash
# Benchmark: how far each float path (the production network, DL4J's built-in layers, those with
# bnsweep's BatchNorm kernel) errs from the same network in double on ProductionEquivalenceTest's
# data, and which kinks each crosses: figures of this machine, for BENCHMARKS.md.
#
#   src/bench/float-error.sh [--isa avx2] [CASE...]   CASE: placement/activation/batch (default:
#                                                     before/relu/64 after/tanh/64), or all
#
# Compiles the worker's classes and tests offline (no install) and runs
# io.bnsweep.trial.FloatErrorBench with the worker's class path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ "${1:-}" == --isa ]]; then
  [[ $# -ge 2 ]] || { echo "float-error.sh: --isa needs a value (avx2)" >&2; exit 2; }
  export BNSWEEP_ISA=$2
  shift 2
fi
# shellcheck source=../isa.sh
source "$root/src/isa.sh"
cp_file="$(mktemp /tmp/bnsweep-cp-XXXXXX)"
trap 'rm -f "$cp_file"' EXIT
cd "$root"
mvn -B -o -q -pl worker test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file"
OMP_NUM_THREADS=1 java -Xmx2g "${isa_java_opts[@]}" \
  -cp "worker/target/classes:worker/target/test-classes:$(cat "$cp_file")" \
  io.bnsweep.trial.FloatErrorBench "$@" 2> >(grep -v '^SLF4J' >&2)
