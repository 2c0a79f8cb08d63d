package io.bnsweep.report.stats;

/**
 * One source of variation in an analysis of variance.
 *
 * @param ss sum of squares
 * @param df degrees of freedom
 * @param ms mean square, {@code ss / df}
 * @param f F ratio, {@code ms / ms(residual)}; {@code NaN} for the residual row
 * @param p upper-tail probability of {@code f} under F(df, df residual); {@code NaN} for the
 *     residual row
 */
public record AnovaRow(double ss, int df, double ms, double f, double p) {}
