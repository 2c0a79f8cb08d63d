package io.bnsweep.trial;

import io.bnsweep.axis.Axes;

/**
 * A unit of work on one trial: train it up to epoch {@code untilEpoch}, continuing from its
 * checkpoint if it has one. Immutable, made of values only, so that it can travel to a Spark
 * executor as a trial does.
 *
 * @param trial the trial
 * @param untilEpoch the last epoch to train, from 1 to the variant's {@link Axes#EPOCHS}
 * @param evaluateTest whether to score the test split after each epoch; a search that selects on
 *     validation leaves it off, and the result then carries no test figures
 */
public record Segment(Trial trial, int untilEpoch, boolean evaluateTest) {
  public Segment {
    int epochs = trial.variant().get(Axes.EPOCHS);
    if (untilEpoch < 1 || untilEpoch > epochs) {
      throw new IllegalArgumentException(
          "untilEpoch " + untilEpoch + " is outside 1.." + epochs + " for trial " + trial.id());
    }
  }

  /** The whole trial, test split included: what {@link TrialRunner#run(Trial)} runs. */
  public static Segment whole(Trial trial) {
    return new Segment(trial, trial.variant().get(Axes.EPOCHS), true);
  }

  /** True if this segment ends at the trial's last epoch. */
  public boolean isFinal() {
    return untilEpoch == trial.variant().get(Axes.EPOCHS);
  }
}
