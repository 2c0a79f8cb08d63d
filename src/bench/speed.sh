#!/usr/bin/env bash
# Goal 1 of issue 6 in one run: the PyTorch reference, then DL4J as the sweep trains and with each
# speed lever changed (measured back to back per variant in one JVM), as one Markdown table of
# samples/s with ratios. Needs python3-torch (Debian).
#
#   src/bench/speed.sh [--isa avx2] [samples] [settings]
#       samples: default 1600 per variant, setting and round (DL4J: median of 3 interleaved rounds);
#       settings: a comma-separated subset of TrainingThroughput's (default: all; 'default' is always
#       run, since every lever is a ratio to it);
#       about 15 minutes on the 2-vCPU Intel Xeon. --isa avx2: every run capped at AVX2 (src/isa.sh;
#       PyTorch through ATEN_CPU_CAPABILITY and its oneDNN's ONEDNN_MAX_CPU_ISA)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ "${1:-}" == --isa ]]; then  # every run below: capped at that instruction set (src/isa.sh)
  [[ $# -ge 2 ]] || { echo "${0##*/}: --isa needs a value (avx2)" >&2; exit 2; }
  export BNSWEEP_ISA=$2
  shift 2
fi
samples="${1:-1600}"
settings="${2:-}"
[[ -z "$settings" || ",$settings," == *,default,* ]] || settings="default,$settings"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$here/run" torch "$samples" > "$out/torch.txt"
"$here/run" throughput "$samples" "" "$settings" 2> "$out/dl4j.err" > "$out/dl4j.txt" \
  || { echo "speed.sh: the DL4J benchmark failed:" >&2; tail -n 20 "$out/dl4j.err" >&2; exit 1; }
head -qn 1 "$out/torch.txt" "$out/dl4j.txt"
python3 - "$out" <<'PY'
import pathlib, sys
out = pathlib.Path(sys.argv[1])
torch, dl4j = {}, {}
for line in (out / "torch.txt").read_text().splitlines():
    parts = line.split()
    if len(parts) == 4 and parts[3] == "samples/s":
        torch[(parts[0], parts[1])] = float(parts[2])
for line in (out / "dl4j.txt").read_text().splitlines():
    parts = line.split()
    if len(parts) >= 5 and parts[4] == "samples/s":
        dl4j.setdefault((parts[0], parts[1]), {})[parts[2]] = float(parts[3])
all_levers = [("dl4jconv", "DL4J conv"), ("dl4jfirstconv", "DL4J first conv"), ("dl4jbn", "DL4J BatchNorm"), ("dl4jpool", "DL4J max-pool"), ("nd4jact", "ND4J activations"), ("nokernels", "no kernels"), ("nohelpers", "helpers off"), ("NHWC", "NHWC"), ("NONE", "workspaces NONE"), ("nocache", "no conv cache")]
measured = set().union(*dl4j.values())
levers = [(name, label) for name, label in all_levers if name in measured]
print("| placement | activation | PyTorch | DL4J | DL4J / PyTorch | "
      + " | ".join(f"{label} (x DL4J)" for _, label in levers) + " |")
print("|---" * (5 + len(levers)) + "|")
for key, ref in torch.items():
    ours = dl4j[key]["default"]
    cells = [f"{dl4j[key][name]:,.0f} ({dl4j[key][name] / ours:.2f})" for name, _ in levers]
    print(f"| {key[0]} | {key[1]} | {ref:,.0f} | {ours:,.0f} | {ours / ref:.2f} | " + " | ".join(cells) + " |")
ratios = [dl4j[k]["default"] / torch[k] for k in torch]
print(f"\nDL4J / PyTorch: min {min(ratios):.2f}, max {max(ratios):.2f}")
for name, label in levers:
    r = [dl4j[k][name] / dl4j[k]["default"] for k in torch]
    print(f"{label} / default: min {min(r):.2f}, max {max(r):.2f}")
PY
