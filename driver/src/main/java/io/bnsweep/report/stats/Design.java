package io.bnsweep.report.stats;

/** How two variants were compared. */
public enum Design {
  /** Paired by seed: paired t-test, Wilcoxon signed-rank test, Cohen's d_z. */
  PAIRED,
  /** Independent samples: Welch's t-test, because fewer than two seeds are shared. */
  WELCH,
  /** Not tested: too few seeds, or no spread; {@link Difference#notes()} says which. */
  NONE
}
