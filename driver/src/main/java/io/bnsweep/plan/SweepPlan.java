package io.bnsweep.plan;

import io.bnsweep.spec.SweepSpec;
import io.bnsweep.trial.TrainingConfig;
import io.bnsweep.trial.Trial;
import java.util.List;

/**
 * A spec resolved against its dataset: the training settings every trial shares and the trials in
 * run order.
 *
 * @param spec the spec it came from
 * @param training the resolved training settings
 * @param variants number of grid points
 * @param trials every trial, seeds innermost
 */
public record SweepPlan(SweepSpec spec, TrainingConfig training, int variants, List<Trial> trials) {
  public SweepPlan {
    trials = List.copyOf(trials);
  }
}
