package io.bnsweep.bench;

import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetCache;
import io.bnsweep.data.LabeledImages;
import io.bnsweep.trial.NativeBackend;
import io.bnsweep.trial.NativeThreads;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.NetworkFactory;
import io.bnsweep.variant.NetworkShape;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training samples/s of the default network, one native thread, batch 64, on Fashion-MNIST, for
 * every placement x activation, with the workspace mode given (ENABLED is DL4J's default).
 *
 * <p>Usage: {@code TrainingThroughput [samples] [ENABLED|NONE] [helpers|nohelpers]
 * [placement/activation]}. Prints one line per variant and the ND4J backend in use.
 */
public final class TrainingThroughput {
  private static final int BATCH = 64;
  private static final int WARMUP_BATCHES = 10;

  private TrainingThroughput() {}

  public static void main(String[] args) {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 3200;
    WorkspaceMode workspaces =
        args.length > 1 ? WorkspaceMode.valueOf(args[1]) : WorkspaceMode.ENABLED;
    boolean helpers = args.length <= 2 || !args[2].equals("nohelpers");
    String only = args.length > 3 ? args[3] : "";
    NativeBackend.select();
    NativeThreads.limit(1);
    Nd4j.getEnvironment().allowHelpers(helpers);
    Dataset data = DatasetCache.get("fashion-mnist");
    LabeledImages train = data.train();
    DataSet[] batches = batches(train, (samples + WARMUP_BATCHES * BATCH) / BATCH);
    System.out.printf(
        Locale.ROOT,
        "backend %s%s, workspaces %s, %d samples, batch %d, 1 thread%n",
        Nd4j.getExecutioner().getEnvironmentInformation().getProperty("blas.vendor"),
        NativeBackend.helpersActive() ? " with DL4J's oneDNN layer helpers" : ", no layer helpers",
        workspaces,
        samples,
        BATCH);
    for (Placement p : Placement.values()) {
      for (ActivationKind a : ActivationKind.values()) {
        if (!only.isEmpty() && !only.equals(p.id() + "/" + a.id())) {
          continue;
        }
        MultiLayerConfiguration conf =
            NetworkFactory.configuration(new Variant(p, a), NetworkShape.DEFAULT, 28, 28, 1e-3, 1);
        conf.setTrainingWorkspaceMode(workspaces);
        conf.setInferenceWorkspaceMode(workspaces);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int i = 0; i < WARMUP_BATCHES; i++) {
          net.fit(batches[i]);
        }
        long start = System.nanoTime();
        int seen = 0;
        for (int i = WARMUP_BATCHES; i < batches.length; i++) {
          net.fit(batches[i]);
          seen += BATCH;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            Locale.ROOT, "%-8s %-8s %8.0f samples/s%n", p.id(), a.id(), seen / seconds);
      }
    }
  }

  private static DataSet[] batches(LabeledImages images, int count) {
    int size = images.imageSize();
    DataSet[] out = new DataSet[count];
    for (int b = 0; b < count; b++) {
      float[] x = new float[BATCH * size];
      float[] y = new float[BATCH * LabeledImages.CLASSES];
      for (int i = 0; i < BATCH; i++) {
        int row = (b * BATCH + i) % images.count();
        for (int p = 0; p < size; p++) {
          x[i * size + p] = (images.pixels()[row * size + p] & 0xff) / 255f;
        }
        y[i * LabeledImages.CLASSES + images.labels()[row]] = 1f;
      }
      INDArray features =
          Nd4j.create(x, new long[] {BATCH, 1, images.rows(), images.cols()}, DataType.FLOAT);
      INDArray labels = Nd4j.create(y, new long[] {BATCH, LabeledImages.CLASSES}, DataType.FLOAT);
      out[b] = new DataSet(features, labels);
    }
    return out;
  }
}
