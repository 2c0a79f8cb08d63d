package io.bnsweep.report;

import io.bnsweep.spec.TuneSpec;
import java.util.List;

/**
 * What a report needs to know of a tuned comparison ({@code tune:}), kept in {@code sweep.json} so
 * that {@code report DIR} can rebuild it.
 *
 * @param axes the tuned settings' names
 * @param configurations configurations searched per variant
 * @param minEpochs the first rung
 * @param maxEpochs the last rung
 * @param eta the reduction factor
 * @param alsoFixed whether the variants also ran at the spec's own settings
 */
public record TuneSetup(
    List<String> axes,
    int configurations,
    int minEpochs,
    int maxEpochs,
    int eta,
    boolean alsoFixed) {
  public TuneSetup {
    axes = List.copyOf(axes);
  }

  /** The setup of {@code tune}. */
  public static TuneSetup of(TuneSpec tune) {
    return new TuneSetup(
        tune.axisNames(),
        tune.configurations(),
        tune.minEpochs(),
        tune.maxEpochs(),
        tune.eta(),
        tune.alsoFixed());
  }
}
