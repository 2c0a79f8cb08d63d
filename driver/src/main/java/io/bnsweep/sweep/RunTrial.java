package io.bnsweep.sweep;

import io.bnsweep.trial.LocalFitter;
import io.bnsweep.trial.Segment;
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
  private final int localCores;

  /**
   * A task running each trial with {@code threads} native threads.
   *
   * @param localCores the cores of the embedded master, whose semaphore a trial takes its threads
   *     from ({@link TrialCores#acquire}); 0 on a cluster, where Spark's scheduler gives each task
   *     its cores
   */
  RunTrial(int threads, DatasetRef dataset, Duration timeLimit, int localCores) {
    this.threads = threads;
    this.dataset = dataset;
    this.timeLimit = timeLimit;
    this.localCores = localCores;
  }

  @Override
  public TrialResult run(Segment segment) {
    TrialRunner runner =
        new TrialRunner(name -> dataset.load(), threads, LocalFitter::new, timeLimit);
    if (localCores == 0) {
      return runner.run(segment);
    }
    try {
      TrialCores.acquire(threads, localCores);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + threads + " cores", e);
    }
    try {
      return runner.run(segment);
    } finally {
      TrialCores.release(threads, localCores);
    }
  }
}
