package io.bnsweep.sweep;

import io.bnsweep.trial.Segment;
import io.bnsweep.trial.TrialResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where trial segments run: Spark, one task per segment ({@link SparkBackend}), data-parallel
 * training on the whole cluster, or, in tests, the calling JVM on scripted results. The driver loop
 * ({@link SweepLoop}) submits work and takes results one at a time, so a policy can add work as
 * results arrive.
 */
public interface TrialBackend extends AutoCloseable {
  /**
   * Starts {@code segments} without waiting for them: they run as one unit (one Spark job, its
   * tasks in parallel) beside whatever was submitted before.
   */
  void submit(List<Segment> segments);

  /**
   * The next finished segment's result, waiting up to {@code timeout}; empty if none finished in
   * time.
   *
   * @throws RuntimeException (a Spark exception, unchecked) if a submitted unit failed as a whole,
   *     for example a job aborted after a task's retries; results handed over before stay handed
   *     over
   * @throws InterruptedException if the thread was interrupted while waiting
   */
  Optional<TrialResult> poll(Duration timeout) throws InterruptedException;

  /**
   * How many segments can run at once (the cores of the cluster or the embedded master over one
   * task's): the loop keeps a policy that submits as results arrive this busy.
   */
  int slots();

  /** Stops what runs and releases the backend (Spark's context). */
  @Override
  void close();
}
