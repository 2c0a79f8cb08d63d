package io.bnsweep.trial;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param state COMPLETE, FAILED or PRUNED
 * @param failureReason why it failed, or {@code null}
 * @param testAccuracy final test accuracy, or {@code null} if FAILED or never evaluated on test (a
 *     search trial, which is scored on validation only)
 * @param testLoss final test loss, or {@code null} as for {@code testAccuracy}
 * @param epochs per-epoch metrics, as far as training got
 * @param trainSeconds wall time spent fitting, all epochs
 * @param samplesPerSecond training examples processed per second of fitting
 * @param diagnostics mechanism measurements at the end of every epoch, as far as training got
 * @param inference inference cost of the trained network, or {@code null} if it was not measured
 * @param usage wall time and CPU the trial used
 * @param provenance where and with what it ran
 * @param failure the kind of failure and the attempts, when FAILED ({@code null} otherwise, and in
 *     ledgers written before it existed, which read as deterministic)
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
    Provenance provenance,
    @JsonInclude(JsonInclude.Include.NON_NULL) Failure failure) {

  public TrialResult {
    epochs = List.copyOf(epochs);
    diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    if (state == TrialState.FAILED && failure == null) {
      failure = Failure.deterministic();
    }
    if (state != TrialState.FAILED) {
      failure = null;
    }
  }

  /** A result whose failure, if FAILED, is deterministic on its first attempt. */
  public TrialResult(
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
    this(
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
        provenance,
        null);
  }

  /** This result with the Spark executor id added to its provenance. */
  public TrialResult withExecutorId(String executorId) {
    return with(variant, provenance.withExecutorId(executorId), state, failure);
  }

  /**
   * This result recorded as PRUNED: a search stopped the trial before its last epoch (a FAILED
   * result stays FAILED).
   */
  public TrialResult pruned() {
    return state == TrialState.COMPLETE ? with(variant, provenance, TrialState.PRUNED, null) : this;
  }

  /** This FAILED result after {@code attempts} tries. */
  public TrialResult withAttempts(int attempts) {
    return failure == null
        ? this
        : with(variant, provenance, state, failure.withAttempts(attempts));
  }

  /** True if FAILED for a reason that may pass (see {@link Failure}): worth trying again. */
  @JsonIgnore
  public boolean isTransientFailure() {
    return failure != null && failure.isTransient();
  }

  /** True if FAILED (of either kind). */
  @JsonIgnore
  public boolean isFailed() {
    return state == TrialState.FAILED;
  }

  /** True if PRUNED by a search. */
  @JsonIgnore
  public boolean isPruned() {
    return state == TrialState.PRUNED;
  }

  /**
   * This result with {@code resolved} as its variant: for results written before every setting was
   * recorded, whose trial id says which planned trial (and so which settings) they belong to.
   */
  public TrialResult withVariant(Variant resolved) {
    return with(resolved, provenance, state, failure);
  }

  private TrialResult with(
      Variant variant, Provenance provenance, TrialState state, Failure failure) {
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
        provenance,
        failure);
  }

  /**
   * The final validation accuracy: the last epoch's (the last epoch trained, for a PRUNED trial),
   * or {@code null} if FAILED or the trial had no validation split.
   */
  @JsonIgnore
  public Double validationAccuracy() {
    return state != TrialState.FAILED && !epochs.isEmpty()
        ? epochs.get(epochs.size() - 1).validationAccuracy()
        : null;
  }

  /** True if the trial trained and evaluated to the end. */
  @JsonIgnore
  public boolean isComplete() {
    return state == TrialState.COMPLETE;
  }
}
