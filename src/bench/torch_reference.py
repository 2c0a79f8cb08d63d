"""PyTorch CPU reference for bnsweep's training-throughput benchmark (not a dependency of the tool).

Same network as bnsweep's default (conv3x3x16 -> [block] -> maxpool2 -> conv3x3x32 -> [block] ->
maxpool2 -> linear 10, log-softmax, NLL), Adam lr 1e-3, batch 64, one thread, Fashion-MNIST.
Usage: python3 torch_reference.py [samples]   (needs Debian's python3-torch)
Each network is warmed up, then timed in three rounds of `samples`; the median round is printed,
as the DL4J side does (TrainingThroughput).
"""
import gzip
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn

BATCH = 64
WARMUP = 10
ROUNDS = 3
DIR = "/usr/share/datasets/fashion-mnist/"


def idx(name):
    with gzip.open(DIR + name) as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    dims = struct.unpack(">" + "I" * (magic & 0xFF), data[4 : 4 + 4 * (magic & 0xFF)])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


def block(placement, act, channels):
    bn = lambda: nn.BatchNorm2d(channels)
    steps = {
        "none": [act()],
        "before": [bn(), act()],
        "after": [act(), bn()],
        "extra": [bn(), act(), bn()],
    }[placement]
    return steps


def network(placement, act):
    layers = [nn.Conv2d(1, 16, 3)] + block(placement, act, 16) + [nn.MaxPool2d(2)]
    layers += [nn.Conv2d(16, 32, 3)] + block(placement, act, 32) + [nn.MaxPool2d(2)]
    layers += [nn.Flatten(), nn.Linear(32 * 5 * 5, 10), nn.LogSoftmax(dim=1)]
    return nn.Sequential(*layers)


def main():
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 1600
    torch.set_num_threads(1)
    torch.manual_seed(1)
    images = idx("train-images-idx3-ubyte.gz")
    labels = idx("train-labels-idx1-ubyte.gz")
    count = samples // BATCH + WARMUP
    x = torch.tensor(images[: count * BATCH], dtype=torch.float32).div_(255).unsqueeze(1)
    y = torch.tensor(labels[: count * BATCH], dtype=torch.int64)
    print(f"torch {torch.__version__}, {samples} samples, batch {BATCH}, 1 thread")
    for placement in ["none", "before", "after", "extra"]:
        for name, act in [("relu", nn.ReLU), ("sigmoid", nn.Sigmoid), ("tanh", nn.Tanh)]:
            net = network(placement, act)
            opt = torch.optim.Adam(net.parameters(), lr=1e-3)
            loss_fn = nn.NLLLoss()

            def step(b):
                opt.zero_grad()
                loss = loss_fn(net(x[b * BATCH : (b + 1) * BATCH]), y[b * BATCH : (b + 1) * BATCH])
                loss.backward()
                opt.step()

            for b in range(WARMUP):
                step(b)
            rates = []
            for _ in range(ROUNDS):
                start = time.perf_counter()
                for b in range(WARMUP, count):
                    step(b)
                rates.append((count - WARMUP) * BATCH / (time.perf_counter() - start))
            median = sorted(rates)[ROUNDS // 2]
            print(f"{placement:<8} {name:<8} {median:8.0f} samples/s")


if __name__ == "__main__":
    main()
