package io.bnsweep.report.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Chooses how to compare two variants from their seeds: paired on the seeds both have when there
 * are at least two, else Welch on all values when each side has at least two, else no test.
 *
 * <p>Pairing on the shared seeds, rather than falling back to Welch as soon as the seed sets
 * differ, keeps the paired design's sensitivity when one trial of a variant failed; the seeds left
 * out are named in the notes. Welch is only the fallback for sweeps whose variants were run with
 * different seeds.
 */
public final class Pairing {
  /** Fewest pairs (or values a side, unpaired) for any test. */
  public static final int MIN_PAIRS = 2;

  private Pairing() {}

  /** The difference {@code candidate - baseline}, both given as accuracy by seed. */
  public static Difference compare(
      SortedMap<Long, Double> candidate, SortedMap<Long, Double> baseline) {
    TreeSet<Long> shared = new TreeSet<>(candidate.keySet());
    shared.retainAll(baseline.keySet());
    if (shared.size() >= MIN_PAIRS) {
      return paired(candidate, baseline, shared);
    }
    double[] c = values(candidate);
    double[] b = values(baseline);
    if (c.length >= MIN_PAIRS && b.length >= MIN_PAIRS) {
      Difference welch = WelchDifference.of(c, b);
      return welch.withNote(
          shared.isEmpty()
              ? "no seed in common, so compared unpaired (Welch)"
              : "only seed " + shared.first() + " in common, so compared unpaired (Welch)");
    }
    double mean =
        c.length == 0 || b.length == 0
            ? Double.NaN
            : Arrays.stream(c).average().orElseThrow() - Arrays.stream(b).average().orElseThrow();
    return Difference.untested(
        c.length,
        b.length,
        mean,
        String.format(
            Locale.ROOT,
            "too few seeds for any test (%d pair%s; a test needs %d pairs, or %d seeds a side)",
            shared.size(),
            shared.size() == 1 ? "" : "s",
            MIN_PAIRS,
            MIN_PAIRS));
  }

  private static Difference paired(
      SortedMap<Long, Double> candidate, SortedMap<Long, Double> baseline, TreeSet<Long> shared) {
    double[] c = shared.stream().mapToDouble(candidate::get).toArray();
    double[] b = shared.stream().mapToDouble(baseline::get).toArray();
    Difference paired = PairedDifference.of(c, b);
    TreeSet<Long> unmatched = new TreeSet<>(candidate.keySet());
    unmatched.addAll(baseline.keySet());
    unmatched.removeAll(shared);
    if (unmatched.isEmpty()) {
      return paired;
    }
    return paired.withNote(
        "seed"
            + (unmatched.size() == 1 ? " " : "s ")
            + unmatched.stream().map(String::valueOf).collect(Collectors.joining(", "))
            + " left out: complete for only one of the two variants");
  }

  private static double[] values(SortedMap<Long, Double> bySeed) {
    return bySeed.values().stream().mapToDouble(Double::doubleValue).toArray();
  }
}
