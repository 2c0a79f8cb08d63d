package io.bnsweep.report.stats;

import java.util.Locale;

/**
 * A comparison in plain words, decided at {@value #ALPHA} on the Holm-adjusted p-value: who beats
 * whom, by how many accuracy points, with the 95% interval and p; or that no difference was
 * detected, with the smallest difference this many seeds could have detected at this spread.
 *
 * <p>The interval is the unadjusted 95% t-interval of the difference; it is stated from the
 * winner's side (winner minus loser), so the numbers read the same way as the sentence. Differences
 * are in percentage points: 100 times the difference of accuracy fractions.
 */
public final class Verdict {
  /** Level at which the Holm-adjusted p-value counts as a detected difference. */
  public static final double ALPHA = 0.05;

  private Verdict() {}

  /** The verdict on {@code c}. */
  public static String of(Comparison c) {
    Difference d = c.difference();
    String candidate = c.candidate();
    String baseline = c.baseline();
    String activation = c.stratumLabel();
    if (!d.isTested()) {
      return "not tested: " + d.notes().get(0);
    }
    if (c.pHolm() < ALPHA) {
      boolean candidateWins = d.mean() > 0;
      Interval ci = candidateWins ? d.ci() : d.ci().negated();
      return String.format(
          Locale.ROOT,
          "%s beats %s for %s by %.2f points, 95%% CI [%.2f, %.2f], p_holm %s",
          candidateWins ? candidate : baseline,
          candidateWins ? baseline : candidate,
          activation,
          100 * Math.abs(d.mean()),
          100 * ci.low(),
          100 * ci.high(),
          formatP(c.pHolm()));
    }
    return String.format(
        Locale.ROOT,
        "no detectable difference between %s and %s for %s with %s (p_holm %s); "
            + "the smallest detectable difference at this spread is %.2f points",
        candidate,
        baseline,
        activation,
        seeds(d),
        formatP(c.pHolm()),
        100 * d.mdd());
  }

  /** {@code "= 0.012"}, or {@code "< 0.001"} below a thousandth. */
  static String formatP(double p) {
    return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
  }

  private static String seeds(Difference d) {
    if (d.design() == Design.PAIRED) {
      return d.nCandidate() + " seeds";
    }
    return d.nCandidate() + " and " + d.nBaseline() + " seeds, unpaired";
  }
}
