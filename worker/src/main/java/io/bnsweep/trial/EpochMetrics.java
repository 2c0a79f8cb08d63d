package io.bnsweep.trial;

/**
 * What one epoch of a trial measured.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean minibatch loss over the epoch
 * @param testAccuracy accuracy on the test subset at the end of the epoch
 * @param testLoss mean negative log-likelihood on the test subset at the end of the epoch
 * @param trainSeconds wall time spent fitting in this epoch (evaluation excluded)
 */
public record EpochMetrics(
    int epoch, double trainLoss, double testAccuracy, double testLoss, double trainSeconds) {}
