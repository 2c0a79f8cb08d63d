package io.bnsweep.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.plan.SweepPlan;
import io.bnsweep.spec.Rungs;
import io.bnsweep.testing.InProcessBackend;
import io.bnsweep.testing.Results;
import io.bnsweep.trial.Failure;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous successive halving against a bracket worked out by hand: eta 3, rungs at 1, 3 and 9
 * epochs, 27 configurations, scripted validation scores.
 */
class AshaPolicyTest {
  private static final Rungs RUNGS = new Rungs(1, 9, 3);

  /** Rung-0 scores of configurations c0..c8 (later ones score below all of these). */
  private static final double[] FIRST = {0.50, 0.90, 0.10, 0.95, 0.20, 0.30, 0.40, 0.15, 0.25};

  /** 27 configurations (seeds 1..27 of one variant), in the order they start. */
  private static List<Trial> configurations() {
    SweepPlan plan =
        SweepLoopTest.plan("seeds: 27\nepochs: 9\naxes: {placement: [none], activation: [relu]}");
    return plan.trials();
  }

  /**
   * c_i's score at any epoch: its rung-0 score, plus a hundredth per epoch trained after the 1st.
   */
  private static double score(List<Trial> configs, Segment s) {
    int i = configs.indexOf(s.trial());
    double first = i < FIRST.length ? FIRST[i] : 0.05 - 0.001 * i;
    return first + 0.01 * (s.untilEpoch() - 1) / 3.0;
  }

  private static String name(List<Trial> configs, Segment s) {
    return "c" + configs.indexOf(s.trial()) + "@" + s.untilEpoch();
  }

  @Test
  void rungsArePowersOfEtaThenTheLastEpoch() {
    assertEquals(List.of(1, 3, 9), new Rungs(1, 9, 3).epochs());
    assertEquals(List.of(1, 3, 9, 10), new Rungs(1, 10, 3).epochs());
    assertEquals(List.of(2, 4, 8, 12), new Rungs(2, 12, 2).epochs());
    assertEquals(List.of(5), new Rungs(5, 5, 3).epochs());
  }

  /**
   * One slot, so each decision follows one result. By hand: c0, c1, c2 start; with 3 results at
   * rung 0 the top 1 is c1, promoted to 3 epochs; rung 1 has 1 result (top 0), so c3 starts; with 4
   * at rung 0 the top 1 is c3, promoted; c4..c8 start while rung 0's top (c3, c1, then at 9 results
   * c0) is promoted or not yet full: at 9 results c0, paused since its first segment, is in the top
   * 3 and promoted; then rung 1 holds c1, c3, c0, whose top 1, c3, goes to 9 epochs.
   */
  @Test
  void promotionsFollowTheHandWorkedBracket() {
    List<Trial> configs = configurations();
    AshaPolicy policy = new AshaPolicy(RUNGS, List.of(configs));
    InProcessBackend backend =
        new InProcessBackend(s -> Results.of(s, score(configs, s)), 1, running -> 0);
    List<TrialResult> kept = SweepLoopTest.run(policy, backend);

    List<String> order = backend.segments().stream().map(s -> name(configs, s)).toList();
    assertEquals(
        List.of(
            "c0@1", "c1@1", "c2@1", "c1@3", "c3@1", "c3@3", "c4@1", "c5@1", "c6@1", "c7@1", "c8@1",
            "c0@3", "c3@9", "c9@1"),
        order.subList(0, 14));

    // the whole bracket: every configuration starts once; rung 1 gets at least a third of rung 0,
    // rung 2 at least a third of rung 1 (ASHA promotes a little more than synchronous halving)
    Map<Integer, Integer> perRung = new HashMap<>();
    backend.segments().forEach(s -> perRung.merge(s.untilEpoch(), 1, Integer::sum));
    assertEquals(27, perRung.get(1));
    assertTrue(perRung.get(3) >= 9 && perRung.get(3) <= 13, "rung 1: " + perRung);
    assertTrue(perRung.get(9) >= 3 && perRung.get(9) <= 5, "rung 2: " + perRung);
    int epochs = backend.segments().stream().mapToInt(s -> segmentEpochs(s)).sum();
    assertTrue(epochs <= 243 / 3, "at most a third of the full search's 243 epochs: " + epochs);

    // c3 is the best and completes; the search ends with every other trial's last line PRUNED
    List<TrialResult> last = lastPerTrial(kept);
    assertEquals(27, last.size());
    TrialResult best = policy.state().get(0).complete().isEmpty() ? null : byId(last, policy);
    assertEquals(configs.get(3).id(), best.trialId());
    assertEquals(TrialState.COMPLETE, best.state());
    assertTrue(
        last.stream()
            .filter(r -> r.epochs().size() < 9)
            .allMatch(r -> r.state() == TrialState.PRUNED));
  }

  /** Epochs a segment trains: from the rung before its own (a promoted trial continues). */
  private static int segmentEpochs(Segment s) {
    int rung = RUNGS.rungAt(s.untilEpoch());
    return rung == 0 ? s.untilEpoch() : s.untilEpoch() - RUNGS.epochs().get(rung - 1);
  }

  private static TrialResult byId(List<TrialResult> last, AshaPolicy policy) {
    String id = policy.state().get(0).complete().get(0);
    return last.stream().filter(r -> r.trialId().equals(id)).findFirst().orElseThrow();
  }

  private static List<TrialResult> lastPerTrial(List<TrialResult> ledger) {
    Map<String, TrialResult> last = new java.util.LinkedHashMap<>();
    ledger.forEach(r -> last.put(r.trialId(), r));
    return new ArrayList<>(last.values());
  }

  /**
   * A driver killed in the middle: a new policy that replays the ledger so far, in its order, makes
   * the same decisions as the uninterrupted search, and runs nothing recorded again. With one slot
   * the arrival order does not depend on timing, so the whole sequence of segments is the same.
   */
  @Test
  void replayingTheLedgerContinuesWithTheSameDecisions() {
    List<Trial> configs = configurations();
    Function<Segment, TrialResult> script = s -> Results.of(s, score(configs, s));
    InProcessBackend whole = new InProcessBackend(script, 1, running -> 0);
    List<TrialResult> ledger = SweepLoopTest.run(new AshaPolicy(RUNGS, List.of(configs)), whole);

    // a driver killed after 20 results, with the segment then running lost
    List<TrialResult> before = ledger.subList(0, 20);
    AshaPolicy resumed = new AshaPolicy(RUNGS, List.of(configs));
    resumed.replay(before);
    InProcessBackend rest = new InProcessBackend(script, 1, running -> 0);
    List<TrialResult> after = SweepLoopTest.run(resumed, rest);

    List<Segment> continued = new ArrayList<>(whole.segments().subList(0, 20));
    continued.addAll(rest.segments());
    assertEquals(whole.segments(), continued, "the same segments in the same order");
    assertEquals(ledger.subList(20, ledger.size()), after, "the same results after the kill");
  }

  /** A configuration whose loss becomes NaN scores as the worst of its rung, never retried. */
  @Test
  void aDivergedConfigurationIsTheWorstOfItsRungAndNotRetried() {
    List<Trial> configs = configurations();
    Trial diverges = configs.get(3); // the best by score, were it not to diverge
    InProcessBackend backend =
        new InProcessBackend(
            s ->
                s.trial().equals(diverges)
                    ? Results.failed(s.trial(), "loss is NaN", Failure.deterministic())
                    : Results.of(s, score(configs, s)),
            1,
            running -> 0);
    AshaPolicy policy = new AshaPolicy(RUNGS, List.of(configs));
    SweepLoopTest.run(policy, backend);
    assertEquals(
        1, backend.segments().stream().filter(s -> s.trial().equals(diverges)).count(), "once");
    assertEquals(configs.get(1).id(), policy.state().get(0).complete().get(0), "c1 wins instead");
  }
}
