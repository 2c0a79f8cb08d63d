package io.bnsweep.sweep;

import io.bnsweep.data.Dataset;
import io.bnsweep.trial.LocalFitter;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.SegmentResult;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialRunner;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

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
  private final String running;

  /**
   * A task running each trial with {@code threads} native threads.
   *
   * @param localCores the cores of the embedded master, whose semaphore a trial takes its threads
   *     from ({@link TrialCores#acquire}); 0 on a cluster, where Spark's scheduler gives each task
   *     its cores
   * @param checkpoints where trials checkpoint and continue from, or {@code null} for nowhere
   * @param cadence the least time between two checkpoints of a trial
   * @param running the directory of {@link RunningMarks} where each trial marks itself as started
   *     before it runs (embedded mode, where the executor is the sweep's own JVM), or {@code null}
   */
  RunTrial(
      int threads,
      DatasetRef dataset,
      Duration timeLimit,
      int localCores,
      CheckpointLocation checkpoints,
      Duration cadence,
      String running) {
    this.threads = threads;
    this.dataset = dataset;
    this.timeLimit = timeLimit;
    this.localCores = localCores;
    this.checkpoints = checkpoints;
    this.cadence = cadence;
    this.running = running;
  }

  @Override
  public TrialResult run(Segment segment) {
    if (localCores == 0) {
      mark(segment);
      return runHere(segment);
    }
    try {
      TrialCores.acquire(threads, localCores);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + threads + " cores", e);
    }
    try {
      mark(segment);
      return runHere(segment);
    } finally {
      TrialCores.release(threads, localCores);
    }
  }

  /**
   * Marks the trial as running in this JVM, if this JVM is the sweep's own. A mark that cannot be
   * written (a full disk) is said and the trial runs: the ledger's own write then fails and says
   * what is kept.
   */
  private void mark(Segment segment) {
    if (running == null) {
      return;
    }
    try {
      RunningMarks.at(running).started(segment.trial().id(), ProcessHandle.current().pid(), false);
    } catch (java.io.UncheckedIOException e) {
      System.err.println("[bnsweep] warning: " + e.getMessage());
    }
  }

  private TrialResult runHere(Segment segment) {
    return run(segment, dataset::load, threads, timeLimit, checkpoints, cadence);
  }

  /**
   * Runs {@code segment} on this thread with {@code threads} native threads: the task's body, and
   * that of a JVM that runs one trial alone ({@link IsolatedTrial}).
   */
  static TrialResult run(
      Segment segment,
      Supplier<Dataset> dataset,
      int threads,
      Duration timeLimit,
      CheckpointLocation checkpoints,
      Duration cadence) {
    TrialRunner runner =
        new TrialRunner(
            name -> dataset.get(),
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
