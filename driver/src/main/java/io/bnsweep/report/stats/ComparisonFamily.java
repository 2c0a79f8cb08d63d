package io.bnsweep.report.stats;

import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.List;

/**
 * The family of comparisons of a sweep: within each activation, every other placement against the
 * baseline placement, with Holm's adjustment applied across the whole family.
 *
 * <p>Comparisons are made within an activation because placement's effect may depend on it (that is
 * the sweep's question); one family across all activations because a reader scans the whole table
 * for winners, so the error rate must hold for the whole table. The family is the comparisons that
 * produced a t-test p-value (paired, or Welch when unpaired); untested ones are listed with their
 * reason but do not count. Wilcoxon p-values are shown unadjusted, as a check that does not assume
 * normality.
 */
public final class ComparisonFamily {
  private ComparisonFamily() {}

  /**
   * The comparisons of {@code table} against {@code baseline}, activations then placements in
   * declaration order; empty if the baseline placement is not in the sweep.
   */
  public static List<Comparison> of(SeedTable table, Placement baseline) {
    List<Placement> placements = table.placements();
    if (!placements.contains(baseline)) {
      return List.of();
    }
    List<Variant> candidates = new ArrayList<>();
    List<Difference> differences = new ArrayList<>();
    for (ActivationKind activation : table.activations()) {
      Variant reference = new Variant(baseline, activation);
      for (Placement placement : placements) {
        Variant candidate = new Variant(placement, activation);
        if (placement == baseline || !table.contains(candidate)) {
          continue;
        }
        candidates.add(candidate);
        differences.add(compare(table, candidate, reference));
      }
    }
    double[] adjusted = Holm.adjust(differences.stream().mapToDouble(Difference::p).toArray());
    List<Comparison> family = new ArrayList<>();
    for (int i = 0; i < differences.size(); i++) {
      Variant candidate = candidates.get(i);
      family.add(
          new Comparison(
              candidate.activation(),
              candidate.placement(),
              baseline,
              differences.get(i),
              adjusted[i]));
    }
    return List.copyOf(family);
  }

  private static Difference compare(SeedTable table, Variant candidate, Variant reference) {
    int nCandidate = table.seeds(candidate).size();
    int nReference = table.seeds(reference).size();
    if (nCandidate == 0 || nReference == 0) {
      Variant empty = nReference == 0 ? reference : candidate;
      return Difference.untested(
          nCandidate, nReference, Double.NaN, "no complete trial of " + empty.label());
    }
    return Pairing.compare(table.seeds(candidate), table.seeds(reference));
  }
}
