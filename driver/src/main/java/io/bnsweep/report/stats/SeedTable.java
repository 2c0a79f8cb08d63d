package io.bnsweep.report.stats;

import io.bnsweep.trial.TrialResult;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Test accuracy (a fraction) by variant and seed: one value per COMPLETE (variant, seed), and the
 * seeds that FAILED, the shape every test here starts from.
 *
 * <p>Every variant seen in the results is a row, even one whose trials all failed (an empty row),
 * so that a missing cell is visible rather than silently absent. A variant holds every setting of
 * its trials, so runs with different settings never share a row; two COMPLETE results for the same
 * variant and seed (only possible when a ledger was written by a release that did not record the
 * settings) are averaged, with a warning: tests need one value per seed.
 */
public final class SeedTable {
  private final SortedMap<Variant, SortedMap<Long, Double>> accuracy;
  private final Map<Variant, Set<Long>> failed;
  private final List<String> warnings;

  private SeedTable(
      SortedMap<Variant, SortedMap<Long, Double>> accuracy,
      Map<Variant, Set<Long>> failed,
      List<String> warnings) {
    this.accuracy = accuracy;
    this.failed = failed;
    this.warnings = List.copyOf(warnings);
  }

  /** The table of {@code results}' test accuracy; only COMPLETE results give values. */
  public static SeedTable of(List<TrialResult> results) {
    return of(results, false);
  }

  /**
   * The table of {@code results}' validation accuracy if {@code validation}, else test accuracy; a
   * COMPLETE result without a validation split gives no value.
   */
  public static SeedTable of(List<TrialResult> results, boolean validation) {
    Map<Variant, Map<Long, List<Double>>> grouped = new TreeMap<>(Variant.ORDER);
    Map<Variant, Set<Long>> failed = new TreeMap<>(Variant.ORDER);
    for (TrialResult r : results) {
      Map<Long, List<Double>> bySeed = grouped.computeIfAbsent(r.variant(), v -> new TreeMap<>());
      Double value = validation ? r.validationAccuracy() : r.testAccuracy();
      if (r.isComplete() && value != null) {
        bySeed.computeIfAbsent(r.seed(), s -> new ArrayList<>()).add(value);
      } else {
        failed.computeIfAbsent(r.variant(), v -> new java.util.TreeSet<>()).add(r.seed());
      }
    }
    SortedMap<Variant, SortedMap<Long, Double>> accuracy = new TreeMap<>(Variant.ORDER);
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
                          "%s seed %d has %d complete results (a ledger from a release that did"
                              + " not record all settings?); their mean is used",
                          variant.label(),
                          seed,
                          values.size()));
                }
                row.put(
                    seed, values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
              });
          accuracy.put(variant, Collections.unmodifiableSortedMap(row));
        });
    return new SeedTable(Collections.unmodifiableSortedMap(accuracy), failed, warnings);
  }

  /**
   * This table cut to each variant's first {@code seeds} seeds in seed order (complete or failed):
   * the data a sequential design's look at {@code seeds} seeds saw.
   */
  public SeedTable firstSeeds(int seeds) {
    SortedMap<Variant, SortedMap<Long, Double>> cut = new TreeMap<>(Variant.ORDER);
    Map<Variant, Set<Long>> cutFailed = new TreeMap<>(Variant.ORDER);
    accuracy.forEach(
        (v, row) -> {
          java.util.TreeSet<Long> run = new java.util.TreeSet<>(row.keySet());
          run.addAll(failed.getOrDefault(v, Set.of()));
          java.util.Set<Long> kept =
              run.stream().limit(seeds).collect(java.util.stream.Collectors.toSet());
          SortedMap<Long, Double> values = new TreeMap<>();
          row.forEach(
              (seed, value) -> {
                if (kept.contains(seed)) {
                  values.put(seed, value);
                }
              });
          cut.put(v, Collections.unmodifiableSortedMap(values));
          Set<Long> f = new java.util.TreeSet<>(failed.getOrDefault(v, Set.of()));
          f.retainAll(kept);
          if (!f.isEmpty()) {
            cutFailed.put(v, f);
          }
        });
    return new SeedTable(Collections.unmodifiableSortedMap(cut), cutFailed, warnings);
  }

  /** The seeds of {@code variant} that have a result, complete or failed. */
  public Set<Long> run(Variant variant) {
    Set<Long> run = new java.util.TreeSet<>(seeds(variant).keySet());
    run.addAll(failed.getOrDefault(variant, Set.of()));
    return run;
  }

  /** Accuracy by seed of {@code variant}; empty if it has no COMPLETE result or was not run. */
  public SortedMap<Long, Double> seeds(Variant variant) {
    return accuracy.getOrDefault(variant, Collections.emptySortedMap());
  }

  /** The seeds of {@code variant} whose trial FAILED (and did not also complete). */
  public Set<Long> failed(Variant variant) {
    Set<Long> seeds = new java.util.TreeSet<>(failed.getOrDefault(variant, Set.of()));
    seeds.removeAll(seeds(variant).keySet());
    return seeds;
  }

  /** True if {@code variant} appears in the results, complete or not. */
  public boolean contains(Variant variant) {
    return accuracy.containsKey(variant);
  }

  /** Every variant seen, in {@link Variant#ORDER}. */
  public Set<Variant> variants() {
    return accuracy.keySet();
  }

  /** Problems found while building the table, in plain words. */
  public List<String> warnings() {
    return warnings;
  }
}
