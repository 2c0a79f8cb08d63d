package io.bnsweep.report.stats;

import static io.bnsweep.report.stats.ReferenceData.DEPRESSION_X;
import static io.bnsweep.report.stats.ReferenceData.DEPRESSION_Y;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
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
  void tiedDifferencesGetTheExactPOverTheirMidRanks() {
    // +1, -1, +2: mid-ranks 1.5, 1.5, 3 and W+ = 1.5 + 3 = 4.5. The 8 sign patterns (which
    // differences are positive) and their W+:
    //   none 0 | first 1.5 | second 1.5 | third 3 | first, second 3 | first, third 4.5 |
    //   second, third 4.5 | all 6
    // P(W+ >= 4.5) = 3/8 and P(W+ <= 4.5) = 7/8, so p = 2 * 3/8 = 0.75. Ranks 1..3 instead, as
    // Commons Math enumerates them, gave 2 * 2/8 = 0.5. R 4.2.2, coin 1.4-2:
    // wilcoxsign_test(d ~ y, distribution = "exact") with d = c(1, -1, 2), y = rep(0, 3):
    //   Exact Wilcoxon Signed-Rank Test ... Z = 0.8165, p-value = 0.75
    SignedRankTest w = SignedRankTest.of(new double[] {1, -1, 2}, new double[3]);

    assertEquals(3, w.n());
    assertTrue(w.exact());
    assertTrue(w.ties());
    assertEquals(0.75, w.p(), 1e-15);
    assertEquals(bruteForceP(new double[] {1, -1, 2}), w.p(), 1e-15);
  }

  @Test
  void severalTiesMatchEnumeratingEverySignPatternOfTheMidRanks() {
    // R 4.2.2, coin 1.4-2, pvalue(wilcoxsign_test(d ~ y, distribution = "exact")), y all 0:
    // 12 differences, ties of 3, 2, 4 and 2: 0.310546875 (Z = 1.0656)
    double[] twelve = {1, -1, 1, 2, -2, 3, 3, 3, -3, 4, 5, -5};
    // 20 differences, ties of 4, 2, 3, 2 and 3: 0.0042476654052734375 (Z = 2.749)
    double[] twenty = {2, -2, 2, 2, -5, 5, 7, 8, 8, -8, 11, 12, 12, 14, -14, 16, 17, 17, 17, 20};

    SignedRankTest w12 = SignedRankTest.of(twelve, new double[12]);
    SignedRankTest w20 = SignedRankTest.of(twenty, new double[20]);

    assertTrue(w12.ties() && w12.exact());
    assertEquals(bruteForceP(twelve), w12.p(), 1e-15);
    assertEquals(0.310546875, w12.p(), 1e-15);
    assertTrue(w20.ties() && w20.exact());
    assertEquals(bruteForceP(twenty), w20.p(), 1e-15);
    assertEquals(0.0042476654052734375, w20.p(), 1e-15);
  }

  @Test
  void untiedDifferencesKeepCommonsMathsExactP() {
    // Without ties the mid-ranks are 1..n, so the p must be the one Commons Math's enumeration
    // gave before (2 P(W >= W_max), capped at 1), for every n up to 20
    Random random = new Random(15);
    for (int n = 1; n <= SignedRankTest.EXACT_MAX; n++) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = (random.nextBoolean() ? 1 : -1) * (i + 1 + random.nextDouble() / 2);
      }
      double commonsMath =
          Math.min(1, new WilcoxonSignedRankTest().wilcoxonSignedRankTest(d, new double[n], true));

      SignedRankTest w = SignedRankTest.of(d, new double[n]);

      assertFalse(w.ties());
      assertEquals(commonsMath, w.p(), 1e-15, "n = " + n);
      assertEquals(bruteForceP(d), w.p(), 1e-15, "n = " + n);
    }
  }

  /**
   * {@code min(1, 2 min(P(W+ >= w), P(W+ <= w)))} by listing all 2^n sign patterns of the mid-ranks
   * of {@code |d|}: the rank of {@code |d[i]|} is the number of smaller ones plus the average
   * position, {@code (t + 1) / 2}, within the t equal to it.
   */
  private static double bruteForceP(double[] d) {
    int n = d.length;
    double[] rank = new double[n];
    double w = 0;
    for (int i = 0; i < n; i++) {
      int smaller = 0;
      int equal = 0;
      for (double other : d) {
        smaller += Math.abs(other) < Math.abs(d[i]) ? 1 : 0;
        equal += Math.abs(other) == Math.abs(d[i]) ? 1 : 0;
      }
      rank[i] = smaller + (equal + 1) / 2.0;
      w += d[i] > 0 ? rank[i] : 0;
    }
    long atOrAbove = 0;
    long atOrBelow = 0;
    for (int positive = 0; positive < 1 << n; positive++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += (positive >> i & 1) == 1 ? rank[i] : 0;
      }
      atOrAbove += sum >= w ? 1 : 0;
      atOrBelow += sum <= w ? 1 : 0;
    }
    return Math.min(1, 2.0 * Math.min(atOrAbove, atOrBelow) / (1 << n));
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
  void aboveTwentyPairsTheNormalApproximationCorrectsItsVarianceForTies() {
    // The 25 differences above with |d| 4 made 3, 9 and 10 made 8, 21 made 20 (all positive, so
    // W+ is still 251): ties of 2, 3 and 2. R 4.2.2, Commons Math's formula with R's
    // tie-corrected sd:
    //   SIGMA <- sqrt(n*(n+1)*(2*n+1)/24 - sum(NTIES^3 - NTIES)/48)  # sqrt(1381.25 - 36/48)
    //   2 * pnorm((Wmin - n*(n+1)/4 - 0.5) / SIGMA)  # 0.016603801963788634
    // (without the correction 0.016633281854241184, as above). For comparison, R's
    // wilcox.test(d, exact = FALSE) gives 0.017862729912294071 (0.017223178659500186 with correct =
    // FALSE), and coin's exact p is 0.015624165534973145.
    double[] magnitude = {
      1, 2, 3, 3, 5, 6, 7, 8, 8, 8, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 20, 22, 23, 24, 25
    };
    double[] d = new double[25];
    for (int rank = 1; rank <= 25; rank++) {
      boolean negative = java.util.Set.of(2, 5, 7, 11, 13, 17, 19).contains(rank);
      d[rank - 1] = (negative ? -magnitude[rank - 1] : magnitude[rank - 1]) / 1000.0;
    }

    SignedRankTest w = SignedRankTest.of(d, new double[25]);

    assertFalse(w.exact());
    assertTrue(w.ties());
    assertEquals(0.016603801963788634, w.p(), 1e-9);
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
    // +1, +2, -3: W+ = W- = 3, the centre, where 2 P(W+ >= 3) = 2 * 5/8 exceeds 1 (coin: 1)
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
