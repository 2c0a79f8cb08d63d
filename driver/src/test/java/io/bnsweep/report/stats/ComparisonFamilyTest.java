package io.bnsweep.report.stats;

import static io.bnsweep.report.stats.ReferenceData.DEPRESSION_X;
import static io.bnsweep.report.stats.ReferenceData.DEPRESSION_Y;
import static io.bnsweep.report.stats.ReferenceData.SLEEP_1;
import static io.bnsweep.report.stats.ReferenceData.SLEEP_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.testing.Results;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonFamilyTest {
  /**
   * A sweep built from the textbook data as accuracies (0.5 + value / 100, which leaves t and p
   * unchanged): relu compares sleep group 1 (after) with group 2 (before), tanh the depression
   * scores' first visit (after) with the second (before); extra/relu has one seed.
   */
  static List<TrialResult> textbookSweep() {
    List<TrialResult> results = new ArrayList<>();
    for (int i = 0; i < SLEEP_1.length; i++) {
      results.add(complete(Placement.AFTER, ActivationKind.RELU, i + 1, SLEEP_1[i]));
      results.add(complete(Placement.BEFORE, ActivationKind.RELU, i + 1, SLEEP_2[i]));
    }
    for (int i = 0; i < DEPRESSION_X.length; i++) {
      results.add(complete(Placement.AFTER, ActivationKind.TANH, i + 1, DEPRESSION_X[i]));
      results.add(complete(Placement.BEFORE, ActivationKind.TANH, i + 1, DEPRESSION_Y[i]));
    }
    results.add(complete(Placement.EXTRA, ActivationKind.RELU, 1, 0.0));
    return results;
  }

  private static final DecisionRule RULE = new DecisionRule(0.05, 0.01, 3, 1);

  private static List<Comparison> family(List<TrialResult> results, Placement baseline) {
    return ComparisonFamily.of(
        SeedTable.of(results), "placement", baseline, RULE, List.of(), v -> v.activation().id());
  }

  private static TrialResult complete(Placement p, ActivationKind a, long seed, double value) {
    return Results.complete(p.id() + a.id() + seed, p, a, seed, 0.5 + value / 100);
  }

  @Test
  void everyPlacementAgainstTheBaselineWithinEachActivation() {
    List<Comparison> family = family(textbookSweep(), Placement.BEFORE);

    assertEquals(3, family.size());
    assertEquals(ActivationKind.RELU, family.get(0).stratum().activation());
    assertEquals("after", family.get(0).candidate());
    assertEquals(ActivationKind.RELU, family.get(1).stratum().activation());
    assertEquals("extra", family.get(1).candidate());
    assertEquals(ActivationKind.TANH, family.get(2).stratum().activation());
    assertEquals("after", family.get(2).candidate());
    family.forEach(c -> assertEquals("before", c.baseline()));
  }

  @Test
  void decisionsComeFromBonferroniIntervalsOverTheWholeFamily() {
    // 3 comparisons, one look: each interval at 1 - 0.05/3. R 4.2.2:
    // t.test(sleep1 - sleep2, conf.level = 1 - 0.05/3)$conf.int = [-2.72094199416503679,
    // -0.43905800583496296]; the same for the depression data: [0.0027907212711596042,
    // 0.8609870565066181092]
    List<Comparison> family = family(textbookSweep(), Placement.BEFORE);

    Outcome sleep = family.get(0).outcome();
    assertEquals(Decision.DIFFERS, sleep.decision());
    assertEquals(-0.0272094199416503679, sleep.interval().low(), 1e-12);
    assertEquals(-0.0043905800583496296, sleep.interval().high(), 1e-12);
    assertEquals(10, sleep.pairs());
    assertEquals(Decision.NO_DECISION, family.get(1).decision(), "extra/relu has one seed");
    Outcome depression = family.get(2).outcome();
    assertEquals(
        Decision.DIFFERS_WITHIN_MARGIN, depression.decision(), "inside the 1-point margin");
    assertEquals(0.000027907212711596042, depression.interval().low(), 1e-12);
    assertEquals(0.008609870565066181092, depression.interval().high(), 1e-12);
  }

  @Test
  void verdictsReadTheFamily() {
    List<Comparison> family = family(textbookSweep(), Placement.BEFORE);

    assertEquals(
        "before beats after for relu by 1.58 points [0.44, 2.72]", family.get(0).verdict(0.01));
    assertEquals(
        "no decision: too few seeds for any test (1 pair; a test needs 2 pairs, or 2 seeds a"
            + " side)",
        family.get(1).verdict(0.01));
    assertEquals(
        "after beats before for tanh by 0.43 points [0.00, 0.86], less than the ±1-point margin",
        family.get(2).verdict(0.01));
  }

  @Test
  void theFamilySizeDependsOnTheGridNotOnResults() {
    List<TrialResult> results = textbookSweep();
    List<io.bnsweep.variant.Variant> variants = List.copyOf(SeedTable.of(results).variants());
    assertEquals(3, ComparisonFamily.size(variants, "placement", Placement.BEFORE));
    assertEquals(3, ComparisonFamily.size(variants, "placement", Placement.AFTER));
  }

  @Test
  void anotherBaseline() {
    List<Comparison> family = family(textbookSweep(), Placement.AFTER);

    assertEquals(3, family.size());
    assertEquals("before", family.get(0).candidate());
    assertEquals(1.58, 100 * family.get(0).difference().mean(), 1e-9);
  }

  @Test
  void aBaselineWithNoCompleteTrialIsNamed() {
    List<TrialResult> results = new ArrayList<>(textbookSweep());
    results.removeIf(r -> r.variant().placement() == Placement.BEFORE);
    results.add(Results.failed("x", Placement.BEFORE, ActivationKind.TANH, 1, "loss became NaN"));

    List<Comparison> family = family(results, Placement.BEFORE);

    assertEquals(3, family.size());
    assertEquals("no decision: no complete trial of before/relu", family.get(0).verdict(0.01));
    assertEquals("no decision: no complete trial of before/tanh", family.get(2).verdict(0.01));
    family.forEach(c -> assertEquals(Decision.NO_DECISION, c.decision()));
  }

  @Test
  void aBaselineOutsideTheSweepGivesNoFamily() {
    assertTrue(family(textbookSweep(), Placement.NONE).isEmpty());
  }
}
