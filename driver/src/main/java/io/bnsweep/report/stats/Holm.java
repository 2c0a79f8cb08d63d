package io.bnsweep.report.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment of a family of p-values, which controls the family-wise error rate
 * without assuming anything about how the tests depend on each other.
 *
 * <p>With the m defined p-values sorted ascending, {@code p_holm(i) = min(1, max over j <= i of (m
 * - j + 1) p(j))} (1-based), the same as R's {@code p.adjust(p, "holm")}. {@code NaN} entries
 * (untested comparisons) stay {@code NaN} and do not count in m, as R does with {@code NA}. Holm
 * rather than Bonferroni because it is uniformly more powerful under the same assumptions.
 */
public final class Holm {
  private Holm() {}

  /** The adjusted p-values, in the order of {@code p}. */
  public static double[] adjust(double[] p) {
    Integer[] order =
        IntStream.range(0, p.length)
            .filter(i -> !Double.isNaN(p[i]))
            .boxed()
            .sorted(Comparator.comparingDouble(i -> p[i]))
            .toArray(Integer[]::new);
    double[] adjusted = new double[p.length];
    Arrays.fill(adjusted, Double.NaN);
    int m = order.length;
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order[rank];
      if (p[i] < 0 || p[i] > 1) {
        throw new IllegalArgumentException("not a p-value: " + p[i]);
      }
      running = Math.max(running, Math.min(1, (m - rank) * p[i]));
      adjusted[i] = running;
    }
    return adjusted;
  }
}
