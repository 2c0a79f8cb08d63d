package io.bnsweep.trial;

/**
 * What running a {@link Segment} gave: the trial's result so far, and how the run got there.
 *
 * @param result the trial's result, epochs 1..{@code untilEpoch}
 * @param resumedAfterEpoch the epoch of the checkpoint the run continued from, 0 if it started from
 *     scratch
 * @param epochsTrained the epochs this run trained (resumed ones excluded)
 * @param checkpointsWritten checkpoints this run wrote
 * @param checkpointSeconds wall time this run spent serialising and writing checkpoints
 */
public record SegmentResult(
    TrialResult result,
    int resumedAfterEpoch,
    int epochsTrained,
    int checkpointsWritten,
    double checkpointSeconds) {}
