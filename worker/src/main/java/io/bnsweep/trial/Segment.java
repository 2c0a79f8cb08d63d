package io.bnsweep.trial;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.bnsweep.axis.Axes;

/**
 * One piece of work for an executor: a trial trained up to an epoch. A whole trial is one segment
 * to its last epoch; an early-stopping search trains a trial in several, each continuing from the
 * checkpoint the one before left.
 *
 * @param trial the trial
 * @param untilEpoch the epoch to train up to (at most the trial's {@code epochs})
 * @param evaluateTest whether to score the test split; a search's trials are scored on validation
 *     only, so that the choice of configuration never sees the test split
 */
public record Segment(Trial trial, int untilEpoch, boolean evaluateTest) {
  public Segment {
    int epochs = trial.variant().get(Axes.EPOCHS);
    if (untilEpoch < 1 || untilEpoch > epochs) {
      throw new IllegalArgumentException(
          "untilEpoch " + untilEpoch + " outside 1.." + epochs + " for trial " + trial.id());
    }
  }

  /** The whole of {@code trial}, scored on test. */
  public static Segment whole(Trial trial) {
    return new Segment(trial, trial.variant().get(Axes.EPOCHS), true);
  }

  /** True if this segment trains the trial to its last epoch. */
  @JsonIgnore
  public boolean isLast() {
    return untilEpoch == trial.variant().get(Axes.EPOCHS);
  }
}
