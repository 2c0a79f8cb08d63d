package io.bnsweep.report.stats;

import java.util.OptionalInt;

/**
 * How bnsweep decides a family of comparisons: from simultaneous intervals, so that every claim in
 * the report (a difference, an equivalence, or both) follows from the interval printed beside it.
 *
 * <p>Each comparison's interval is {@code D +- c se} with {@code c} the upper {@code a/2} point of
 * t on the comparison's degrees of freedom and {@code a = alpha / (comparisons x looks)}: a
 * Bonferroni split of alpha over every comparison of the family and every look of a sequential
 * design. By the union bound, all intervals of all looks cover their true differences together with
 * probability at least {@code 1 - alpha} (they are simultaneous and repeated confidence intervals),
 * so the probability of any false claim, of either kind, at any look, is at most alpha. The claims
 * read from an interval:
 *
 * <ul>
 *   <li>it excludes 0: the variants <b>differ</b> (a two-sided test at level a);
 *   <li>it lies inside {@code (-margin, margin)}: they are <b>equivalent</b> within the margin (two
 *       one-sided tests at level a/2 each: the interval-inclusion form of TOST);
 *   <li>both: they <b>differ, by less than the margin</b>;
 *   <li>neither: <b>inconclusive</b>, with the seeds per variant at which a fixed design at level a
 *       would have 80% power to detect a difference of twice the margin or to show equivalence when
 *       the true difference is 0, whichever is fewer, computed with the sweep's pooled standard
 *       deviation of paired differences (not this comparison's own few-df estimate), and never
 *       fewer than one more seed than it has (a count the data already meet is not quoted).
 * </ul>
 *
 * <p>Holm's procedure would test differences with more power, but it has no simultaneous intervals
 * that match its decisions (Strassburger & Bretz 2008), and an equivalence claim needs an interval;
 * Bonferroni intervals make both kinds of claim from one interval at one level. With fewer than
 * {@link #MIN_PAIRS} pairs nothing is decided: with 2 pairs the interval rests on one degree of
 * freedom.
 *
 * @param alpha the family-wise error rate, in (0, 0.5)
 * @param margin the equivalence margin, a fraction of accuracy (0.01 is one point)
 * @param comparisons the number of comparisons in the family
 * @param looks the number of looks the design plans (1 for a fixed number of seeds)
 */
public record DecisionRule(double alpha, double margin, int comparisons, int looks) {
  /** Fewest pairs for any decision. */
  public static final int MIN_PAIRS = 3;

  /** The family-wise error rate unless the spec says otherwise. */
  public static final double DEFAULT_ALPHA = 0.05;

  /**
   * The equivalence margin unless the spec says otherwise: one point of accuracy. With the demo's
   * 2,000 test images the standard error of one accuracy near 80% is about 0.9 points, so a smaller
   * margin would claim equivalence below what the test set resolves.
   */
  public static final double DEFAULT_MARGIN = 0.01;

  /** Power at which an inconclusive comparison's seeds are planned. */
  public static final double PLANNING_POWER = 0.8;

  public DecisionRule {
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new IllegalArgumentException("alpha must be in (0, 0.5), got " + alpha);
    }
    if (!(margin > 0)) {
      throw new IllegalArgumentException("the margin must be positive, got " + margin);
    }
    comparisons = Math.max(1, comparisons);
    looks = Math.max(1, looks);
  }

  /** The two-sided level of each interval: {@code alpha / (comparisons x looks)}. */
  public double level() {
    return alpha / ((double) comparisons * looks);
  }

  /** The confidence of each interval, e.g. 0.99444 for 9 comparisons and one look. */
  public double confidence() {
    return 1 - level();
  }

  /** The decision on {@code d} at look {@code look}, without seeds planned ({@link #planned}). */
  public Outcome decide(Difference d, int look) {
    int pairs = Math.min(d.nCandidate(), d.nBaseline());
    if (!d.isTested()) {
      return Outcome.none(look, pairs, d.notes().isEmpty() ? "no test" : d.notes().get(0));
    }
    if (pairs < MIN_PAIRS) {
      return Outcome.none(
          look,
          pairs,
          pairs
              + (pairs == 1 ? " pair" : " pairs")
              + ": a decision needs "
              + MIN_PAIRS
              + " or more (with 2 the interval rests on one degree of freedom)");
    }
    double c = Quantiles.studentT(1 - level() / 2, d.df());
    Interval interval = Interval.around(d.mean(), c * d.se());
    boolean excludesZero = interval.low() > 0 || interval.high() < 0;
    boolean inside = interval.low() > -margin && interval.high() < margin;
    Decision decision =
        excludesZero && inside
            ? Decision.DIFFERS_WITHIN_MARGIN
            : excludesZero
                ? Decision.DIFFERS
                : inside ? Decision.EQUIVALENT : Decision.INCONCLUSIVE;
    return new Outcome(decision, interval, look, pairs, OptionalInt.empty(), "");
  }

  /**
   * {@code outcome} with, if it is inconclusive, the seeds per variant that would decide it,
   * planned with {@code planningSd}, the sweep's pooled sd of paired differences (a fraction).
   * Separate from {@link #decide} because only a comparison's final outcome needs it, and it costs
   * two power searches.
   */
  public Outcome planned(Outcome outcome, double planningSd) {
    if (outcome.decision() != Decision.INCONCLUSIVE) {
      return outcome;
    }
    return new Outcome(
        outcome.decision(),
        outcome.interval(),
        outcome.look(),
        outcome.pairs(),
        seedsNeeded(outcome.pairs(), planningSd),
        outcome.reason());
  }

  /**
   * The seeds per variant that would decide a comparison with {@code sd} of paired differences: the
   * fewer of those giving 80% power to detect twice the margin and to show equivalence at a true
   * difference of 0; at least {@code pairs + 1}.
   */
  OptionalInt seedsNeeded(int pairs, double sd) {
    if (!(sd > 0)) {
      return OptionalInt.of(pairs + 1);
    }
    // the searches start from the normal approximations, n = ((z_a + z_power) sd / effect)^2
    org.apache.commons.math3.distribution.NormalDistribution z =
        new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1);
    double za = z.inverseCumulativeProbability(1 - level() / 2);
    int differGuess =
        (int)
            Math.ceil(
                Math.pow(
                    (za + z.inverseCumulativeProbability(PLANNING_POWER)) * sd / (2 * margin), 2));
    int equalGuess =
        (int)
            Math.ceil(
                Math.pow(
                    (za + z.inverseCumulativeProbability((1 + PLANNING_POWER) / 2)) * sd / margin,
                    2));
    OptionalInt differ =
        Power.seedsFor(
            n -> Power.difference(n, 2 * margin, sd, level()), PLANNING_POWER, differGuess);
    OptionalInt equal =
        Power.seedsFor(
            n -> Power.equivalence(n, 0, sd, margin, level() / 2), PLANNING_POWER, equalGuess);
    OptionalInt fewer =
        differ.isEmpty()
            ? equal
            : equal.isEmpty()
                ? differ
                : OptionalInt.of(Math.min(differ.getAsInt(), equal.getAsInt()));
    return fewer.isEmpty() ? fewer : OptionalInt.of(Math.max(pairs + 1, fewer.getAsInt()));
  }
}
