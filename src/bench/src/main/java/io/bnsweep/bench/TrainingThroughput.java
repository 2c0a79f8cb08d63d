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
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training samples/s of the default network, one native thread, batch 64, on Fashion-MNIST, for
 * every placement x activation, as the sweep trains it or with one of the speed levers changed.
 *
 * <p>Usage: {@code TrainingThroughput [samples] [lever...] [placement/activation]}, levers in any
 * order: {@code NONE} (no workspaces; DL4J's default ENABLED otherwise), {@code nohelpers} (ND4J
 * and DL4J helpers off, so no oneDNN kernels), {@code NHWC} (channels-last activations). A {@code
 * placement/activation} argument measures that variant alone. Prints one line per variant and the
 * backend in use.
 */
public final class TrainingThroughput {
  private static final int BATCH = 64;
  private static final int WARMUP_BATCHES = 10;

  private TrainingThroughput() {}

  public static void main(String[] args) {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 3200;
    List<String> levers = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
    WorkspaceMode workspaces = levers.contains("NONE") ? WorkspaceMode.NONE : WorkspaceMode.ENABLED;
    boolean helpers = !levers.contains("nohelpers");
    CNN2DFormat layout = levers.contains("NHWC") ? CNN2DFormat.NHWC : NetworkFactory.LAYOUT;
    String only = levers.stream().filter(s -> s.contains("/")).findFirst().orElse("");
    NativeBackend.select();
    NativeThreads.limit(1);
    Nd4j.getEnvironment().allowHelpers(helpers);
    Dataset data = DatasetCache.get("fashion-mnist");
    LabeledImages train = data.train();
    DataSet[] batches = batches(train, (samples + WARMUP_BATCHES * BATCH) / BATCH, layout);
    System.out.printf(
        Locale.ROOT,
        "backend %s%s, workspaces %s, %s, %d samples, batch %d, 1 thread%n",
        Nd4j.getExecutioner().getEnvironmentInformation().getProperty("blas.vendor"),
        NativeBackend.helpersActive() ? " with DL4J's oneDNN layer helpers" : ", no layer helpers",
        workspaces,
        layout,
        samples,
        BATCH);
    for (Placement p : Placement.values()) {
      for (ActivationKind a : ActivationKind.values()) {
        if (!only.isEmpty() && !only.equals(p.id() + "/" + a.id())) {
          continue;
        }
        MultiLayerConfiguration conf =
            NetworkFactory.configuration(
                new Variant(p, a), NetworkShape.DEFAULT, 28, 28, 1e-3, 1, layout);
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

  private static DataSet[] batches(LabeledImages images, int count, CNN2DFormat layout) {
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
          Nd4j.create(
              x,
              layout == CNN2DFormat.NHWC
                  ? new long[] {BATCH, images.rows(), images.cols(), 1}
                  : new long[] {BATCH, 1, images.rows(), images.cols()},
              DataType.FLOAT);
      INDArray labels = Nd4j.create(y, new long[] {BATCH, LabeledImages.CLASSES}, DataType.FLOAT);
      out[b] = new DataSet(features, labels);
    }
    return out;
  }
}
