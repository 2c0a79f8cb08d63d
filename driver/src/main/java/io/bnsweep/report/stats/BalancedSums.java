package io.bnsweep.report.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Closed-form sums of squares of a balanced factorial design (every cell of the full factorial has
 * one observation in each block, or without blocks the same number of replicates).
 *
 * <p>Balance makes the terms orthogonal, so each sum of squares comes from marginal means alone.
 * The effect of term {@code S} at one of its margin cells {@code c} is the inclusion-exclusion sum
 * over the subsets {@code T} of {@code S}: {@code e_S(c) = sum_T (-1)^(|S| - |T|) m_T(c)}, where
 * {@code m_T(c)} is the mean of all observations in the margin cell of {@code T} that {@code c}
 * lies in, and {@code m_{}} is the grand mean. For a main effect that is {@code m_A(i) - m}, for a
 * two-factor interaction {@code m_AB(ij) - m_A(i) - m_B(j) + m}. Then {@code SS_S = (n / cells of
 * S) * sum_c e_S(c)^2}, with {@code prod (levels - 1)} df; the blocks give {@code SS_block = (n /
 * blocks) * sum_k (m_k - m)^2} with {@code blocks - 1} df. The residual is computed directly,
 * {@code sum_i (y_i - m - sum_S e_S(c_S(i)) - (m_k(i) - m))^2}, which equals the total minus all of
 * the above; it holds the interactions above {@link FactorialAnova#MAX_ORDER} and, with blocks, the
 * block x treatment interaction. For two factors in blocks this is the table of {@link
 * TwoWayAnova}.
 */
final class BalancedSums {
  private BalancedSums() {}

  /** The sums of squares of a layout that {@link FactorialLayout#imbalance()} found balanced. */
  static SumsOfSquares of(FactorialLayout layout) {
    int n = layout.size();
    List<int[]> terms = layout.terms;
    double grand = Arrays.stream(layout.y).sum() / n;

    Map<List<Integer>, Integer> termIndex = new HashMap<>();
    for (int t = 0; t < terms.size(); t++) {
      termIndex.put(key(terms.get(t)), t);
    }
    double[][] marginMeans = new double[terms.size()][];
    for (int t = 0; t < terms.size(); t++) {
      marginMeans[t] = marginMeans(layout, terms.get(t));
    }

    double[] ss = new double[terms.size()];
    int[] df = new int[terms.size()];
    double[][] effects = new double[terms.size()][];
    for (int t = 0; t < terms.size(); t++) {
      int[] term = terms.get(t);
      effects[t] = effects(layout, term, termIndex, marginMeans, grand);
      double sum = 0;
      for (double e : effects[t]) {
        sum += e * e;
      }
      ss[t] = (double) n / effects[t].length * sum;
      df[t] = layout.df(term);
    }

    double[] blockMean = new double[layout.blockCount];
    for (int i = 0; i < n; i++) {
      blockMean[layout.block[i]] += layout.y[i];
    }
    double ssBlock = 0;
    for (int k = 0; k < blockMean.length; k++) {
      blockMean[k] /= (double) n / layout.blockCount;
      ssBlock += (blockMean[k] - grand) * (blockMean[k] - grand);
    }
    ssBlock *= (double) n / layout.blockCount;

    double ssResidual = 0;
    for (int i = 0; i < n; i++) {
      double fitted = blockMean[layout.block[i]];
      for (int t = 0; t < terms.size(); t++) {
        fitted += effects[t][layout.marginIndex(i, terms.get(t))];
      }
      double e = layout.y[i] - fitted;
      ssResidual += e * e;
    }
    int dfModel = Arrays.stream(df).sum() + layout.blockCount - 1;

    List<String> notes = new ArrayList<>();
    notes.add(
        String.format(
            "balanced: each of the %d cells has %s; sums of squares from marginal means"
                + " (orthogonal, so Types I, II and III agree)",
            layout.cellCount(),
            layout.withBlocks
                ? "one observation in each of the " + layout.blockCount + " seeds"
                : n / layout.cellCount() + " observations"));
    return new SumsOfSquares(
        ss,
        df,
        layout.withBlocks ? ssBlock : 0,
        layout.withBlocks ? layout.blockCount - 1 : 0,
        ssResidual,
        n - 1 - dfModel,
        notes);
  }

  private static List<Integer> key(int[] factors) {
    return Arrays.stream(factors).boxed().toList();
  }

  /** The mean of the observations in each margin cell of {@code term}. */
  private static double[] marginMeans(FactorialLayout layout, int[] term) {
    int size = (int) layout.marginSize(term);
    double[] sum = new double[size];
    int[] count = new int[size];
    for (int i = 0; i < layout.size(); i++) {
      int c = layout.marginIndex(i, term);
      sum[c] += layout.y[i];
      count[c]++;
    }
    for (int c = 0; c < size; c++) {
      sum[c] /= count[c];
    }
    return sum;
  }

  /** {@code e_S(c)} for every margin cell {@code c} of {@code term}, by inclusion-exclusion. */
  private static double[] effects(
      FactorialLayout layout,
      int[] term,
      Map<List<Integer>, Integer> termIndex,
      double[][] marginMeans,
      double grand) {
    int size = (int) layout.marginSize(term);
    double[] effects = new double[size];
    int[] level = new int[term.length];
    for (int c = 0; c < size; c++) {
      // the levels of the term's factors in margin cell c (mixed radix, first factor highest)
      for (int j = term.length - 1, rest = c; j >= 0; j--) {
        level[j] = rest % layout.levelCount(term[j]);
        rest /= layout.levelCount(term[j]);
      }
      double e = 0;
      for (int mask = 0; mask < 1 << term.length; mask++) {
        int sign = (term.length - Integer.bitCount(mask)) % 2 == 0 ? 1 : -1;
        if (mask == 0) {
          e += sign * grand;
          continue;
        }
        List<Integer> subset = new ArrayList<>();
        int index = 0;
        for (int j = 0; j < term.length; j++) {
          if ((mask & 1 << j) != 0) {
            subset.add(term[j]);
            index = index * layout.levelCount(term[j]) + level[j];
          }
        }
        e += sign * marginMeans[termIndex.get(subset)][index];
      }
      effects[c] = e;
    }
    return effects;
  }
}
