package io.bnsweep.trial;

import io.bnsweep.axis.Axes;
import io.bnsweep.checkpoint.LocalCheckpointStore;
import io.bnsweep.data.InputShape;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.network.NetworkShape;
import io.bnsweep.network.ResNetFamily;
import io.bnsweep.trial.dl4j.ModelState;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Benchmark, not a test: what saving a checkpoint costs, for the default cnn on Fashion-MNIST's
 * shape and for a ResNet-20 on CIFAR-10's, against the time of one epoch (50,000 images at the
 * training speed measured here on random batches of 64, one native thread). A save is what the
 * runner does after an epoch: the network and updater through ModelSerializer, the ND4J random
 * state, the progress as JSON, encoded with a checksum and written to a local directory by
 * temporary file, fsync and rename. Prints the median of the rounds. Run it with {@code
 * src/bench/checkpoint-cost.sh [rounds]}.
 */
public final class CheckpointCostBench {
  private static final int BATCH = 64;
  private static final int EPOCH_IMAGES = 50_000;

  private CheckpointCostBench() {}

  public static void main(String[] args) throws IOException {
    NativeThreads.limit(1);
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path dir = Files.createTempDirectory("bnsweep-ckpt-bench");
    Variant cnn =
        NetworkShape.DEFAULT
            .applyTo(Variant.of(Placement.BEFORE, ActivationKind.RELU))
            .with(Axes.BATCH_SIZE, BATCH);
    Variant resnet =
        Variant.of("resnet", Placement.ORIGINAL, ActivationKind.RELU)
            .with(ResNetFamily.DEPTH, 20)
            .with(Axes.BATCH_SIZE, BATCH);
    measure("cnn default", cnn, new InputShape(1, 28, 28, 10), rounds, dir);
    measure("resnet20 original", resnet, new InputShape(3, 32, 32, 10), rounds, dir);
  }

  private static void measure(String name, Variant v, InputShape shape, int rounds, Path dir)
      throws IOException {
    Network net = new LocalFitter(NetworkFactory.architecture(v, shape, 1)).network();
    Random random = new Random(1);
    float[] x = new float[BATCH * shape.imageSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat();
    }
    float[] y = new float[BATCH * shape.classes()];
    for (int i = 0; i < BATCH; i++) {
      y[i * shape.classes() + random.nextInt(shape.classes())] = 1;
    }
    DataSet batch =
        new DataSet(
            Nd4j.create(
                x,
                new long[] {BATCH, shape.channels(), shape.height(), shape.width()},
                DataType.FLOAT),
            Nd4j.create(y, new long[] {BATCH, shape.classes()}, DataType.FLOAT));
    for (int i = 0; i < 5; i++) {
      net.fit(batch); // warm-up, and an updater with state
    }
    int fitted = 30;
    long fitStart = System.nanoTime();
    for (int i = 0; i < fitted; i++) {
      net.fit(batch);
    }
    double samplesPerSecond = fitted * BATCH / ((System.nanoTime() - fitStart) / 1e9);
    double epochSeconds = EPOCH_IMAGES / samplesPerSecond;

    LocalCheckpointStore store = new LocalCheckpointStore(dir);
    int[] order = new int[EPOCH_IMAGES];
    double[] save = new double[rounds];
    double[] restore = new double[rounds];
    int bytes = 0;
    for (int r = 0; r < rounds + 1; r++) {
      long start = System.nanoTime();
      byte[] encoded =
          new TrialCheckpoint(
                  "bench",
                  0,
                  order,
                  random,
                  List.of(),
                  List.of(),
                  0,
                  0,
                  new Usage(0, 0, 0, 0),
                  ModelState.save(net))
              .encode();
      store.write("bench", encoded);
      long saved = System.nanoTime();
      TrialCheckpoint read = TrialCheckpoint.decode(store.read("bench").orElseThrow());
      ModelState.restore(read.trainerState(), net);
      long restored = System.nanoTime();
      if (r > 0) { // the first round warms up
        save[r - 1] = (saved - start) / 1e9;
        restore[r - 1] = (restored - saved) / 1e9;
      }
      bytes = encoded.length;
    }
    double medianSave = median(save);
    System.out.printf(
        Locale.ROOT,
        "%-18s params %,d  checkpoint %,d bytes  save %.1f ms (median of %d)  restore %.1f ms"
            + "  fit %.0f samples/s  epoch of %,d images %.1f s  save/epoch %.3f%%%n",
        name,
        net.model().numParams(),
        bytes,
        medianSave * 1e3,
        rounds,
        median(restore) * 1e3,
        samplesPerSecond,
        EPOCH_IMAGES,
        epochSeconds,
        100 * medianSave / epochSeconds);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
