package io.bnsweep.report.stats;

import java.util.Locale;

/**
 * A comparison's decision in plain words, with the numbers it rests on: the difference in accuracy
 * points and the simultaneous interval it was read from ({@link DecisionRule}), stated from the
 * winner's side (winner minus loser) when something is claimed, so that the sentence and its
 * numbers read the same way. An inconclusive comparison quotes the seeds per variant that would
 * decide it, a count above the seeds it has. Differences are in percentage points: 100 times the
 * difference of accuracy fractions.
 */
public final class Verdict {
  private Verdict() {}

  /** The verdict on {@code c} with the family's equivalence {@code margin} (a fraction). */
  public static String of(Comparison c, double margin) {
    Difference d = c.difference();
    Outcome o = c.outcome();
    String candidate = c.candidate();
    String baseline = c.baseline();
    String where = c.wholeSweep() ? "" : " for " + c.stratumLabel();
    String m = margin(margin);
    return switch (o.decision()) {
      case NO_DECISION -> "no decision: " + o.reason();
      case DIFFERS, DIFFERS_WITHIN_MARGIN -> {
        boolean candidateWins = d.mean() > 0;
        Interval ci = candidateWins ? o.interval() : o.interval().negated();
        yield String.format(
            Locale.ROOT,
            "%s beats %s%s by %s points [%s, %s]%s",
            candidateWins ? candidate : baseline,
            candidateWins ? baseline : candidate,
            where,
            points(Math.abs(d.mean())),
            points(ci.low()),
            points(ci.high()),
            o.decision() == Decision.DIFFERS_WITHIN_MARGIN
                ? ", less than the ±" + m + "-point margin"
                : "");
      }
      case EQUIVALENT ->
          String.format(
              Locale.ROOT,
              "%s and %s are equivalent%s within ±%s %s (%+.2f [%s, %s])",
              candidate,
              baseline,
              where,
              m,
              unit(m),
              100 * d.mean(),
              points(o.interval().low()),
              points(o.interval().high()));
      case INCONCLUSIVE ->
          String.format(
              Locale.ROOT,
              "%s against %s%s is inconclusive (%+.2f [%s, %s] holds both 0 and differences"
                  + " beyond ±%s %s)%s",
              candidate,
              baseline,
              where,
              100 * d.mean(),
              points(o.interval().low()),
              points(o.interval().high()),
              m,
              unit(m),
              o.seedsNeeded().isPresent()
                  ? "; about " + o.seedsNeeded().getAsInt() + " seeds per variant would decide it"
                  : "; no feasible number of seeds (up to "
                      + Power.MAX_SEEDS
                      + ") would decide it");
    };
  }

  /** {@code point} for a margin of exactly 1, {@code points} otherwise. */
  static String unit(String margin) {
    return margin.equals("1") ? "point" : "points";
  }

  /** A fraction in points with two decimals. */
  static String points(double fraction) {
    return String.format(Locale.ROOT, "%.2f", 100 * fraction);
  }

  /** The margin in points as a spec writes it: {@code 1}, {@code 0.5}. */
  public static String margin(double fraction) {
    return java.math.BigDecimal.valueOf(100 * fraction)
        .round(new java.math.MathContext(6))
        .stripTrailingZeros()
        .toPlainString();
  }
}
