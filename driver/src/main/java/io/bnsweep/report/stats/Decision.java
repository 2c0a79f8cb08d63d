package io.bnsweep.report.stats;

/** What a comparison's interval settles, in the words the report uses. */
public enum Decision {
  /** The interval excludes 0, and reaches beyond the margin. */
  DIFFERS,
  /** The interval lies inside (-margin, margin) and includes 0. */
  EQUIVALENT,
  /** The interval excludes 0 and lies inside (-margin, margin): a real difference, but small. */
  DIFFERS_WITHIN_MARGIN,
  /** The interval includes 0 and reaches beyond the margin: more seeds would decide it. */
  INCONCLUSIVE,
  /** Too few pairs, or no test at all: nothing is claimed. */
  NO_DECISION;

  /** True for the three outcomes that claim something. */
  public boolean decided() {
    return this == DIFFERS || this == EQUIVALENT || this == DIFFERS_WITHIN_MARGIN;
  }
}
