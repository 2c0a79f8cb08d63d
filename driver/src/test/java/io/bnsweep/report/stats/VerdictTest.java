package io.bnsweep.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static final double MARGIN = 0.01;
  private static final Comparison.Failures NONE = new Comparison.Failures(0, 5);

  /** A paired difference of n pairs with mean and sd of the differences (fractions). */
  private static Difference paired(int n, double mean, double sd) {
    double se = sd / Math.sqrt(n);
    return new Difference(
        Design.PAIRED,
        n,
        n,
        mean,
        Interval.UNDEFINED,
        mean / se,
        n - 1,
        0.5,
        0.5,
        mean / sd,
        se,
        List.of());
  }

  private static Comparison comparison(Difference d, Outcome o) {
    return new Comparison(
        Variant.of(Placement.AFTER, ActivationKind.RELU).without("placement"),
        "relu",
        "placement",
        "after",
        "before",
        d,
        o,
        NONE,
        NONE);
  }

  private static String verdict(Difference d, DecisionRule rule, double pooledSd) {
    return comparison(d, rule.planned(rule.decide(d, 1), pooledSd)).verdict(MARGIN);
  }

  @Test
  void eachDecisionInWordsWithTheIntervalItWasReadFrom() {
    DecisionRule one = new DecisionRule(0.05, MARGIN, 1, 1);
    // 10 pairs, se 0.1 points: c = t(0.975, 9) = 2.262157, half-width 0.23 points
    assertEquals(
        "after beats before for relu by 3.00 points [2.77, 3.23]",
        verdict(paired(10, 0.03, 0.001 * Math.sqrt(10)), one, 0.003));
    assertEquals(
        "before beats after for relu by 3.00 points [2.77, 3.23]",
        verdict(paired(10, -0.03, 0.001 * Math.sqrt(10)), one, 0.003));
    assertEquals(
        "after beats before for relu by 0.50 points [0.27, 0.73], less than the ±1-point margin",
        verdict(paired(10, 0.005, 0.001 * Math.sqrt(10)), one, 0.003));
    assertEquals(
        "after and before are equivalent for relu within ±1 point (+0.10 [-0.13, 0.33])",
        verdict(paired(10, 0.001, 0.001 * Math.sqrt(10)), one, 0.003));
    String inconclusive = verdict(paired(3, 0.004, 0.01), one, 0.01);
    assertTrue(
        inconclusive.startsWith(
            "after against before for relu is inconclusive (+0.40 [-2.08, 2.88] holds both 0 and"
                + " differences beyond ±1 point); about "),
        inconclusive);
    assertEquals(
        "no decision: 2 pairs: a decision needs 3 or more (with 2 the interval rests on one"
            + " degree of freedom)",
        verdict(paired(2, 0.05, 0.01), one, 0.01));
  }

  @Test
  void theIntervalIsSplitOverComparisonsAndLooks() {
    DecisionRule rule = new DecisionRule(0.05, MARGIN, 9, 2);
    assertEquals(0.05 / 18, rule.level(), 1e-15);
    // t(1 - 0.05/36, 4) from R: qt(1 - 0.05/36, 4) = 7.0546...
    Difference d = paired(5, 0.02, 0.01);
    Outcome o = rule.decide(d, 1);
    double half = (o.interval().high() - o.interval().low()) / 2;
    assertEquals(
        new org.apache.commons.math3.distribution.TDistribution(4)
                .inverseCumulativeProbability(1 - 0.05 / 36)
            * 0.01
            / Math.sqrt(5),
        half,
        1e-10);
  }

  /**
   * Over random comparisons, no sentence contradicts its numbers: a claimed difference's interval
   * excludes 0, an equivalence's lies inside the margin, an inconclusive one's holds 0 and reaches
   * past the margin and quotes more seeds than it has; the numbers in the sentence are the
   * outcome's.
   */
  @Test
  void noVerdictContradictsTheNumbersBesideIt() {
    Random random = new Random(42);
    Pattern interval = Pattern.compile("\\[(-?[0-9.]+), (-?[0-9.]+)\\]");
    Pattern seeds = Pattern.compile("about (\\d+) seeds per variant");
    for (int i = 0; i < 400; i++) {
      int n = 3 + random.nextInt(18);
      double sd = 0.001 + 0.03 * random.nextDouble();
      double mean = (random.nextDouble() - 0.5) * 0.08;
      DecisionRule rule =
          new DecisionRule(
              0.05,
              0.0025 + 0.02 * random.nextDouble(),
              1 + random.nextInt(12),
              1 + random.nextInt(6));
      Difference d = paired(n, mean, sd);
      Outcome o = rule.planned(rule.decide(d, 1), 0.001 + 0.03 * random.nextDouble());
      String text = comparison(d, o).verdict(rule.margin());
      Matcher m = interval.matcher(text);
      assertTrue(m.find(), text);
      double low = Double.parseDouble(m.group(1)) / 100;
      double high = Double.parseDouble(m.group(2)) / 100;
      double tolerance = 0.00006; // two decimals of points
      String where = String.format(Locale.ROOT, "%s (n %d, margin %.4f)", text, n, rule.margin());
      switch (o.decision()) {
        case DIFFERS, DIFFERS_WITHIN_MARGIN -> {
          assertTrue(low > -tolerance, where); // stated from the winner's side
          assertEquals(Math.abs(mean), Math.abs(d.mean()), 0);
          assertTrue(
              text.contains(String.format(Locale.ROOT, "%.2f points", 100 * Math.abs(mean))),
              where);
        }
        case EQUIVALENT ->
            assertTrue(low > -rule.margin() - tolerance && high < rule.margin() + tolerance, where);
        case INCONCLUSIVE -> {
          assertTrue(low < tolerance && high > -tolerance, where);
          assertTrue(low < -rule.margin() + tolerance || high > rule.margin() - tolerance, where);
          Matcher s = seeds.matcher(text);
          if (s.find()) {
            assertTrue(Integer.parseInt(s.group(1)) > n, "quotes more seeds than it has: " + where);
          } else {
            assertTrue(text.contains("no feasible number of seeds"), where);
          }
        }
        case NO_DECISION -> throw new AssertionError("3 or more pairs always decide: " + where);
      }
    }
  }
}
