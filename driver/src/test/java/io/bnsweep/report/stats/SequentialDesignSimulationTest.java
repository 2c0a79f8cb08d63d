package io.bnsweep.report.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.testing.Results;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sequential design proved by simulation: sweeps of 4 placements x 3 activations (9 comparisons
 * against {@code before}), seeds added in rounds by the production code ({@link
 * ComparisonFamily#nextRound}) and decided by it ({@link ComparisonFamily#of}), no training. Each
 * sweep draws a paired sd of differences between 0.4 and 1.0 points (the spread of real sweeps: the
 * demo's and the batch-size sweep's) and a shared seed effect (seeds are blocks).
 */
class SequentialDesignSimulationTest {
  static final double ALPHA = 0.05;
  static final double MARGIN = 0.01;
  static final List<Integer> LOOKS = List.of(5, 8, 11, 14, 17, 20);
  static final List<Placement> PLACEMENTS =
      List.of(Placement.NONE, Placement.BEFORE, Placement.AFTER, Placement.EXTRA);
  static final List<ActivationKind> ACTIVATIONS =
      List.of(ActivationKind.RELU, ActivationKind.SIGMOID, ActivationKind.TANH);

  /** What the decisions of many sweeps came to. */
  record Tally(
      int sweeps,
      int anyFalseDiffers,
      int anyFalseEquivalent,
      long decided,
      long comparisons,
      long seeds,
      Map<Decision, Long> decisions) {
    double rate(int count) {
      return (double) count / sweeps;
    }
  }

  /**
   * Simulates {@code sweeps} sweeps whose true differences (candidate minus before, in points) are
   * {@code truth[placement][activation]}; counts sweeps with any false "differs" (a difference
   * claimed where the truth is 0) and any false "equivalent" (claimed where |truth| >= margin).
   */
  static Tally simulate(int sweeps, double[][] truth, long seed) {
    Random random = new Random(seed);
    List<Variant> variants = new ArrayList<>();
    for (Placement p : PLACEMENTS) {
      for (ActivationKind a : ACTIVATIONS) {
        variants.add(Variant.of(p, a));
      }
    }
    DecisionRule rule =
        new DecisionRule(
            ALPHA,
            MARGIN,
            ComparisonFamily.size(variants, "placement", Placement.BEFORE),
            LOOKS.size());
    int anyDiffers = 0;
    int anyEquivalent = 0;
    long decided = 0;
    long comparisons = 0;
    long seeds = 0;
    Map<Decision, Long> decisions = new HashMap<>();
    for (int s = 0; s < sweeps; s++) {
      double sd = 0.004 + 0.006 * random.nextDouble(); // paired sd 0.4 to 1.0 points
      double[] seedEffect = new double[LOOKS.get(LOOKS.size() - 1) + 1];
      for (int k = 1; k < seedEffect.length; k++) {
        seedEffect[k] = 0.01 * random.nextGaussian();
      }
      Map<Variant, double[]> values = new HashMap<>();
      for (Variant v : variants) {
        double shift =
            truth[PLACEMENTS.indexOf(v.placement())][ACTIVATIONS.indexOf(v.activation())];
        double[] acc = new double[seedEffect.length];
        for (int k = 1; k < acc.length; k++) {
          // each variant's own noise sd / sqrt 2, so a paired difference has sd `sd`
          acc[k] = 0.8 + shift / 100 + seedEffect[k] + sd / Math.sqrt(2) * random.nextGaussian();
        }
        values.put(v, acc);
      }
      List<TrialResult> ledger = new ArrayList<>();
      while (true) {
        Map<Variant, List<Long>> next =
            ComparisonFamily.nextRound(
                SeedTable.of(ledger), variants, "placement", Placement.BEFORE, rule, LOOKS);
        if (next.isEmpty()) {
          break;
        }
        next.forEach(
            (v, round) ->
                round.forEach(
                    k ->
                        ledger.add(
                            Results.complete(
                                "t",
                                v.placement(),
                                v.activation(),
                                k,
                                values.get(v)[(int) (long) k]))));
      }
      seeds += ledger.size();
      List<Comparison> family =
          ComparisonFamily.of(
              SeedTable.of(ledger),
              "placement",
              Placement.BEFORE,
              rule,
              LOOKS,
              v -> v.activation().id());
      boolean falseDiffers = false;
      boolean falseEquivalent = false;
      for (Comparison c : family) {
        Variant v =
            c.stratum().with(io.bnsweep.axis.Axes.PLACEMENT, Placement.parse(c.candidate()));
        double t = truth[PLACEMENTS.indexOf(v.placement())][ACTIVATIONS.indexOf(v.activation())];
        Decision d = c.decision();
        decisions.merge(d, 1L, Long::sum);
        comparisons++;
        if (d.decided()) {
          decided++;
        }
        boolean claimsDifference = d == Decision.DIFFERS || d == Decision.DIFFERS_WITHIN_MARGIN;
        boolean claimsEquivalence = d == Decision.EQUIVALENT || d == Decision.DIFFERS_WITHIN_MARGIN;
        falseDiffers |= claimsDifference && t == 0;
        falseEquivalent |= claimsEquivalence && Math.abs(t) >= 100 * MARGIN;
      }
      anyDiffers += falseDiffers ? 1 : 0;
      anyEquivalent += falseEquivalent ? 1 : 0;
    }
    return new Tally(sweeps, anyDiffers, anyEquivalent, decided, comparisons, seeds, decisions);
  }

  /** alpha plus three Monte Carlo standard errors of a rate near alpha. */
  static double bound(int sweeps) {
    return ALPHA + 3 * Math.sqrt(ALPHA * (1 - ALPHA) / sweeps);
  }

  @Test
  void underTheGlobalNullFalseDifferencesStayBelowAlpha() {
    int sweeps = 10_000;
    Tally t = simulate(sweeps, new double[4][3], 1);
    System.out.printf(Locale.ROOT, "global null: %s%n", t);
    assertTrue(t.rate(t.anyFalseDiffers()) <= bound(sweeps), t.toString());
  }

  @Test
  void atDifferencesOfExactlyTheMarginFalseEquivalenceStaysBelowAlpha() {
    double[][] truth = new double[4][3];
    for (int a = 0; a < 3; a++) {
      truth[0][a] = 1; // none: +1 point
      truth[2][a] = -1; // after: -1 point
      truth[3][a] = 1; // extra: +1 point
    }
    int sweeps = 2_000;
    Tally t = simulate(sweeps, truth, 2);
    System.out.printf(Locale.ROOT, "at the margin: %s%n", t);
    assertTrue(t.rate(t.anyFalseEquivalent()) <= bound(sweeps), t.toString());
  }
}
