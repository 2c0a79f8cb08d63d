package io.bnsweep.report.stats;

/**
 * Textbook data sets whose statistics are published, for checking this package against them.
 *
 * <p>Each constant names its source. Expected values in the tests come from those publications
 * (printed to 7 significant digits) or, where a publication prints fewer digits or another variant
 * of a test, from exact rational arithmetic or SciPy 1.17 (python3), never from this package.
 */
final class ReferenceData {
  private ReferenceData() {}

  /**
   * Student's sleep data (Cushny and Peebles 1905; R's {@code sleep}): extra hours of sleep of the
   * same 10 patients under drug 1 ({@code group == 1}) and drug 2.
   */
  static final double[] SLEEP_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};

  /** Group 2 of {@link #SLEEP_1}, patient for patient. */
  static final double[] SLEEP_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

  /**
   * Hamilton depression scale factor before ({@code x}, first visit) and after ({@code y}, second
   * visit) a tranquilizer, 9 patients: Hollander and Wolfe (1973), p. 29, the example of R's {@code
   * wilcox.test(x, y, paired = TRUE, alternative = "greater")}, which gives V = 40, p = 0.01953.
   */
  static final double[] DEPRESSION_X = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};

  /** The second visit of {@link #DEPRESSION_X}. */
  static final double[] DEPRESSION_Y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};

  /**
   * Radar target detection, a factorial design in blocks: Montgomery, Design and Analysis of
   * Experiments (section "Blocking in a factorial design", the radar example; 5th ed. Example 5-6).
   * Intensity at which the operator detects the target, indexed {@code [filter type][ground clutter
   * low, medium, high][operator 1..4]}; operators are blocks. The published ANOVA: ground clutter
   * SS 335.58 (2 df, F 15.13), filter type SS 1066.67 (1 df, F 96.19), interaction SS 77.08 (2 df,
   * F 3.48), blocks SS 402.17 (3 df), error SS 166.33 (15 df), total SS 2047.83 (23 df).
   */
  static final double[][][] RADAR = {
    {{90, 96, 100, 92}, {102, 106, 105, 96}, {114, 112, 108, 98}},
    {{86, 84, 92, 81}, {87, 90, 97, 80}, {93, 91, 95, 83}}
  };
}
