package io.bnsweep.sweep;

import io.bnsweep.trial.LocalFitter;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialRunner;
import java.time.Duration;

/**
 * Trains and evaluates a trial on the executor with the worker's {@link TrialRunner}.
 *
 * <p>The dataset comes from the executor JVM's {@link io.bnsweep.data.DatasetCache} (through {@link
 * DatasetRef#load}), so it is decoded once per JVM however many trials the executor runs.
 */
final class RunTrial implements TrialTask {
  private static final long serialVersionUID = 1L;

  private final int threads;
  private final DatasetRef dataset;
  private final Duration timeLimit;

  RunTrial(int threads, DatasetRef dataset, Duration timeLimit) {
    this.threads = threads;
    this.dataset = dataset;
    this.timeLimit = timeLimit;
  }

  @Override
  public TrialResult run(Trial trial) {
    return new TrialRunner(name -> dataset.load(), threads, LocalFitter::new, timeLimit).run(trial);
  }
}
