#!/usr/bin/env bash
# Goal 3 of issue 6: the fixed cost of a warm trial (network init, evaluation, diagnostics, the
# inference measurement; everything but fitting), from 20 tiny trials (64 train / 64 test images)
# on local[1], as wall time minus training time per trial. Extra arguments go to `bnsweep run`.
#
#   src/bench/fixed-cost.sh
#   BNSWEEP_JAVA_OPTS="-Xmx2g -Dorg.eclipse.deeplearning4j.helpers.disable=true" src/bench/fixed-cost.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$here/../../bnsweep" run "$here/fixed-cost.yaml" --master 'local[1]' --out "$out/run" "$@" > "$out/log" 2>&1 \
  || { cat "$out/log" >&2; exit 1; }
python3 - "$out/run/results.jsonl" <<'PY'
import json, statistics, sys
results = sorted((json.loads(line) for line in open(sys.argv[1])),
                 key=lambda r: r["provenance"]["startedAt"])
fixed = [(r["usage"]["wallSeconds"] - r["trainSeconds"]) * 1000 for r in results]
print(f"{len(results)} trials on {results[0]['provenance']['nd4jBackend']}: first {fixed[0]:.0f} ms, "
      f"warm median {statistics.median(fixed[1:]):.0f} ms, warm max {max(fixed[1:]):.0f} ms")
PY
