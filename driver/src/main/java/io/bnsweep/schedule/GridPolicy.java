package io.bnsweep.schedule;

import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import java.util.List;

/** A fixed list of trials, run whole in one round: a grid or random search with a list of seeds. */
public final class GridPolicy implements RoundPolicy {
  private List<Trial> pending;

  /** The policy running {@code pending} (the planned trials without a result to keep). */
  public GridPolicy(List<Trial> pending) {
    this.pending = List.copyOf(pending);
  }

  @Override
  public List<Segment> next(int running) {
    List<Segment> round = pending.stream().map(Segment::whole).toList();
    pending = List.of();
    return round;
  }

  @Override
  public void arrived(TrialResult result) {}

  @Override
  public String describe() {
    return "one round";
  }
}
