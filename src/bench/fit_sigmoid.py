#!/usr/bin/env python3
"""Fits the power-of-two estimate of io.bnsweep.kernel.Logistic and checks the sigmoid in float32.

Logistic needs 2^(BIAS - k) exactly for integers k in [K_MIN, K_MAX] using float arithmetic only
(C2 in JDK 17 does not vectorise float/int conversions or bit casts). It evaluates a quadratic
b(k) ~ 2^((BIAS - k) / 2^SQUARINGS), squares it SQUARINGS times, and rounds the result to one
significant bit (Veltkamp splitting), which gives the power of two exactly as long as the estimate
is within a factor [0.75, 1.5) of it. This script fits the quadratic for the least maximum
relative error (linear least squares on the relative residual, reweighted towards the minimax
solution), then replays Logistic's float32 arithmetic with numpy (every numpy float32 operation
is rounded like Java's) to check the power of two for every k and the sigmoid and its derivative
on a dense grid. Needs numpy only. Usage: src/bench/fit_sigmoid.py
"""
import numpy as np

BIAS, K_MIN, K_MAX = -47, -150, 78  # k = round(x / ln 2) for x in [-104, 54]
SQUARINGS = 9
F = np.float32


def fit(iterations=60):
    k = np.linspace(K_MIN, K_MAX, 40001)
    target = 2.0 ** ((BIAS - k) / 2**SQUARINGS)
    columns = np.vstack([k**0, k, k**2]).T / target[:, None]
    weight = np.ones_like(k)
    for _ in range(iterations):
        c, *_ = np.linalg.lstsq(columns * weight[:, None], weight, rcond=None)
        error = columns @ c - 1
        weight = weight * np.sqrt(np.abs(error) + 1e-18)
        weight /= weight.mean()
    return [F(x) for x in c], np.abs(error).max()


def power_of_two(k, g0, g1, g2):
    g = (g2 * k + g1) * k + g0
    for _ in range(SQUARINGS):
        g = g * g
    c = g * F(2**23 + 1)
    return g, c - (c - g)


def sigmoid(x, g0, g1, g2):
    x = np.maximum(F(-104), np.minimum(F(54), x))
    k = (x * F(1.44269504) + F(12582912)) - F(12582912)
    r = (x - k * F(0.693145751953125)) - k * F(1.42860677e-06)
    s = r * r
    even = F(1) + s * F(0.1)
    odd = r * (F(0.5) + s * F(1 / 120))
    _, scale = power_of_two(k, g0, g1, g2)
    a = F(2.0**BIAS) * (even + odd)
    b = scale * (even - odd)
    return a / (a + b)


def main():
    (g0, g1, g2), base_error = fit()
    for name, value in (("G0", g0), ("G1", g1), ("G2", g2)):
        print("  private static final float %s = %.9ef;" % (name, value))
    k = np.arange(K_MIN, K_MAX + 1).astype(F)
    estimate, exact = power_of_two(k, g0, g1, g2)
    expected = 2.0 ** (BIAS - k.astype(np.float64))
    ratio = estimate / expected
    print("base relative error %.2e; estimate / 2^(%d - k) in [%.3f, %.3f] (must be in [0.75, 1.5))"
          % (base_error, BIAS, ratio.min(), ratio.max()))
    print("power of two exact for every k in [%d, %d]: %s" % (K_MIN, K_MAX, bool(np.all(exact == expected))))
    x = (np.arange(-100 * 4096, 100 * 4096 + 1) / 4096).astype(F)
    with np.errstate(under="ignore"):
        q = sigmoid(x, g0, g1, g2)
        p = sigmoid(-np.abs(x), g0, g1, g2)
        slope = p * (F(1) - p)
    xd = x.astype(np.float64)
    true = 1 / (1 + np.exp(-xd))
    e = np.exp(-np.abs(xd))
    true_slope = e / (1 + e) ** 2
    for name, value, reference in (("sigmoid", q, true), ("derivative", slope, true_slope)):
        normal = reference >= np.finfo(F).tiny
        relative = np.abs(value[normal] - reference[normal]) / reference[normal]
        print("%s: max relative error %.2e on [-100, 100], step 2^-12" % (name, relative.max()))


if __name__ == "__main__":
    main()
