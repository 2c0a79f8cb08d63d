package io.bnsweep.report.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * The cumulative distribution of the noncentral t distribution, which Commons Math does not have:
 * {@code P(T <= t)} for {@code T = (Z + ncp) / sqrt(V / df)}, Z standard normal and V chi-squared
 * on {@code df} degrees of freedom.
 *
 * <p>For {@code t >= 0} it is the series of Lenth (1989, Applied Statistics algorithm AS 243),
 * written here from its formula: with {@code x = t^2 / (t^2 + df)} and {@code h = ncp^2 / 2},
 *
 * <pre>
 *   P(T <= t) = Phi(-ncp) + 1/2 sum_j [ p_j I_x(j + 1/2, df/2) + q_j I_x(j + 1, df/2) ]
 *   p_j = e^-h h^j / j!,   q_j = ncp e^-h h^j / (sqrt(2) Gamma(j + 3/2))
 * </pre>
 *
 * with I the regularized incomplete beta function (Commons Math's). The Poisson weights are summed
 * outward from their mode until they are negligible, so large noncentralities stay accurate. For
 * {@code t < 0}, {@code P(T <= t; ncp) = 1 - P(T <= -t; -ncp)}. Tested against R's {@code pt}.
 */
public final class NoncentralT {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
  private static final double NEGLIGIBLE = 1e-17;

  private NoncentralT() {}

  /** {@code P(T <= t)} on {@code df} degrees of freedom with noncentrality {@code ncp}. */
  public static double cdf(double t, double df, double ncp) {
    if (!(df > 0)) {
      throw new IllegalArgumentException("degrees of freedom must be positive: " + df);
    }
    if (t < 0) {
      return 1 - cdf(-t, df, -ncp);
    }
    double x = t * t / (t * t + df);
    double h = ncp * ncp / 2;
    double sum = 0;
    int mode = (int) Math.floor(h);
    // upward from the mode, then downward, each until the weights stop mattering
    for (int j = mode; ; j++) {
      double term = term(j, x, df, ncp, h);
      sum += term;
      if (j > mode + 10 && poisson(j, h) < NEGLIGIBLE) {
        break;
      }
    }
    for (int j = mode - 1; j >= 0; j--) {
      sum += term(j, x, df, ncp, h);
      if (j < mode - 10 && poisson(j, h) < NEGLIGIBLE) {
        break;
      }
    }
    double p = NORMAL.cumulativeProbability(-ncp) + sum / 2;
    return Math.max(0, Math.min(1, p));
  }

  private static double term(int j, double x, double df, double ncp, double h) {
    if (x == 0) {
      return 0;
    }
    double logH = h > 0 ? Math.log(h) : Double.NEGATIVE_INFINITY;
    double p = h > 0 || j == 0 ? Math.exp(-h + (j == 0 ? 0 : j * logH) - Gamma.logGamma(j + 1)) : 0;
    double q =
        ncp == 0
            ? 0
            : ncp / Math.sqrt(2) * Math.exp(-h + (j == 0 ? 0 : j * logH) - Gamma.logGamma(j + 1.5));
    double a = p == 0 ? 0 : p * Beta.regularizedBeta(x, j + 0.5, df / 2);
    double b = q == 0 ? 0 : q * Beta.regularizedBeta(x, j + 1.0, df / 2);
    return a + b;
  }

  private static double poisson(int j, double h) {
    if (h == 0) {
      return j == 0 ? 1 : 0;
    }
    return Math.exp(-h + j * Math.log(h) - Gamma.logGamma(j + 1));
  }
}
