package io.bnsweep.report.stats;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * The two-sided Wilcoxon signed-rank test of paired differences, from Commons Math 3.
 *
 * <p>Which variant, and how it differs from R's {@code wilcox.test(paired = TRUE)}:
 *
 * <ul>
 *   <li>Zero differences are dropped first (Wilcoxon's original rule, and R's); {@link #n()} counts
 *       the rest. Commons Math would otherwise rank the zeros and count them as negative.
 *   <li>Differences are rounded to a {@link Resolution} (1e-9 of the largest value) before ranking,
 *       so that differences equal in accuracy but not in floating point ({@code 0.8415 - 0.84} and
 *       {@code 0.843 - 0.8415}) tie, and differences below it count as zero; tied absolute
 *       differences get their average rank.
 *   <li>Up to {@value #EXACT_MAX} non-zero differences the p-value is exact: Commons Math
 *       enumerates all 2^n sign patterns of the ranks 1..n and returns {@code 2 P(W >= W_max)},
 *       capped at 1 here. That matches R's exact p when there are no ties. With ties R switches to
 *       the normal approximation; this class stays with the enumeration, whose rank sums are the
 *       untied ranks, so with ties the p-value is an approximation ({@link #ties()} says so).
 *       Beyond {@value #EXACT_MAX} the 2^n enumeration takes seconds, so:
 *   <li>Above {@value #EXACT_MAX} the p-value is Commons Math's normal approximation, {@code 2
 *       Phi((W_min - n(n+1)/4 - 0.5) / sqrt(n(n+1)(2n+1)/24))}, without tie correction. Its
 *       continuity correction moves W half a unit away from its mean, where R's moves it towards
 *       it, so this p is somewhat smaller than R's {@code exact = FALSE} value (for n = 21 the two
 *       z differ by 1 / sd(W), about 0.035).
 * </ul>
 *
 * <p>With n non-zero differences the smallest possible exact two-sided p is {@code 2 / 2^n}: below
 * {@value #MIN_PAIRS_FOR_5_PERCENT} pairs the test can never reach p &lt; 0.05.
 *
 * @param n number of non-zero differences the test used
 * @param p two-sided p-value, {@code NaN} if every difference is zero
 * @param exact true if {@code p} comes from the exact enumeration
 * @param ties true if some non-zero absolute differences tie
 */
public record SignedRankTest(int n, double p, boolean exact, boolean ties) {
  /** Largest number of non-zero differences for which the p-value is exact. */
  public static final int EXACT_MAX = 20;

  /** Fewest pairs with which a two-sided exact p can be below 0.05 ({@code 2 / 2^6}). */
  public static final int MIN_PAIRS_FOR_5_PERCENT = 6;

  /** The test of {@code candidate[i] - baseline[i]}; the arrays must have equal lengths. */
  public static SignedRankTest of(double[] candidate, double[] baseline) {
    if (candidate.length != baseline.length) {
      throw new IllegalArgumentException(
          "unpaired samples: " + candidate.length + " and " + baseline.length + " values");
    }
    double resolution = Resolution.of(candidate, baseline);
    double[] nonZero =
        IntStream.range(0, candidate.length)
            .mapToDouble(i -> round(candidate[i] - baseline[i], resolution))
            .filter(d -> d != 0)
            .toArray();
    int n = nonZero.length;
    boolean exact = n <= EXACT_MAX;
    if (n == 0) {
      return new SignedRankTest(0, Double.NaN, exact, false);
    }
    double p = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(nonZero, new double[n], exact);
    return new SignedRankTest(n, Math.min(1, p), exact, hasTies(nonZero));
  }

  private static double round(double difference, double resolution) {
    return resolution == 0 ? difference : Math.rint(difference / resolution) * resolution;
  }

  private static boolean hasTies(double[] differences) {
    double[] abs = Arrays.stream(differences).map(Math::abs).sorted().toArray();
    for (int i = 1; i < abs.length; i++) {
      if (abs[i] == abs[i - 1]) {
        return true;
      }
    }
    return false;
  }
}
