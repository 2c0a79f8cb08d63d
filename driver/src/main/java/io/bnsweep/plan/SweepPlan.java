package io.bnsweep.plan;

import io.bnsweep.spec.SweepSpec;
import io.bnsweep.trial.Trial;
import io.bnsweep.variant.Variant;
import java.util.List;
import java.util.Optional;

/**
 * A spec resolved against its dataset: its variants and its trials in run order.
 *
 * @param spec the spec it came from
 * @param variants every distinct variant, in grid order (settings that do not apply are left out,
 *     and variants that became identical collapsed)
 * @param trials every trial, seeds innermost
 * @param swept the axes that take more than one value among the variants, in axis order
 * @param tune the tuned comparison's trials ({@code tune:}), or empty; {@code trials} then holds
 *     the search's trials, and the fixed ones if {@code tune.alsoFixed}
 */
public record SweepPlan(
    SweepSpec spec,
    List<Variant> variants,
    List<Trial> trials,
    List<String> swept,
    Optional<TunePlan> tune) {
  public SweepPlan {
    variants = List.copyOf(variants);
    trials = List.copyOf(trials);
    swept = List.copyOf(swept);
  }

  /** A plan without tuning. */
  public SweepPlan(SweepSpec spec, List<Variant> variants, List<Trial> trials, List<String> swept) {
    this(spec, variants, trials, swept, Optional.empty());
  }

  /** Every trial whose result belongs to this sweep (a tuned sweep's confirmations included). */
  public List<Trial> allTrials() {
    if (tune.isEmpty()) {
      return trials;
    }
    List<Trial> all = new java.util.ArrayList<>(trials);
    all.addAll(tune.get().possibleConfirmations());
    return all;
  }
}
