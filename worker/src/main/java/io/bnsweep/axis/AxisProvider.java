package io.bnsweep.axis;

import java.util.List;

/**
 * More axes, found with Java's {@link java.util.ServiceLoader}: a jar (a plugin, or test code) that
 * lists its implementation in {@code META-INF/services/io.bnsweep.axis.AxisProvider} adds its axes
 * to every spec, result and report, after bnsweep's own ({@link Axes}).
 */
public interface AxisProvider {
  /** The axes this provider declares; their names must not clash with any other axis. */
  List<Axis<?>> axes();
}
