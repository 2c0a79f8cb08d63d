package io.bnsweep.report.stats;

import static io.bnsweep.report.stats.ReferenceData.RADAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.testing.Results;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainEffectsTest {
  private static final Placement[] FILTER = {Placement.BEFORE, Placement.AFTER};
  private static final ActivationKind[] CLUTTER = {
    ActivationKind.RELU, ActivationKind.SIGMOID, ActivationKind.TANH
  };

  /**
   * Montgomery's radar data as a sweep: filter type = placement, clutter = activation, operator =
   * seed; trial ids are filter, clutter and operator, e.g. {@code 123} = after/tanh seed 3.
   */
  private static List<TrialResult> radarSweep() {
    List<TrialResult> results = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 4; k++) {
          results.add(
              Results.complete(i + "" + j + (k + 1), FILTER[i], CLUTTER[j], k + 1, RADAR[i][j][k]));
        }
      }
    }
    return results;
  }

  @Test
  void placementIsFactorAActivationFactorBAndSeedsAreBlocks() {
    MainEffects effects = MainEffects.of(SeedTable.of(radarSweep()));

    AnovaTable t = effects.table().orElseThrow();
    assertEquals(List.of(Placement.BEFORE, Placement.AFTER), effects.placements());
    assertEquals(List.of(1L, 2L, 3L, 4L), effects.seeds());
    assertEquals(3200.0 / 3, t.factorA().ss(), 1e-9); // filter type, Montgomery 1066.67
    assertEquals(4027.0 / 12, t.factorB().ss(), 1e-9); // ground clutter, 335.58
    assertEquals(2413.0 / 6, t.block().ss(), 1e-9); // operators, 402.17
    assertTrue(effects.notes().isEmpty());
  }

  @Test
  void aSeedMissingFromOneCellIsLeftOutEverywhere() {
    List<TrialResult> results = new ArrayList<>(radarSweep());
    results.removeIf(r -> r.trialId().equals("123")); // after/tanh, operator 3
    results.add(Results.failed("123", Placement.AFTER, ActivationKind.TANH, 3, "loss became NaN"));

    MainEffects effects = MainEffects.of(SeedTable.of(results));

    // operators 1, 2 and 4 only, in rational arithmetic (python3 fractions):
    // SS 17161/18, 2884/9, 700/9, 2107/9, 977/9; F(placement) = 87.82497441146367 on (1, 10),
    // p = 2.8722699460093322e-06 (SciPy)
    AnovaTable t = effects.table().orElseThrow();
    assertEquals(List.of(1L, 2L, 4L), effects.seeds());
    assertEquals(17161.0 / 18, t.factorA().ss(), 1e-9);
    assertEquals(2884.0 / 9, t.factorB().ss(), 1e-9);
    assertEquals(700.0 / 9, t.interaction().ss(), 1e-9);
    assertEquals(2107.0 / 9, t.block().ss(), 1e-9);
    assertEquals(977.0 / 9, t.residual().ss(), 1e-9);
    assertEquals(10, t.residual().df());
    assertEquals(87.82497441146367, t.factorA().f(), 1e-9);
    assertEquals(2.8722699460093322e-06, t.factorA().p(), 1e-12);
    assertEquals(
        List.of(
            "seed 3 left out of the ANOVA: not complete in every cell (a balanced design needs a"
                + " result for every seed in every cell)"),
        effects.notes());
  }

  @Test
  void aCellWithoutResultsSkipsTheAnova() {
    List<TrialResult> results = new ArrayList<>(radarSweep());
    results.removeIf(r -> r.trialId().startsWith("12"));
    results.add(Results.failed("121", Placement.AFTER, ActivationKind.TANH, 1, "loss became NaN"));

    MainEffects effects = MainEffects.of(SeedTable.of(results));

    assertTrue(effects.table().isEmpty());
    assertEquals(
        List.of(
            "ANOVA skipped: no complete trial of after/tanh, so the placement x activation grid"
                + " has holes"),
        effects.notes());
  }

  @Test
  void oneActivationSkipsTheAnova() {
    List<TrialResult> results = new ArrayList<>(radarSweep());
    results.removeIf(r -> r.variant().activation() != ActivationKind.RELU);

    MainEffects effects = MainEffects.of(SeedTable.of(results));

    assertTrue(effects.table().isEmpty());
    assertTrue(effects.notes().get(0).contains("the sweep has 2 and 1"), effects.notes().get(0));
  }

  @Test
  void oneCommonSeedSkipsTheAnova() {
    List<TrialResult> results = new ArrayList<>(radarSweep());
    results.removeIf(r -> r.variant().placement() == Placement.AFTER && r.seed() > 1);

    MainEffects effects = MainEffects.of(SeedTable.of(results));

    assertTrue(effects.table().isEmpty());
    assertEquals(
        List.of("ANOVA skipped: it needs at least two seeds complete in every cell, there is 1"),
        effects.notes());
  }
}
