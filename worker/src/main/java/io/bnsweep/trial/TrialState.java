package io.bnsweep.trial;

/** How a trial ended. */
public enum TrialState {
  /** Trained and evaluated to its last epoch; its metrics are valid. */
  COMPLETE,
  /**
   * Threw, or its loss stopped being finite; the result carries the reason and, in {@link
   * TrialResult#failure}, whether the failure is a verdict (deterministic) or may pass (transient).
   */
  FAILED,
  /**
   * Stopped before its last epoch by an early-stopping search (asynchronous successive halving):
   * its epochs and curve so far are kept; never retried, and not a failure. A search that promotes
   * it later continues it from its checkpoint, and its next result replaces this one.
   */
  PRUNED
}
