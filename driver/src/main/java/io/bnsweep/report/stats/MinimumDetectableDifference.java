package io.bnsweep.report.stats;

/**
 * The smallest true difference a two-sided t-test at level {@value #ALPHA} would detect with power
 * {@value #POWER}, given the standard error and degrees of freedom observed.
 *
 * <p>Formula: {@code MDD = (t(1 - alpha/2, df) + t(power, df)) * se}, with Student's t quantiles
 * from Commons Math. For a paired test {@code se = sd(differences) / sqrt(n)} and {@code df = n -
 * 1}; for Welch's test {@code se = sqrt(s1^2/n1 + s2^2/n2)} and df is Welch–Satterthwaite's. With
 * the number of seeds fixed the df are fixed too, so no iteration on df is needed (iterating is
 * only needed when solving for the number of seeds, which this class does not do).
 *
 * <p>It is the usual central-t approximation (as in Zar's "minimum detectable difference"); the
 * exact power uses the noncentral t, which Commons Math 3 lacks. The approximation is slightly
 * optimistic for very few seeds: at n = 3 pairs its MDD has power about 0.77, not 0.80 (the exact
 * MDD is about 5% larger); at n = 10 the two agree to 0.15%. It answers "how large would a
 * difference have to be for this many seeds at this spread to show it", which is what a reader
 * needs when a comparison comes out non-significant.
 */
public final class MinimumDetectableDifference {
  /** Two-sided significance level. */
  public static final double ALPHA = 0.05;

  /** Power. */
  public static final double POWER = 0.8;

  private MinimumDetectableDifference() {}

  /** The MDD for standard error {@code se} (&gt;= 0) and {@code df} (&gt; 0) degrees of freedom. */
  public static double of(double se, double df) {
    if (!(se >= 0) || !(df > 0)) {
      throw new IllegalArgumentException("need se >= 0 and df > 0, got " + se + ", " + df);
    }
    return (Quantiles.twoSidedT(ALPHA, df) + Quantiles.studentT(POWER, df)) * se;
  }
}
