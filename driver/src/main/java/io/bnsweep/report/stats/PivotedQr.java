package io.bnsweep.report.stats;

import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Householder QR with column pivoting (Businger and Golub): {@code A P = Q R}, where at each step
 * the column whose not yet reduced part has the largest norm is moved into place, so that {@code
 * |R_ii|} does not increase along the diagonal and its first negligible entry reveals the rank.
 *
 * <p>The reflections are Commons Math's {@link QRDecomposition}; only the pivot choice is added
 * here. Commons Math's own {@code RRQRDecomposition} (3.6.1) is not used because it chooses the
 * pivot by the norm of the whole column, including the rows already reduced: its diagonal is then
 * not ordered, and a negligible pivot can come before a large one (seen on a 10 x 10 x 10 factorial
 * with empty cells, where it put pivots of 1e-12 ahead of ones of 0.7).
 */
final class PivotedQr extends QRDecomposition {
  /** {@code pivot[i]}: the column of {@code A} that is column {@code i} of {@code A P}. */
  private int[] pivot;

  /** Factors {@code matrix}. */
  PivotedQr(RealMatrix matrix) {
    super(matrix);
  }

  @Override
  protected void decompose(double[][] qrt) {
    // runs inside the superclass constructor, before this class's field initialisers would
    pivot = new int[qrt.length];
    for (int i = 0; i < pivot.length; i++) {
      pivot[i] = i;
    }
    super.decompose(qrt);
  }

  @Override
  protected void performHouseholderReflection(int minor, double[][] qrt) {
    // qrt holds the transposed matrix: qrt[c] is column c, its rows from minor on not reduced yet
    int best = minor;
    double bestNorm = -1;
    for (int c = minor; c < qrt.length; c++) {
      double norm = 0;
      for (int row = minor; row < qrt[c].length; row++) {
        norm += qrt[c][row] * qrt[c][row];
      }
      if (norm > bestNorm) {
        bestNorm = norm;
        best = c;
      }
    }
    double[] column = qrt[minor];
    qrt[minor] = qrt[best];
    qrt[best] = column;
    int index = pivot[minor];
    pivot[minor] = pivot[best];
    pivot[best] = index;
    super.performHouseholderReflection(minor, qrt);
  }

  /**
   * The numerical rank: the number of leading diagonal entries of {@code R} above {@code
   * relativeTolerance} times the first (the largest column norm).
   */
  int rank(double relativeTolerance) {
    RealMatrix r = getR();
    int diagonal = Math.min(r.getRowDimension(), r.getColumnDimension());
    double threshold = diagonal == 0 ? 0 : relativeTolerance * Math.abs(r.getEntry(0, 0));
    int rank = 0;
    while (rank < diagonal && Math.abs(r.getEntry(rank, rank)) > threshold) {
      rank++;
    }
    return rank;
  }

  /** The column of the factored matrix that was moved to position {@code i}. */
  int pivot(int i) {
    return pivot[i];
  }
}
