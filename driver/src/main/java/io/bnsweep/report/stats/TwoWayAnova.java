package io.bnsweep.report.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.FDistribution;

/**
 * Two-way analysis of variance with interaction in randomized complete blocks: {@code y[i][j][k] =
 * mu + a_i + b_j + ab_ij + block_k + e_ijk}, one observation per cell and block, blocks additive.
 *
 * <p>For a sweep, i is the placement, j the activation and k the seed: a seed fixes initialisation
 * and data order for every variant, so it is a block, and removing its effect takes the seed-to-
 * seed spread out of the residual. The design must be balanced (every cell has every block); then
 * the sums of squares are orthogonal and are computed from the definitional formulas: {@code SS_A =
 * b r sum_i (m_i.. - m)^2}, {@code SS_B = a r sum_j (m_.j. - m)^2}, {@code SS_AB = r sum_ij (m_ij.
 * - m_i.. - m_.j. + m)^2}, {@code SS_block = a b sum_k (m_..k - m)^2}, {@code SS_residual = sum_ijk
 * (y_ijk - m_ij. - m_..k + m)^2}, with {@code (ab - 1)(r - 1)} residual df. Each F is its mean
 * square over the residual mean square; p is the upper tail of Commons Math's {@link
 * FDistribution}; when the residual spread is below the {@link Resolution} of the data (an exactly
 * additive table) there is no F. The residual is the block x treatment interaction, so the model
 * assumes that interaction is zero: a seed shifts every variant's accuracy by the same amount.
 */
public final class TwoWayAnova {
  private TwoWayAnova() {}

  /**
   * The table of {@code y[i][j][k]}: at least 2 levels of each factor, at least 2 blocks, and the
   * same number of blocks in every cell.
   */
  public static AnovaTable of(double[][][] y) {
    int a = y.length;
    if (a < 2 || y[0].length < 2 || y[0][0].length < 2) {
      throw new IllegalArgumentException("need at least 2 levels of A and B and 2 blocks");
    }
    int b = y[0].length;
    int r = y[0][0].length;
    for (double[][] row : y) {
      if (row.length != b) {
        throw new IllegalArgumentException("unbalanced: rows have different numbers of cells");
      }
      for (double[] cell : row) {
        if (cell.length != r) {
          throw new IllegalArgumentException("unbalanced: cells have different numbers of blocks");
        }
      }
    }
    double grand = 0;
    double[] meanA = new double[a];
    double[] meanB = new double[b];
    double[] meanBlock = new double[r];
    double[][] meanCell = new double[a][b];
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < b; j++) {
        for (int k = 0; k < r; k++) {
          double v = y[i][j][k];
          grand += v;
          meanA[i] += v;
          meanB[j] += v;
          meanBlock[k] += v;
          meanCell[i][j] += v;
        }
      }
    }
    grand /= a * b * r;
    for (int i = 0; i < a; i++) {
      meanA[i] /= b * r;
      for (int j = 0; j < b; j++) {
        meanCell[i][j] /= r;
      }
    }
    for (int j = 0; j < b; j++) {
      meanB[j] /= a * r;
    }
    for (int k = 0; k < r; k++) {
      meanBlock[k] /= a * b;
    }

    double ssA = 0;
    for (double m : meanA) {
      ssA += (m - grand) * (m - grand);
    }
    ssA *= b * r;
    double ssB = 0;
    for (double m : meanB) {
      ssB += (m - grand) * (m - grand);
    }
    ssB *= a * r;
    double ssBlock = 0;
    for (double m : meanBlock) {
      ssBlock += (m - grand) * (m - grand);
    }
    ssBlock *= a * b;
    double ssAb = 0;
    double ssResidual = 0;
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < b; j++) {
        double ab = meanCell[i][j] - meanA[i] - meanB[j] + grand;
        ssAb += ab * ab;
        for (int k = 0; k < r; k++) {
          double e = y[i][j][k] - meanCell[i][j] - meanBlock[k] + grand;
          ssResidual += e * e;
        }
      }
    }
    ssAb *= r;

    int dfResidual = (a * b - 1) * (r - 1);
    double msResidual = ssResidual / dfResidual;
    double denominator = Math.sqrt(msResidual) <= Resolution.of(flatten(y)) ? 0 : msResidual;
    AnovaRow residual = new AnovaRow(ssResidual, dfResidual, msResidual, Double.NaN, Double.NaN);
    return new AnovaTable(
        row(ssA, a - 1, denominator, dfResidual),
        row(ssB, b - 1, denominator, dfResidual),
        row(ssAb, (a - 1) * (b - 1), denominator, dfResidual),
        row(ssBlock, r - 1, denominator, dfResidual),
        residual);
  }

  private static double[] flatten(double[][][] y) {
    return Arrays.stream(y).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).toArray();
  }

  private static AnovaRow row(double ss, int df, double denominator, int dfResidual) {
    double ms = ss / df;
    if (denominator == 0) {
      return new AnovaRow(ss, df, ms, Double.NaN, Double.NaN);
    }
    double f = ms / denominator;
    double p = 1 - new FDistribution(null, df, dfResidual).cumulativeProbability(f);
    return new AnovaRow(ss, df, ms, f, p);
  }
}
