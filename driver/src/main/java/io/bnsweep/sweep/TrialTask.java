package io.bnsweep.sweep;

import io.bnsweep.trial.Segment;
import io.bnsweep.trial.TrialResult;
import java.io.Serializable;

/**
 * What an executor does with a trial. Serialized into every task, so it must be small and hold only
 * what every trial needs.
 */
@FunctionalInterface
public interface TrialTask extends Serializable {
  /** Runs {@code segment}; never throws for the trial's own reasons. */
  TrialResult run(Segment segment);
}
