package io.bnsweep.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The sequential design proved by simulation, with no training: sweeps of 4 placements x 3
 * activations (9 comparisons against {@code before}), seeds 5 to 20 in steps of 3 (6 looks), alpha
 * 0.05, margin 1 point, decided by the production code ({@link ComparisonFamily}). Each sweep draws
 * a paired sd of differences between 0.4 and 1.0 points (the spread of real sweeps: the demo's and
 * the batch-size sweep's) and a shared seed effect (seeds are blocks).
 *
 * <p>A look decides on each variant's first seeds only, so the decisions of the rounds a sweep runs
 * are those {@link ComparisonFamily#outcomes} replays on all 20 seeds of every variant; {@link
 * #theRoundsAreThoseTheReplayOfAllSeedsDecides} checks that against {@link
 * ComparisonFamily#nextRound}, round by round, on a few hundred sweeps, and the other tests use the
 * faster replay.
 */
class SequentialDesignSimulationTest {
  static final double ALPHA = 0.05;
  static final double MARGIN = 0.01;
  static final List<Integer> LOOKS = List.of(5, 8, 11, 14, 17, 20);
  static final int MAX = 20;
  static final List<Placement> PLACEMENTS =
      List.of(Placement.NONE, Placement.BEFORE, Placement.AFTER, Placement.EXTRA);
  static final List<ActivationKind> ACTIVATIONS =
      List.of(ActivationKind.RELU, ActivationKind.SIGMOID, ActivationKind.TANH);
  static final List<Variant> VARIANTS = variants();
  static final DecisionRule RULE =
      new DecisionRule(
          ALPHA,
          MARGIN,
          ComparisonFamily.size(VARIANTS, "placement", Placement.BEFORE),
          LOOKS.size());

  private static List<Variant> variants() {
    List<Variant> variants = new ArrayList<>();
    for (Placement p : PLACEMENTS) {
      for (ActivationKind a : ACTIVATIONS) {
        variants.add(Variant.of(p, a));
      }
    }
    return List.copyOf(variants);
  }

  /** One simulated sweep: every variant's accuracy for seeds 1..20 (index 0 unused). */
  static Map<Variant, double[]> sweep(Random random, double[][] truth) {
    double sd = 0.004 + 0.006 * random.nextDouble(); // paired sd 0.4 to 1.0 points
    double[] seedEffect = new double[MAX + 1];
    for (int k = 1; k <= MAX; k++) {
      seedEffect[k] = 0.01 * random.nextGaussian();
    }
    Map<Variant, double[]> values = new HashMap<>();
    for (Variant v : VARIANTS) {
      double shift = truth[PLACEMENTS.indexOf(v.placement())][ACTIVATIONS.indexOf(v.activation())];
      double[] acc = new double[MAX + 1];
      for (int k = 1; k <= MAX; k++) {
        // each variant's own noise has sd / sqrt 2, so a paired difference has sd `sd`
        acc[k] = 0.8 + shift / 100 + seedEffect[k] + sd / Math.sqrt(2) * random.nextGaussian();
      }
      values.put(v, acc);
    }
    return values;
  }

  static List<TrialResult> results(Map<Variant, double[]> values, Map<Variant, Integer> seeds) {
    List<TrialResult> results = new ArrayList<>();
    values.forEach(
        (v, acc) -> {
          for (int k = 1; k <= seeds.getOrDefault(v, MAX); k++) {
            results.add(Results.complete("t", v.placement(), v.activation(), k, acc[k]));
          }
        });
    return results;
  }

  /** What many sweeps' decisions came to. */
  record Tally(
      int sweeps,
      int anyFalseDiffers,
      int anyFalseEquivalent,
      double differs,
      double equivalent,
      double seedsPerVariant) {
    double falseDiffersRate() {
      return (double) anyFalseDiffers / sweeps;
    }

    double falseEquivalentRate() {
      return (double) anyFalseEquivalent / sweeps;
    }
  }

  /**
   * {@code sweeps} sweeps whose true differences (candidate minus before, points) are {@code
   * truth[placement][activation]}; a false "differs" claims a difference where the truth is 0, a
   * false "equivalent" claims equivalence where |truth| >= the margin. {@code differs} and {@code
   * equivalent} are the fractions of comparisons so decided; {@code seedsPerVariant} the mean seeds
   * a variant ran: the most any of its comparisons needed.
   */
  static Tally simulate(int sweeps, double[][] truth, long seed) {
    Random random = new Random(seed);
    int anyDiffers = 0;
    int anyEquivalent = 0;
    long differs = 0;
    long equivalent = 0;
    long comparisons = 0;
    long seeds = 0;
    for (int s = 0; s < sweeps; s++) {
      SeedTable table = SeedTable.of(results(sweep(random, truth), Map.of()));
      List<Outcome> outcomes =
          ComparisonFamily.outcomes(table, "placement", Placement.BEFORE, RULE, LOOKS);
      boolean falseDiffers = false;
      boolean falseEquivalent = false;
      Map<ActivationKind, Integer> baselineSeeds = new HashMap<>();
      for (int i = 0; i < outcomes.size(); i++) {
        Outcome o = outcomes.get(i);
        // family order: activations (strata), then none, after, extra within each
        int p = i % 3 == 0 ? 0 : i % 3 == 1 ? 2 : 3;
        int a = i / 3;
        double t = truth[p][a];
        Decision d = o.decision();
        comparisons++;
        boolean claimsDifference = d == Decision.DIFFERS || d == Decision.DIFFERS_WITHIN_MARGIN;
        boolean claimsEquivalence = d == Decision.EQUIVALENT || d == Decision.DIFFERS_WITHIN_MARGIN;
        differs += claimsDifference ? 1 : 0;
        equivalent += claimsEquivalence ? 1 : 0;
        falseDiffers |= claimsDifference && t == 0;
        falseEquivalent |= claimsEquivalence && Math.abs(t) >= 100 * MARGIN;
        int used = LOOKS.get(Math.max(0, o.look() - 1));
        seeds += used; // the candidate
        baselineSeeds.merge(ACTIVATIONS.get(a), used, Math::max);
      }
      seeds += baselineSeeds.values().stream().mapToInt(Integer::intValue).sum();
      anyDiffers += falseDiffers ? 1 : 0;
      anyEquivalent += falseEquivalent ? 1 : 0;
    }
    return new Tally(
        sweeps,
        anyDiffers,
        anyEquivalent,
        (double) differs / comparisons,
        (double) equivalent / comparisons,
        (double) seeds / (sweeps * (double) VARIANTS.size()));
  }

  /** alpha plus three Monte Carlo standard errors of a rate at alpha. */
  static double bound(int sweeps) {
    return ALPHA + 3 * Math.sqrt(ALPHA * (1 - ALPHA) / sweeps);
  }

  static double[][] every(double none, double after, double extra) {
    double[][] truth = new double[4][3];
    for (int a = 0; a < 3; a++) {
      truth[0][a] = none;
      truth[2][a] = after;
      truth[3][a] = extra;
    }
    return truth;
  }

  @Test
  void underTheGlobalNullFalseDifferencesStayWithinAlpha() {
    Tally t = simulate(10_000, every(0, 0, 0), 1);
    System.out.printf(Locale.ROOT, "global null: %s%n", t);
    assertTrue(t.falseDiffersRate() <= bound(t.sweeps()), t.toString());
  }

  @Test
  void atDifferencesOfExactlyTheMarginFalseEquivalenceStaysWithinAlpha() {
    Tally t = simulate(10_000, every(1, -1, 1), 2);
    System.out.printf(Locale.ROOT, "at the margin: %s%n", t);
    assertTrue(t.falseEquivalentRate() <= bound(t.sweeps()), t.toString());
  }

  @Test
  void aMixtureOfNullAndRealDifferencesKeepsBothErrorRates() {
    // none differs by 2 points everywhere, after by 1 point (the margin), extra not at all
    Tally t = simulate(4_000, every(2, 1, 0), 3);
    System.out.printf(Locale.ROOT, "mixture: %s%n", t);
    assertTrue(t.falseDiffersRate() <= bound(t.sweeps()), t.toString());
    assertTrue(t.falseEquivalentRate() <= bound(t.sweeps()), t.toString());
  }

  /**
   * The power at 2m and at 0 with max 20 seeds, and the seeds the sequential design spends against
   * a fixed design: prints the figures the README quotes, and checks what must hold of them.
   */
  @Test
  void powerAndSeedsAgainstAFixedDesign() {
    Tally apart = simulate(2_000, every(2, 2, 2), 4);
    Tally same = simulate(2_000, every(0, 0, 0), 5);
    // a fixed design deciding at one look, with 9 comparisons, for the same power (capped at
    // 0.99, which a fixed design can reach) to detect 2 points at the middle and the largest
    // paired sd (0.7 and 1.0 points), and to show equivalence at 0
    DecisionRule fixed = new DecisionRule(ALPHA, MARGIN, 9, 1);
    double target = Math.min(0.99, apart.differs());
    int fixedMiddle =
        Power.seedsFor(n -> Power.difference(n, 0.02, 0.007, fixed.level()), target).orElseThrow();
    int fixedWorst =
        Power.seedsFor(n -> Power.difference(n, 0.02, 0.010, fixed.level()), target).orElseThrow();
    int fixedEquivalent =
        Power.seedsFor(
                n -> Power.equivalence(n, 0, 0.007, MARGIN, fixed.level() / 2), same.equivalent())
            .orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "power: differs at 2m %.3f with %.2f seeds per variant on average (a fixed design needs %d"
            + " at sd 0.7, %d at sd 1.0 points for power %.2f); equivalent at 0 %.3f with %.2f"
            + " seeds per variant (a fixed design needs %d at sd 0.7)%n",
        apart.differs(),
        apart.seedsPerVariant(),
        fixedMiddle,
        fixedWorst,
        target,
        same.equivalent(),
        same.seedsPerVariant(),
        fixedEquivalent);
    assertTrue(apart.differs() > 0.9, "2 points apart at sd <= 1 point is found: " + apart);
    assertTrue(apart.seedsPerVariant() < MAX, "and it stops early: " + apart);
    assertTrue(same.equivalent() > 0 && same.equivalent() < 1, same.toString());
  }

  @Test
  void theRoundsAreThoseTheReplayOfAllSeedsDecides() {
    Random random = new Random(6);
    double[][] truth = every(2, 0.5, 0);
    for (int s = 0; s < 200; s++) {
      Map<Variant, double[]> values = sweep(random, truth);
      // the sweep as the driver runs it: rounds chosen by nextRound on the ledger so far
      Map<Variant, Integer> run = new HashMap<>();
      while (true) {
        Map<Variant, List<Long>> next =
            ComparisonFamily.nextRound(
                SeedTable.of(results(values, runOrZero(run))),
                VARIANTS,
                "placement",
                Placement.BEFORE,
                RULE,
                LOOKS);
        if (next.isEmpty()) {
          break;
        }
        next.forEach((v, seeds) -> run.put(v, (int) (long) seeds.get(seeds.size() - 1)));
      }
      List<Outcome> rounds =
          ComparisonFamily.outcomes(
              SeedTable.of(results(values, runOrZero(run))),
              "placement",
              Placement.BEFORE,
              RULE,
              LOOKS);
      List<Outcome> replay =
          ComparisonFamily.outcomes(
              SeedTable.of(results(values, Map.of())), "placement", Placement.BEFORE, RULE, LOOKS);
      for (int i = 0; i < rounds.size(); i++) {
        assertEquals(replay.get(i).decision(), rounds.get(i).decision(), "sweep " + s + " #" + i);
        assertEquals(replay.get(i).look(), rounds.get(i).look(), "sweep " + s + " #" + i);
      }
    }
  }

  private static Map<Variant, Integer> runOrZero(Map<Variant, Integer> run) {
    Map<Variant, Integer> seeds = new HashMap<>();
    VARIANTS.forEach(v -> seeds.put(v, run.getOrDefault(v, 0)));
    return seeds;
  }
}
