package io.bnsweep.report.stats;

import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Test accuracy (a fraction) by variant and seed: one value per COMPLETE (variant, seed), the shape
 * every test here starts from.
 *
 * <p>Every variant seen in the results is a row, even one whose trials all failed (an empty row),
 * so that a missing cell is visible rather than silently absent. Two COMPLETE results for the same
 * variant and seed (a ledger holding runs with different settings) are averaged, with a warning:
 * tests need one value per seed.
 */
public final class SeedTable {
  private static final Comparator<Variant> ORDER =
      Comparator.comparing(Variant::placement).thenComparing(Variant::activation);

  private final SortedMap<Variant, SortedMap<Long, Double>> accuracy;
  private final List<String> warnings;

  private SeedTable(SortedMap<Variant, SortedMap<Long, Double>> accuracy, List<String> warnings) {
    this.accuracy = accuracy;
    this.warnings = List.copyOf(warnings);
  }

  /** The table of {@code results}; only COMPLETE results give values. */
  public static SeedTable of(List<TrialResult> results) {
    Map<Variant, Map<Long, List<Double>>> grouped = new TreeMap<>(ORDER);
    for (TrialResult r : results) {
      Map<Long, List<Double>> bySeed = grouped.computeIfAbsent(r.variant(), v -> new TreeMap<>());
      if (r.isComplete()) {
        bySeed.computeIfAbsent(r.seed(), s -> new ArrayList<>()).add(r.testAccuracy());
      }
    }
    SortedMap<Variant, SortedMap<Long, Double>> accuracy = new TreeMap<>(ORDER);
    List<String> warnings = new ArrayList<>();
    grouped.forEach(
        (variant, bySeed) -> {
          SortedMap<Long, Double> row = new TreeMap<>();
          bySeed.forEach(
              (seed, values) -> {
                if (values.size() > 1) {
                  warnings.add(
                      String.format(
                          Locale.ROOT,
                          "%s seed %d has %d complete results (runs with different settings?); "
                              + "their mean is used",
                          variant.label(),
                          seed,
                          values.size()));
                }
                row.put(
                    seed, values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
              });
          accuracy.put(variant, Collections.unmodifiableSortedMap(row));
        });
    return new SeedTable(Collections.unmodifiableSortedMap(accuracy), warnings);
  }

  /** Accuracy by seed of {@code variant}; empty if it has no COMPLETE result or was not run. */
  public SortedMap<Long, Double> seeds(Variant variant) {
    return accuracy.getOrDefault(variant, Collections.emptySortedMap());
  }

  /** True if {@code variant} appears in the results, complete or not. */
  public boolean contains(Variant variant) {
    return accuracy.containsKey(variant);
  }

  /** The placements seen, in declaration order. */
  public List<Placement> placements() {
    return accuracy.keySet().stream().map(Variant::placement).distinct().sorted().toList();
  }

  /** The activations seen, in declaration order. */
  public List<ActivationKind> activations() {
    return accuracy.keySet().stream().map(Variant::activation).distinct().sorted().toList();
  }

  /** Problems found while building the table, in plain words. */
  public List<String> warnings() {
    return warnings;
  }
}
