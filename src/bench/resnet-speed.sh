#!/usr/bin/env bash
# Issue 16 in one run: the PyTorch ResNet reference (torch_resnet.py), then DL4J's ResNet as a trial
# trains it and with each speed lever changed (ResNetThroughput: settings interleaved per round in
# one JVM), for the original and the pre-activation unit, as one Markdown table of samples/s with
# ratios; then a production trial's peak memory in a JVM of its own. Needs python3-torch (Debian).
#
#   src/bench/resnet-speed.sh [--isa avx2] [samples] [depth] [settings]
#       default 3200 samples per round, depth 20, every setting but NONE and nohelpers (name them
#       to run them: NONE alone grows the JVM to 12-16 GB of RSS, because without workspaces ND4J
#       frees memory only at garbage collection; nohelpers runs at ~30 samples/s); about 10 minutes
#       on the 2-vCPU Intel Xeon. --isa avx2: every run capped at AVX2 (src/isa.sh), PyTorch too
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ "${1:-}" == --isa ]]; then  # every run below: capped at that instruction set (src/isa.sh)
  [[ $# -ge 2 ]] || { echo "${0##*/}: --isa needs a value (avx2)" >&2; exit 2; }
  export BNSWEEP_ISA=$2
  shift 2
fi
samples="${1:-3200}"
depth="${2:-20}"
settings="${3:-}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for unit in original preact; do
  "$here/run" torch-resnet --depth "$depth" --unit "$unit" --samples "$samples" >> "$out/torch.txt"
done
"$here/run" resnet "$samples" "$depth" original,preact "$settings" 2> "$out/dl4j.err" > "$out/dl4j.txt" \
  || { echo "resnet-speed.sh: the DL4J benchmark failed:" >&2; tail -n 20 "$out/dl4j.err" >&2; exit 1; }
"$here/run" resnet memory "$samples" "$depth" original 2>> "$out/dl4j.err" > "$out/memory.txt" \
  || { echo "resnet-speed.sh: the memory run failed:" >&2; tail -n 20 "$out/dl4j.err" >&2; exit 1; }
head -qn 1 "$out/torch.txt" "$out/dl4j.txt"
grep '^rounds\|torch samples/s' "$out/torch.txt"
cat "$out/dl4j.txt" | grep -v '^dl4j'
python3 - "$out" <<'PY'
import pathlib, sys
out = pathlib.Path(sys.argv[1])
torch, dl4j = {}, {}
for line in (out / "torch.txt").read_text().splitlines():
    parts = line.split()
    if len(parts) == 5 and parts[2:4] == ["torch", "samples/s"]:
        torch[(parts[0], parts[1])] = float(parts[4])
order = []
for line in (out / "dl4j.txt").read_text().splitlines():
    parts = line.split()
    if len(parts) >= 5 and parts[4] == "samples/s":
        dl4j.setdefault((parts[0], parts[1]), {})[parts[2]] = float(parts[3])
        if parts[2] not in order:
            order.append(parts[2])
levers = [s for s in order if s != "production"]
print()
print("| network | PyTorch | DL4J production | DL4J / PyTorch | "
      + " | ".join(f"{s} (x production)" for s in levers) + " |")
print("|---" * (4 + len(levers)) + "|")
for key, ref in torch.items():
    ours = dl4j[key]["production"]
    cells = [f"{dl4j[key][s]:,.1f} ({dl4j[key][s] / ours:.2f})" for s in levers]
    print(f"| {key[0]} {key[1]} | {ref:,.1f} | {ours:,.1f} | **{ours / ref:.2f}** | " + " | ".join(cells) + " |")
PY
echo
cat "$out/memory.txt"
