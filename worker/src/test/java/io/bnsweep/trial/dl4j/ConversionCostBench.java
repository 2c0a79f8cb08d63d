package io.bnsweep.trial.dl4j;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.Augment;
import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetCache;
import io.bnsweep.data.InputShape;
import io.bnsweep.data.Normalize;
import io.bnsweep.data.Preprocessing;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.trial.LocalFitter;
import io.bnsweep.trial.NativeThreads;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Benchmark, not a test: what converting minibatches from bytes (and augmenting them) costs a cnn
 * trial on Fashion-MNIST, against fitting batches converted beforehand, as the first release did
 * (it held the whole training split as floats). Per round: an epoch of fitting pre-converted
 * batches, the same epoch converting each batch as a trial does, and converting alone (plain, then
 * with crop and flip); the rounds alternate, and the medians are printed. Run it with {@code
 * src/bench/conversion-cost.sh [rounds]}.
 */
public final class ConversionCostBench {
  private static final int TRAIN = 6000;
  private static final int BATCH = 64;

  private ConversionCostBench() {}

  public static void main(String[] args) {
    NativeThreads.limit(1);
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Dataset data = DatasetCache.get("fashion-mnist");
    int[] rows = IntStream.range(0, TRAIN).toArray();
    Preprocessing pre = Preprocessing.of(Normalize.UNIT, data.train(), rows);
    List<DataSet> converted = new ArrayList<>();
    Batches.iterate(data.train(), rows, BATCH, pre, null).forEachRemaining(converted::add);
    InputShape shape = data.shape();
    Variant v = Variant.of(Placement.BEFORE, ActivationKind.RELU).with(Axes.BATCH_SIZE, BATCH);
    Network net = new LocalFitter(NetworkFactory.architecture(v, shape, 1)).network();
    fit(net, converted.iterator()); // warm-up
    double[] preconverted = new double[rounds];
    double[] perBatch = new double[rounds];
    double[] convertOnly = new double[rounds];
    double[] augmentOnly = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      preconverted[r] = fit(net, converted.iterator());
      perBatch[r] = fit(net, Batches.iterate(data.train(), rows, BATCH, pre, null));
      convertOnly[r] = drain(Batches.iterate(data.train(), rows, BATCH, pre, null));
      augmentOnly[r] =
          drain(
              Batches.iterate(
                  data.train(),
                  rows,
                  BATCH,
                  pre,
                  Batches.Augmentation.of(List.of(Augment.CROP, Augment.FLIP), 1, r)));
    }
    double a = median(preconverted);
    double b = median(perBatch);
    System.out.printf(
        Locale.ROOT,
        "%d training images, batch %d, before/relu, %d rounds (medians)%n"
            + "fit, batches converted beforehand: %.3f s (%.0f samples/s)%n"
            + "fit, each batch converted:         %.3f s (%.0f samples/s), ratio %.3f%n"
            + "converting alone:                  %.4f s (%.2f%% of a fitted epoch)%n"
            + "converting with crop and flip:     %.4f s (%.2f%%)%n",
        TRAIN,
        BATCH,
        rounds,
        a,
        TRAIN / a,
        b,
        TRAIN / b,
        a / b,
        median(convertOnly),
        100 * median(convertOnly) / a,
        median(augmentOnly),
        100 * median(augmentOnly) / a);
  }

  private static double fit(Network net, Iterator<DataSet> batches) {
    long start = System.nanoTime();
    while (batches.hasNext()) {
      net.fit(batches.next());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double drain(Iterator<DataSet> batches) {
    long start = System.nanoTime();
    long sink = 0;
    while (batches.hasNext()) {
      sink += batches.next().getFeatures().length();
    }
    if (sink == 0) {
      throw new IllegalStateException("no batches");
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
