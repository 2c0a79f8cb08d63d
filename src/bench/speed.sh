#!/usr/bin/env bash
# Goal 1 of issue 6 in one run: the PyTorch reference and DL4J side by side, then each speed lever,
# as one Markdown table of samples/s with DL4J/PyTorch ratios. Needs python3-torch (Debian).
#
#   src/bench/speed.sh [samples]        default 3200 per variant; about 6 minutes on 2 cores
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
samples="${1:-3200}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$here/run" torch "$samples" > "$out/torch.txt"
"$here/run" throughput "$samples" 2> /dev/null > "$out/dl4j.txt"
"$here/run" throughput "$samples" nohelpers 2> /dev/null > "$out/nohelpers.txt"
"$here/run" throughput "$samples" NHWC 2> /dev/null > "$out/nhwc.txt"
"$here/run" throughput "$samples" NONE 2> /dev/null > "$out/none.txt"
head -1 "$out/torch.txt" "$out/dl4j.txt"
python3 - "$out" <<'PY'
import pathlib, sys
out = pathlib.Path(sys.argv[1])
def rates(name):
    rows = {}
    for line in (out / f"{name}.txt").read_text().splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] == "samples/s":
            rows[(parts[0], parts[1])] = float(parts[2])
    return rows
torch, dl4j = rates("torch"), rates("dl4j")
levers = [("nohelpers", "helpers off"), ("nhwc", "NHWC"), ("none", "workspaces NONE")]
lever_rates = {name: rates(name) for name, _ in levers}
print("| placement | activation | PyTorch | DL4J | DL4J / PyTorch | "
      + " | ".join(f"{label} (x DL4J)" for _, label in levers) + " |")
print("|---" * (5 + len(levers)) + "|")
for key, ref in torch.items():
    ours = dl4j[key]
    cells = [f"{lever_rates[name][key]:,.0f} ({lever_rates[name][key] / ours:.2f})" for name, _ in levers]
    print(f"| {key[0]} | {key[1]} | {ref:,.0f} | {ours:,.0f} | {ours / ref:.2f} | " + " | ".join(cells) + " |")
ratios = [dl4j[k] / torch[k] for k in torch]
print(f"\nDL4J / PyTorch: min {min(ratios):.2f}, max {max(ratios):.2f}")
PY
