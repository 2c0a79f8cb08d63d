package io.bnsweep.report.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The observations of a factorial design coded as integers, the common input of {@link
 * BalancedSums} and {@link TypeTwoSums}.
 *
 * <p>Levels and blocks are numbered in the order they first appear. A <em>cell</em> is a
 * combination of one level of every factor; a <em>margin cell</em> of a term is a combination of
 * one level of each of the term's factors. Margin cells are numbered in mixed radix with the term's
 * first factor most significant.
 */
final class FactorialLayout {
  /** The factor names, in the analysis' order. */
  final List<String> factors;

  /** For each factor, its level labels in order of first appearance. */
  final List<List<String>> levels;

  /** {@code code[i][f]}: the level index of factor {@code f} in observation {@code i}. */
  final int[][] code;

  /** Whether the blocks are part of the model. */
  final boolean withBlocks;

  /** {@code block[i]}: the block index of observation {@code i} (0 for all without blocks). */
  final int[] block;

  /** The number of distinct blocks (1 without blocks). */
  final int blockCount;

  /** The responses. */
  final double[] y;

  /**
   * The model's factor terms as sets of factor indices: main effects, then two-factor, then
   * three-factor interactions, each order in lexicographic order of the factor indices.
   */
  final List<int[]> terms;

  private FactorialLayout(
      List<String> factors,
      List<List<String>> levels,
      int[][] code,
      boolean withBlocks,
      int[] block,
      int blockCount,
      double[] y) {
    this.factors = factors;
    this.levels = levels;
    this.code = code;
    this.withBlocks = withBlocks;
    this.block = block;
    this.blockCount = blockCount;
    this.y = y;
    this.terms = terms(factors.size(), FactorialAnova.MAX_ORDER);
  }

  /**
   * Codes {@code observations}, checking what {@link FactorialAnova#of} requires: at least one
   * factor, no factor twice, a level of every factor in every observation, finite values, at least
   * two levels of every factor and, with blocks, at least two blocks.
   */
  static FactorialLayout of(
      List<String> factors, List<Observation> observations, boolean withBlocks) {
    if (factors.isEmpty()) {
      throw new IllegalArgumentException("need at least one factor");
    }
    if (new HashSet<>(factors).size() != factors.size()) {
      throw new IllegalArgumentException("a factor is named twice: " + factors);
    }
    if (observations.isEmpty()) {
      throw new IllegalArgumentException("no observations");
    }
    int n = observations.size();
    int k = factors.size();
    List<Map<String, Integer>> index = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      index.add(new LinkedHashMap<>());
    }
    Map<Long, Integer> blockIndex = new LinkedHashMap<>();
    int[][] code = new int[n][k];
    int[] block = new int[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      Observation o = observations.get(i);
      for (int f = 0; f < k; f++) {
        String level = o.levels().get(factors.get(f));
        if (level == null) {
          throw new IllegalArgumentException(
              "observation " + i + " has no level of factor " + factors.get(f));
        }
        Map<String, Integer> seen = index.get(f);
        code[i][f] = seen.computeIfAbsent(level, l -> seen.size());
      }
      block[i] = withBlocks ? blockIndex.computeIfAbsent(o.block(), b -> blockIndex.size()) : 0;
      if (!Double.isFinite(o.value())) {
        throw new IllegalArgumentException("observation " + i + " has value " + o.value());
      }
      y[i] = o.value();
    }
    List<List<String>> levels = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      levels.add(List.copyOf(index.get(f).keySet()));
      if (levels.get(f).size() < 2) {
        throw new IllegalArgumentException(
            "factor "
                + factors.get(f)
                + " has a single level in the data, "
                + levels.get(f)
                + ": leave it out of the analysis");
      }
    }
    if (withBlocks && blockIndex.size() < 2) {
      throw new IllegalArgumentException("a single block in the data: analyse without blocks");
    }
    return new FactorialLayout(
        List.copyOf(factors),
        List.copyOf(levels),
        code,
        withBlocks,
        block,
        withBlocks ? blockIndex.size() : 1,
        y);
  }

  /** All subsets of {@code 0..factorCount-1} with 1 to {@code maxOrder} elements, model order. */
  static List<int[]> terms(int factorCount, int maxOrder) {
    List<int[]> terms = new ArrayList<>();
    for (int order = 1; order <= Math.min(maxOrder, factorCount); order++) {
      addCombinations(terms, new int[order], 0, 0, factorCount);
    }
    return List.copyOf(terms);
  }

  private static void addCombinations(List<int[]> out, int[] chosen, int depth, int from, int n) {
    if (depth == chosen.length) {
      out.add(chosen.clone());
      return;
    }
    for (int f = from; f < n; f++) {
      chosen[depth] = f;
      addCombinations(out, chosen, depth + 1, f + 1, n);
    }
  }

  /** The number of observations. */
  int size() {
    return y.length;
  }

  /** The number of levels of factor {@code f}. */
  int levelCount(int f) {
    return levels.get(f).size();
  }

  /** The factor names of a term. */
  List<String> names(int[] term) {
    List<String> names = new ArrayList<>();
    for (int f : term) {
      names.add(factors.get(f));
    }
    return List.copyOf(names);
  }

  /** Degrees of freedom of a term: the product of (levels - 1) over its factors. */
  int df(int[] term) {
    int df = 1;
    for (int f : term) {
      df *= levelCount(f) - 1;
    }
    return df;
  }

  /** The number of margin cells of a term (saturating at {@link Long#MAX_VALUE}). */
  long marginSize(int[] term) {
    long size = 1;
    for (int f : term) {
      size = saturatingProduct(size, levelCount(f));
    }
    return size;
  }

  /** The number of cells of the full factorial (saturating at {@link Long#MAX_VALUE}). */
  long cellCount() {
    long cells = 1;
    for (int f = 0; f < factors.size(); f++) {
      cells = saturatingProduct(cells, levelCount(f));
    }
    return cells;
  }

  /**
   * The number of columns of the least-squares model: the intercept, {@link #df} columns for every
   * term, and {@code blocks - 1} for the blocks (saturating at {@link Long#MAX_VALUE}).
   */
  long columnCount() {
    long columns = 1 + (withBlocks ? blockCount - 1 : 0);
    for (int[] term : terms) {
      long width = 1;
      for (int f : term) {
        width = saturatingProduct(width, levelCount(f) - 1);
      }
      columns = width > Long.MAX_VALUE - columns ? Long.MAX_VALUE : columns + width;
    }
    return columns;
  }

  private static long saturatingProduct(long a, long b) {
    return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }

  /** The margin cell of observation {@code i} for {@code term}; the margin must fit an int. */
  int marginIndex(int i, int[] term) {
    int index = 0;
    for (int f : term) {
      index = index * levelCount(f) + code[i][f];
    }
    return index;
  }

  /**
   * Why the design is not balanced, or empty if it is. Balanced means: every cell of the full
   * factorial has observations and, with blocks, exactly one in each block; without blocks, the
   * same number in every cell.
   */
  Optional<String> imbalance() {
    Map<List<Integer>, Integer> perCell = new HashMap<>();
    Set<List<Integer>> cellBlocks = new HashSet<>();
    for (int i = 0; i < size(); i++) {
      List<Integer> cell = new ArrayList<>();
      for (int c : code[i]) {
        cell.add(c);
      }
      perCell.merge(List.copyOf(cell), 1, Integer::sum);
      cell.add(block[i]);
      cellBlocks.add(List.copyOf(cell));
    }
    long cells = cellCount();
    if (perCell.size() < cells) {
      return Optional.of(
          String.format(
              "%d of the %d cells (combinations of factor levels) have no observation",
              cells - perCell.size(), cells));
    }
    int fewest = perCell.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
    int most = perCell.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    if (fewest != most) {
      return Optional.of(String.format("cells have between %d and %d observations", fewest, most));
    }
    if (!withBlocks) {
      return Optional.empty();
    }
    if (cellBlocks.size() < size()) {
      return Optional.of("a cell has more than one observation in the same seed");
    }
    if (fewest < blockCount) {
      return Optional.of(
          String.format(
              "every cell has %d observations, but not in the same %d seeds", fewest, blockCount));
    }
    return Optional.empty();
  }

  /**
   * For each factor, in factor order: the largest minus the smallest of the means of all
   * observations at each of its levels.
   */
  Map<String, Double> marginalRanges() {
    Map<String, Double> ranges = new LinkedHashMap<>();
    for (int f = 0; f < factors.size(); f++) {
      double[] sum = new double[levelCount(f)];
      int[] count = new int[levelCount(f)];
      for (int i = 0; i < size(); i++) {
        sum[code[i][f]] += y[i];
        count[code[i][f]]++;
      }
      double lowest = Double.POSITIVE_INFINITY;
      double highest = Double.NEGATIVE_INFINITY;
      for (int l = 0; l < sum.length; l++) {
        double mean = sum[l] / count[l];
        lowest = Math.min(lowest, mean);
        highest = Math.max(highest, mean);
      }
      ranges.put(factors.get(f), highest - lowest);
    }
    return ranges;
  }
}
