package io.bnsweep.report.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Quantiles of Student's t distribution from Commons Math, solved to 1e-12.
 *
 * <p>Commons Math inverts the t CDF numerically with an absolute accuracy of 1e-9 by default; the
 * reference values in the tests are checked to 1e-9 and tighter, so this asks for more. No random
 * generator is created: these distributions are never sampled.
 */
public final class Quantiles {
  private static final double ACCURACY = 1e-12;

  private Quantiles() {}

  /** The {@code p} quantile of Student's t with {@code df} (&gt; 0, may be fractional) df. */
  public static double studentT(double p, double df) {
    // a sequential design asks for the same few quantiles at every look of every comparison
    return CACHE.computeIfAbsent(
        new Key(p, df), k -> new TDistribution(null, df, ACCURACY).inverseCumulativeProbability(p));
  }

  private record Key(double p, double df) {}

  private static final java.util.Map<Key, Double> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The two-sided critical value {@code t(1 - alpha/2, df)}. */
  public static double twoSidedT(double alpha, double df) {
    return studentT(1 - alpha / 2, df);
  }
}
