package io.bnsweep.report.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;

/**
 * Type II sums of squares of any factorial design, from least-squares fits.
 *
 * <p><b>Model.</b> {@code y = intercept + every term of} {@link FactorialLayout#terms} {@code (+
 * block)}, in sum-to-zero (effect) coding: a factor with {@code L} levels has {@code L - 1}
 * columns, column {@code j} being 1 at level {@code j}, -1 at the last level and 0 elsewhere; an
 * interaction's columns are the products of its factors' columns; the blocks are coded like a
 * factor. Those are the columns R builds with {@code contr.sum}.
 *
 * <p><b>Type II.</b> The sum of squares of term {@code T} is {@code RSS(M_T) - RSS(M_T + T)}, where
 * {@code M_T} holds the intercept and every term that does not contain {@code T} (the block is a
 * main effect, contained in no other term): each main effect is adjusted for the other main effects
 * and their interactions, each interaction for everything but the interactions above it. Its df is
 * {@code rank(M_T + T) - rank(M_T)}; the residual has {@code n - rank(full model)} df. This is
 * {@code car::Anova(type = 2)} in R and the reduction {@code R(T | terms not containing T)} of SAS.
 *
 * <p><b>Fitting.</b> One pass of QR factorisations (Commons Math {@link QRDecomposition}) reduces
 * the {@code n x (p + 1)} matrix {@code [X y]} to a {@code (p + 1) x (p + 1)} triangle {@code R}, a
 * block of rows at a time, so memory stays {@code O(p^2)} however many observations there are.
 * Because {@code Q} is orthogonal, the least-squares fit of {@code y} on any subset of the columns
 * has the same residual sum of squares on {@code R}'s rows as on the data's, so every nested model
 * is then fitted on that triangle: a QR of its columns followed by {@code y}'s column, whose last
 * diagonal entry is the residual norm.
 *
 * <p><b>Empty cells.</b> When a cell of the full factorial has no observation, some interaction
 * columns are linear combinations of others and their effects are not estimable; the same happens
 * to a factor whose levels ran in disjoint sets of seeds, which the block then absorbs. This is
 * detected once on the full model with a column-pivoted QR ({@link PivotedQr}): a pivot below
 * {@value #RANK_TOLERANCE} times the largest column norm counts as zero (the columns' entries are
 * -1, 0 and 1, so a true pivot is far above that and a rounding one far below). If the model is
 * rank deficient, every nested model is reduced the same way to a basis of its column space before
 * it is fitted. The non-estimable columns are thus left out rather than the analysis skipped: each
 * term's df is the rank it actually adds, which is smaller than its nominal df when it is partly
 * aliased (a term that adds nothing gets 0 df and no F), and a note says so. Sums of squares depend
 * only on column spaces, so which columns are left out does not change them.
 */
final class TypeTwoSums {
  /** A pivot of a column-pivoted QR below this times the largest column norm counts as zero. */
  static final double RANK_TOLERANCE = 1e-9;

  private final FactorialLayout layout;

  /** Column range of each model term: the factor terms, then (with blocks) the block. */
  private final int[] start;

  private final int[] width;

  /** The reduced system: the triangle {@code R} of {@code [X y]}, {@code y}'s column last. */
  private final double[][] triangle;

  private final int columns;

  /** Whether the full model's columns are independent; then so are those of every submodel. */
  private boolean fullRank;

  private final Map<BitSet, Fit> fits = new HashMap<>();

  /** A least-squares fit of {@code y} on some columns: residual sum of squares and rank. */
  private record Fit(double rss, int rank) {}

  private TypeTwoSums(FactorialLayout layout) {
    this.layout = layout;
    int termCount = layout.terms.size() + (layout.withBlocks ? 1 : 0);
    start = new int[termCount];
    width = new int[termCount];
    int next = 1; // column 0 is the intercept
    for (int t = 0; t < termCount; t++) {
      start[t] = next;
      width[t] = t < layout.terms.size() ? layout.df(layout.terms.get(t)) : layout.blockCount - 1;
      next += width[t];
    }
    columns = next;
    triangle = reduce();
  }

  /**
   * The Type II sums of squares of {@code layout}, whose {@link FactorialLayout#columnCount()} the
   * caller has checked.
   */
  static SumsOfSquares of(FactorialLayout layout) {
    return new TypeTwoSums(layout).sums();
  }

  private SumsOfSquares sums() {
    int termCount = start.length;
    BitSet all = new BitSet();
    all.set(0, termCount);
    fullRank = pivotedBasis(columnsOf(all)).length == columns;
    Fit full = fit(all);

    double[] ss = new double[termCount];
    int[] df = new int[termCount];
    for (int t = 0; t < termCount; t++) {
      BitSet without = new BitSet();
      for (int u = 0; u < termCount; u++) {
        if (u != t && !contains(u, t)) {
          without.set(u);
        }
      }
      BitSet with = (BitSet) without.clone();
      with.set(t);
      Fit reduced = fit(without);
      Fit extended = fit(with);
      ss[t] = Math.max(0, reduced.rss() - extended.rss());
      df[t] = extended.rank() - reduced.rank();
    }

    List<String> notes = new ArrayList<>();
    notes.add(
        String.format(
            "Type II sums of squares from least-squares fits (sum-to-zero coding, %d columns):"
                + " each term adjusted for all terms that do not contain it%s",
            columns, layout.withBlocks ? ", the seed block counting as a main effect" : ""));
    if (!fullRank) {
      notes.add(
          String.format(
              "the model has rank %d of %d columns (empty cells, or seeds confounded with"
                  + " variants): the non-estimable columns are left out, and a term's df is the"
                  + " rank it adds",
              full.rank(), columns));
      for (int t = 0; t < termCount; t++) {
        if (df[t] < width[t]) {
          String label =
              t < layout.terms.size()
                  ? String.join(" × ", layout.names(layout.terms.get(t)))
                  : "seed (block)";
          notes.add(
              df[t] == 0
                  ? label + " cannot be estimated from these data (0 df)"
                  : String.format("%s: %d of its %d df are estimable", label, df[t], width[t]));
        }
      }
    }
    int factorTerms = layout.terms.size();
    return new SumsOfSquares(
        Arrays.copyOf(ss, factorTerms),
        Arrays.copyOf(df, factorTerms),
        layout.withBlocks ? ss[factorTerms] : 0,
        layout.withBlocks ? df[factorTerms] : 0,
        full.rss(),
        layout.size() - full.rank(),
        notes);
  }

  /**
   * Whether model term {@code u} contains term {@code t}: both are factor terms and {@code u}'s
   * factors include {@code t}'s. The block contains, and is contained in, no other term.
   */
  private boolean contains(int u, int t) {
    int factorTerms = layout.terms.size();
    if (u >= factorTerms || t >= factorTerms) {
      return u == t;
    }
    int[] outer = layout.terms.get(u);
    for (int f : layout.terms.get(t)) {
      if (Arrays.stream(outer).noneMatch(g -> g == f)) {
        return false;
      }
    }
    return true;
  }

  /** The intercept's column and the columns of the model terms in {@code model}. */
  private int[] columnsOf(BitSet model) {
    List<Integer> cols = new ArrayList<>();
    cols.add(0);
    model.stream()
        .forEach(
            t -> {
              for (int c = start[t]; c < start[t] + width[t]; c++) {
                cols.add(c);
              }
            });
    return cols.stream().mapToInt(Integer::intValue).toArray();
  }

  private Fit fit(BitSet model) {
    Fit known = fits.get(model);
    if (known != null) {
      return known;
    }
    int[] basis = basis(columnsOf(model));
    // QR of the basis columns followed by y: the last diagonal entry is the residual norm
    int rows = triangle.length;
    double[][] a = new double[rows][basis.length + 1];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < basis.length; j++) {
        a[r][j] = triangle[r][basis[j]];
      }
      a[r][basis.length] = triangle[r][columns];
    }
    double rss = 0;
    if (basis.length < rows) {
      double norm =
          new QRDecomposition(new Array2DRowRealMatrix(a, false))
              .getR()
              .getEntry(basis.length, basis.length);
      rss = norm * norm;
    }
    Fit fit = new Fit(rss, basis.length);
    fits.put((BitSet) model.clone(), fit);
    return fit;
  }

  /**
   * Columns among {@code cols} that span the same space: all of them when the full model has full
   * rank, otherwise {@link #pivotedBasis}.
   */
  private int[] basis(int[] cols) {
    return fullRank ? cols : pivotedBasis(cols);
  }

  /** The leading pivots of a column-pivoted QR of {@code cols}, down to the rank tolerance. */
  private int[] pivotedBasis(int[] cols) {
    int rows = triangle.length;
    double[][] a = new double[rows][cols.length];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols.length; j++) {
        a[r][j] = triangle[r][cols[j]];
      }
    }
    PivotedQr qr = new PivotedQr(new Array2DRowRealMatrix(a, false));
    int[] chosen = new int[qr.rank(RANK_TOLERANCE)];
    for (int i = 0; i < chosen.length; i++) {
      chosen[i] = cols[qr.pivot(i)];
    }
    Arrays.sort(chosen);
    return chosen;
  }

  /**
   * The triangle of {@code [X y]}, {@code y} centred (which changes no sum of squares, as every
   * model has the intercept), built from blocks of rows: each block is stacked under the triangle
   * so far and factored again.
   */
  private double[][] reduce() {
    int n = layout.size();
    double mean = Arrays.stream(layout.y).sum() / n;
    int rowsPerBlock = 2 * (columns + 1);
    double[][] kept = new double[0][];
    List<double[]> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pending.add(designRow(i, layout.y[i] - mean));
      if (pending.size() == rowsPerBlock || i == n - 1) {
        double[][] stack = new double[kept.length + pending.size()][];
        System.arraycopy(kept, 0, stack, 0, kept.length);
        for (int j = 0; j < pending.size(); j++) {
          stack[kept.length + j] = pending.get(j);
        }
        double[][] r = new QRDecomposition(new Array2DRowRealMatrix(stack, false)).getR().getData();
        kept = Arrays.copyOf(r, Math.min(r.length, columns + 1));
        pending.clear();
      }
    }
    return kept;
  }

  /** Row {@code i} of {@code [X y]}: intercept, every term's effect-coded columns, block, y. */
  private double[] designRow(int i, double response) {
    double[] row = new double[columns + 1];
    row[0] = 1;
    for (int t = 0; t < layout.terms.size(); t++) {
      double[] product = {1};
      for (int f : layout.terms.get(t)) {
        double[] code = effectCode(layout.code[i][f], layout.levelCount(f));
        double[] next = new double[product.length * code.length];
        for (int a = 0; a < product.length; a++) {
          for (int j = 0; j < code.length; j++) {
            next[a * code.length + j] = product[a] * code[j];
          }
        }
        product = next;
      }
      System.arraycopy(product, 0, row, start[t], product.length);
    }
    if (layout.withBlocks) {
      double[] code = effectCode(layout.block[i], layout.blockCount);
      System.arraycopy(code, 0, row, start[layout.terms.size()], code.length);
    }
    row[columns] = response;
    return row;
  }

  /** Sum-to-zero coding of level {@code level} of {@code levels}: a unit vector, or all -1. */
  private static double[] effectCode(int level, int levels) {
    double[] code = new double[levels - 1];
    if (level == levels - 1) {
      Arrays.fill(code, -1);
    } else {
      code[level] = 1;
    }
    return code;
  }
}
