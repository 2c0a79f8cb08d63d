package io.bnsweep.schedule;

import io.bnsweep.axis.Axes;
import io.bnsweep.plan.TunePlan;
import io.bnsweep.report.stats.DecisionContext;
import io.bnsweep.spec.SweepSpec;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Tune, then compare. Stage A searches every arm (variant of the compared grid) apart, with the
 * same budget, by asynchronous successive halving on validation accuracy ({@link AshaPolicy}, one
 * bracket per arm). When the search has ended, stage B trains each arm at its chosen configuration
 * (the best validation accuracy at the last rung) on the confirmation seeds, seeded sequentially
 * ({@link SequentialPolicy}) and decided on test accuracy, with the tuned settings left out of the
 * strata so that arms at their own settings pair by seed; with {@code alsoFixed}, the arms at the
 * spec's own settings run beside them on the same seeds, decided as a second family.
 *
 * <p>Everything is a function of the ledger in its order: a rerun replays the search, chooses the
 * same configurations and continues stage B where it stopped.
 */
public final class TunePolicy implements RoundPolicy {
  private final TunePlan plan;
  private final SweepSpec spec;
  private final Function<List<Variant>, DecisionContext> decisions;
  private final AshaPolicy search;
  private final List<TrialResult> ledger;
  private final boolean retryFailed;
  private final List<Trial> fixedTrials;
  private final Set<String> searching = new HashSet<>();
  private SequentialPolicy tuned;
  private SequentialPolicy fixed;
  private Map<Variant, Trial> chosen;

  /**
   * @param plan the tuned comparison's trials
   * @param fixedTrials the arms at the spec's own settings on the confirmation seeds (empty unless
   *     {@code alsoFixed})
   * @param decisions the decision context of a family of variants
   * @param ledger every line of the ledger, in order
   * @param retryFailed whether failed confirmation trials of earlier runs run again
   */
  public TunePolicy(
      TunePlan plan,
      SweepSpec spec,
      List<Trial> fixedTrials,
      Function<List<Variant>, DecisionContext> decisions,
      List<TrialResult> ledger,
      boolean retryFailed) {
    this.plan = plan;
    this.spec = spec;
    this.fixedTrials = List.copyOf(fixedTrials);
    this.decisions = decisions;
    this.ledger = List.copyOf(ledger);
    this.retryFailed = retryFailed;
    this.search = new AshaPolicy(plan.spec().rungs(), plan.brackets());
    search.replay(ledger);
  }

  @Override
  public List<Segment> next(int running) {
    if (tuned == null) {
      List<Segment> more = search.next(running);
      more.forEach(s -> searching.add(s.trial().id()));
      if (!more.isEmpty() || !searching.isEmpty()) {
        return more;
      }
      startConfirmation();
    }
    List<Segment> next = new ArrayList<>(tuned.next(running));
    if (fixed != null) {
      next.addAll(fixed.next(running));
    }
    return next;
  }

  /** The search has ended: choose each arm's configuration and plan stage B. */
  private void startConfirmation() {
    chosen = chosen(search, plan);
    List<Trial> planned = new ArrayList<>();
    List<Variant> arms = new ArrayList<>();
    chosen.forEach(
        (arm, trial) -> {
          List<Trial> confirmations = plan.confirmations(arm, trial);
          planned.addAll(confirmations);
          arms.add(plan.compared(confirmations.get(0).variant()));
        });
    Set<String> ids = new HashSet<>();
    planned.forEach(t -> ids.add(t.id()));
    tuned = new SequentialPolicy(planned, arms, decisions.apply(arms), kept(ids), plan::compared);
    if (!fixedTrials.isEmpty()) {
      Set<String> fixedIds = new HashSet<>();
      fixedTrials.forEach(t -> fixedIds.add(t.id()));
      fixed =
          new SequentialPolicy(
              fixedTrials, plan.arms(), decisions.apply(plan.arms()), kept(fixedIds));
    }
  }

  /** The last ledger line of each of {@code ids}, minus what this run retries. */
  private List<TrialResult> kept(Set<String> ids) {
    Map<String, TrialResult> last = new LinkedHashMap<>();
    ledger.stream().filter(r -> ids.contains(r.trialId())).forEach(r -> last.put(r.trialId(), r));
    return last.values().stream()
        .filter(r -> !r.isFailed() || !(retryFailed || r.isTransientFailure()))
        .toList();
  }

  /**
   * Each arm's chosen search trial: the best validation accuracy at the last rung (ties to the
   * earlier configuration); an arm none of whose configurations reached it (all diverged) has none.
   */
  public static Map<Variant, Trial> chosen(AshaPolicy search, TunePlan plan) {
    Map<Variant, Trial> chosen = new LinkedHashMap<>();
    List<AshaPolicy.BracketState> states = search.state();
    for (int a = 0; a < plan.arms().size(); a++) {
      List<String> complete = states.get(a).complete();
      if (complete.isEmpty()) {
        continue;
      }
      String best = complete.get(0);
      Variant arm = plan.arms().get(a);
      plan.brackets().get(a).stream()
          .filter(t -> t.id().equals(best))
          .findFirst()
          .ifPresent(t -> chosen.put(arm, t));
    }
    return chosen;
  }

  @Override
  public void arrived(TrialResult result) {
    if (searching.remove(result.trialId())) {
      search.arrived(result);
      return;
    }
    String stage = result.variant().find(Axes.STAGE).orElse("fixed");
    if (stage.equals("tuned") && tuned != null) {
      tuned.arrived(result);
    } else if (fixed != null) {
      fixed.arrived(result);
    }
  }

  /** The search (stage A). */
  public AshaPolicy search() {
    return search;
  }

  /** Each arm's chosen search trial, once the search has ended. */
  public Optional<Map<Variant, Trial>> choices() {
    return Optional.ofNullable(chosen);
  }

  @Override
  public String describe() {
    return "tune, then compare: " + search.describe() + ", then rounds of seeds";
  }

  /** The spec this policy runs. */
  SweepSpec spec() {
    return spec;
  }
}
