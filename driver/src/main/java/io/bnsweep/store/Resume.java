package io.bnsweep.store;

import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run does with an output directory that already holds results: a pure function of the
 * planned trials and the ledger.
 *
 * <p>A trial with a COMPLETE result is not run again, nor is a PRUNED one (an early-stopping search
 * stopped it; only the search itself continues it). A FAILED one is not either if its failure was
 * deterministic (an exception of its own, NaN loss, time limit: rerunning would fail again), unless
 * failed trials are retried; a transient failure (I/O, a lost executor) is rerun. Results whose ids
 * the plan does not have are foreign: the spec changed in a way that changed trial ids.
 *
 * @param pending trials to run, in plan order
 * @param complete planned trials already COMPLETE
 * @param failed planned trials whose last result is FAILED and that will not be rerun
 * @param pruned planned trials whose last result is PRUNED
 * @param foreign ids in the ledger that the plan does not have
 */
public record Resume(
    List<Trial> pending, int complete, int failed, int pruned, Set<String> foreign) {
  public Resume {
    pending = List.copyOf(pending);
    foreign = Set.copyOf(foreign);
  }

  /** The resume decision for {@code planned} trials given {@code ledger}. */
  public static Resume of(List<Trial> planned, List<TrialResult> ledger, boolean retryFailed) {
    Map<String, TrialResult> latest =
        ResultStore.latestPerTrial(ledger).stream()
            .collect(Collectors.toMap(TrialResult::trialId, r -> r));
    Set<String> plannedIds = planned.stream().map(Trial::id).collect(Collectors.toSet());
    int complete = 0;
    int failed = 0;
    int pruned = 0;
    List<Trial> pending = new java.util.ArrayList<>();
    for (Trial trial : planned) {
      TrialResult last = latest.get(trial.id());
      if (last != null && last.isComplete()) {
        complete++;
      } else if (last != null && last.isPruned()) {
        pruned++;
      } else if (last != null && !retryFailed && !last.isTransientFailure()) {
        failed++;
      } else {
        pending.add(trial);
      }
    }
    Set<String> foreign =
        latest.keySet().stream().filter(id -> !plannedIds.contains(id)).collect(Collectors.toSet());
    return new Resume(pending, complete, failed, pruned, foreign);
  }
}
