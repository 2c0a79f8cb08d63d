package io.bnsweep.report.stats;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The two-sided Wilcoxon signed-rank test of paired differences.
 *
 * <p>Which variant, and how it differs from R's {@code wilcox.test(paired = TRUE)}:
 *
 * <ul>
 *   <li>Zero differences are dropped first (Wilcoxon's original rule, and R's); {@link #n()} counts
 *       the rest.
 *   <li>Differences are rounded to a {@link Resolution} (1e-9 of the largest value) before ranking,
 *       so that differences equal in accuracy but not in floating point ({@code 0.8415 - 0.84} and
 *       {@code 0.843 - 0.8415}) tie, and differences below it count as zero; tied absolute
 *       differences get their average rank (mid-rank). The statistic is {@code W+}, the sum of the
 *       ranks of the positive differences.
 *   <li>Up to {@value #EXACT_MAX} non-zero differences the p-value is exact, ties or not: the null
 *       distribution of {@code W+} is that of the sum over the n actual ranks (mid-ranks where
 *       differences tie) of each rank times an independent fair sign, the 2^n sign patterns being
 *       equally likely. Twice a mid-rank is an integer, so the distribution of {@code 2 W+} is
 *       counted exactly in longs by adding one rank at a time ({@link #nullCounts}), in about n
 *       times n(n + 1) steps instead of 2^n. The two-sided p is {@code min(1, 2 min(P(W+ >= w),
 *       P(W+ <= w)))}, which is how R's {@code wilcox.test(exact = TRUE)} defines it; without ties
 *       the two agree. With ties R switches to the normal approximation, where this class stays
 *       exact, conditional on the observed mid-ranks, as {@code coin::wilcoxsign_test(distribution
 *       = "exact")} is ({@code WilcoxonTest} checks against it). The null distribution is symmetric
 *       about {@code n(n + 1)/4}, so this p also equals {@code P(|W+ - n(n + 1)/4| >= |w - n(n +
 *       1)/4|)}.
 *   <li>Above {@value #EXACT_MAX} the p-value is the normal approximation Commons Math's {@code
 *       WilcoxonSignedRankTest} uses, {@code 2 Phi((W_min - n(n+1)/4 - 0.5) / sd)} with {@code
 *       W_min = min(W+, W-)}, but with the variance corrected for ties: {@code sd² =
 *       n(n+1)(2n+1)/24 - sum(t³ - t)/48} over the groups of t tied absolute differences (the
 *       variance of the exact null distribution above; without ties it is Commons Math's value).
 *       Its continuity correction moves W half a unit away from its mean, where R's moves it
 *       towards it, so this p is somewhat smaller than R's {@code exact = FALSE} value (for n = 21
 *       the two z differ by 1 / sd, about 0.035).
 * </ul>
 *
 * <p>With n non-zero differences the smallest possible exact two-sided p is {@code 2 / 2^n}: below
 * {@value #MIN_PAIRS_FOR_5_PERCENT} pairs the test can never reach p &lt; 0.05.
 *
 * @param n number of non-zero differences the test used
 * @param p two-sided p-value, {@code NaN} if every difference is zero
 * @param exact true if {@code p} comes from the exact null distribution
 * @param ties true if some non-zero absolute differences tie (ranked by their mid-rank)
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
    int[] doubledRanks = doubledMidRanks(nonZero);
    int doubledW = 0;
    for (int i = 0; i < n; i++) {
      if (nonZero[i] > 0) {
        doubledW += doubledRanks[i];
      }
    }
    double p = exact ? exactP(doubledRanks, doubledW) : normalP(doubledRanks, doubledW);
    return new SignedRankTest(n, p, exact, hasTies(doubledRanks));
  }

  private static double round(double difference, double resolution) {
    return resolution == 0 ? difference : Math.rint(difference / resolution) * resolution;
  }

  /**
   * Twice the rank of each {@code |d[i]|} among all of them, ties getting twice their average rank:
   * a group tied at sorted positions {@code i..j} (1-based) has mid-rank {@code (i + j) / 2}, so
   * doubled, the integer {@code i + j}.
   */
  static int[] doubledMidRanks(double[] d) {
    int n = d.length;
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (a, b) -> Double.compare(Math.abs(d[a]), Math.abs(d[b])));
    int[] doubled = new int[n];
    for (int first = 0; first < n; ) {
      int last = first;
      while (last + 1 < n && Math.abs(d[order[last + 1]]) == Math.abs(d[order[first]])) {
        last++;
      }
      for (int k = first; k <= last; k++) {
        doubled[order[k]] = (first + 1) + (last + 1);
      }
      first = last + 1;
    }
    return doubled;
  }

  /**
   * How many of the 2^n sign patterns give each value of {@code 2 W+}: element s counts the subsets
   * of {@code doubledRanks} (the ranks given a plus sign) whose sum is s, for s from 0 to the sum
   * of all of them. Built one rank r at a time: a pattern of the ranks so far extends to two
   * patterns, r negative (sum unchanged) or r positive (sum + r), so {@code counts'[s] = counts[s]
   * + counts[s - r]}. Counts stay below 2^n, so longs hold them exactly for any n this class uses.
   */
  static long[] nullCounts(int[] doubledRanks) {
    int total = Arrays.stream(doubledRanks).sum();
    long[] counts = new long[total + 1];
    counts[0] = 1;
    int reached = 0;
    for (int r : doubledRanks) {
      reached += r;
      for (int s = reached; s >= r; s--) {
        counts[s] += counts[s - r];
      }
    }
    return counts;
  }

  /** {@code min(1, 2 min(P(W+ >= w), P(W+ <= w)))} under the exact null distribution. */
  private static double exactP(int[] doubledRanks, int doubledW) {
    long[] counts = nullCounts(doubledRanks);
    long atOrBelow = 0;
    for (int s = 0; s <= doubledW; s++) {
      atOrBelow += counts[s];
    }
    long atOrAbove = 0;
    for (int s = doubledW; s < counts.length; s++) {
      atOrAbove += counts[s];
    }
    double patterns = Math.scalb(1.0, doubledRanks.length);
    return Math.min(1, 2 * Math.min(atOrBelow, atOrAbove) / patterns);
  }

  /**
   * Commons Math's normal approximation, {@code 2 Phi((W_min - n(n+1)/4 - 0.5) / sd)}, with the
   * tie-corrected variance {@code sum(rank²)/4}. Without ties that is {@code n(n+1)(2n+1)/24}; each
   * group of t ties lowers the sum of squared ranks by {@code (t³ - t)/12}.
   */
  private static double normalP(int[] doubledRanks, int doubledW) {
    int n = doubledRanks.length;
    double wPlus = doubledW / 2.0;
    double wMin = Math.min(wPlus, n * (n + 1) / 2.0 - wPlus);
    double mean = n * (n + 1) / 4.0;
    double sumOfSquares = 0;
    for (int r : doubledRanks) {
      sumOfSquares += (double) r * r / 4;
    }
    double sd = Math.sqrt(sumOfSquares / 4);
    double z = (wMin - mean - 0.5) / sd;
    return Math.min(1, 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(z));
  }

  private static boolean hasTies(int[] doubledRanks) {
    return Arrays.stream(doubledRanks).distinct().count() < doubledRanks.length;
  }
}
