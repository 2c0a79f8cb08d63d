package io.bnsweep.report.stats;

/**
 * The analysis of variance of a two-factor design in complete blocks: factor A, factor B, their
 * interaction, the block, and the residual.
 *
 * @param factorA first factor (placement, in a sweep)
 * @param factorB second factor (activation)
 * @param interaction A x B interaction
 * @param block blocks (seeds), an additive effect
 * @param residual what is left; its mean square is the denominator of every F
 */
public record AnovaTable(
    AnovaRow factorA, AnovaRow factorB, AnovaRow interaction, AnovaRow block, AnovaRow residual) {

  /** The total sum of squares about the grand mean. */
  public double totalSs() {
    return factorA.ss() + factorB.ss() + interaction.ss() + block.ss() + residual.ss();
  }

  /** The total degrees of freedom, one less than the number of observations. */
  public int totalDf() {
    return factorA.df() + factorB.df() + interaction.df() + block.df() + residual.df();
  }
}
