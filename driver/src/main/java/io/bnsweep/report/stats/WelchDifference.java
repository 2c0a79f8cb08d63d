package io.bnsweep.report.stats;

import java.util.List;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Welch's two-sample t-test of the difference of means, for variants whose seeds cannot be paired.
 *
 * <p>Welch rather than Student because nothing says two placements have equal seed-to-seed
 * variance. The statistic and p-value come from Commons Math's {@link TTest#t(double[], double[])}
 * and {@link TTest#tTest(double[], double[])}; the degrees of freedom are Welch–Satterthwaite's,
 * {@code (v1/n1 + v2/n2)^2 / ((v1/n1)^2/(n1-1) + (v2/n2)^2/(n2-1))}, and the interval is {@code (m1
 * - m2) ± t(0.975, df) sqrt(v1/n1 + v2/n2)}, matching R's {@code t.test(x, y)}.
 */
public final class WelchDifference {
  private static final double ALPHA = 0.05;

  private WelchDifference() {}

  /** The comparison of {@code candidate} with {@code baseline}, each with at least 2 values. */
  public static Difference of(double[] candidate, double[] baseline) {
    int n1 = candidate.length;
    int n2 = baseline.length;
    if (n1 < 2 || n2 < 2) {
      throw new IllegalArgumentException(
          "Welch's test needs 2 values a side, got " + n1 + ", " + n2);
    }
    double mean = StatUtils.mean(candidate) - StatUtils.mean(baseline);
    double a = StatUtils.variance(candidate) / n1;
    double b = StatUtils.variance(baseline) / n2;
    if (Math.sqrt(a + b) <= Resolution.of(candidate, baseline)) {
      return Difference.untested(n1, n2, mean, "no spread in either variant, so no t-test");
    }
    double se = Math.sqrt(a + b);
    double df = (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1));
    TTest tTest = new TTest();
    return new Difference(
        Design.WELCH,
        n1,
        n2,
        mean,
        Interval.around(mean, Quantiles.twoSidedT(ALPHA, df) * se),
        tTest.t(candidate, baseline),
        df,
        tTest.tTest(candidate, baseline),
        Double.NaN,
        Double.NaN,
        se,
        List.of());
  }
}
