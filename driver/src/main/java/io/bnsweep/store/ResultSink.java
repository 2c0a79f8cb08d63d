package io.bnsweep.store;

import io.bnsweep.trial.TrialResult;

/**
 * Where a sweep keeps each result as it arrives: the ledger ({@link ResultStore}) today; an
 * experiment tracker would be one more implementation. {@link #keep} returns only once the result
 * is durable, since the sweep reports a trial as finished right after it.
 */
@FunctionalInterface
public interface ResultSink {
  /** Keeps {@code result}. */
  void keep(TrialResult result);
}
