package io.bnsweep.report.stats;

import io.bnsweep.axis.Axes;
import io.bnsweep.axis.Axis;
import io.bnsweep.spec.SweepSpec.CompareSpec;
import io.bnsweep.spec.SweepSpec.Decisions;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The inferential statistics of a sweep: the comparison family of the compared axis against its
 * baseline, the linear model of every swept axis ({@link MainEffects}), and the warnings that apply
 * to the sweep as a whole.
 *
 * <p>Only COMPLETE results give values; FAILED ones are counted per variant. Per-comparison caveats
 * stay in each {@link Difference}'s notes; the warnings here are those that are not about one
 * comparison (duplicate results, a baseline that was not run).
 *
 * @param axis the compared axis, or empty if there are no comparisons
 * @param baseline the baseline value's text, or empty if there are no comparisons
 * @param rule how the comparisons were decided
 * @param metric what they decided on: {@code test} or {@code validation} accuracy
 * @param comparisons the comparison family, Holm-adjusted
 * @param mainEffects the linear model with seed as block, or why it was skipped
 * @param warnings sweep-wide caveats, in plain words
 */
public record SweepStatistics(
    Optional<String> axis,
    Optional<String> baseline,
    DecisionRule rule,
    String metric,
    List<Comparison> comparisons,
    MainEffects mainEffects,
    List<String> warnings) {

  public SweepStatistics {
    comparisons = List.copyOf(comparisons);
    warnings = List.copyOf(warnings);
  }

  /**
   * The statistics of {@code table}.
   *
   * @param compare the compared axis and its baseline value's text, if any
   * @param decisions alpha, the margin and the looks of a sequential design
   * @param factors the swept axes, for the linear model
   * @param randomSearch true if the variants were sampled, which skips the linear model
   * @param stratumLabel names a stratum in words
   */
  public static SweepStatistics of(
      SeedTable table,
      Optional<CompareSpec> compare,
      Decisions decisions,
      List<String> factors,
      boolean randomSearch,
      Function<Variant, String> stratumLabel) {
    List<String> warnings = new ArrayList<>(table.warnings());
    List<Comparison> comparisons = List.of();
    DecisionRule rule =
        new DecisionRule(decisions.alpha(), decisions.margin(), 1, decisions.looks().size());
    Optional<String> axis = compare.map(CompareSpec::axis);
    Optional<String> baselineText = compare.map(CompareSpec::baseline);
    if (compare.isPresent()) {
      String name = compare.get().axis();
      Optional<Axis<?>> declared = Axes.find(name);
      List<String> seen =
          table.variants().stream()
              .map(v -> v.text(name))
              .flatMap(Optional::stream)
              .distinct()
              .toList();
      Optional<Object> baseline =
          table.variants().stream()
              .map(v -> v.settings().get(name))
              .filter(v -> v != null && declared.get().text(v).equals(baselineText.get()))
              .findFirst();
      if (declared.isEmpty() || !factors.contains(name)) {
        warnings.add(
            "compared axis '"
                + name
                + "' is not swept in these results, so there are no comparisons (swept: "
                + (factors.isEmpty() ? "none" : String.join(", ", factors))
                + ")");
      } else if (baseline.isEmpty()) {
        warnings.add(
            "baseline "
                + name
                + " '"
                + baselineText.get()
                + "' is not in these results, so there are no comparisons; they have "
                + String.join(", ", seen));
      } else {
        int family = ComparisonFamily.size(List.copyOf(table.variants()), name, baseline.get());
        rule =
            new DecisionRule(
                decisions.alpha(), decisions.margin(), family, decisions.looks().size());
        comparisons =
            ComparisonFamily.of(table, name, baseline.get(), rule, decisions.looks(), stratumLabel);
      }
    }
    MainEffects effects =
        randomSearch
            ? MainEffects.skipped(
                factors,
                "linear model skipped: the variants were drawn by random search, so the axes are"
                    + " not crossed; the comparisons above stay paired within each sample")
            : MainEffects.of(
                decisions.sequential() ? table.firstSeeds(decisions.looks().get(0)) : table,
                factors);
    if (decisions.sequential() && effects.anova().isPresent()) {
      effects =
          effects.withNote(
              "fitted on the first "
                  + decisions.looks().get(0)
                  + " seeds of every variant only: sequential seeding added seeds where the data"
                  + " chose, and a model over them all would be biased");
    }
    return new SweepStatistics(
        axis, baselineText, rule, decisions.metric(), comparisons, effects, warnings);
  }
}
