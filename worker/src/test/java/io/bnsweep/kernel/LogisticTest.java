package io.bnsweep.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogisticTest {
  /** Relative error bound where the true value is a normal float; the measured worst is 2.3e-7. */
  private static final double RELATIVE = 1e-6;

  /** Every step of 2^-12 across [-110, 110], beyond both clamps, and the smallest floats. */
  private static float[] grid() {
    int steps = 220 * 4096;
    float[] xs = new float[steps + 1 + 4];
    for (int i = 0; i <= steps; i++) {
      xs[i] = -110f + i / 4096f;
    }
    xs[steps + 1] = Float.MIN_VALUE;
    xs[steps + 2] = -Float.MIN_NORMAL;
    xs[steps + 3] = 1e-30f;
    xs[steps + 4] = -3e-5f;
    return xs;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static double derivative(double x) {
    double e = Math.exp(-Math.abs(x));
    return e / ((1 + e) * (1 + e));
  }

  /**
   * Asserts {@code actual} is within {@link #RELATIVE} of {@code exact} relative to it where exact
   * is a normal float, and within one subnormal step plus that where it is not (results there are
   * subnormal or 0, rounded to multiples of {@code Float.MIN_VALUE}); returns the relative error,
   * or 0 for the subnormal range.
   */
  private static double check(String what, float x, float actual, double exact) {
    double error = Math.abs(actual - exact);
    if (exact >= Float.MIN_NORMAL) {
      assertTrue(error <= RELATIVE * exact, what + "(" + x + ") = " + actual + ", exact " + exact);
      return error / exact;
    }
    assertTrue(
        error <= Float.MIN_VALUE + RELATIVE * exact,
        what + "(" + x + ") = " + actual + ", exact " + exact);
    return 0;
  }

  @Test
  void sigmoidIsRelativelyAccurateOnTheWholeLine() {
    double worst = 0;
    for (float x : grid()) {
      worst = Math.max(worst, check("sigmoid", x, Logistic.sigmoid(x), sigmoid(x)));
    }
    assertTrue(worst > 0, "the grid reached normal values");
  }

  @Test
  void derivativeIsRelativelyAccurateOnTheWholeLine() {
    double worst = 0;
    for (float x : grid()) {
      worst = Math.max(worst, check("derivative", x, Logistic.derivative(x), derivative(x)));
    }
    assertTrue(worst > 0, "the grid reached normal values");
  }

  @Test
  void theTailsAreNotZero() {
    // (1 + tanh(x/2)) / 2 in float, used before, was 12% low at -15, 94% high at -17.3 and 0 below
    // -18; sigma (1 - sigma) was as far off at 15, 17.3 and above 18
    for (float x : new float[] {-15f, -17.3f, -30f, -80f}) {
      assertEquals(sigmoid(x), Logistic.sigmoid(x), RELATIVE * sigmoid(x), "sigmoid(" + x + ")");
      assertEquals(
          derivative(x), Logistic.derivative(x), RELATIVE * derivative(x), "derivative(" + x + ")");
      assertEquals(
          derivative(x),
          Logistic.derivative(-x),
          RELATIVE * derivative(x),
          "derivative(" + -x + ")");
    }
  }

  @Test
  void specialValues() {
    assertEquals(0.5f, Logistic.sigmoid(0f));
    assertEquals(0.5f, Logistic.sigmoid(-0f));
    assertEquals(0.25f, Logistic.derivative(0f));
    assertEquals(1f, Logistic.sigmoid(Float.POSITIVE_INFINITY));
    assertEquals(1f, Logistic.sigmoid(1e30f));
    assertEquals(0f, Logistic.sigmoid(Float.NEGATIVE_INFINITY));
    assertEquals(0f, Logistic.sigmoid(-1e30f));
    assertEquals(0f, Logistic.derivative(Float.POSITIVE_INFINITY));
    assertEquals(0f, Logistic.derivative(Float.NEGATIVE_INFINITY));
    assertTrue(Float.isNaN(Logistic.sigmoid(Float.NaN)));
    assertTrue(Float.isNaN(Logistic.derivative(Float.NaN)));
  }

  @Test
  void powerOfTwoIsExactForEveryExponentItIsUsedFor() {
    for (int k = -150; k <= 78; k++) {
      assertEquals(Math.scalb(1f, -47 - k), Logistic.powerOfTwo(k), 0f, "k = " + k);
    }
  }
}
