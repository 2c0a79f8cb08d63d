package io.bnsweep.kernel;

/**
 * The hyperbolic tangent in float multiplications, additions, one division and clamps, so that the
 * JIT vectorises a loop over it; ND4J's tanh and {@link Math#tanh} are scalar calls into a math
 * library, several times slower on a training step's activations (BENCHMARKS.md).
 *
 * <p>On {@code [-9, 9]}, {@code tanh(x) = x P(x²) / Q(x²)} with {@code P} of degree 5 and {@code Q}
 * of degree 3; outside, {@code tanh} rounds to ±1 in float. The coefficients were fitted by bnsweep
 * for the least maximum relative error (iteratively reweighted linear least squares, {@code
 * src/bench/fit_tanh.py} reproduces them). Evaluated in float, the result is within 4e-7 of the
 * true value everywhere (a few units in the last place; {@code RationalTanhTest}), and odd, and
 * never leaves {@code [-1, 1]}. NaN stays NaN.
 */
final class RationalTanh {
  /** Beyond this, {@code tanh} is ±1 in float. */
  static final float CLAMP = 9f;

  private static final float P0 = 9.999999422e-01f;
  private static final float P1 = 1.291928633e-01f;
  private static final float P2 = 2.920816282e-03f;
  private static final float P3 = 9.267766053e-06f;
  private static final float P4 = -1.278094367e-08f;
  private static final float P5 = 1.825534480e-11f;
  private static final float Q1 = 4.625257073e-01f;
  private static final float Q2 = 2.376341274e-02f;
  private static final float Q3 = 2.281066866e-04f;

  private RationalTanh() {}

  static float tanh(float x) {
    float c = Math.max(-CLAMP, Math.min(CLAMP, x));
    float s = c * c;
    float p = ((((P5 * s + P4) * s + P3) * s + P2) * s + P1) * s + P0;
    float q = ((Q3 * s + Q2) * s + Q1) * s + 1f;
    return Math.max(-1f, Math.min(1f, c * p / q));
  }
}
