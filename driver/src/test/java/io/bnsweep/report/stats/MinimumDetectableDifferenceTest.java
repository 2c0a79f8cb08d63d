package io.bnsweep.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MinimumDetectableDifferenceTest {
  @Test
  void isTheSumOfTwoTQuantilesTimesTheStandardError() {
    // t(0.975, 9) = 2.262157 and t(0.80, 9) = 0.883404 (t tables; SciPy 2.262157162798205,
    // 0.8834038596855346)
    assertEquals(
        2.262157162798205 + 0.8834038596855346, MinimumDetectableDifference.of(1, 9), 1e-9);
    assertEquals(3.145561 * 0.02, MinimumDetectableDifference.of(0.02, 9), 1e-7);
  }

  @Test
  void withOneDegreeOfFreedomTheQuantilesAreCauchys() {
    // t with 1 df is Cauchy: t(p, 1) = tan(pi (p - 1/2)), so tan(0.475 pi) + tan(0.3 pi)
    double expected = Math.tan(0.475 * Math.PI) + Math.tan(0.3 * Math.PI);

    assertEquals(expected, MinimumDetectableDifference.of(1, 1), 1e-9);
  }

  @Test
  void zeroSpreadDetectsEverything() {
    assertEquals(0, MinimumDetectableDifference.of(0, 4), 0);
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> MinimumDetectableDifference.of(-1, 4));
    assertThrows(IllegalArgumentException.class, () -> MinimumDetectableDifference.of(1, 0));
  }
}
