package io.bnsweep.report.stats;

import java.util.List;

/**
 * One effect of a {@link FactorialAnova}: a main effect (one factor) or an interaction (two or
 * three factors), its row of the table and its generalised eta squared.
 *
 * @param factors the factors of the effect, in the order they were given to the analysis
 * @param row sum of squares, degrees of freedom, mean square, F and p; a term the data cannot
 *     estimate (see {@link FactorialAnova}) has 0 df and {@code NaN} mean square, F and p
 * @param generalizedEtaSquared the effect's share of the variation it competes with, {@code SS_T /
 *     (SS_T + SS_block + SS_residual)} (without blocks {@code SS_T / (SS_T + SS_residual)}), see
 *     {@link FactorialAnova}; {@code NaN} when the term has 0 df or that denominator is 0
 */
public record AnovaTerm(List<String> factors, AnovaRow row, double generalizedEtaSquared) {
  /** Copies {@code factors}; a term has at least one. */
  public AnovaTerm {
    factors = List.copyOf(factors);
    if (factors.isEmpty()) {
      throw new IllegalArgumentException("a term has at least one factor");
    }
  }

  /** The factors joined by " × ", e.g. {@code "placement × activation"}. */
  public String label() {
    return String.join(" × ", factors);
  }
}
