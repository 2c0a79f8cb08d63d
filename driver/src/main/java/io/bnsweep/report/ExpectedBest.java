package io.bnsweep.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The expected best validation score of a search of n configurations (Dodge et al. 2019, "Show Your
 * Work"), estimated from the N scores one search observed by the unbiased estimator of Tang et al.
 * 2020: the expected maximum of n scores drawn from them without replacement,
 *
 * <pre>
 *   E[max of n] = sum over i = n..N of v(i) x C(i - 1, n - 1) / C(N, n),
 * </pre>
 *
 * with v(1) <= ... <= v(N) the sorted scores: v(i) is the maximum of a draw exactly when it is
 * drawn and the other n - 1 come from the i - 1 below it. At n = 1 it is the mean, at n = N the
 * best score.
 */
public final class ExpectedBest {
  private ExpectedBest() {}

  /** E[max of n] for n = 1 to the number of {@code scores}. */
  public static List<Double> curve(List<Double> scores) {
    List<Double> v = new ArrayList<>(scores);
    v.sort(null);
    int total = v.size();
    List<Double> curve = new ArrayList<>();
    for (int n = 1; n <= total; n++) {
      double sum = 0;
      for (int i = n; i <= total; i++) {
        sum += v.get(i - 1) * weight(i, n, total);
      }
      curve.add(sum);
    }
    return curve;
  }

  /** C(i - 1, n - 1) / C(N, n), as a product of ratios (no large binomials). */
  static double weight(int i, int n, int total) {
    // C(i-1, n-1) / C(N, n) = n / N x prod_{k=1}^{n-1} (i - k) / (N - k)
    double w = (double) n / total;
    for (int k = 1; k < n; k++) {
      w *= (double) (i - k) / (total - k);
    }
    return w;
  }
}
