package io.bnsweep.plan;

import io.bnsweep.spec.SweepSpec;
import io.bnsweep.trial.Trial;
import io.bnsweep.variant.Variant;
import java.util.List;

/**
 * A spec resolved against its dataset: its variants and its trials in run order.
 *
 * @param spec the spec it came from
 * @param variants every distinct variant, in grid order (settings that do not apply are left out,
 *     and variants that became identical collapsed)
 * @param trials every trial, seeds innermost
 * @param swept the axes that take more than one value among the variants, in axis order
 */
public record SweepPlan(
    SweepSpec spec, List<Variant> variants, List<Trial> trials, List<String> swept) {
  public SweepPlan {
    variants = List.copyOf(variants);
    trials = List.copyOf(trials);
    swept = List.copyOf(swept);
  }
}
