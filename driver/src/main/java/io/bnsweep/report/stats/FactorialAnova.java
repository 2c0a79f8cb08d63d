package io.bnsweep.report.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.distribution.FDistribution;

/**
 * Analysis of variance of a factorial sweep: {@code value ~} every main effect and every
 * interaction of up to {@value #MAX_ORDER} of the given factors, {@code + block} (additive) when
 * the seeds are blocks. For factors {@code [placement, activation]} with blocks that is {@code
 * placement + activation + placement:activation + seed}.
 *
 * <p><b>Two methods.</b> A <em>balanced</em> design (every combination of the levels seen has
 * observations, and with blocks exactly one in each seed, without blocks the same number) gets the
 * closed-form, orthogonal sums of squares from marginal means ({@link Method#BALANCED}, see {@link
 * BalancedSums}); for two factors in blocks that is {@link TwoWayAnova}'s table. Anything else (a
 * seed missing from some variant, different seeds per variant, extra replicates, empty cells) gets
 * Type II sums of squares from least-squares fits ({@link Method#TYPE_II}, see {@link
 * TypeTwoSums}): each term adjusted for all terms that do not contain it, the block counting as a
 * main effect. On a balanced design the two agree. Empty cells make some interaction columns
 * non-estimable; they are left out (not the analysis): the term's df shrinks to the rank it adds,
 * and a note names it. Interactions of more than {@value #MAX_ORDER} factors are not fitted; they
 * are part of the residual, and a note says so.
 *
 * <p><b>F and p.</b> Each F is the term's mean square over the residual mean square, and p its
 * upper tail under Commons Math's {@link FDistribution} with (term df, residual df). There is no F
 * when the residual has 0 df, or when the residual spread, {@code sqrt(MS_residual)}, is below the
 * {@link Resolution} of the data (an exactly additive table, where F would be rounding noise), as
 * in {@link TwoWayAnova}.
 *
 * <p><b>Generalised eta squared</b> (Olejnik and Algina 2003, Psychological Methods 8:434): the
 * share of an effect in the variation it competes with, where all factors are manipulated and the
 * seed is the blocking factor, measured rather than manipulated, like a subject. Its variation
 * stays in every denominator: {@code ges_T = SS_T / (SS_T + SS_block + SS_residual)}, and without
 * blocks {@code SS_T / (SS_T + SS_residual)}. Unlike partial eta squared, it does not grow because
 * the blocks took variation out of the residual, so it compares across designs with and without
 * seeds as blocks. In a balanced design this is what R's {@code afex} reports for a design with
 * every factor within seeds ({@code SS_residual} is the sum of its error strata); in an unbalanced
 * one the sums of squares are the Type II ones.
 *
 * <p><b>Marginal range</b> of a factor: the largest minus the smallest of its marginal means, each
 * the mean of all observations at one level, in the unit of the response.
 *
 * <p><b>Size cap.</b> The least-squares path is capped at {@value #MAX_COLUMNS} model columns
 * {@code p}; beyond that {@link #of} returns {@link AnovaResult#skipped} with the reason. Its work
 * is one QR pass over the data, {@code O(n p^2)}, then two QR fits of the {@code (p + 1)}-row
 * triangle per term, {@code O(p^3)} each, in memory {@code O(p^2)} whatever {@code n} is, so the
 * cap bounds both the time and the memory. Measured on one core of this project's machines: a 10 x
 * 10 x 10 factorial with empty cells (1,000 columns, 7 terms) takes about 2 s, nine three-level
 * factors (835 columns, 129 terms, 19,682 observations) about 30 s, which is as much as a sweep
 * report should spend; 2,000 columns would be eight times as slow per fit. A plausible sweep is
 * well inside the cap (five factors of four levels in ten seeds: 385 columns, about 1.5 s for
 * 10,239 observations). The balanced path has no cap: it is linear in the number of observations.
 */
public final class FactorialAnova {
  /**
   * Largest least-squares model, in columns (intercept, {@code prod (levels - 1)} per term, {@code
   * seeds - 1} for the block), that {@link #of} fits; see the class comment for why.
   */
  public static final int MAX_COLUMNS = 1_000;

  /** Highest interaction order fitted. */
  public static final int MAX_ORDER = 3;

  private FactorialAnova() {}

  /**
   * The analysis of variance of {@code value ~} all main effects and interactions up to {@link
   * #MAX_ORDER} of {@code factors} (in the given order), {@code + block} when {@code withBlocks}.
   *
   * <p>The caller leaves out factors with fewer than two levels in {@code observations}: such a
   * factor has no effect to estimate. Balanced designs get {@link Method#BALANCED}, all others
   * {@link Method#TYPE_II}; a least-squares model of more than {@link #MAX_COLUMNS} columns gives
   * {@link AnovaResult#skipped}.
   *
   * @param factors factor names, at least one, each at most once; they fix the order of the terms
   * @param observations every observation has a level of every factor in {@code factors} (other
   *     entries of its map are ignored) and a finite value
   * @param withBlocks whether {@link Observation#block()} is an additive block; then at least two
   *     blocks
   * @throws IllegalArgumentException if a factor has fewer than two levels in the data, or the
   *     other conditions above do not hold
   */
  public static AnovaResult of(
      List<String> factors, List<Observation> observations, boolean withBlocks) {
    FactorialLayout layout = FactorialLayout.of(factors, observations, withBlocks);
    Optional<String> imbalance = layout.imbalance();
    if (imbalance.isEmpty()) {
      return table(layout, Method.BALANCED, BalancedSums.of(layout), List.of());
    }
    return leastSquares(layout, imbalance);
  }

  /**
   * Like {@link #of}, but always by least squares ({@link Method#TYPE_II}), balanced or not: for
   * tests that check the two methods against each other.
   */
  static AnovaResult leastSquares(
      List<String> factors, List<Observation> observations, boolean withBlocks) {
    FactorialLayout layout = FactorialLayout.of(factors, observations, withBlocks);
    return leastSquares(layout, layout.imbalance());
  }

  private static AnovaResult leastSquares(FactorialLayout layout, Optional<String> imbalance) {
    String design = imbalance.map(why -> "not balanced: " + why).orElse("balanced");
    long columns = layout.columnCount();
    if (columns > MAX_COLUMNS) {
      return AnovaResult.skipped(
          Method.TYPE_II,
          layout.marginalRanges(),
          String.format(
              "no analysis of variance: the design is %s, and its least-squares model would have"
                  + " %d columns, more than the %d that FactorialAnova fits (MAX_COLUMNS);"
                  + " analyse fewer factors or factors with fewer levels",
              design, columns, MAX_COLUMNS));
    }
    return table(layout, Method.TYPE_II, TypeTwoSums.of(layout), List.of(design));
  }

  private static AnovaResult table(
      FactorialLayout layout, Method method, SumsOfSquares sums, List<String> why) {
    List<String> notes = new ArrayList<>(why);
    notes.addAll(sums.notes());
    if (layout.factors.size() > MAX_ORDER) {
      notes.add(
          "interactions of more than "
              + MAX_ORDER
              + " factors are not fitted: they are in the residual");
    }
    int dfResidual = sums.residualDf();
    double msResidual = dfResidual > 0 ? sums.residualSs() / dfResidual : Double.NaN;
    boolean testable = false;
    if (dfResidual == 0) {
      notes.add("no residual degrees of freedom: sums of squares without F");
    } else if (Math.sqrt(msResidual) <= Resolution.of(layout.y)) {
      notes.add("the residual spread is below the resolution of the data: no F");
    } else {
      testable = true;
    }
    double denominator = testable ? msResidual : Double.NaN;
    // the variation every effect competes with, for generalised eta squared
    double background = sums.residualSs() + sums.blockSs();

    List<AnovaTerm> terms = new ArrayList<>();
    for (int t = 0; t < layout.terms.size(); t++) {
      double ss = sums.termSs()[t];
      int df = sums.termDf()[t];
      double ges = df > 0 && ss + background > 0 ? ss / (ss + background) : Double.NaN;
      terms.add(
          new AnovaTerm(
              layout.names(layout.terms.get(t)), row(ss, df, denominator, dfResidual), ges));
    }
    Optional<AnovaRow> block =
        layout.withBlocks
            ? Optional.of(row(sums.blockSs(), sums.blockDf(), denominator, dfResidual))
            : Optional.empty();
    AnovaRow residual =
        new AnovaRow(sums.residualSs(), dfResidual, msResidual, Double.NaN, Double.NaN);
    return new AnovaResult(method, terms, block, residual, layout.marginalRanges(), notes);
  }

  /** A table row; {@code denominator} is {@code NaN} when there is no F. */
  private static AnovaRow row(double ss, int df, double denominator, int dfResidual) {
    if (df == 0) {
      return new AnovaRow(ss, 0, Double.NaN, Double.NaN, Double.NaN);
    }
    double ms = ss / df;
    if (Double.isNaN(denominator)) {
      return new AnovaRow(ss, df, ms, Double.NaN, Double.NaN);
    }
    double f = ms / denominator;
    double p = 1 - new FDistribution(null, df, dfResidual).cumulativeProbability(f);
    return new AnovaRow(ss, df, ms, f, p);
  }
}
