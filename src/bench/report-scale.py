#!/usr/bin/env python3
"""Writes a results ledger of many trials from one real result line, for the report benchmark.

usage: report-scale.py TEMPLATE.jsonl OUT_DIR {grid|first-release} [trials]

grid: 4 placements x 3 activations x 5 learning rates x 4 batch sizes x 2 weight decays (480
variants) x 21 seeds = 10,080 results, every setting recorded as this release records them.
first-release: 4 placements x 3 activations x 834 seeds = 10,008 results, the variant naming only
placement and activation, as the first release wrote them (both releases can report on it).
Accuracies are drawn per variant and seed (seeded), diagnostics and provenance are the template's.
"""
import itertools
import json
import os
import random
import sys

template_path, out, kind = sys.argv[1], sys.argv[2], sys.argv[3]
with open(template_path) as f:
    template = json.loads(f.readline())
placements = ["none", "before", "after", "extra"]
activations = ["relu", "sigmoid", "tanh"]
rng = random.Random(1)
if kind == "grid":
    cells = [
        {"placement": p, "activation": a, "learningRate": lr, "batchSize": b, "weightDecay": wd}
        for p, a, lr, b, wd in itertools.product(
            placements, activations, [1e-4, 3e-4, 1e-3, 3e-3, 1e-2], [16, 32, 64, 128], [0.0, 5e-4])
    ]
    seeds = 21
else:
    cells = [{"placement": p, "activation": a} for p, a in itertools.product(placements, activations)]
    seeds = 834
base = {k: v for k, v in template["variant"].items()}
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "results.jsonl"), "w") as f:
    n = 0
    for i, cell in enumerate(cells):
        mean = 0.6 + 0.3 * rng.random()
        for seed in range(1, seeds + 1):
            r = dict(template)
            r["trialId"] = "%012x" % (i * 100000 + seed)
            r["variant"] = dict(base, **cell) if kind == "grid" else cell
            r["seed"] = seed
            acc = min(1.0, max(0.0, rng.gauss(mean, 0.01)))
            r["testAccuracy"] = acc
            r["epochs"] = [dict(e, testAccuracy=acc) for e in template["epochs"]]
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
            n += 1
print(n, "results in", out)
