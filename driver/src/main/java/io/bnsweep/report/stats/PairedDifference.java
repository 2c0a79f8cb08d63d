package io.bnsweep.report.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The paired comparison of two variants run with the same seeds: mean difference with its 95%
 * t-interval, paired t-test, Wilcoxon signed-rank test, Cohen's d_z and the standard error of the
 * mean difference (from which the {@link DecisionRule} builds its simultaneous interval).
 *
 * <p>Seed i of every variant shares initialisation seed and data order, so differences within a
 * seed remove the seed-to-seed spread both variants share; a paired test is then much more
 * sensitive than comparing the two means. The t-test and its p come from Commons Math's {@link
 * TTest}; the interval is {@code mean ± t(0.975, n - 1) sd / sqrt(n)}, matching R's {@code
 * t.test(x, y, paired = TRUE)}. When every seed gives the same difference (to the {@link
 * Resolution}) the standard deviation is zero and no t-test is possible: the result is {@link
 * Design#NONE} with that reason.
 */
public final class PairedDifference {
  private static final double ALPHA = 0.05;

  private PairedDifference() {}

  /** The comparison of {@code candidate[i]} with {@code baseline[i]}, at least 2 pairs. */
  public static Difference of(double[] candidate, double[] baseline) {
    int n = candidate.length;
    if (n != baseline.length) {
      throw new IllegalArgumentException("unpaired samples: " + n + " and " + baseline.length);
    }
    if (n < 2) {
      throw new IllegalArgumentException("a paired test needs at least 2 pairs, got " + n);
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = candidate[i] - baseline[i];
    }
    double mean = StatUtils.mean(d);
    double sd = Math.sqrt(StatUtils.variance(d));
    if (sd <= Resolution.of(candidate, baseline)) {
      return Difference.untested(
          n,
          n,
          mean,
          String.format(
              Locale.ROOT,
              "all %d seeds give the same difference (%.2f points), so a t-test has no spread",
              n,
              100 * mean));
    }
    int df = n - 1;
    double se = sd / Math.sqrt(n);
    TTest tTest = new TTest();
    SignedRankTest wilcoxon = SignedRankTest.of(candidate, baseline);
    return new Difference(
        Design.PAIRED,
        n,
        n,
        mean,
        Interval.around(mean, Quantiles.twoSidedT(ALPHA, df) * se),
        tTest.pairedT(candidate, baseline),
        df,
        tTest.pairedTTest(candidate, baseline),
        wilcoxon.p(),
        mean / sd,
        se,
        wilcoxonNotes(wilcoxon));
  }

  private static List<String> wilcoxonNotes(SignedRankTest wilcoxon) {
    List<String> notes = new ArrayList<>();
    if (wilcoxon.n() < SignedRankTest.MIN_PAIRS_FOR_5_PERCENT) {
      notes.add(
          String.format(
              Locale.ROOT,
              "Wilcoxon with %d non-zero differences can never reach p < 0.05 (smallest p is %s)",
              wilcoxon.n(),
              wilcoxon.n() == 0 ? "undefined" : format(2 / Math.pow(2, wilcoxon.n()))));
    }
    if (wilcoxon.ties() && wilcoxon.exact()) {
      notes.add(
          "tied differences: Wilcoxon p exact over their mid-ranks (R's wilcox.test would use"
              + " the normal approximation)");
    }
    if (!wilcoxon.exact()) {
      notes.add(
          "Wilcoxon p from the normal approximation (more than 20 pairs)"
              + (wilcoxon.ties() ? ", its variance corrected for ties" : ""));
    }
    return notes;
  }

  private static String format(double p) {
    return String.format(Locale.ROOT, "%.4f", p);
  }
}
