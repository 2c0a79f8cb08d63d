package io.bnsweep.report.stats;

import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Placement;
import java.util.ArrayList;
import java.util.List;

/**
 * The inferential statistics of a sweep: the comparison family against a baseline placement, the
 * main-effects ANOVA, and the warnings that apply to the sweep as a whole.
 *
 * <p>Only COMPLETE results count. Per-comparison caveats stay in each {@link Difference}'s notes;
 * the warnings here are those that are not about one comparison (duplicate results, a baseline that
 * was not run).
 *
 * @param baseline the placement every other placement is compared with
 * @param comparisons the comparison family, Holm-adjusted
 * @param mainEffects the two-way ANOVA with seed as block, or why it was skipped
 * @param warnings sweep-wide caveats, in plain words
 */
public record SweepStatistics(
    Placement baseline,
    List<Comparison> comparisons,
    MainEffects mainEffects,
    List<String> warnings) {

  /** The baseline placement unless another is chosen: BatchNorm before the activation. */
  public static final Placement DEFAULT_BASELINE = Placement.BEFORE;

  public SweepStatistics {
    comparisons = List.copyOf(comparisons);
    warnings = List.copyOf(warnings);
  }

  /** The statistics of {@code results} against {@code baseline}. */
  public static SweepStatistics of(List<TrialResult> results, Placement baseline) {
    SeedTable table = SeedTable.of(results);
    List<String> warnings = new ArrayList<>(table.warnings());
    if (!table.placements().isEmpty() && !table.placements().contains(baseline)) {
      warnings.add(
          "baseline placement '"
              + baseline.id()
              + "' is not in this sweep, so there are no comparisons; the sweep has "
              + String.join(", ", table.placements().stream().map(Placement::id).toList()));
    }
    return new SweepStatistics(
        baseline, ComparisonFamily.of(table, baseline), MainEffects.of(table), warnings);
  }
}
