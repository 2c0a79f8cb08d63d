package io.bnsweep.schedule;

import io.bnsweep.spec.Rungs;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asynchronous successive halving (ASHA: Li et al. 2020, "A System for Massively Parallel
 * Hyperparameter Tuning", Algorithm 2), with epochs as the resource, over one or more brackets of
 * configurations (one bracket per variant of a tuned comparison, each searched apart with the same
 * budget).
 *
 * <p>Whenever a slot is free it looks, from the highest rung down, for a trial in the top ⌊n/eta⌋
 * of the n results its rung has so far that has not been promoted yet, and promotes the best such
 * trial to the next rung (it continues from its checkpoint); if there is none, it starts the
 * bracket's next configuration at the first rung. A trial not promoted is <em>paused</em> (kept as
 * PRUNED) and stays promotable as its rung fills; it is PRUNED for good if the search ends without
 * promoting it. A trial that fails (a NaN loss) scores as the worst of its rung and is never
 * promoted or retried. Brackets take turns, so that each gets the same share of the slots.
 *
 * <p>Every decision is a function of the results in the order they arrived, so replaying the ledger
 * in its order ({@link #replay}) rebuilds the state a killed driver had, and a rerun decides the
 * same for everything recorded. Ties in score go to the trial that came first in its bracket.
 */
public final class AshaPolicy implements RoundPolicy {
  private final Rungs rungs;
  private final List<Integer> epochs;
  private final List<Bracket> brackets = new ArrayList<>();
  private final Map<String, Bracket> bracketOf = new HashMap<>();
  private final Map<String, Integer> position = new HashMap<>();
  private final Set<String> running = new HashSet<>();
  private int turn;

  /**
   * @param brackets each bracket's configurations, in the order they start; every trial's {@code
   *     epochs} setting is {@code rungs.maxEpochs()}
   */
  public AshaPolicy(Rungs rungs, List<List<Trial>> brackets) {
    this.rungs = rungs;
    this.epochs = rungs.epochs();
    for (List<Trial> trials : brackets) {
      Bracket b = new Bracket(trials, epochs.size());
      this.brackets.add(b);
      for (int i = 0; i < trials.size(); i++) {
        bracketOf.put(trials.get(i).id(), b);
        position.put(trials.get(i).id(), i);
      }
    }
  }

  /**
   * Feeds what the ledger holds, in its order (every line, not only the last per trial), as if it
   * had just arrived: a trial is scored at each rung its epochs reach.
   */
  public void replay(List<TrialResult> ledger) {
    for (TrialResult r : ledger) {
      if (bracketOf.containsKey(r.trialId())) {
        record(r);
      }
    }
  }

  @Override
  public List<Segment> next(int runningNow) {
    // one segment per call: the loop asks again at once, and after every result
    for (int i = 0; i < brackets.size(); i++) {
      Bracket b = brackets.get((turn + i) % brackets.size());
      Optional<Segment> s = b.next();
      if (s.isPresent()) {
        turn = (turn + i + 1) % brackets.size();
        running.add(s.get().trial().id());
        return List.of(s.get());
      }
    }
    return List.of();
  }

  @Override
  public void arrived(TrialResult result) {
    running.remove(result.trialId());
    record(result);
  }

  private void record(TrialResult r) {
    Bracket b = bracketOf.get(r.trialId());
    b.started.add(r.trialId());
    if (r.isFailed()) {
      // the worst of the rung it was training for (the one after its highest), never promoted
      int rung = Math.min(epochs.size() - 1, b.reached.getOrDefault(r.trialId(), -1) + 1);
      b.score(rung, r.trialId(), Double.NEGATIVE_INFINITY);
      b.dead.add(r.trialId());
      return;
    }
    for (int k = 0; k < epochs.size() && epochs.get(k) <= r.epochs().size(); k++) {
      Double v = r.epochs().get(epochs.get(k) - 1).validationAccuracy();
      b.score(k, r.trialId(), v == null ? Double.NEGATIVE_INFINITY : v);
    }
  }

  @Override
  public String describe() {
    return "asynchronous successive halving (rungs at "
        + epochs
        + " epochs, eta "
        + rungs.eta()
        + ")";
  }

  /** The rungs. */
  public Rungs rungs() {
    return rungs;
  }

  /** Each bracket's state now, in bracket order. */
  public List<BracketState> state() {
    return brackets.stream().map(Bracket::state).toList();
  }

  /**
   * A bracket's state: each configuration's best rung so far and its score there, and the ids of
   * the trials that reached the last rung, best first.
   *
   * @param scores per rung, trial id to validation score, in arrival order
   * @param complete trials that reached the last rung, best first
   */
  public record BracketState(List<Map<String, Double>> scores, List<String> complete) {}

  private final class Bracket {
    private final List<Trial> trials;
    private final List<Map<String, Double>> scores = new ArrayList<>();
    private final Map<String, Integer> reached = new HashMap<>();
    private final Set<String> started = new HashSet<>();
    private final Set<String> dead = new HashSet<>();
    private int nextNew;

    Bracket(List<Trial> trials, int rungCount) {
      this.trials = List.copyOf(trials);
      for (int k = 0; k < rungCount; k++) {
        scores.add(new LinkedHashMap<>());
      }
    }

    void score(int rung, String id, double value) {
      scores.get(rung).putIfAbsent(id, value);
      reached.merge(id, rung, Math::max);
    }

    Optional<Segment> next() {
      // promotions first, from the highest rung that can promote down
      for (int k = epochs.size() - 2; k >= 0; k--) {
        Optional<String> promote = promotable(k);
        if (promote.isPresent()) {
          Trial t = trials.get(position.get(promote.get()));
          return Optional.of(new Segment(t, epochs.get(k + 1), false));
        }
      }
      while (nextNew < trials.size()) {
        Trial t = trials.get(nextNew++);
        if (!started.contains(t.id())) {
          started.add(t.id());
          return Optional.of(new Segment(t, epochs.get(0), false));
        }
      }
      return Optional.empty();
    }

    /**
     * The best trial of rung k's top ⌊n/eta⌋ that is still at rung k (not promoted yet: a promoted
     * trial is running, or has a score at a higher rung) and alive.
     */
    private Optional<String> promotable(int k) {
      Map<String, Double> rung = scores.get(k);
      int top = rung.size() / rungs.eta();
      List<String> ranked = new ArrayList<>(rung.keySet());
      ranked.sort(Comparator.comparing((String id) -> -rung.get(id)).thenComparing(position::get));
      return ranked.stream()
          .limit(top)
          .filter(id -> reached.get(id) == k && !dead.contains(id) && !running.contains(id))
          .findFirst();
    }

    BracketState state() {
      Map<String, Double> last = scores.get(epochs.size() - 1);
      List<String> complete = new ArrayList<>(last.keySet());
      complete.removeIf(dead::contains);
      complete.sort(
          Comparator.comparing((String id) -> -last.get(id)).thenComparing(position::get));
      return new BracketState(scores.stream().map(Map::copyOf).toList(), complete);
    }
  }
}
