#!/usr/bin/env python3
"""Fits the coefficients of io.bnsweep.kernel.RationalTanh and checks them in float32.

tanh(x) ~ x P(x^2) / Q(x^2) on [-9, 9] (float tanh is +-1 beyond), P of degree 5, Q of degree 3
with Q(0) = 1. The fit minimises the relative error of tanh(x)/x by linearised least squares
(P(s) - f(s) Q(s) = 0, divided by the previous Q) with Lawson-style reweighting towards the
minimax solution. Needs numpy only. Usage: src/bench/fit_tanh.py
"""
import numpy as np

CLAMP = 9.0
P_TERMS, Q_TERMS = 6, 4


def fit(iterations=30):
    k = np.arange(1, 4001)
    x = CLAMP * (0.5 - 0.5 * np.cos(np.pi * (k - 0.5) / 4000))  # Chebyshev nodes on [0, CLAMP]
    x = np.concatenate([x, np.linspace(1e-4, CLAMP, 20000)])
    s = (x / CLAMP) ** 2  # a scaled variable keeps the least-squares system well conditioned
    f = np.tanh(x) / x
    weight = np.ones_like(x)
    q = np.ones_like(x)
    for _ in range(iterations):
        columns = [s**i for i in range(P_TERMS)] + [-f * s**j for j in range(1, Q_TERMS)]
        a = np.vstack(columns).T * (weight / q / f)[:, None]
        solution, *_ = np.linalg.lstsq(a, weight / q, rcond=None)
        p = solution[:P_TERMS]
        qc = np.concatenate([[1.0], solution[P_TERMS:]])
        q = np.polyval(qc[::-1], s)
        error = np.polyval(p[::-1], s) / q / f - 1
        weight = weight * np.sqrt(np.abs(error) + 1e-18)
        weight /= weight.mean()
    # back from s = x^2 / CLAMP^2 to powers of x^2
    return p / (CLAMP**2) ** np.arange(P_TERMS), qc / (CLAMP**2) ** np.arange(Q_TERMS)


def horner(coefficients, s):
    result = np.float32(coefficients[-1])
    for c in coefficients[-2::-1]:
        result = result * s + np.float32(c)
    return result


def main():
    p, q = fit()
    for name, values, first in (("P", p, 0), ("Q", q, 1)):
        for i, value in enumerate(values[first:], start=first):
            print("  private static final float %s%d = %.9ef;" % (name, i, value))
    xs = np.linspace(-12, 12, 2_000_001).astype(np.float32)
    c = np.clip(xs, np.float32(-CLAMP), np.float32(CLAMP))
    s = c * c
    t = np.clip(c * horner(p, s) / horner(q, s), np.float32(-1), np.float32(1))
    error = np.abs(t.astype(np.float64) - np.tanh(xs.astype(np.float64)))
    print("float32 evaluation: max absolute error %.2e on [-12, 12]" % error.max())


if __name__ == "__main__":
    main()
