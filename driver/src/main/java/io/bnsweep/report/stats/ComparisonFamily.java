package io.bnsweep.report.stats;

import io.bnsweep.axis.Axes;
import io.bnsweep.axis.Axis;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The family of comparisons of a sweep and their decisions: within each stratum (each combination
 * of the settings other than the compared axis), every other value of the compared axis against the
 * baseline value, paired by seed, decided by one {@link DecisionRule} for the whole family.
 *
 * <p>Comparisons are made within a stratum because the compared axis's effect may depend on the
 * other settings (for placement, that is the sweep's question); one family across all strata,
 * because a reader scans the whole table for winners, so the error rate must hold for the whole
 * table. A FAILED seed leaves its pair out (the comparison uses the seeds both variants completed)
 * and is counted in the comparison's failures.
 *
 * <p>A sequential design looks at the data after each round of seeds ({@code looks}: the seeds per
 * variant at each look). At look k every comparison still undecided is decided on the first {@code
 * looks[k]} seeds of its two variants; a decided comparison keeps the decision of its look. The
 * same replay, on whatever the ledger holds, tells the driver which variants need the next round
 * ({@link #nextRound}), so a resumed sweep continues the same sequence of looks. Without a
 * sequential design there is one look, on every seed.
 */
public final class ComparisonFamily {
  private final SeedTable table;
  private final String axis;
  private final Object baseline;
  private final DecisionRule rule;
  private final List<Integer> looks;
  private final List<Variant> candidates = new ArrayList<>();
  private final List<Variant> references = new ArrayList<>();

  private ComparisonFamily(
      SeedTable table,
      List<Variant> variants,
      String axis,
      Object baseline,
      DecisionRule rule,
      List<Integer> looks) {
    this.table = table;
    this.axis = axis;
    this.baseline = baseline;
    this.rule = rule;
    this.looks = List.copyOf(looks);
    Map<Variant, Variant> baselineOf = new LinkedHashMap<>();
    for (Variant v : variants) {
      if (baseline.equals(v.settings().get(axis))) {
        baselineOf.put(v.without(axis), v);
      }
    }
    if (baselineOf.isEmpty()) {
      return;
    }
    // strata in variant order, then the candidates within each, as a reader scans the table
    List<Variant> ordered = new ArrayList<>(variants);
    ordered.sort(
        Comparator.comparing((Variant v) -> v.without(axis), Variant.ORDER)
            .thenComparing(Variant.ORDER));
    for (Variant candidate : ordered) {
      Object value = candidate.settings().get(axis);
      if (value == null || value.equals(baseline)) {
        continue;
      }
      // a stratum without the baseline is listed, untested, so that the hole is visible
      candidates.add(candidate);
      references.add(
          baselineOf.getOrDefault(candidate.without(axis), candidate.withRaw(axis, baseline)));
    }
  }

  /**
   * The number of comparisons among {@code variants}: candidates of {@code axis} other than {@code
   * baseline}. It depends on the grid only, never on results, as the decision rule's Bonferroni
   * split must.
   */
  public static int size(List<Variant> variants, String axis, Object baseline) {
    return new ComparisonFamily(SeedTable.of(List.of()), variants, axis, baseline, null, List.of())
        .candidates.size();
  }

  /**
   * The comparisons of {@code table} of axis {@code axis} against {@code baseline}, strata then
   * candidates in variant order, each with its decision; empty if no variant has the baseline
   * value.
   *
   * @param looks seeds per variant at each look of a sequential design; empty for one look on every
   *     seed
   * @param stratumLabel names a stratum in words
   */
  public static List<Comparison> of(
      SeedTable table,
      String axis,
      Object baseline,
      DecisionRule rule,
      List<Integer> looks,
      Function<Variant, String> stratumLabel) {
    ComparisonFamily family =
        new ComparisonFamily(table, List.copyOf(table.variants()), axis, baseline, rule, looks);
    return family.decide(stratumLabel);
  }

  /**
   * The outcomes alone, in family order, without the seeds an inconclusive comparison would need
   * (planning them costs two power searches each): what a simulation of many sweeps needs.
   */
  public static List<Outcome> outcomes(
      SeedTable table, String axis, Object baseline, DecisionRule rule, List<Integer> looks) {
    ComparisonFamily family =
        new ComparisonFamily(table, List.copyOf(table.variants()), axis, baseline, rule, looks);
    return family.replay();
  }

  /**
   * The next round of a sequential design over {@code variants}: for the first look at which some
   * variant of an undecided comparison lacks seeds, those seeds (1-based counts: seed values 1 to
   * the look's count); empty when every comparison is decided or the last look has been made.
   */
  public static Map<Variant, List<Long>> nextRound(
      SeedTable table,
      List<Variant> variants,
      String axis,
      Object baseline,
      DecisionRule rule,
      List<Integer> looks) {
    ComparisonFamily family = new ComparisonFamily(table, variants, axis, baseline, rule, looks);
    Set<Integer> undecided = new LinkedHashSet<>();
    for (int i = 0; i < family.candidates.size(); i++) {
      undecided.add(i);
    }
    for (int k = 0; k < looks.size(); k++) {
      int seeds = looks.get(k);
      Set<Variant> active = new LinkedHashSet<>();
      if (k == 0) {
        active.addAll(variants); // every variant first runs the first look's seeds
      }
      for (int i : undecided) {
        active.add(family.candidates.get(i));
        active.add(family.references.get(i));
      }
      Map<Variant, List<Long>> missing = new LinkedHashMap<>();
      for (Variant v : active) {
        if (!variants.contains(v)) {
          continue; // a baseline this grid does not have
        }
        Set<Long> run = table.run(v);
        List<Long> need = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
          if (!run.contains(seed)) {
            need.add(seed);
          }
        }
        if (!need.isEmpty()) {
          missing.put(v, need);
        }
      }
      if (!missing.isEmpty()) {
        return missing;
      }
      List<Outcome> outcomes = family.look(k, undecided);
      int j = 0;
      for (java.util.Iterator<Integer> it = undecided.iterator(); it.hasNext(); j++) {
        it.next();
        if (outcomes.get(j).decision().decided()) {
          it.remove();
        }
      }
      if (undecided.isEmpty()) {
        return Map.of();
      }
    }
    return Map.of();
  }

  /** Each comparison's outcome: at its deciding look, or the last look the ledger reached. */
  private List<Outcome> replay() {
    int n = candidates.size();
    Outcome[] outcomes = new Outcome[n];
    if (looks.isEmpty()) {
      Set<Integer> all = new LinkedHashSet<>();
      for (int i = 0; i < n; i++) {
        all.add(i);
      }
      List<Outcome> once = look(-1, all);
      for (int i = 0; i < n; i++) {
        outcomes[i] = once.get(i);
      }
    } else {
      Set<Integer> undecided = new LinkedHashSet<>();
      for (int i = 0; i < n; i++) {
        undecided.add(i);
      }
      for (int k = 0; k < looks.size() && !undecided.isEmpty(); k++) {
        if (!complete(k, undecided)) {
          break; // the ledger has not reached this look yet
        }
        List<Integer> order = List.copyOf(undecided);
        List<Outcome> at = look(k, undecided);
        for (int j = 0; j < order.size(); j++) {
          outcomes[order.get(j)] = at.get(j);
          if (at.get(j).decision().decided()) {
            undecided.remove(order.get(j));
          }
        }
      }
    }
    List<Outcome> list = new ArrayList<>();
    for (Outcome o : outcomes) {
      list.add(o == null ? Outcome.none(0, 0, "the first look's seeds have not all run yet") : o);
    }
    return list;
  }

  private List<Comparison> decide(Function<Variant, String> stratumLabel) {
    int n = candidates.size();
    Outcome[] outcomes = replay().toArray(new Outcome[0]);
    Difference[] differences = new Difference[n];
    Axis<?> compared = Axes.get(axis);
    List<Comparison> family = new ArrayList<>();
    Map<Integer, Double> pooledAt = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      Variant candidate = candidates.get(i);
      Variant stratum = candidate.without(axis);
      int look = outcomes[i].look() - 1;
      SeedTable seen = look < 0 || looks.isEmpty() ? table : table.firstSeeds(looks.get(look));
      differences[i] = compare(seen, candidate, references.get(i));
      if (outcomes[i].decision() == Decision.INCONCLUSIVE) {
        // planned with the sd pooled over the comparisons still inconclusive at the look it was
        // last examined at: a decided comparison's spread (a variant that collapsed to chance on
        // some seeds) says nothing about the close calls
        double pooled =
            pooledAt.computeIfAbsent(
                look,
                l -> {
                  List<Difference> close = new ArrayList<>();
                  for (int j = 0; j < n; j++) {
                    if (outcomes[j].decision() == Decision.INCONCLUSIVE
                        && outcomes[j].look() - 1 == l) {
                      close.add(compare(seen, candidates.get(j), references.get(j)));
                    }
                  }
                  return pooledSd(close);
                });
        outcomes[i] = rule.planned(outcomes[i], pooled);
      }
      family.add(
          new Comparison(
              stratum,
              stratumLabel.apply(stratum),
              axis,
              compared.text(candidate.settings().get(axis)),
              compared.text(baseline),
              differences[i],
              outcomes[i],
              failures(table, candidate),
              failures(table, references.get(i))));
    }
    return List.copyOf(family);
  }

  /** True if every variant of the {@code undecided} comparisons has run look {@code k}'s seeds. */
  private boolean complete(int k, Set<Integer> undecided) {
    int seeds = looks.get(k);
    for (int i : undecided) {
      for (Variant v : List.of(candidates.get(i), references.get(i))) {
        if (table.contains(v) && table.run(v).size() < seeds) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The outcomes of the comparisons {@code which} at look {@code k} (or on every seed when {@code k
   * < 0}), in their order; the planning sd is pooled over every comparison at that look.
   */
  private List<Outcome> look(int k, Set<Integer> which) {
    SeedTable seen = k < 0 ? table : table.firstSeeds(looks.get(k));
    List<Difference> all = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      all.add(compare(seen, candidates.get(i), references.get(i)));
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (int i : which) {
      outcomes.add(rule.decide(all.get(i), k < 0 ? 1 : k + 1));
    }
    return outcomes;
  }

  /**
   * The pooled standard deviation of paired differences over the tested paired comparisons: {@code
   * sqrt(sum df_i s_i^2 / sum df_i)}, many more degrees of freedom than any one comparison's 2 to
   * 20.
   */
  static double pooledSd(List<Difference> differences) {
    double sum = 0;
    double df = 0;
    for (Difference d : differences) {
      if (d.design() == Design.PAIRED && d.isTested()) {
        double sd2 = d.se() * d.se() * d.nCandidate();
        sum += d.df() * sd2;
        df += d.df();
      }
    }
    return df == 0 ? Double.NaN : Math.sqrt(sum / df);
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
