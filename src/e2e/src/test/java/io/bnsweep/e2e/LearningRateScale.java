package io.bnsweep.e2e;

import io.bnsweep.axis.Axis;
import io.bnsweep.axis.AxisProvider;
import io.bnsweep.axis.Values;
import java.util.List;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * An axis declared only in the end-to-end tests, found through {@code META-INF/services} as {@code
 * ProbeAxes} is: {@code probe.lrScale} multiplies the learning rate of the network's updater, so
 * that an arm at scale 100 trains at 100 times the spec's (or the search's) learning rate. Its best
 * learning rate is known: the other arm's over 100. Left out of trial ids at 1.
 */
public final class LearningRateScale implements AxisProvider {
  /** The factor on the updater's learning rate. */
  public static final Axis<Double> LR_SCALE =
      Axis.of("probe.lrScale", Values.positiveNumber(), List.of(1.0))
          .omittedFromIdAt(1.0)
          .labelled("lrScale")
          .configuring(
              (scale, builder) -> {
                IUpdater updater = builder.getIUpdater().clone();
                updater.setLrAndSchedule(updater.getLearningRate(0, 0) * scale, null);
                builder.updater(updater);
              });

  @Override
  public List<Axis<?>> axes() {
    return List.of(LR_SCALE);
  }
}
