package io.bnsweep.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RationalTanhTest {
  /** Every float step of 2^-12 across [-12, 12], and the smallest floats. */
  private static float[] grid() {
    int steps = 24 * 4096;
    float[] xs = new float[steps + 1 + 4];
    for (int i = 0; i <= steps; i++) {
      xs[i] = -12f + i / 4096f;
    }
    xs[steps + 1] = Float.MIN_VALUE;
    xs[steps + 2] = -Float.MIN_NORMAL;
    xs[steps + 3] = 1e-30f;
    xs[steps + 4] = -3e-5f;
    return xs;
  }

  @Test
  void tanhIsWithinFourTenMillionthsEverywhereAndRelativelyCloseNearZero() {
    double worst = 0;
    for (float x : grid()) {
      double exact = Math.tanh(x);
      double error = Math.abs(RationalTanh.tanh(x) - exact);
      worst = Math.max(worst, error);
      if (Math.abs(x) < 0.01) {
        assertTrue(error <= 4e-7 * Math.abs(exact), "relative error at " + x + ": " + error);
      }
    }
    assertTrue(worst <= 4e-7, "worst absolute error " + worst);
  }

  @Test
  void tanhIsOddBoundedAndSaturatesLikeFloat() {
    for (float x : grid()) {
      float t = RationalTanh.tanh(x);
      assertEquals(-t, RationalTanh.tanh(-x), 0f, "odd at " + x);
      assertTrue(t >= -1f && t <= 1f, "tanh(" + x + ") = " + t);
    }
    assertEquals(1f, RationalTanh.tanh(Float.POSITIVE_INFINITY));
    assertEquals(-1f, RationalTanh.tanh(-1e30f));
    assertEquals(0f, RationalTanh.tanh(0f));
    assertTrue(Float.isNaN(RationalTanh.tanh(Float.NaN)));
  }
}
