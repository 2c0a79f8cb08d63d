package io.bnsweep.trial;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one epoch of a trial measured.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean minibatch loss over the epoch
 * @param testAccuracy accuracy on the test subset at the end of the epoch, or {@code null} when the
 *     trial is a search's (scored on validation only, so that selection never sees the test split)
 * @param testLoss mean negative log-likelihood on the test subset at the end of the epoch, or
 *     {@code null} as for {@code testAccuracy}
 * @param trainSeconds wall time spent fitting in this epoch (evaluation excluded)
 * @param validationAccuracy accuracy on the validation split at the end of the epoch, or {@code
 *     null} without one ({@code validationSize: 0}, and results written before it existed)
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double testAccuracy,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double testLoss,
    double trainSeconds,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double validationAccuracy) {
  /** An epoch without a validation split. */
  public EpochMetrics(
      int epoch, double trainLoss, Double testAccuracy, Double testLoss, double trainSeconds) {
    this(epoch, trainLoss, testAccuracy, testLoss, trainSeconds, null);
  }
}
