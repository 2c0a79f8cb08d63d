package io.bnsweep.report;

import io.bnsweep.report.stats.Interval;
import java.util.Locale;

/** How the report prints numbers: accuracies in percentage points, a dash for undefined values. */
public final class Numbers {
  public static final String NONE = "–";

  private Numbers() {}

  /** A fraction in points with two decimals: 0.8123 is {@code 81.23}. */
  public static String points(double fraction) {
    return Double.isNaN(fraction) ? NONE : format("%.2f", 100 * fraction);
  }

  /** A signed difference of fractions in points: {@code +0.65}. */
  public static String signedPoints(double fraction) {
    return Double.isNaN(fraction) ? NONE : format("%+.2f", 100 * fraction);
  }

  /** An interval of fractions in points: {@code [77.49, 85.11]}. */
  public static String interval(Interval i) {
    return i.isDefined() ? format("[%.2f, %.2f]", 100 * i.low(), 100 * i.high()) : NONE;
  }

  /** A p-value with three decimals, {@code <0.001} below that. */
  public static String p(double p) {
    if (Double.isNaN(p)) {
      return NONE;
    }
    return p < 0.001 ? "<0.001" : format("%.3f", p);
  }

  /** {@code value} with {@code decimals} decimals. */
  public static String fixed(double value, int decimals) {
    return Double.isNaN(value) ? NONE : format("%." + decimals + "f", value);
  }

  /** A fraction as a percentage with one decimal: {@code 12.5%}. */
  public static String percent(double fraction) {
    return Double.isNaN(fraction) ? NONE : format("%.1f%%", 100 * fraction);
  }

  public static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
