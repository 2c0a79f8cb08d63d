package io.bnsweep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bnsweep.network.NetworkShape;
import io.bnsweep.testing.Results;
import io.bnsweep.testing.Trials;
import io.bnsweep.trial.Trial;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResumeTest {
  private static Trial trial(String id) {
    return new Trial(
        id,
        Trials.settings(
            Variant.of(Placement.BEFORE, ActivationKind.RELU),
            NetworkShape.DEFAULT,
            "d",
            10,
            10,
            1,
            5,
            1e-3),
        1);
  }

  private static final List<Trial> PLAN = List.of(trial("a"), trial("b"), trial("c"), trial("d"));

  @Test
  void runsOnlyTrialsWithoutAResultAndKeepsFailedOnes() {
    Resume resume =
        Resume.of(
            PLAN,
            List.of(
                Results.complete("a", Placement.BEFORE, ActivationKind.RELU, 1, 0.8),
                Results.failed("b", Placement.BEFORE, ActivationKind.RELU, 1, "loss became NaN")),
            false);

    assertEquals(List.of(trial("c"), trial("d")), resume.pending());
    assertEquals(1, resume.complete());
    assertEquals(1, resume.failed());
    assertEquals(Set.of(), resume.foreign());
  }

  @Test
  void retryFailedRerunsThemAndTheLatestResultPerTrialCounts() {
    Resume resume =
        Resume.of(
            PLAN,
            List.of(
                Results.failed("a", Placement.BEFORE, ActivationKind.RELU, 1, "boom"),
                Results.complete("a", Placement.BEFORE, ActivationKind.RELU, 1, 0.8),
                Results.failed("b", Placement.BEFORE, ActivationKind.RELU, 1, "boom")),
            true);

    assertEquals(List.of(trial("b"), trial("c"), trial("d")), resume.pending());
    assertEquals(1, resume.complete());
    assertEquals(0, resume.failed());
  }

  @Test
  void resultsOfUnplannedTrialsAreForeign() {
    Resume resume =
        Resume.of(
            PLAN,
            List.of(Results.complete("zzz", Placement.AFTER, ActivationKind.TANH, 9, 0.5)),
            false);

    assertEquals(Set.of("zzz"), resume.foreign());
    assertEquals(4, resume.pending().size());
  }
}
