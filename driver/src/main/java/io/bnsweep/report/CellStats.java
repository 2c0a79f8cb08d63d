package io.bnsweep.report;

import io.bnsweep.report.stats.BootstrapInterval;
import io.bnsweep.report.stats.Interval;
import io.bnsweep.report.stats.Quantiles;
import java.util.Collection;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Descriptive statistics of one cell's values (a variant's accuracies over seeds): n, mean, sample
 * standard deviation, standard error, the two-sided 95% t-interval of the mean (Student's t with
 * n-1 degrees of freedom), min, max, and the 95% percentile bootstrap interval of the mean.
 *
 * <p>With fewer than two values the spread, the standard error and the t-interval are undefined
 * ({@code NaN}); with fewer than {@link BootstrapInterval#MIN_VALUES} values so is the bootstrap
 * interval. The bootstrap interval is there because seeds' accuracies need not be normal; it is
 * deterministic (fixed seed, see {@link BootstrapInterval}).
 *
 * @param n number of values
 * @param mean arithmetic mean
 * @param std sample standard deviation (n-1 denominator)
 * @param se standard error of the mean, {@code std / sqrt(n)}
 * @param min smallest value
 * @param max largest value
 * @param ci the 95% t-interval of the mean
 * @param bootstrap the 95% percentile bootstrap interval of the mean
 */
public record CellStats(
    int n,
    double mean,
    double std,
    double se,
    double min,
    double max,
    Interval ci,
    Interval bootstrap) {
  static final double CONFIDENCE = 0.95;

  /** Statistics of {@code values}, which must not be empty. */
  public static CellStats of(Collection<Double> values) {
    return of(values, true);
  }

  /**
   * As {@link #of(Collection)}, without the bootstrap interval ({@link Interval#UNDEFINED}): for
   * values no table shows it for (per-epoch curves, latency), where its 10,000 resamples per cell
   * would be most of a large report's time.
   */
  public static CellStats withoutBootstrap(Collection<Double> values) {
    return of(values, false);
  }

  private static CellStats of(Collection<Double> values, boolean bootstrap) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    SummaryStatistics stats = new SummaryStatistics();
    values.forEach(stats::addValue);
    int n = values.size();
    if (n < 2) {
      return new CellStats(
          n,
          stats.getMean(),
          Double.NaN,
          Double.NaN,
          stats.getMin(),
          stats.getMax(),
          Interval.UNDEFINED,
          Interval.UNDEFINED);
    }
    double se = stats.getStandardDeviation() / Math.sqrt(n);
    double t = Quantiles.twoSidedT(1 - CONFIDENCE, n - 1);
    return new CellStats(
        n,
        stats.getMean(),
        stats.getStandardDeviation(),
        se,
        stats.getMin(),
        stats.getMax(),
        Interval.around(stats.getMean(), t * se),
        bootstrap
            ? BootstrapInterval.ofMean(values.stream().mapToDouble(Double::doubleValue).toArray())
            : Interval.UNDEFINED);
  }

  /**
   * These statistics of fractions (accuracies) with both intervals clipped to [0, 1]: a mean
   * accuracy cannot lie outside it, though the t-interval of a few spread-out seeds can.
   */
  public CellStats clippedToUnit() {
    return new CellStats(n, mean, std, se, min, max, clip(ci), clip(bootstrap));
  }

  private static Interval clip(Interval i) {
    return i.isDefined() ? new Interval(Math.max(0, i.low()), Math.min(1, i.high())) : i;
  }

  /** Lower end of the 95% t-interval of the mean. */
  public double ciLow() {
    return ci.low();
  }

  /** Upper end of the 95% t-interval of the mean. */
  public double ciHigh() {
    return ci.high();
  }
}
