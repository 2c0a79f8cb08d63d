package io.bnsweep.bench;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How the throughput benchmarks time training, the same way for every network: DL4J's layer helpers
 * switched as a setting says for the duration of the work, and samples per second over the
 * minibatches after the warm-up ones.
 */
final class FitTiming {
  private FitTiming() {}

  /** {@code work}'s result, computed with DL4J's helpers on or off; helpers are on afterwards. */
  static <T> T withHelpers(boolean helpers, Supplier<T> work) {
    Nd4j.getEnvironment().allowHelpers(helpers);
    try {
      return work.get();
    } finally {
      Nd4j.getEnvironment().allowHelpers(true);
    }
  }

  /** Fits {@code batches[from..]} one by one; returns the samples per second. */
  static double samplesPerSecond(Consumer<DataSet> fit, DataSet[] batches, int from, int batch) {
    long start = System.nanoTime();
    for (int i = from; i < batches.length; i++) {
      fit.accept(batches[i]);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return (batches.length - from) * batch / seconds;
  }
}
