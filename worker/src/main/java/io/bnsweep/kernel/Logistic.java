package io.bnsweep.kernel;

/**
 * The logistic sigmoid {@code σ(x) = 1 / (1 + e^-x)} and its derivative, to a few units in the last
 * place relative to the true value over the whole line, built only from the float operations that
 * C2 vectorises in a loop: additions, multiplications, one division, clamps. C2 in JDK 17
 * vectorises neither {@link Math#exp} (a scalar call, BENCHMARKS.md) nor float/int conversions and
 * {@link Float#intBitsToFloat}, which the usual {@code exp} uses to build {@code 2^k} in the
 * exponent bits; so {@code 2^k} is built here from float arithmetic as well.
 *
 * <p>{@code (1 + tanh(x/2)) / 2}, which bnsweep used before, cancels for negative x: it adds 1/2
 * and a number close to -1/2, so its results there are multiples of {@code 2^-25} (3e-8). It was
 * 12% low at x = -15, off by up to a factor 6.6 near -17.6, and exactly 0 below -18 (and at places
 * from -15.8 on), where σ is still a normal float (1.5e-8 at -18); {@code σ (1 - σ)}, the gradient,
 * did the same for positive x. Here nothing cancels:
 *
 * <ol>
 *   <li>x is clamped to [{@value #LOWEST}, {@value #HIGHEST}]: below, σ rounds to 0 in float
 *       ({@code e^-104 < Float.MIN_VALUE / 2}); above, to 1 ({@code e^-54 < 2^-25}). NaN stays NaN.
 *   <li>{@code x = k ln 2 + r} with the integer {@code k = round(x log2(e))} in [-150, 78] and
 *       {@code |r| <= ln(2) / 2}: k by the magic-number rounding {@code (x log2(e) + 1.5·2^23) -
 *       1.5·2^23}, r in two steps (Cody and Waite) with {@code ln 2 = LN2_HI + LN2_LO}, where
 *       {@code LN2_HI} has 15 significant bits, so that {@code k LN2_HI} and {@code x - k LN2_HI}
 *       are exact and r carries only the rounding of the small {@code k LN2_LO} term.
 *   <li>{@code e^-r = P(-r) / P(r)} with {@code P(r) = 1 + r/2 + r²/10 + r³/120}, the [3/3] Padé
 *       approximant of the exponential: relative error below 1e-8 for {@code |r| <= 0.35}.
 *   <li>{@code 2^(-47 - k)} exactly: {@link #powerOfTwo}.
 *   <li>{@code σ(x) = 1 / (1 + 2^-k e^-r) = a / (a + b)} with {@code a = 2^-47 P(r)} and {@code b =
 *       2^(-47 - k) P(-r)}. Both terms are positive, so the sum loses nothing, and the only
 *       division is the last one. The factor {@code 2^-47} keeps b between {@code 2^-126} and
 *       {@code 2^104} for every k, normal floats: σ itself becomes subnormal below x = -87.3, with
 *       the division's gradual underflow, and reaches 0 at the clamp.
 * </ol>
 *
 * <p>Every step is either exact or rounds once, so the relative error stays at a few units in the
 * last place everywhere: on every step of 2^-12 across [-100, 100], where the true value is a
 * normal float, at most 1.9e-7 for σ and 2.3e-7 for the derivative ({@code LogisticTest} bounds
 * both by 1e-6; {@code src/bench/fit_sigmoid.py} replays the same float arithmetic).
 *
 * <p>Speed: C2 starts unrolling a loop, which its vectorisation needs, only if the body has at most
 * {@code LoopUnrollLimit} (60) nodes, so these functions are no longer than the accuracy needs.
 * {@link SigmoidKernel}'s forward loop is within the limit; its backward pass is two loops for it.
 * In a standalone loop over 692,224 floats (BENCHMARKS.md) the forward pass is about 10% faster
 * than the former {@code (1 + tanh(x/2)) / 2} and the backward pass about as fast.
 */
final class Logistic {
  /** Below this, σ rounds to 0 in float. */
  static final float LOWEST = -104f;

  /** Above this, σ rounds to 1 in float. */
  static final float HIGHEST = 54f;

  private static final float LOG2_E = 1.44269504f;

  /** {@code 1.5·2^23}: adding and subtracting it rounds a float below 2^22 to an integer. */
  private static final float ROUNDER = 12582912f;

  private static final float LN2_HI = 0.693145751953125f;
  private static final float LN2_LO = 1.42860677e-06f;

  /** {@code 2^-47}: keeps both terms of the sum normal floats (see the class javadoc). */
  private static final float SCALE = 0x1p-47f;

  // b(k) ~ 2^((-47 - k) / 512) on k in [-150, 78], fitted by src/bench/fit_sigmoid.py
  private static final float G0 = 9.382452965e-01f;
  private static final float G1 = -1.272839727e-03f;
  private static final float G2 = 9.014946158e-07f;

  /** {@code 2^23 + 1}, the Veltkamp splitting constant that keeps one significant bit. */
  private static final float SPLITTER = 8388609f;

  private Logistic() {}

  /** {@code σ(x) = 1 / (1 + e^-x)}. */
  static float sigmoid(float x) {
    float c = Math.max(LOWEST, Math.min(HIGHEST, x));
    float k = (c * LOG2_E + ROUNDER) - ROUNDER;
    float r = (c - k * LN2_HI) - k * LN2_LO;
    float s = r * r;
    float even = 1f + s * (1f / 10);
    float odd = r * (0.5f + s * (1f / 120));
    float a = SCALE * (even + odd);
    float b = powerOfTwo(k) * (even - odd);
    return a / (a + b);
  }

  /**
   * {@code σ'(x) = σ(x) (1 - σ(x))}, computed as {@code q (1 - q)} with {@code q = σ(-|x|)}: the
   * derivative is even, and with {@code q <= 1/2} the factor {@code 1 - q} is at least 1/2, so
   * nothing cancels. {@code σ(x) (1 - σ(x))} itself is 0 wherever σ(x) rounds to 1, above x = 17.3.
   */
  static float derivative(float x) {
    float q = sigmoid(-Math.abs(x));
    return q * (1f - q);
  }

  /**
   * Exactly {@code 2^(-47 - k)} for an integer-valued {@code k} in [-150, 78], from float
   * multiplications and additions only. A quadratic estimate of {@code 2^((-47 - k) / 512)},
   * squared 9 times, is within a factor [0.92, 1.09] of {@code 2^(-47 - k)} (the fit's relative
   * error of 1.5e-4, times 512). Veltkamp's splitting with {@code 2^23 + 1} then rounds it to one
   * significant bit, which is the power of two itself for anything within a factor [0.75, 1.5) of
   * it. Its product stays below {@code 2^127}, finite, for every k in range.
   */
  static float powerOfTwo(float k) {
    float g = (G2 * k + G1) * k + G0;
    // nine squarings, written out: a loop here, even of constant length, keeps C2 from
    // vectorising the loop that calls this
    g *= g;
    g *= g;
    g *= g;
    g *= g;
    g *= g;
    g *= g;
    g *= g;
    g *= g;
    g *= g;
    float split = g * SPLITTER;
    return split - (split - g);
  }
}
