package io.bnsweep.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.axis.Axes;
import io.bnsweep.plan.SweepPlan;
import io.bnsweep.report.stats.DecisionContext;
import io.bnsweep.spec.SweepSpec;
import io.bnsweep.testing.InProcessBackend;
import io.bnsweep.testing.Results;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Placement;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Tune, then compare, on scripted results: each arm's best learning rate is 100 times the other's,
 * and at its own best each arm scores the same.
 */
class TunePolicyTest {
  private static final String SPEC =
      "validationSize: 20\n"
          + "seeds: {min: 5, max: 8, step: 3}\n"
          + "axes: {placement: [none, before], activation: [relu]}\n"
          + "tune: {axes: {learningRate: {loguniform: [0.00001, 1]}}, configurations: 9,"
          + " maxEpochs: 3, alsoFixed: true}\n";

  /**
   * Accuracy peaks at lr 0.001 for none and 0.1 for before, at 0.9; falls by 0.1 per decade away;
   * the seed adds a little noise, the epoch a little gain.
   */
  private static double score(Segment s) {
    double lr = s.trial().variant().get(Axes.LEARNING_RATE);
    double best = s.trial().variant().placement() == Placement.NONE ? 1e-3 : 1e-1;
    double decades = Math.abs(Math.log10(lr / best));
    return 0.9 - 0.1 * decades + 0.002 * (s.trial().seed() % 3) + 0.001 * s.untilEpoch();
  }

  private static TunePolicy policy(SweepPlan plan, List<TrialResult> ledger) {
    Optional<SweepSpec.CompareSpec> compare =
        Optional.of(new SweepSpec.CompareSpec("placement", "before"));
    List<Trial> fixed =
        plan.trials().stream().filter(t -> t.variant().get(Axes.STAGE).equals("fixed")).toList();
    return new TunePolicy(
        plan.tune().orElseThrow(),
        plan.spec(),
        fixed,
        variants -> DecisionContext.of(variants, compare, plan.spec().decisions()),
        ledger,
        false);
  }

  @Test
  void eachArmIsSearchedThenConfirmedAtItsOwnChoice() {
    SweepPlan plan = SweepLoopTest.plan(SPEC);
    Function<Segment, TrialResult> script = s -> Results.of(s, score(s));
    InProcessBackend backend = new InProcessBackend(script, 2, running -> 0);
    TunePolicy policy = policy(plan, List.of());
    List<TrialResult> kept = SweepLoopTest.run(policy, backend);

    // the search never scores test; every search segment comes before any confirmation
    List<Segment> segments = backend.segments();
    int firstConfirmation = 0;
    while (segments.get(firstConfirmation).trial().variant().get(Axes.STAGE).equals("search")) {
      assertTrue(!segments.get(firstConfirmation).evaluateTest(), "search: validation only");
      firstConfirmation++;
    }
    assertTrue(
        segments.subList(firstConfirmation, segments.size()).stream()
            .allMatch(s -> !s.trial().variant().get(Axes.STAGE).equals("search") && s.isLast()),
        "stage B: whole trials only");

    // each arm chose the configuration closest to its own best rate: about 100 times apart
    var choices = policy.choices().orElseThrow();
    assertEquals(2, choices.size());
    double none = 0;
    double before = 0;
    for (var e : choices.entrySet()) {
      double lr = e.getValue().variant().get(Axes.LEARNING_RATE);
      if (e.getKey().placement() == Placement.NONE) {
        none = lr;
      } else {
        before = lr;
      }
    }
    double ratio = before / none;
    assertTrue(ratio > 10 && ratio < 1000, "before's rate over none's: " + ratio);

    // stage B: tuned confirmations at the chosen rates, and the fixed arms, on seeds 1..5 at least
    long tuned = kept.stream().filter(r -> r.variant().get(Axes.STAGE).equals("tuned")).count();
    long fixed = kept.stream().filter(r -> r.variant().get(Axes.STAGE).equals("fixed")).count();
    assertTrue(tuned >= 10 && fixed >= 10, "tuned " + tuned + ", fixed " + fixed);
  }

  @Test
  void aRerunAfterTheSearchChoosesTheSameAndRunsNothingRecordedAgain() {
    SweepPlan plan = SweepLoopTest.plan(SPEC);
    Function<Segment, TrialResult> script = s -> Results.of(s, score(s));
    InProcessBackend whole = new InProcessBackend(script, 1, running -> 0);
    TunePolicy first = policy(plan, List.of());
    List<TrialResult> ledger = SweepLoopTest.run(first, whole);

    // killed after the search and two confirmations
    int cut = 0;
    int confirmations = 0;
    while (confirmations < 2) {
      if (!ledger.get(cut).variant().get(Axes.STAGE).equals("search")) {
        confirmations++;
      }
      cut++;
    }
    List<TrialResult> before = ledger.subList(0, cut);
    TunePolicy again = policy(plan, before);
    InProcessBackend rest = new InProcessBackend(script, 1, running -> 0);
    SweepLoopTest.run(again, rest);
    assertEquals(first.choices(), again.choices(), "the same choices");
    assertTrue(
        rest.segments().stream()
            .noneMatch(s -> before.stream().anyMatch(r -> r.trialId().equals(s.trial().id()))),
        "nothing recorded runs again");
    assertEquals(
        whole.segments().size(), before.size() + rest.segments().size(), "the rest, exactly");
  }
}
