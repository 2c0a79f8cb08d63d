package io.bnsweep.report.stats;

import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The main effects of placement and activation and their interaction on test accuracy: a {@link
 * TwoWayAnova} with seed as block, or the reason it could not be run.
 *
 * <p>The ANOVA needs a balanced design: every placement x activation cell with a result for every
 * seed used. When some seeds are missing from some cells (a failed trial), the fallback is to use
 * only the seeds complete in every cell, and say which were left out: a seed is a block, and a
 * block with a hole would unbalance the design, which the orthogonal sums of squares cannot handle.
 * The ANOVA is skipped, with the reason, when a cell has no result at all, when fewer than two
 * placements or activations were run, or when fewer than two seeds are complete everywhere.
 *
 * @param placements the placements, in the order of the table's factor A levels
 * @param activations the activations, in the order of factor B levels
 * @param seeds the seeds used as blocks
 * @param table the analysis, empty if skipped
 * @param notes why it was skipped, or which seeds were left out
 */
public record MainEffects(
    List<Placement> placements,
    List<ActivationKind> activations,
    List<Long> seeds,
    Optional<AnovaTable> table,
    List<String> notes) {

  public MainEffects {
    placements = List.copyOf(placements);
    activations = List.copyOf(activations);
    seeds = List.copyOf(seeds);
    notes = List.copyOf(notes);
  }

  /** The main effects in {@code results}. */
  public static MainEffects of(SeedTable results) {
    List<Placement> placements = results.placements();
    List<ActivationKind> activations = results.activations();
    if (placements.size() < 2 || activations.size() < 2) {
      return skipped(
          placements,
          activations,
          "ANOVA skipped: it needs at least two placements and two activations, the sweep has "
              + placements.size()
              + " and "
              + activations.size());
    }
    List<String> empty = new ArrayList<>();
    SortedSet<Long> common = null;
    SortedSet<Long> all = new TreeSet<>();
    for (Placement p : placements) {
      for (ActivationKind a : activations) {
        Variant v = new Variant(p, a);
        SortedSet<Long> seeds = new TreeSet<>(results.seeds(v).keySet());
        if (seeds.isEmpty()) {
          empty.add(v.label());
        }
        all.addAll(seeds);
        if (common == null) {
          common = seeds;
        } else {
          common.retainAll(seeds);
        }
      }
    }
    if (!empty.isEmpty()) {
      return skipped(
          placements,
          activations,
          "ANOVA skipped: no complete trial of "
              + String.join(", ", empty)
              + ", so the placement x activation grid has holes");
    }
    if (common.size() < 2) {
      return skipped(
          placements,
          activations,
          "ANOVA skipped: it needs at least two seeds complete in every cell, there "
              + (common.size() == 1 ? "is 1" : "are " + common.size()));
    }
    List<String> notes = new ArrayList<>();
    all.removeAll(common);
    if (!all.isEmpty()) {
      notes.add(
          "seed"
              + (all.size() == 1 ? " " : "s ")
              + all.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + " left out of the ANOVA: not complete in every cell (a balanced design needs a"
              + " result for every seed in every cell)");
    }
    List<Long> seeds = List.copyOf(common);
    double[][][] y = new double[placements.size()][activations.size()][seeds.size()];
    for (int i = 0; i < placements.size(); i++) {
      for (int j = 0; j < activations.size(); j++) {
        Variant v = new Variant(placements.get(i), activations.get(j));
        for (int k = 0; k < seeds.size(); k++) {
          y[i][j][k] = results.seeds(v).get(seeds.get(k));
        }
      }
    }
    return new MainEffects(placements, activations, seeds, Optional.of(TwoWayAnova.of(y)), notes);
  }

  private static MainEffects skipped(
      List<Placement> placements, List<ActivationKind> activations, String why) {
    return new MainEffects(placements, activations, List.of(), Optional.empty(), List.of(why));
  }
}
