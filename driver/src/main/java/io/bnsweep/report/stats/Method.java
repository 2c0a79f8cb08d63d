package io.bnsweep.report.stats;

/** How {@link FactorialAnova} computed its sums of squares. */
public enum Method {
  /**
   * Closed-form sums of squares from marginal means. Only for a balanced design, where the terms
   * are orthogonal, so that the sequential (Type I), Type II and Type III sums of squares are all
   * the same.
   */
  BALANCED,
  /**
   * Type II sums of squares from least-squares fits: each term adjusted for every term that does
   * not contain it. Used for every design that is not balanced.
   */
  TYPE_II
}
