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

  private static final List<String> AXES = List.of("placement", "activation");

  @Test
  void aBalancedSweepGetsTheClosedFormSumsWithSeedsAsBlocks() {
    MainEffects effects = MainEffects.of(SeedTable.of(radarSweep()), AXES);

    AnovaResult t = effects.anova().orElseThrow();
    assertEquals(Method.BALANCED, t.method());
    assertEquals(AXES, effects.factors());
    assertEquals(List.of(1L, 2L, 3L, 4L), effects.seeds());
    assertEquals(3200.0 / 3, t.term("placement").orElseThrow().row().ss(), 1e-9); // Montgomery
    assertEquals(4027.0 / 12, t.term("activation").orElseThrow().row().ss(), 1e-9); // 335.58
    assertEquals(2413.0 / 6, t.block().orElseThrow().ss(), 1e-9); // operators, 402.17
  }

  @Test
  void aFailedSeedUnbalancesTheDesignAndKeepsEveryOtherObservation() {
    List<TrialResult> results = new ArrayList<>(radarSweep());
    results.removeIf(r -> r.trialId().equals("123")); // after/tanh, operator 3
    results.add(Results.failed("123", Placement.AFTER, ActivationKind.TANH, 3, "loss became NaN"));

    MainEffects effects = MainEffects.of(SeedTable.of(results), AXES);

    // 23 observations, 1 + (1 + 2 + 2) + 3 = 9 parameters: 14 residual degrees of freedom
    AnovaResult t = effects.anova().orElseThrow();
    assertEquals(Method.TYPE_II, t.method());
    assertEquals(List.of(1L, 2L, 3L, 4L), effects.seeds());
    assertEquals(14, t.residual().df());
  }

  @Test
  void anAxisWithOneLevelIsNotAFactor() {
    List<TrialResult> results = new ArrayList<>(radarSweep());
    results.removeIf(r -> r.variant().activation() != ActivationKind.RELU);

    MainEffects effects = MainEffects.of(SeedTable.of(results), AXES);

    assertEquals(List.of("placement"), effects.factors());
    assertEquals(1, effects.anova().orElseThrow().terms().size());
  }

  @Test
  void oneSeedSkipsTheModel() {
    List<TrialResult> results = new ArrayList<>(radarSweep());
    results.removeIf(r -> r.seed() > 1);

    MainEffects effects = MainEffects.of(SeedTable.of(results), AXES);

    assertTrue(effects.anova().isEmpty());
    assertEquals(List.of("linear model skipped: it needs at least two seeds"), effects.notes());
  }
}
