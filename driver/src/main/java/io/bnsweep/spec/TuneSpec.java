package io.bnsweep.spec;

import io.bnsweep.axis.Axis;
import io.bnsweep.plan.Distribution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tune:}: tune, then compare. Every variant of the compared grid is searched apart, with the
 * same budget, over {@code axes} by asynchronous successive halving on validation accuracy (stage
 * A), then trained at its chosen configuration on fresh seeds and compared on test accuracy (stage
 * B).
 *
 * @param axes each tuned axis with the distribution its values are drawn from (the same draws for
 *     every variant)
 * @param configurations configurations tried per variant
 * @param minEpochs the first rung
 * @param maxEpochs the last rung, and the epochs of every confirmation trial
 * @param eta the reduction factor
 * @param alsoFixed also run every variant at the spec's own value of the tuned axes on the
 *     confirmation seeds, and compare those too
 * @param seed the seed of the draws
 */
public record TuneSpec(
    Map<Axis<?>, Distribution> axes,
    int configurations,
    int minEpochs,
    int maxEpochs,
    int eta,
    boolean alsoFixed,
    long seed) {
  /** The first search seed: search trials use seeds from here, disjoint from any confirmation's. */
  public static final long SEARCH_SEEDS = 1_000_001;

  public TuneSpec {
    axes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(axes));
  }

  /** The search's rungs. */
  public Rungs rungs() {
    return new Rungs(minEpochs, maxEpochs, eta);
  }

  /** The tuned axes' names, in the spec's order. */
  public List<String> axisNames() {
    return axes.keySet().stream().map(Axis::name).toList();
  }
}
