"""PyTorch CPU reference: the CIFAR-style ResNet-(6n+2) of He et al. (2016), trained on Fashion-MNIST.

For a side-by-side speed comparison with DL4J (not a dependency of the tool). Timed like
torch_reference.py and TrainingThroughput: float32, one thread, batch 64, Adam lr 1e-3, NLL loss on
log-softmax, inputs scaled to [0, 1]; 10 warm-up minibatches, then three rounds of `--samples`
training samples (the same minibatches each round); the median round is printed.

Network (depth = 6n + 2):
  stem      conv3x3 16 (stride 1, padding 1) -> BN -> ReLU        ("preact": the conv alone)
  stage 1   n units, 16 channels, 28x28
  stage 2   n units, 32 channels, the first with stride 2 (14x14)
  stage 3   n units, 64 channels, the first with stride 2 (7x7)
  head      ("preact": BN -> ReLU) -> global average pool -> linear 10 -> log-softmax
Units:
  original  conv3x3 -> BN -> ReLU -> conv3x3 -> BN, + shortcut, ReLU
  preact    BN -> ReLU -> conv3x3 -> BN -> ReLU -> conv3x3, + shortcut
The shortcut is the identity, except in the first unit of stages 2 and 3, where it is a projection
(conv1x1 stride 2 -> BN) of the unit's input (for "preact" too: the raw input, not the
pre-activated one). Every conv has padding 1 (3x3) and no bias. PyTorch's default initialisation
and BatchNorm settings (eps 1e-5, momentum 0.1).

Usage: python3 torch_resnet.py [--depth 20] [--unit original|preact] [--samples 3200] [--check]
  --check   instead of timing, a learning sanity check: 2 epochs over 2,000 training images, then
            accuracy on 1,000 test images (eval mode, BN running statistics).
Needs Debian's python3-torch (run with /usr/bin/python3, OMP_NUM_THREADS=1: src/bench/run torch-resnet).
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from torch_reference import BATCH, ROUNDS, WARMUP, idx


def conv3x3(cin, cout, stride=1):
    return nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)


def projection(cin, cout, stride):
    """The shortcut of a unit that changes resolution or width; None means the identity."""
    if stride == 1 and cin == cout:
        return None
    return nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))


class OriginalUnit(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = conv3x3(cin, cout, stride)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = conv3x3(cout, cout)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = projection(cin, cout, stride)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        skip = x if self.shortcut is None else self.shortcut(x)
        return F.relu(out + skip)


class PreactUnit(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = conv3x3(cin, cout, stride)
        self.bn2 = nn.BatchNorm2d(cout)
        self.conv2 = conv3x3(cout, cout)
        self.shortcut = projection(cin, cout, stride)

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x)))
        out = self.conv2(F.relu(self.bn2(out)))
        skip = x if self.shortcut is None else self.shortcut(x)
        return out + skip


class ResNet(nn.Module):
    def __init__(self, depth, unit):
        super().__init__()
        if depth < 8 or (depth - 2) % 6:
            raise ValueError(f"depth must be 6n+2 with n >= 1, not {depth}")
        n = (depth - 2) // 6
        preact = unit == "preact"
        block = PreactUnit if preact else OriginalUnit
        stem = [conv3x3(1, 16)] if preact else [conv3x3(1, 16), nn.BatchNorm2d(16), nn.ReLU()]
        self.stem = nn.Sequential(*stem)
        units, cin = [], 16
        for stage, width in enumerate([16, 32, 64]):
            for i in range(n):
                stride = 2 if stage > 0 and i == 0 else 1
                units.append(block(cin, width, stride))
                cin = width
        self.units = nn.Sequential(*units)
        self.final = nn.Sequential(nn.BatchNorm2d(64), nn.ReLU()) if preact else nn.Identity()
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        out = self.final(self.units(self.stem(x)))
        out = out.mean(dim=(2, 3))  # global average pooling
        return F.log_softmax(self.fc(out), dim=1)


def images(prefix, count):
    x = torch.tensor(idx(prefix + "-images-idx3-ubyte.gz")[:count], dtype=torch.float32)
    y = torch.tensor(idx(prefix + "-labels-idx1-ubyte.gz")[:count], dtype=torch.int64)
    return x.div_(255).unsqueeze(1), y


def trainer(net):
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.NLLLoss()

    def step(xb, yb):
        opt.zero_grad()
        loss = loss_fn(net(xb), yb)
        loss.backward()
        opt.step()
        return loss.item()

    return step


def throughput(net, name, samples):
    batches = samples // BATCH
    if batches < 1:
        raise SystemExit(f"--samples must be at least {BATCH}")
    x, y = images("train", (WARMUP + batches) * BATCH)
    step = trainer(net)
    net.train()
    for b in range(WARMUP):
        step(x[b * BATCH : (b + 1) * BATCH], y[b * BATCH : (b + 1) * BATCH])
    rates = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for b in range(WARMUP, WARMUP + batches):
            step(x[b * BATCH : (b + 1) * BATCH], y[b * BATCH : (b + 1) * BATCH])
        rates.append(batches * BATCH / (time.perf_counter() - start))
    median = sorted(rates)[ROUNDS // 2]
    print(f"{name} torch samples/s {median:.1f}")
    print("rounds samples/s " + " ".join(f"{r:.1f}" for r in rates))


def check(net, train_count=2000, test_count=1000, epochs=2):
    x, y = images("train", train_count)
    tx, ty = images("t10k", test_count)
    step = trainer(net)
    order = torch.Generator().manual_seed(2)
    for epoch in range(epochs):
        net.train()
        perm = torch.randperm(train_count, generator=order)
        losses = []
        start = time.perf_counter()
        for b in range(0, train_count, BATCH):
            i = perm[b : b + BATCH]
            losses.append(step(x[i], y[i]))
        print(f"epoch {epoch + 1}: mean training loss {sum(losses) / len(losses):.4f}"
              f" ({time.perf_counter() - start:.1f} s)")
    net.eval()
    with torch.no_grad():
        predicted = torch.cat([net(tx[b : b + 256]).argmax(dim=1) for b in range(0, test_count, 256)])
    correct = (predicted == ty).sum().item()
    print(f"test accuracy {correct / test_count:.4f} ({correct}/{test_count}, "
          f"{epochs} epochs over {train_count} training images; chance 0.1)")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--depth", type=int, default=20, help="6n+2 (20, 32, 44, 56, 110, ...)")
    p.add_argument("--unit", choices=["original", "preact"], default="original")
    p.add_argument("--samples", type=int, default=3200, help="training samples per timed round")
    p.add_argument("--check", action="store_true", help="learning sanity check instead of timing")
    args = p.parse_args()
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)
    net = ResNet(args.depth, args.unit)
    name = f"resnet{args.depth} {args.unit}"
    params = sum(t.numel() for t in net.parameters())
    print(f"torch {torch.__version__}, {name}, {params} parameters, batch {BATCH}, "
          f"{torch.get_num_threads()} thread, float32")
    if args.check:
        check(net)
    else:
        print(f"{WARMUP} warm-up minibatches, {ROUNDS} rounds of {args.samples // BATCH * BATCH} samples")
        throughput(net, name, args.samples)


if __name__ == "__main__":
    main()
