package io.bnsweep.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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

  /**
   * Each of {@code measures} taken {@code rounds} times, interleaved (one round of every measure,
   * then the next), so that every measure sees the machine's conditions of every round: {@code
   * [measure][round]}.
   */
  static double[][] interleaved(List<? extends DoubleSupplier> measures, int rounds) {
    double[][] values = new double[measures.size()][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < measures.size(); i++) {
        values[i][round] = measures.get(i).getAsDouble();
      }
    }
    return values;
  }

  /** The median of {@code values} (the upper one of an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** {@code values} in their order, each with {@code decimals} decimals, separated by spaces. */
  static String rounds(double[] values, int decimals) {
    return Arrays.stream(values)
        .mapToObj(x -> String.format(Locale.ROOT, "%." + decimals + "f", x))
        .collect(Collectors.joining(" "));
  }
}
