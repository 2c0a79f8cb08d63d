package io.bnsweep.report.stats;

import static io.bnsweep.report.stats.ReferenceData.DEPRESSION_X;
import static io.bnsweep.report.stats.ReferenceData.DEPRESSION_Y;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link SignedRankTest}. */
class WilcoxonTest {
  @Test
  void depressionDataMatchRsExactTest() {
    // R: wilcox.test(x, y, paired = TRUE, alternative = "greater") gives V = 40, p = 0.01953
    // (= 10/512: sign patterns of ranks 1..9 with rank sum >= 40). The exact null distribution
    // is symmetric, so the two-sided p is twice that: 20/512 = 0.0390625.
    SignedRankTest w = SignedRankTest.of(DEPRESSION_X, DEPRESSION_Y);

    assertEquals(9, w.n());
    assertTrue(w.exact());
    assertFalse(w.ties());
    assertEquals(0.0390625, w.p(), 1e-15);
    assertEquals(0.01953, w.p() / 2, 5e-6);
  }

  @Test
  void aboveTwentyPairsUsesCommonsMathsNormalApproximation() {
    // 25 differences whose ranks 2, 5, 7, 11, 13, 17, 19 are negative: W- = 74, W+ = 251.
    // Commons Math: 2 Phi((74 - 162.5 - 0.5) / sqrt(1381.25)) = 0.016633281854241184 (SciPy's
    // normal CDF). For comparison, R's wilcox.test(exact = FALSE), whose continuity correction
    // goes the other way, gives 0.017893807863200488, and the exact p is 0.01597297191619873.
    double[] d = new double[25];
    for (int rank = 1; rank <= 25; rank++) {
      boolean negative = java.util.Set.of(2, 5, 7, 11, 13, 17, 19).contains(rank);
      d[rank - 1] = (negative ? -rank : rank) / 1000.0;
    }

    SignedRankTest w = SignedRankTest.of(d, new double[25]);

    assertEquals(25, w.n());
    assertFalse(w.exact());
    assertEquals(0.016633281854241184, w.p(), 1e-9);
  }

  @Test
  void zeroDifferencesAreDropped() {
    // Without the zero, ranks 1, 2, 3 all positive: exact two-sided p = 2 * 1/8.
    SignedRankTest w = SignedRankTest.of(new double[] {1, 2, 3, 5}, new double[] {0, 0, 0, 5});

    assertEquals(3, w.n());
    assertEquals(0.25, w.p(), 1e-15);
  }

  @Test
  void pIsCappedAtOne() {
    // +1, +2, -3: W+ = W- = 3, and Commons Math's 2 P(W >= 3) = 2 * 5/8 exceeds 1
    SignedRankTest w = SignedRankTest.of(new double[] {1, 2, -3}, new double[3]);

    assertEquals(1.0, w.p(), 0);
  }

  @Test
  void accuracyDifferencesEqualInDecimalsTie() {
    // 0.8415 - 0.84 and 0.843 - 0.8415 differ in floating point (1.5000000000000568e-3 and
    // 1.4999999999999458e-3) but are the same 0.15 points
    SignedRankTest w =
        SignedRankTest.of(new double[] {0.8415, 0.843, 0.9}, new double[] {0.84, 0.8415, 0.8});

    assertTrue(w.ties());
  }

  @Test
  void allZeroDifferencesHaveNoP() {
    SignedRankTest w = SignedRankTest.of(new double[] {0.8, 0.9}, new double[] {0.8, 0.9});

    assertEquals(0, w.n());
    assertTrue(Double.isNaN(w.p()));
  }
}
