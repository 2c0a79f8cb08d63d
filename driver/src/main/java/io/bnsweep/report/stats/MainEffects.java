package io.bnsweep.report.stats;

import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The main effects and interactions (up to three-way) of every swept axis with two or more levels
 * on test accuracy: a {@link FactorialAnova} with seed as block, or the reason it was skipped.
 *
 * <p>Every COMPLETE (variant, seed) is one observation; a setting a variant does not have counts as
 * its own level ({@code n/a}). A balanced design (every cell with the same seeds) gets the
 * closed-form sums of squares; an unbalanced one (a failed trial, or different seeds per variant)
 * Type II sums of squares from a least-squares fit ({@link FactorialAnova}).
 *
 * @param factors the axes in the model, in axis order
 * @param seeds the seeds used as blocks
 * @param anova the analysis, empty if skipped
 * @param notes why it was skipped, or what the reader should know about it
 */
public record MainEffects(
    List<String> factors, List<Long> seeds, Optional<AnovaResult> anova, List<String> notes) {
  /** A level for a setting that does not apply to a variant. */
  static final String NOT_APPLICABLE = "n/a";

  public MainEffects {
    factors = List.copyOf(factors);
    seeds = List.copyOf(seeds);
    notes = List.copyOf(notes);
  }

  /** These effects with {@code note} added. */
  public MainEffects withNote(String note) {
    List<String> more = new ArrayList<>(notes);
    more.add(note);
    return new MainEffects(factors, seeds, anova, more);
  }

  /** The model was not fitted, because {@code why}. */
  public static MainEffects skipped(List<String> factors, String why) {
    return new MainEffects(factors, List.of(), Optional.empty(), List.of(why));
  }

  /** The linear model of {@code table} over {@code swept} axes. */
  public static MainEffects of(SeedTable table, List<String> swept) {
    List<Observation> observations = new ArrayList<>();
    SortedSet<Long> seeds = new TreeSet<>();
    List<String> factors = new ArrayList<>();
    for (String axis : swept) {
      long levels =
          table.variants().stream()
              .filter(v -> !table.seeds(v).isEmpty())
              .map(v -> level(v, axis))
              .distinct()
              .count();
      if (levels >= 2) {
        factors.add(axis);
      }
    }
    if (factors.isEmpty()) {
      return skipped(
          factors, "linear model skipped: no axis has two or more levels with complete trials");
    }
    for (Variant v : table.variants()) {
      table
          .seeds(v)
          .forEach(
              (seed, accuracy) -> {
                java.util.Map<String, String> levels = new java.util.LinkedHashMap<>();
                factors.forEach(f -> levels.put(f, level(v, f)));
                observations.add(new Observation(levels, seed, accuracy));
                seeds.add(seed);
              });
    }
    if (seeds.size() < 2) {
      return skipped(factors, "linear model skipped: it needs at least two seeds");
    }
    AnovaResult result = FactorialAnova.of(factors, observations, true);
    List<String> notes = new ArrayList<>(result.notes());
    return new MainEffects(
        factors,
        List.copyOf(seeds),
        result.terms().isEmpty() ? Optional.empty() : Optional.of(result),
        notes);
  }

  private static String level(Variant v, String axis) {
    return v.text(axis).orElse(NOT_APPLICABLE);
  }
}
