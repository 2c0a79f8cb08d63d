package io.bnsweep.testing;

import io.bnsweep.trial.EpochMetrics;
import io.bnsweep.trial.Provenance;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.trial.TrialState;
import io.bnsweep.trial.Usage;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.List;

/** Hand-made trial results for driver tests. */
public final class Results {
  private static final Provenance PROVENANCE =
      new Provenance("host", "1", "17", "1.0.0-M2", "CPU/OPENBLAS", 1, "2026-01-01T00:00:00Z");

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
        new Variant(p, a),
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

  /** A FAILED result with {@code reason}. */
  public static TrialResult failed(
      String id, Placement p, ActivationKind a, long seed, String reason) {
    return new TrialResult(
        id,
        new Variant(p, a),
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
}
