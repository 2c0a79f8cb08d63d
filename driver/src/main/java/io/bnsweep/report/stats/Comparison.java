package io.bnsweep.report.stats;

import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.util.Objects;

/**
 * One member of the comparison family: a placement against the baseline placement, within one
 * activation, with its Holm-adjusted p-value.
 *
 * @param activation the activation both variants use
 * @param placement the candidate placement
 * @param baseline the baseline placement
 * @param difference candidate minus baseline, with its tests
 * @param pHolm the t-test's p after Holm's adjustment over the family; {@code NaN} if untested
 */
public record Comparison(
    ActivationKind activation,
    Placement placement,
    Placement baseline,
    Difference difference,
    double pHolm) {

  public Comparison {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(difference, "difference");
  }

  /** The plain-words reading of this comparison ({@link Verdict}). */
  public String verdict() {
    return Verdict.of(this);
  }
}
