package io.bnsweep.report.stats;

/**
 * A two-sided interval {@code [low, high]}; both ends are {@code NaN} when it is undefined.
 *
 * <p>Undefined rather than absent so that tables can print it the same way in every row, as the
 * rest of the report does with {@code NaN} spreads.
 *
 * @param low lower end
 * @param high upper end
 */
public record Interval(double low, double high) {
  /** The interval that could not be computed. */
  public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

  public Interval {
    if (low > high) {
      throw new IllegalArgumentException("low " + low + " > high " + high);
    }
  }

  /** {@code [center - halfWidth, center + halfWidth]}. */
  public static Interval around(double center, double halfWidth) {
    return new Interval(center - halfWidth, center + halfWidth);
  }

  /** True unless an end is {@code NaN}. */
  public boolean isDefined() {
    return !Double.isNaN(low) && !Double.isNaN(high);
  }

  /** True if {@code value} lies in the interval, ends included. */
  public boolean contains(double value) {
    return low <= value && value <= high;
  }

  /** The interval of {@code -x} for x in this one. */
  public Interval negated() {
    return new Interval(-high, -low);
  }
}
