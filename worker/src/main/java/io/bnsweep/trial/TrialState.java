package io.bnsweep.trial;

/** How a trial ended. */
public enum TrialState {
  /** Trained and evaluated; its metrics are valid. */
  COMPLETE,
  /** Threw, or its loss stopped being finite; the result carries the reason. */
  FAILED
}
