package io.bnsweep.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static Difference paired(double mean, Interval ci, double p, double mdd) {
    return new Difference(Design.PAIRED, 3, 3, mean, ci, 5, 2, p, 0.25, 3, mdd, List.of());
  }

  private static String verdict(Difference d, double pHolm) {
    Comparison.Failures none = new Comparison.Failures(0, 3);
    return new Comparison(
            Variant.of(Placement.AFTER, ActivationKind.RELU).without("placement"),
            "relu",
            "placement",
            "after",
            "before",
            d,
            pHolm,
            none,
            none)
        .verdict();
  }

  @Test
  void aWinnerIsNamedWithTheDifferenceInPoints() {
    Difference d = paired(0.006, new Interval(0.002, 0.010), 0.005, 0.004);

    assertEquals(
        "after beats before for relu by 0.60 points, 95% CI [0.20, 1.00], p_holm = 0.010",
        verdict(d, 0.010));
  }

  @Test
  void aLoserIsNamedSecondAndTheIntervalFlipsWithIt() {
    Difference d = paired(-0.006, new Interval(-0.010, -0.002), 0.0001, 0.004);

    assertEquals(
        "before beats after for relu by 0.60 points, 95% CI [0.20, 1.00], p_holm < 0.001",
        verdict(d, 0.0003));
  }

  @Test
  void nonSignificantAfterHolmGivesTheDetectableDifference() {
    // raw p 0.03 would pass alone; after Holm it does not
    Difference d = paired(0.004, new Interval(0.001, 0.007), 0.03, 0.0123);

    assertEquals(
        "no detectable difference between after and before for relu with 3 seeds"
            + " (p_holm = 0.090); the smallest detectable difference at this spread is 1.23"
            + " points",
        verdict(d, 0.09));
  }

  @Test
  void unpairedSaysSo() {
    Difference d =
        new Difference(
            Design.WELCH,
            3,
            4,
            0.001,
            new Interval(-0.01, 0.012),
            0.2,
            4.5,
            0.8,
            Double.NaN,
            Double.NaN,
            0.02,
            List.of());

    assertEquals(
        "no detectable difference between after and before for relu with 3 and 4 seeds,"
            + " unpaired (p_holm = 0.800); the smallest detectable difference at this spread is"
            + " 2.00 points",
        verdict(d, 0.8));
  }

  @Test
  void untestedGivesTheReason() {
    Difference d = Difference.untested(1, 1, 0.01, "too few seeds for any test");

    assertEquals("not tested: too few seeds for any test", verdict(d, Double.NaN));
  }
}
