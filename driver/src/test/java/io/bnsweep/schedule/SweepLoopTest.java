package io.bnsweep.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.data.Dataset;
import io.bnsweep.data.InputShape;
import io.bnsweep.data.LabeledImages;
import io.bnsweep.plan.SweepPlan;
import io.bnsweep.plan.SweepPlanner;
import io.bnsweep.report.stats.DecisionContext;
import io.bnsweep.spec.SpecLoader;
import io.bnsweep.spec.SweepSpec;
import io.bnsweep.sweep.SweepLoop;
import io.bnsweep.sweep.SweepProgress;
import io.bnsweep.testing.InProcessBackend;
import io.bnsweep.testing.Results;
import io.bnsweep.trial.Failure;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialState;
import io.bnsweep.variant.Placement;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The driver loop and the seed policies on an in-process backend: no Spark, scripted results. */
class SweepLoopTest {
  private static final Dataset DATA =
      new Dataset(
          "fake",
          LabeledImages.of(new InputShape(1, 28, 28, 10), new byte[100 * 784], new byte[100]),
          LabeledImages.of(new InputShape(1, 28, 28, 10), new byte[50 * 784], new byte[50]));

  static SweepPlan plan(String yaml) {
    SweepSpec spec = SpecLoader.parse(yaml, "s.yaml", false);
    return SweepPlanner.plan(spec, DATA);
  }

  /** Runs {@code policy} to the end on {@code backend}; returns what the ledger kept, in order. */
  static List<TrialResult> run(RoundPolicy policy, InProcessBackend backend) {
    List<TrialResult> kept = new ArrayList<>();
    StringWriter out = new StringWriter();
    new SweepLoop(
            policy,
            () -> backend,
            kept::add,
            new SweepProgress(100, 0, new PrintWriter(out)),
            2,
            segments -> {})
        .run();
    assertTrue(backend.closed(), "the loop closes its backend");
    return kept;
  }

  @Test
  void aGridRunsEveryTrialOnceAndKeepsEachResult() {
    SweepPlan plan = plan("seeds: 2\naxes: {placement: [none, before], activation: [relu]}");
    InProcessBackend backend = new InProcessBackend(s -> Results.of(s, 0.9));
    List<TrialResult> kept = run(new GridPolicy(plan.trials()), backend);
    assertEquals(1, backend.submissions().size(), "one round");
    assertEquals(
        plan.trials().stream().map(Trial::id).toList(),
        kept.stream().map(TrialResult::trialId).toList());
    assertTrue(kept.stream().allMatch(TrialResult::isComplete));
  }

  @Test
  void aTransientFailureIsTriedAgainAndOnlyTheLastAttemptIsKept() {
    SweepPlan plan = plan("seeds: 2\naxes: {placement: [none], activation: [relu]}");
    Trial flaky = plan.trials().get(0);
    Trial broken = plan.trials().get(1);
    Map<String, Integer> calls = new HashMap<>();
    Function<Segment, TrialResult> script =
        s -> {
          int n = calls.merge(s.trial().id(), 1, Integer::sum);
          if (s.trial().equals(broken) || n == 1) {
            return Results.failed(s.trial(), "disk gone", Failure.transientFailure());
          }
          return Results.of(s, 0.8);
        };
    InProcessBackend backend = new InProcessBackend(script);
    List<TrialResult> kept = run(new GridPolicy(plan.trials()), backend);

    assertEquals(2, calls.get(flaky.id()));
    assertEquals(2, calls.get(broken.id()), "tried twice in all (the bound), then kept");
    assertEquals(2, kept.size(), "only the last attempt of each is kept");
    TrialResult f = kept.stream().filter(r -> r.trialId().equals(flaky.id())).findFirst().get();
    TrialResult b = kept.stream().filter(r -> r.trialId().equals(broken.id())).findFirst().get();
    assertEquals(TrialState.COMPLETE, f.state());
    assertEquals(new Failure(Failure.Kind.TRANSIENT, 2), b.failure());
  }

  @Test
  void aSegmentThatStopsBeforeTheLastEpochIsKeptAsPruned() {
    SweepPlan plan = plan("seeds: 1\nepochs: 3\naxes: {placement: [none], activation: [relu]}");
    Trial t = plan.trials().get(0);
    RoundPolicy once =
        new RoundPolicy() {
          boolean asked;

          @Override
          public List<Segment> next(int running) {
            if (asked) {
              return List.of();
            }
            asked = true;
            return List.of(new Segment(t, 1, false));
          }

          @Override
          public void arrived(TrialResult result) {}

          @Override
          public String describe() {
            return "one segment";
          }
        };
    List<TrialResult> kept = run(once, new InProcessBackend(s -> Results.of(s, 0.5)));
    assertEquals(TrialState.PRUNED, kept.get(0).state());
    assertEquals(1, kept.get(0).epochs().size());
    assertEquals(null, kept.get(0).testAccuracy(), "a search's segment never scores test");
  }

  @Test
  void aPolicyThatAsksTwiceForTheSameSegmentIsStopped() {
    SweepPlan plan = plan("seeds: 1\naxes: {placement: [none], activation: [relu]}");
    RoundPolicy looping =
        new RoundPolicy() {
          @Override
          public List<Segment> next(int running) {
            return running > 0 ? List.of() : List.of(Segment.whole(plan.trials().get(0)));
          }

          @Override
          public void arrived(TrialResult result) {}

          @Override
          public String describe() {
            return "a looping policy";
          }
        };
    InProcessBackend backend = new InProcessBackend(s -> Results.of(s, 0.5));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> run(looping, backend));
    assertTrue(e.getMessage().startsWith("a looping policy asked twice"), e.getMessage());
    assertTrue(backend.closed());
  }

  /** Sequential seeding as rounds: a clear difference is decided at the first look. */
  @Test
  void sequentialSeedingStopsWhereTheDecisionIsMade() {
    SweepPlan plan =
        plan(
            "seeds: {min: 5, max: 11, step: 3}\n"
                + "axes: {placement: [none, before], activation: [relu]}");
    // none scores 10 points below before, with a little noise by seed: decided at 5 seeds
    InProcessBackend backend =
        new InProcessBackend(
            s ->
                Results.of(
                    s,
                    s.trial().variant().placement() == Placement.NONE
                        ? 0.80 + 0.003 * (s.trial().seed() % 3)
                        : 0.90 + 0.002 * (s.trial().seed() % 2)));
    List<TrialResult> kept = run(sequential(plan, List.of()), backend);
    assertEquals(1, backend.submissions().size(), "one round");
    assertEquals(10, kept.size(), "5 seeds of each variant");
  }

  /**
   * A variant that fails every time (a NaN loss) leaves its comparison undecided; the sweep still
   * ends, after at most one round per look, with each trial asked for once per run; and a rerun
   * that retries failed trials (the ledger's failures left out) ends too.
   */
  @Test
  void aVariantThatAlwaysFailsDoesNotKeepTheSweepGoing() {
    SweepPlan plan =
        plan(
            "seeds: {min: 5, max: 11, step: 3}\n"
                + "axes: {placement: [none, before], activation: [relu]}");
    Function<Segment, TrialResult> script =
        s ->
            s.trial().variant().placement() == Placement.NONE
                ? Results.failed(s.trial(), "loss is NaN", Failure.deterministic())
                : Results.of(s, 0.9 + 0.01 * (s.trial().seed() % 4));
    InProcessBackend first = new InProcessBackend(script);
    List<TrialResult> ledger = run(sequential(plan, List.of()), first);
    assertTrue(first.submissions().size() <= 3, "at most one round per look");
    assertEquals(
        first.segments().size(),
        first.segments().stream().map(s -> s.trial().id()).distinct().count(),
        "no trial asked for twice");

    // --retry-failed: the ledger's failures are left out of what the policy starts from
    List<TrialResult> withoutFailures = ledger.stream().filter(r -> !r.isFailed()).toList();
    InProcessBackend retry = new InProcessBackend(script);
    run(sequential(plan, withoutFailures), retry);
    assertTrue(retry.submissions().size() <= 3, "the retry ends too");
  }

  @Test
  void seedsGivenAsACountRunEverySeedInOneRound() {
    // the confirmation stage of tune: runs through SequentialPolicy whatever the seeds' form; a
    // count has no looks, and the policy once asked for no seed at all
    SweepPlan plan = plan("seeds: 3\naxes: {placement: [none, before], activation: [relu]}");
    InProcessBackend backend = new InProcessBackend(s -> Results.of(s, 0.9));
    List<TrialResult> kept = run(sequential(plan, List.of()), backend);
    assertEquals(1, backend.submissions().size(), "one round");
    assertEquals(6, kept.size(), "2 variants x 3 seeds");
    assertEquals(
        plan.trials().stream().map(Trial::id).sorted().toList(),
        kept.stream().map(TrialResult::trialId).sorted().toList());
  }

  private static SequentialPolicy sequential(SweepPlan plan, List<TrialResult> kept) {
    DecisionContext decisions =
        DecisionContext.of(
            plan.variants(),
            Optional.of(new SweepSpec.CompareSpec("placement", "before")),
            plan.spec().decisions());
    return new SequentialPolicy(plan.trials(), plan.variants(), decisions, kept);
  }
}
