package io.bnsweep.report.stats;

/**
 * The smallest difference or spread treated as real: {@value #RELATIVE} times the largest absolute
 * value in the data.
 *
 * <p>Accuracies are ratios like 1683/2000 stored as doubles, so two differences that are equal in
 * decimals ({@code 0.82 - 0.80} and {@code 0.84 - 0.82}) can differ in the last bits, and a spread
 * that is zero in decimals can come out as 1e-17. Without a resolution a paired t-test would then
 * report t = 1e15 and p = 0, and the signed-rank test would break ties at random. Relative to the
 * data, so that it suits accuracies and textbook data alike.
 */
final class Resolution {
  /** Resolution relative to the largest absolute value. */
  static final double RELATIVE = 1e-9;

  private Resolution() {}

  /** The resolution of the values in {@code samples}; 0 if they are all 0. */
  static double of(double[]... samples) {
    double largest = 0;
    for (double[] sample : samples) {
      for (double v : sample) {
        largest = Math.max(largest, Math.abs(v));
      }
    }
    return RELATIVE * largest;
  }
}
