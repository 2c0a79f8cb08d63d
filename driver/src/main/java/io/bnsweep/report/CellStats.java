package io.bnsweep.report;

import java.util.Collection;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Mean, sample standard deviation and two-sided 95% confidence interval of the mean (Student's t
 * with n-1 degrees of freedom) of one cell's values. With fewer than two values the spread and the
 * interval are undefined ({@code NaN}).
 *
 * @param n number of values
 * @param mean arithmetic mean
 * @param std sample standard deviation (n-1 denominator)
 * @param ciLow lower end of the 95% interval
 * @param ciHigh upper end of the 95% interval
 */
public record CellStats(int n, double mean, double std, double ciLow, double ciHigh) {
  static final double CONFIDENCE = 0.95;

  /** Statistics of {@code values}, which must not be empty. */
  public static CellStats of(Collection<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    SummaryStatistics stats = new SummaryStatistics();
    values.forEach(stats::addValue);
    int n = values.size();
    if (n < 2) {
      return new CellStats(n, stats.getMean(), Double.NaN, Double.NaN, Double.NaN);
    }
    double t = new TDistribution(n - 1).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
    double half = t * stats.getStandardDeviation() / Math.sqrt(n);
    return new CellStats(
        n,
        stats.getMean(),
        stats.getStandardDeviation(),
        stats.getMean() - half,
        stats.getMean() + half);
  }
}
