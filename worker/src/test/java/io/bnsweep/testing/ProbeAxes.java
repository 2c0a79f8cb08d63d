package io.bnsweep.testing;

import io.bnsweep.axis.Axis;
import io.bnsweep.axis.AxisProvider;
import io.bnsweep.axis.Values;
import java.util.List;

/**
 * Axes declared only in test code, found through {@code META-INF/services}: the proof that an axis
 * is one declaration. {@code probe.biasInit} changes every trial's network (the initial value of
 * every bias); {@code probe.family} and {@code probe.depth} show a setting that applies only to
 * some values of another. Each is left out of trial ids at its default, so the tests' other ids do
 * not change.
 */
public final class ProbeAxes implements AxisProvider {
  /** The initial value of every bias. */
  public static final Axis<Double> BIAS_INIT =
      Axis.of("probe.biasInit", Values.nonNegativeNumber(), List.of(0.0))
          .omittedFromIdAt(0.0)
          .labelled("bias")
          .configuring((bias, builder) -> builder.biasInit(bias));

  /** A stand-in for a network family. */
  public static final Axis<String> FAMILY =
      Axis.of("probe.family", Values.string(), List.of("plain"))
          .omittedFromIdAt("plain")
          .labelled("family");

  /** A setting only the {@code deep} family has. */
  public static final Axis<Integer> DEPTH =
      Axis.of("probe.depth", Values.positiveInt(), List.of(2))
          .labelled("depth")
          .onlyWhen(v -> v.find(FAMILY).orElse("plain").equals("deep"));

  @Override
  public List<Axis<?>> axes() {
    return List.of(BIAS_INIT, FAMILY, DEPTH);
  }
}
