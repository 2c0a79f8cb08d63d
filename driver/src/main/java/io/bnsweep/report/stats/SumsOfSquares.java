package io.bnsweep.report.stats;

import java.util.List;

/**
 * Sums of squares and degrees of freedom of a factorial model, before mean squares and F: what
 * {@link BalancedSums} and {@link TypeTwoSums} compute and {@link FactorialAnova} turns into a
 * table.
 *
 * @param termSs sum of squares of each term of {@link FactorialLayout#terms}, in that order
 * @param termDf degrees of freedom of each term (0 for a term the data cannot estimate)
 * @param blockSs sum of squares of the blocks (0 without blocks)
 * @param blockDf degrees of freedom of the blocks (0 without blocks)
 * @param residualSs residual sum of squares
 * @param residualDf residual degrees of freedom
 * @param notes how the sums were computed, for {@link AnovaResult#notes()}
 */
record SumsOfSquares(
    double[] termSs,
    int[] termDf,
    double blockSs,
    int blockDf,
    double residualSs,
    int residualDf,
    List<String> notes) {}
