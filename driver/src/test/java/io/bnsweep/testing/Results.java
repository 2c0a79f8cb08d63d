package io.bnsweep.testing;

import io.bnsweep.diagnostics.EpochDiagnostics;
import io.bnsweep.diagnostics.EpochDiagnostics.ActivationStats;
import io.bnsweep.diagnostics.EpochDiagnostics.LayerGradient;
import io.bnsweep.diagnostics.EpochDiagnostics.LayerInput;
import io.bnsweep.diagnostics.InferenceCost;
import io.bnsweep.trial.EpochMetrics;
import io.bnsweep.trial.Failure;
import io.bnsweep.trial.Provenance;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialState;
import io.bnsweep.trial.Usage;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made trial results for driver tests, and a made-up but plausible whole sweep ({@link #grid})
 * with diagnostics and inference costs, for the report's tests.
 */
public final class Results {
  private static final Provenance PROVENANCE =
      new Provenance(
          "host",
          "1",
          "0.1.0 abc1234",
          "17",
          "1.0.0-M2",
          "CPU/OPENBLAS",
          "none",
          1,
          "2026-01-01T00:00:00Z");

  private Results() {}

  /** A COMPLETE result whose epochs end at {@code accuracies}' last value. */
  public static TrialResult complete(
      String id, Placement p, ActivationKind a, long seed, double... accuracies) {
    List<EpochMetrics> epochs = new ArrayList<>();
    for (int i = 0; i < accuracies.length; i++) {
      epochs.add(new EpochMetrics(i + 1, 1.0 / (i + 1), accuracies[i], 0.5, 2.0));
    }
    double last = accuracies[accuracies.length - 1];
    return new TrialResult(
        id,
        Variant.of(p, a),
        seed,
        TrialState.COMPLETE,
        null,
        last,
        0.5,
        epochs,
        2.0 * accuracies.length,
        1000,
        List.of(),
        null,
        new Usage(2.5 * accuracies.length, 2.4 * accuracies.length, 2.5 * accuracies.length, 0.01),
        PROVENANCE);
  }

  /**
   * A COMPLETE result of {@code segment} scoring {@code accuracy} at every epoch up to its end: on
   * test and validation, or on validation only when the segment does not score test (a search's).
   */
  public static TrialResult of(Segment segment, double accuracy) {
    List<EpochMetrics> epochs = new ArrayList<>();
    Double test = segment.evaluateTest() ? accuracy : null;
    for (int e = 1; e <= segment.untilEpoch(); e++) {
      epochs.add(new EpochMetrics(e, 1.0 / e, test, test == null ? null : 0.5, 2.0, accuracy));
    }
    Trial t = segment.trial();
    return new TrialResult(
        t.id(),
        t.variant(),
        t.seed(),
        TrialState.COMPLETE,
        null,
        test,
        test == null ? null : 0.5,
        epochs,
        2.0 * epochs.size(),
        1000,
        List.of(),
        null,
        new Usage(2.5, 2.4, 2.5, 0.01),
        PROVENANCE);
  }

  /** A FAILED result of {@code trial} with {@code reason}, of {@code failure}'s kind. */
  public static TrialResult failed(Trial t, String reason, Failure failure) {
    return new TrialResult(
        t.id(),
        t.variant(),
        t.seed(),
        TrialState.FAILED,
        reason,
        null,
        null,
        List.of(),
        0,
        0,
        List.of(),
        null,
        new Usage(0.1, 0.1, 0.1, 0.01),
        PROVENANCE,
        failure);
  }

  /** {@code r} with {@code validation} as every epoch's validation accuracy. */
  public static TrialResult withValidation(TrialResult r, double validation) {
    List<EpochMetrics> epochs = new ArrayList<>();
    for (EpochMetrics m : r.epochs()) {
      epochs.add(
          new EpochMetrics(
              m.epoch(),
              m.trainLoss(),
              m.testAccuracy(),
              m.testLoss(),
              m.trainSeconds(),
              validation));
    }
    return new TrialResult(
        r.trialId(),
        r.variant(),
        r.seed(),
        r.state(),
        r.failureReason(),
        r.testAccuracy(),
        r.testLoss(),
        epochs,
        r.trainSeconds(),
        r.samplesPerSecond(),
        r.diagnostics(),
        r.inference(),
        r.usage(),
        r.provenance());
  }

  /** A FAILED result with {@code reason}. */
  public static TrialResult failed(
      String id, Placement p, ActivationKind a, long seed, String reason) {
    return new TrialResult(
        id,
        Variant.of(p, a),
        seed,
        TrialState.FAILED,
        reason,
        null,
        null,
        List.of(),
        0,
        0,
        List.of(),
        null,
        new Usage(0.1, 0.1, 0.1, 0.01),
        PROVENANCE);
  }

  /**
   * {@code r} with made-up diagnostics for each of its epochs (the default two-block network, BN
   * where its placement puts it) and an inference cost (folded for {@code before}), derived from
   * its variant, seed and epoch only.
   */
  public static TrialResult withDiagnostics(TrialResult r) {
    Placement p = r.variant().placement();
    boolean relu = r.variant().activation() == ActivationKind.RELU;
    long bnLayers = p.block().stream().filter(s -> s == Placement.Step.BATCH_NORM).count() * 2;
    List<EpochDiagnostics> diagnostics = new ArrayList<>();
    for (EpochMetrics m : r.epochs()) {
      diagnostics.add(diagnostics(p, relu, r.seed(), m.epoch()));
    }
    double jitter = 0.01 * (r.seed() % 5);
    InferenceCost inference =
        new InferenceCost(
            p == Placement.BEFORE,
            p == Placement.BEFORE ? 2.5e-7 : null,
            (300 + 45 * (p == Placement.BEFORE ? 0 : bnLayers)) * (1 + jitter),
            (60 + 12 * (p == Placement.BEFORE ? 0 : bnLayers)) * (1 + jitter));
    return new TrialResult(
        r.trialId(),
        r.variant(),
        r.seed(),
        r.state(),
        r.failureReason(),
        r.testAccuracy(),
        r.testLoss(),
        r.epochs(),
        r.trainSeconds(),
        r.samplesPerSecond(),
        diagnostics,
        r.isComplete() ? inference : null,
        r.usage(),
        r.provenance());
  }

  private static EpochDiagnostics diagnostics(Placement p, boolean relu, long seed, int epoch) {
    List<LayerInput> convInputs = new ArrayList<>();
    List<ActivationStats> activations = new ArrayList<>();
    List<LayerGradient> gradients = new ArrayList<>();
    boolean normalisedInput = p == Placement.AFTER || p == Placement.EXTRA;
    double wobble = 0.02 * ((seed + epoch) % 3);
    int layer = 0;
    int bnCount = 0;
    for (int block = 1; block <= 2; block++) {
      if (block > 1) {
        convInputs.add(
            new LayerInput(
                layer,
                block,
                normalisedInput ? 0.01 + wobble : (relu ? 0.45 : 0.05) + wobble,
                normalisedInput ? 0.98 + wobble : (relu ? 0.7 : 0.35) + 0.1 * epoch));
      }
      gradients.add(new LayerGradient(layer++, "ConvolutionLayer", 0.08 * block + wobble));
      for (Placement.Step step : p.block()) {
        if (step == Placement.Step.BATCH_NORM) {
          gradients.add(new LayerGradient(layer++, "BatchNormalization", 0.02 + wobble));
          bnCount += block == 1 ? 16 : 32;
        } else {
          double saturated = relu ? 0 : (p == Placement.NONE ? 0.3 : 0.1) + 0.03 * epoch;
          double dead = relu ? (p == Placement.NONE ? 0.04 : 0.01) * epoch + wobble / 4 : 0;
          activations.add(
              new ActivationStats(layer++, block, relu ? 0.5 + wobble : 0, dead, saturated));
        }
      }
      layer++; // max-pool
    }
    gradients.add(new LayerGradient(layer, "OutputLayer", 0.5 + wobble));
    int flips = bnCount == 0 ? 0 : (int) ((seed % 3) + epoch * (relu ? 2 : 1));
    return new EpochDiagnostics(epoch, convInputs, activations, gradients, flips, bnCount);
  }

  /**
   * A COMPLETE result, with diagnostics, for every placement x activation x seed 1..{@code seeds},
   * trained for {@code epochs} epochs: made-up accuracies where BatchNorm helps, sigmoid lags, and
   * seeds differ by a few tenths of a point.
   */
  public static List<TrialResult> grid(int seeds, int epochs) {
    List<TrialResult> results = new ArrayList<>();
    for (Placement p : Placement.BLOCKS) {
      for (ActivationKind a : ActivationKind.values()) {
        for (long seed = 1; seed <= seeds; seed++) {
          double last =
              0.80
                  + new double[] {-0.03, 0.01, 0.015, 0.005}[Placement.BLOCKS.indexOf(p)]
                  + new double[] {0, -0.08, -0.01}[a.ordinal()]
                  + 0.003
                      * ((seed * seed * (Placement.BLOCKS.indexOf(p) + 2)
                              + seed * (a.ordinal() + 3))
                          % 7);
          double[] accuracies = new double[epochs];
          for (int e = 0; e < epochs; e++) {
            accuracies[e] = last - 0.08 * (epochs - 1 - e) / epochs;
          }
          String id = p.id() + "-" + a.id() + "-" + seed;
          results.add(withDiagnostics(complete(id, p, a, seed, accuracies)));
        }
      }
    }
    return results;
  }
}
