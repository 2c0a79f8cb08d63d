package io.bnsweep.report.stats;

import io.bnsweep.axis.Axes;
import io.bnsweep.axis.Axis;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The family of comparisons of a sweep: within each stratum (each combination of the settings other
 * than the compared axis), every other value of the compared axis against the baseline value,
 * paired by seed, with Holm's adjustment applied across the whole family.
 *
 * <p>Comparisons are made within a stratum because the compared axis's effect may depend on the
 * other settings (for placement, that is the sweep's question); one family across all strata
 * because a reader scans the whole table for winners, so the error rate must hold for the whole
 * table. The family is the comparisons that produced a t-test p-value (paired, or Welch when
 * unpaired); untested ones are listed with their reason but do not count. A FAILED seed leaves its
 * pairs out (the comparison uses the seeds both variants completed) and is counted in the
 * comparison's failures. Wilcoxon p-values are shown unadjusted, as a check that does not assume
 * normality.
 */
public final class ComparisonFamily {
  private ComparisonFamily() {}

  /**
   * The comparisons of {@code table} of axis {@code axis} against {@code baseline}, strata then
   * candidates in variant order; empty if no variant has the baseline value.
   *
   * @param stratumLabel names a stratum in words
   */
  public static List<Comparison> of(
      SeedTable table, String axis, Object baseline, Function<Variant, String> stratumLabel) {
    Axis<?> compared = Axes.get(axis);
    Map<Variant, Variant> baselineOf = new LinkedHashMap<>();
    for (Variant v : table.variants()) {
      if (baseline.equals(v.settings().get(axis))) {
        baselineOf.put(v.without(axis), v);
      }
    }
    if (baselineOf.isEmpty()) {
      return List.of();
    }
    List<Variant> candidates = new ArrayList<>();
    List<Variant> references = new ArrayList<>();
    List<Difference> differences = new ArrayList<>();
    // strata in variant order, then the candidates within each, as a reader scans the table
    List<Variant> ordered = new ArrayList<>(table.variants());
    ordered.sort(
        java.util.Comparator.comparing((Variant v) -> v.without(axis), Variant.ORDER)
            .thenComparing(Variant.ORDER));
    for (Variant candidate : ordered) {
      Object value = candidate.settings().get(axis);
      if (value == null || value.equals(baseline)) {
        continue;
      }
      // a stratum without the baseline is listed, untested, so that the hole is visible
      Variant reference =
          baselineOf.getOrDefault(candidate.without(axis), candidate.withRaw(axis, baseline));
      candidates.add(candidate);
      references.add(reference);
      differences.add(compare(table, candidate, reference));
    }
    double[] adjusted = Holm.adjust(differences.stream().mapToDouble(Difference::p).toArray());
    List<Comparison> family = new ArrayList<>();
    for (int i = 0; i < differences.size(); i++) {
      Variant candidate = candidates.get(i);
      Variant stratum = candidate.without(axis);
      family.add(
          new Comparison(
              stratum,
              stratumLabel.apply(stratum),
              axis,
              compared.text(candidate.settings().get(axis)),
              compared.text(baseline),
              differences.get(i),
              adjusted[i],
              failures(table, candidate),
              failures(table, references.get(i))));
    }
    return List.copyOf(family);
  }

  private static Comparison.Failures failures(SeedTable table, Variant v) {
    int failed = table.failed(v).size();
    return new Comparison.Failures(failed, failed + table.seeds(v).size());
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
