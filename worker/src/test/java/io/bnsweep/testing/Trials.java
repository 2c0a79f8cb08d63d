package io.bnsweep.testing;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.DataSource;
import io.bnsweep.network.NetworkShape;
import io.bnsweep.variant.Variant;

/** Variants with every setting a trial needs, for tests that build trials by hand. */
public final class Trials {
  private Trials() {}

  /** {@code base} with this network, data and training. */
  public static Variant settings(
      Variant base,
      NetworkShape network,
      String dataset,
      int trainSize,
      int testSize,
      int epochs,
      int batchSize,
      double learningRate) {
    return network
        .applyTo(base)
        .with(Axes.DATASET, DataSource.of(dataset))
        .with(Axes.TRAIN_SIZE, trainSize)
        .with(Axes.TEST_SIZE, testSize)
        .with(Axes.EPOCHS, epochs)
        .with(Axes.BATCH_SIZE, batchSize)
        .with(Axes.LEARNING_RATE, learningRate);
  }
}
