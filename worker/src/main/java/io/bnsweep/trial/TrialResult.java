package io.bnsweep.trial;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.bnsweep.diagnostics.EpochDiagnostics;
import io.bnsweep.diagnostics.InferenceCost;
import io.bnsweep.variant.Variant;
import java.util.List;

/**
 * What a trial reports: its state and, when COMPLETE, its metrics.
 *
 * @param trialId the trial's stable id
 * @param variant every resolved setting of the trial (results written before the settings were
 *     recorded carry placement and activation only)
 * @param seed the seed
 * @param state COMPLETE or FAILED
 * @param failureReason why it failed, or {@code null}
 * @param testAccuracy final test accuracy, or {@code null} if FAILED
 * @param testLoss final test loss, or {@code null} if FAILED
 * @param epochs per-epoch metrics, as far as training got
 * @param trainSeconds wall time spent fitting, all epochs
 * @param samplesPerSecond training examples processed per second of fitting
 * @param diagnostics mechanism measurements at the end of every epoch, as far as training got
 * @param inference inference cost of the trained network, or {@code null} if it was not measured
 * @param usage wall time and CPU the trial used
 * @param provenance where and with what it ran
 */
public record TrialResult(
    String trialId,
    Variant variant,
    long seed,
    TrialState state,
    String failureReason,
    Double testAccuracy,
    Double testLoss,
    List<EpochMetrics> epochs,
    double trainSeconds,
    double samplesPerSecond,
    List<EpochDiagnostics> diagnostics,
    InferenceCost inference,
    Usage usage,
    Provenance provenance) {

  public TrialResult {
    epochs = List.copyOf(epochs);
    diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
  }

  /** This result with the Spark executor id added to its provenance. */
  public TrialResult withExecutorId(String executorId) {
    return with(variant, provenance.withExecutorId(executorId));
  }

  /**
   * This result with {@code resolved} as its variant: for results written before every setting was
   * recorded, whose trial id says which planned trial (and so which settings) they belong to.
   */
  public TrialResult withVariant(Variant resolved) {
    return with(resolved, provenance);
  }

  private TrialResult with(Variant variant, Provenance provenance) {
    return new TrialResult(
        trialId,
        variant,
        seed,
        state,
        failureReason,
        testAccuracy,
        testLoss,
        epochs,
        trainSeconds,
        samplesPerSecond,
        diagnostics,
        inference,
        usage,
        provenance);
  }

  /**
   * The final validation accuracy: the last epoch's, or {@code null} if FAILED or the trial had no
   * validation split.
   */
  @JsonIgnore
  public Double validationAccuracy() {
    return isComplete() && !epochs.isEmpty()
        ? epochs.get(epochs.size() - 1).validationAccuracy()
        : null;
  }

  /** True if the trial trained and evaluated to the end. */
  @JsonIgnore
  public boolean isComplete() {
    return state == TrialState.COMPLETE;
  }
}
