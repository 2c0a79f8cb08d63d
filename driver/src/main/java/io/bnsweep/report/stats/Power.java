package io.bnsweep.report.stats;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The power of the paired decisions bnsweep makes, and the seeds they need: exact, not the usual
 * normal shortcut, because sweeps have 3 to 20 seeds, where the shortcut is far off.
 *
 * <ul>
 *   <li>{@link #difference}: the two-sided paired t-test at level {@code alpha}, {@code P(|T| > c)}
 *       with T noncentral t ({@link NoncentralT}) on n - 1 degrees of freedom, noncentrality {@code
 *       delta sqrt(n) / sd}: R's {@code power.t.test(type = "paired", strict = TRUE)}.
 *   <li>{@link #equivalence}: the probability that the interval {@code D +- c s / sqrt(n)} (c the
 *       upper {@code alpha} point of t on n - 1 df) lies inside {@code (-margin, margin)}: two
 *       one-sided tests at level {@code alpha} each. It is Owen's Q written as a one-dimensional
 *       integral over the sample standard deviation (whose square times (n-1)/sd^2 is chi-squared
 *       on n - 1 df): {@code P = int P(-h(s) < D < h(s) | s) f(s) ds} with {@code h(s) = margin - c
 *       s / sqrt(n)} and D normal with mean delta and sd {@code sd / sqrt(n)}, integrated with
 *       Simpson's rule on 400 panels up to the s at which {@code h} reaches 0.
 * </ul>
 */
public final class Power {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
  private static final int PANELS = 400;

  /** Largest number of seeds {@link #seedsFor} searches. */
  public static final int MAX_SEEDS = 1000;

  private Power() {}

  /**
   * Power of the two-sided paired t-test at level {@code alpha} with {@code n} pairs when the true
   * mean difference is {@code delta} and the sd of the differences {@code sd}.
   */
  public static double difference(int n, double delta, double sd, double alpha) {
    requirePairs(n);
    double df = n - 1;
    double c = new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2);
    double ncp = delta * Math.sqrt(n) / sd;
    return 1 - NoncentralT.cdf(c, df, ncp) + NoncentralT.cdf(-c, df, ncp);
  }

  /**
   * Power of two one-sided tests at level {@code alpha} each for equivalence within {@code margin},
   * with {@code n} pairs, true mean difference {@code delta} and sd of the differences {@code sd}.
   */
  public static double equivalence(int n, double delta, double sd, double margin, double alpha) {
    requirePairs(n);
    int df = n - 1;
    double c = new TDistribution(null, df).inverseCumulativeProbability(1 - alpha);
    double se = sd / Math.sqrt(n);
    // u = df s^2 / sd^2 is chi-squared on df; h(s) > 0 while s < margin sqrt(n) / c
    double uMax = df * Math.pow(margin * Math.sqrt(n) / (c * sd), 2);
    ChiSquaredDistribution chi = new ChiSquaredDistribution(null, df);
    double width = uMax / PANELS;
    double sum = 0;
    for (int i = 0; i <= PANELS; i++) {
      double u = i * width;
      double weight = i == 0 || i == PANELS ? 1 : (i % 2 == 1 ? 4 : 2);
      sum += weight * integrand(u, df, sd, se, c, n, margin, delta, chi);
    }
    double p = sum * width / 3;
    return Math.max(0, Math.min(1, p));
  }

  private static double integrand(
      double u,
      int df,
      double sd,
      double se,
      double c,
      int n,
      double margin,
      double delta,
      ChiSquaredDistribution chi) {
    double s = sd * Math.sqrt(u / df);
    double h = margin - c * s / Math.sqrt(n);
    if (h <= 0) {
      return 0;
    }
    // the chi-squared density at 0 is 1/2 on 2 df and 0 above; n >= 3 pairs keep df >= 2
    double density = u == 0 ? (df == 2 ? 0.5 : 0) : chi.density(u);
    double inside =
        NORMAL.cumulativeProbability((h - delta) / se)
            - NORMAL.cumulativeProbability((-h - delta) / se);
    return inside * density;
  }

  /**
   * The fewest pairs, from 3 to {@link #MAX_SEEDS}, at which {@code power} reaches {@code target},
   * or empty if none does.
   */
  public static java.util.OptionalInt seedsFor(
      java.util.function.IntToDoubleFunction power, double target) {
    return seedsFor(power, target, 3);
  }

  /**
   * As {@link #seedsFor(java.util.function.IntToDoubleFunction, double)}, starting the search at
   * {@code guess} (a normal-approximation estimate, say), which saves most evaluations when it is
   * close.
   */
  public static java.util.OptionalInt seedsFor(
      java.util.function.IntToDoubleFunction power, double target, int guess) {
    int start = Math.max(3, Math.min(MAX_SEEDS, guess));
    if (power.applyAsDouble(start) >= target) {
      // walk down while the power still reaches the target
      int n = start;
      while (n > 3 && power.applyAsDouble(n - 1) >= target) {
        n--;
      }
      return java.util.OptionalInt.of(n);
    }
    // power grows with n: double from the guess until it is reached, then bisect
    int low = start; // power(low) < target throughout
    int high = start;
    do {
      if (high == MAX_SEEDS) {
        return java.util.OptionalInt.empty();
      }
      low = high;
      high = Math.min(MAX_SEEDS, 2 * high);
    } while (power.applyAsDouble(high) < target);
    while (high - low > 1) {
      int mid = (low + high) / 2;
      if (power.applyAsDouble(mid) >= target) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return java.util.OptionalInt.of(high);
  }

  private static void requirePairs(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("power needs 2 or more pairs, got " + n);
    }
  }
}
