package io.bnsweep.schedule;

import io.bnsweep.trial.Segment;
import io.bnsweep.trial.TrialResult;
import java.util.List;

/**
 * Which trials a sweep runs, for how many epochs, and when it stops: the schedule, apart from where
 * the trials run ({@link io.bnsweep.sweep.TrialBackend}) and where results are kept.
 *
 * <p>The driver loop ({@link io.bnsweep.sweep.SweepLoop}) asks {@link #next} for work whenever a
 * result has arrived (and once at the start), submits what it gets, and hands every result to
 * {@link #arrived} once it is in the ledger. A policy that works in barrier rounds (a grid, rounds
 * of seeds) returns nothing while work is {@code running}; one that works asynchronously
 * (successive halving) returns work as soon as it can, so free slots never wait for a round's
 * slowest trial. The sweep ends when nothing is running and {@link #next} returns nothing.
 *
 * <p>A policy is built from what the ledger already holds (its factory replays it), so a rerun on
 * the same output directory continues the same schedule. It must never ask for a segment it has
 * already been given a result for in this run: that is what bounds every sweep (the loop refuses
 * such a request).
 */
public interface RoundPolicy {
  /**
   * The segments to start now.
   *
   * @param running segments submitted whose results have not arrived yet
   */
  List<Segment> next(int running);

  /** {@code result} arrived and is kept. */
  void arrived(TrialResult result);

  /** How this policy describes its plan in the sweep's first line, e.g. "rounds of seeds". */
  String describe();
}
