package io.bnsweep.sweep;

import io.bnsweep.trial.LocalFitter;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.SegmentResult;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialRunner;
import java.time.Duration;
import java.util.Locale;

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
  private final CheckpointLocation checkpoints;
  private final Duration cadence;

  /**
   * A task running each trial with {@code threads} native threads.
   *
   * @param localCores the cores of the embedded master, whose semaphore a trial takes its threads
   *     from ({@link TrialCores#acquire}); 0 on a cluster, where Spark's scheduler gives each task
   *     its cores
   * @param checkpoints where trials checkpoint and continue from, or {@code null} for nowhere
   * @param cadence the least time between two checkpoints of a trial
   */
  RunTrial(
      int threads,
      DatasetRef dataset,
      Duration timeLimit,
      int localCores,
      CheckpointLocation checkpoints,
      Duration cadence) {
    this.threads = threads;
    this.dataset = dataset;
    this.timeLimit = timeLimit;
    this.localCores = localCores;
    this.checkpoints = checkpoints;
    this.cadence = cadence;
  }

  @Override
  public TrialResult run(Segment segment) {
    if (localCores == 0) {
      return runHere(segment);
    }
    try {
      TrialCores.acquire(threads, localCores);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + threads + " cores", e);
    }
    try {
      return runHere(segment);
    } finally {
      TrialCores.release(threads, localCores);
    }
  }

  private TrialResult runHere(Segment segment) {
    TrialRunner runner =
        new TrialRunner(
            name -> dataset.load(),
            threads,
            LocalFitter::new,
            timeLimit,
            checkpoints == null ? null : checkpoints.open(),
            cadence);
    SegmentResult run = runner.runSegment(segment);
    if (run.resumedAfterEpoch() > 0) {
      // on the executor's log (the launcher's, embedded): a trial that continued, and from where
      System.err.printf(
          Locale.ROOT,
          "[bnsweep] trial %s resumed after epoch %d from its checkpoint, trained %d more%n",
          segment.trial().id(),
          run.resumedAfterEpoch(),
          run.epochsTrained());
    }
    return run.result();
  }
}
