package io.bnsweep.report.stats;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The percentile bootstrap interval of a mean: resample the values with replacement {@code
 * resamples} times, take each resample's mean, and report the {@code ceil(B * alpha / 2)}-th
 * smallest and largest of those B means.
 *
 * <p>It makes no normality assumption, which is why the report shows it beside the t-interval; with
 * fewer than {@link #MIN_VALUES} values the resamples are too few and too coarse to mean anything,
 * so it is undefined. The generator is a {@link Well19937c} seeded with a fixed {@link #SEED}, so
 * the same values always give the same interval on every JVM (no global random state).
 */
public final class BootstrapInterval {
  /** Fewest values for which an interval is computed. */
  public static final int MIN_VALUES = 5;

  /** Resamples used by {@link #ofMean(double[])}. */
  public static final int RESAMPLES = 10_000;

  /** Seed of the resampling generator used by {@link #ofMean(double[])}. */
  public static final long SEED = 20_260_101L;

  private static final double ALPHA = 0.05;

  private BootstrapInterval() {}

  /**
   * The 95% interval of the mean of {@code values} with {@link #RESAMPLES} resamples and {@link
   * #SEED}; {@link Interval#UNDEFINED} with fewer than {@link #MIN_VALUES} values.
   */
  public static Interval ofMean(double[] values) {
    return ofMean(values, RESAMPLES, SEED);
  }

  /** As {@link #ofMean(double[])}, with an explicit number of resamples and seed. */
  public static Interval ofMean(double[] values, int resamples, long seed) {
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be positive: " + resamples);
    }
    int n = values.length;
    if (n < MIN_VALUES) {
      return Interval.UNDEFINED;
    }
    RandomGenerator random = new Well19937c(seed);
    double[] means = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += values[random.nextInt(n)];
      }
      means[b] = sum / n;
    }
    Arrays.sort(means);
    int k = (int) Math.ceil(resamples * ALPHA / 2);
    return new Interval(means[k - 1], means[resamples - k]);
  }
}
