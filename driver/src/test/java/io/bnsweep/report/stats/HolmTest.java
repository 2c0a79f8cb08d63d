package io.bnsweep.report.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HolmTest {
  @Test
  void matchesRsPAdjust() {
    // R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm") = 0.05 0.08 0.09 0.09 0.09
    // (5 * 0.01; 4 * 0.02; 3 * 0.03; max(0.09, 2 * 0.04); max(0.09, 1 * 0.05))
    assertArrayEquals(
        new double[] {0.05, 0.08, 0.09, 0.09, 0.09},
        Holm.adjust(new double[] {0.01, 0.02, 0.03, 0.04, 0.05}),
        1e-15);
  }

  @Test
  void keepsInputOrderAndSkipsNaNLikeRSkipsNa() {
    // R: p.adjust(c(0.04, NA, 0.001, 0.03, 0.5), "holm") = 0.09 NA 0.004 0.09 0.5 (m = 4:
    // 4 * 0.001; 3 * 0.03; max(0.09, 2 * 0.04); max(0.09, 0.5))
    assertArrayEquals(
        new double[] {0.09, Double.NaN, 0.004, 0.09, 0.5},
        Holm.adjust(new double[] {0.04, Double.NaN, 0.001, 0.03, 0.5}),
        1e-15);
  }

  @Test
  void capsAtOne() {
    // 2 * 0.6 = 1.2 -> 1; max(1, 0.7) = 1
    assertArrayEquals(new double[] {1, 1}, Holm.adjust(new double[] {0.7, 0.6}), 0);
  }

  @Test
  void emptyFamilyIsEmpty() {
    assertArrayEquals(new double[0], Holm.adjust(new double[0]), 0);
  }

  @Test
  void rejectsWhatIsNotAPValue() {
    assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {0.5, 1.5}));
  }
}
