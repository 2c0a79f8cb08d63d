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

  private static List<Comparison> family(List<TrialResult> results, Placement baseline) {
    return ComparisonFamily.of(
        SeedTable.of(results), "placement", baseline, v -> v.activation().id());
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
  void holmAdjustsTheTestedComparisonsOnly() {
    // raw p: 0.002832890197384273 (sleep, R) and 0.016176627434908088 (depression, SciPy);
    // extra/relu is untested, so m = 2: 2 * 0.002832890197 = 0.005665780395, then
    // max(0.005665780395, 0.016176627435)
    List<Comparison> family = family(textbookSweep(), Placement.BEFORE);

    assertEquals(0.002832890, family.get(0).difference().p(), 1e-9);
    assertEquals(0.005665780394768546, family.get(0).pHolm(), 1e-9);
    assertTrue(Double.isNaN(family.get(1).pHolm()));
    assertEquals(0.016176627434908088, family.get(2).difference().p(), 1e-9);
    assertEquals(0.016176627434908088, family.get(2).pHolm(), 1e-9);
  }

  @Test
  void verdictsReadTheFamily() {
    // sleep: before beats after by 1.58 points, CI [0.7001142, 2.4598858] (R, sign flipped);
    // depression: mean 0.431889, CI [0.10377871, 0.75999907] (SciPy)
    List<Comparison> family = family(textbookSweep(), Placement.BEFORE);

    assertEquals(
        "before beats after for relu by 1.58 points, 95% CI [0.70, 2.46], p_holm = 0.006",
        family.get(0).verdict());
    assertEquals(
        "not tested: too few seeds for any test (1 pair; a test needs 2 pairs, or 2 seeds a side)",
        family.get(1).verdict());
    assertEquals(
        "after beats before for tanh by 0.43 points, 95% CI [0.10, 0.76], p_holm = 0.016",
        family.get(2).verdict());
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
    assertEquals("not tested: no complete trial of before/relu", family.get(0).verdict());
    assertEquals("not tested: no complete trial of before/tanh", family.get(2).verdict());
    family.forEach(c -> assertTrue(Double.isNaN(c.pHolm())));
  }

  @Test
  void aBaselineOutsideTheSweepGivesNoFamily() {
    assertTrue(family(textbookSweep(), Placement.NONE).isEmpty());
  }
}
