package io.bnsweep.report.stats;

import io.bnsweep.axis.Axes;
import io.bnsweep.spec.SweepSpec.CompareSpec;
import io.bnsweep.spec.SweepSpec.Decisions;
import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Variant;
import java.util.List;
import java.util.Optional;

/**
 * How a sweep's comparisons are decided, built once from the plan: the compared axis and its
 * baseline value, the decision rule (alpha split over the family and the looks), and the metric.
 * The sequential design ({@link io.bnsweep.schedule.SequentialPolicy}) and the report decide with
 * the same context, so the seeds a sweep runs are chosen on the metric its report decides on.
 *
 * @param axis the compared axis's name, or empty when nothing is compared
 * @param baseline the baseline's value (typed as the variants hold it), or empty
 * @param rule the decision rule for the whole family
 * @param looks the seeds per variant at each look of a sequential design (empty for one look)
 * @param onValidation true if comparisons decide on validation accuracy rather than test accuracy
 */
public record DecisionContext(
    Optional<String> axis,
    Optional<Object> baseline,
    DecisionRule rule,
    List<Integer> looks,
    boolean onValidation) {
  public DecisionContext {
    looks = List.copyOf(looks);
  }

  /** The context of {@code variants} compared as {@code compare} says, decided by {@code d}. */
  public static DecisionContext of(
      List<Variant> variants, Optional<CompareSpec> compare, Decisions d) {
    Optional<String> axis = compare.map(CompareSpec::axis);
    Optional<Object> baseline =
        compare.flatMap(
            c ->
                variants.stream()
                    .map(v -> v.settings().get(c.axis()))
                    .filter(v -> v != null && Axes.get(c.axis()).text(v).equals(c.baseline()))
                    .findFirst());
    int comparisons =
        baseline.isEmpty() ? 1 : ComparisonFamily.size(variants, axis.get(), baseline.get());
    return new DecisionContext(
        axis,
        baseline,
        new DecisionRule(d.alpha(), d.margin(), comparisons, d.looks().size()),
        d.looks(),
        d.onValidation());
  }

  /** The seed table the decisions are made on: {@code results}' metric per variant and seed. */
  public SeedTable table(List<TrialResult> results) {
    return SeedTable.of(results, onValidation);
  }

  /** True if there is a baseline to compare with. */
  public boolean compares() {
    return baseline.isPresent();
  }
}
