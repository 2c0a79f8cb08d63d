package io.bnsweep.bench;

import io.bnsweep.data.DatasetCache;
import io.bnsweep.data.InputShape;
import io.bnsweep.data.LabeledImages;
import io.bnsweep.kernel.Kernels;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.trial.NativeBackend;
import io.bnsweep.trial.NativeThreads;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.ToIntFunction;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training samples/s of the default network, one native thread, batch 64, on Fashion-MNIST, for
 * every placement x activation: as the sweep trains it ({@code default}), and with each speed lever
 * changed, measured back to back per variant in one JVM so that their ratios share the machine's
 * conditions. Each setting's network is warmed up once (30 minibatches, so that the JIT has
 * compiled the Java kernels), then timed in three rounds that interleave the settings (round 1 of
 * every setting, then round 2, ...); the median round is reported, and every round is printed,
 * because these machines are shared and a single round can be off by a third.
 *
 * <p>Usage: {@code TrainingThroughput [samples] [placement/activation] [setting,...]} (an empty or
 * absent filter means all); {@code samples} is per round. Prints one line per variant and setting:
 * placement, activation, setting, median samples/s, the rounds. The settings: {@code default}
 * (oneDNN helpers on, bnsweep's kernels, workspaces ENABLED, NCHW); {@code dl4jconv}, {@code
 * dl4jfirstconv}, {@code dl4jbn}, {@code dl4jpool} (DL4J's oneDNN helper instead of the
 * convolution, the first-convolution, the BatchNorm or the max-pooling kernel); {@code nd4jact}
 * (ND4J's activation functions instead of bnsweep's); {@code nokernels} (DL4J's oneDNN helpers
 * only); {@code nohelpers} (ND4J and DL4J helpers off, no kernels: DL4J's built-in layers); {@code
 * NHWC} (channels-last activations; the kernels leave NHWC to DL4J's helpers); {@code NONE} (no
 * workspaces).
 */
public final class TrainingThroughput {
  private static final int BATCH = 64;
  private static final int WARMUP_BATCHES = 30;
  private static final int ROUNDS = 3;

  /** One way of training the same network. */
  private record Setting(
      String name,
      boolean helpers,
      Set<Kernel> kernels,
      CNN2DFormat layout,
      WorkspaceMode memory,
      CacheMode cache) {
    Setting(String name, Set<Kernel> kernels) {
      this(name, true, kernels, NetworkFactory.LAYOUT, WorkspaceMode.ENABLED, NetworkFactory.CACHE);
    }

    Setting(
        String name,
        boolean helpers,
        Set<Kernel> kernels,
        CNN2DFormat layout,
        WorkspaceMode memory) {
      this(name, helpers, kernels, layout, memory, NetworkFactory.CACHE);
    }
  }

  /** bnsweep's kernels, each installed on its own. */
  private enum Kernel {
    CONV(Kernels::installConv), // before FIRST_CONV, whose forward pass is then the conv kernel's
    FIRST_CONV(Kernels::installFirstConv),
    BATCH_NORM(Kernels::installBatchNorm),
    MAX_POOL(Kernels::installMaxPool),
    ACTIVATION(Kernels::installActivations);

    final ToIntFunction<Network> install;

    Kernel(ToIntFunction<Network> install) {
      this.install = install;
    }
  }

  private static final Set<Kernel> ALL = EnumSet.allOf(Kernel.class);

  private static final List<Setting> SETTINGS =
      List.of(
          new Setting("default", ALL),
          new Setting("dl4jconv", EnumSet.complementOf(EnumSet.of(Kernel.CONV))),
          new Setting("dl4jfirstconv", EnumSet.complementOf(EnumSet.of(Kernel.FIRST_CONV))),
          new Setting("dl4jbn", EnumSet.complementOf(EnumSet.of(Kernel.BATCH_NORM))),
          new Setting("dl4jpool", EnumSet.complementOf(EnumSet.of(Kernel.MAX_POOL))),
          new Setting("nd4jact", EnumSet.complementOf(EnumSet.of(Kernel.ACTIVATION))),
          new Setting("nokernels", EnumSet.noneOf(Kernel.class)),
          new Setting(
              "nohelpers",
              false,
              EnumSet.noneOf(Kernel.class),
              NetworkFactory.LAYOUT,
              WorkspaceMode.ENABLED),
          new Setting("NHWC", true, ALL, CNN2DFormat.NHWC, WorkspaceMode.ENABLED),
          new Setting("NONE", true, ALL, NetworkFactory.LAYOUT, WorkspaceMode.NONE),
          new Setting(
              "nocache", true, ALL, NetworkFactory.LAYOUT, WorkspaceMode.ENABLED, CacheMode.NONE));

  private TrainingThroughput() {}

  public static void main(String[] args) {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 3200;
    String only = args.length > 1 ? args[1] : "";
    List<String> onlySettings =
        args.length > 2 && !args[2].isEmpty() ? List.of(args[2].split(",")) : List.of();
    NativeBackend.select();
    NativeThreads.limit(1);
    LabeledImages train = DatasetCache.get("fashion-mnist").train();
    int count = (samples + WARMUP_BATCHES * BATCH) / BATCH;
    DataSet[] nchw = batches(train, count, CNN2DFormat.NCHW);
    DataSet[] nhwc = batches(train, count, CNN2DFormat.NHWC);
    System.out.printf(
        Locale.ROOT,
        "backend %s%s, %d samples, batch %d, 1 thread%n",
        Nd4j.getExecutioner().getEnvironmentInformation().getProperty("blas.vendor"),
        NativeBackend.helpersActive() ? " with DL4J's oneDNN layer helpers" : ", no layer helpers",
        samples,
        BATCH);
    for (Placement p : Placement.BLOCKS) {
      for (ActivationKind a : ActivationKind.values()) {
        if (!only.isEmpty() && !only.equals(p.id() + "/" + a.id())) {
          continue;
        }
        List<Setting> settings =
            SETTINGS.stream()
                .filter(s -> onlySettings.isEmpty() || onlySettings.contains(s.name()))
                .toList();
        List<Trainer> trainers = new ArrayList<>();
        for (Setting setting : settings) {
          trainers.add(
              new Trainer(
                  Variant.of(p, a), setting, setting.layout() == CNN2DFormat.NHWC ? nhwc : nchw));
        }
        double[][] rates =
            FitTiming.interleaved(
                trainers.stream().map(t -> (DoubleSupplier) t::samplesPerSecond).toList(), ROUNDS);
        for (int i = 0; i < settings.size(); i++) {
          System.out.printf(
              Locale.ROOT,
              "%-8s %-8s %-9s %8.0f samples/s (rounds: %s)%n",
              p.id(),
              a.id(),
              settings.get(i).name(),
              FitTiming.median(rates[i]),
              FitTiming.rounds(rates[i], 0));
        }
      }
    }
  }

  /** One network of a variant, trained with one setting, warmed up once, measured per round. */
  private static final class Trainer {
    private final Setting setting;
    private final DataSet[] batches;
    private final MultiLayerNetwork net;

    Trainer(Variant variant, Setting setting, DataSet[] batches) {
      this.setting = setting;
      this.batches = batches;
      Nd4j.getEnvironment().allowHelpers(setting.helpers());
      try {
        MultiLayerConfiguration conf =
            NetworkFactory.configuration(
                variant, new InputShape(1, 28, 28, 10), 1, setting.layout());
        conf.setTrainingWorkspaceMode(setting.memory());
        conf.setInferenceWorkspaceMode(setting.memory());
        net = new MultiLayerNetwork(conf);
        conf.setCacheMode(setting.cache());
        net.init();
        net.setCacheMode(setting.cache());
        for (Kernel kernel : setting.kernels()) {
          kernel.install.applyAsInt(new Network.Stack(net));
        }
        for (int i = 0; i < WARMUP_BATCHES; i++) {
          net.fit(batches[i]);
        }
      } finally {
        Nd4j.getEnvironment().allowHelpers(true);
      }
    }

    /** Trains on every batch after the warm-up ones; returns the samples per second. */
    double samplesPerSecond() {
      return FitTiming.withHelpers(
          setting.helpers(),
          () -> FitTiming.samplesPerSecond(net::fit, batches, WARMUP_BATCHES, BATCH));
    }
  }

  private static DataSet[] batches(LabeledImages images, int count, CNN2DFormat layout) {
    int size = images.imageSize();
    DataSet[] out = new DataSet[count];
    for (int b = 0; b < count; b++) {
      float[] x = new float[BATCH * size];
      int classes = images.shape().classes();
      float[] y = new float[BATCH * classes];
      for (int i = 0; i < BATCH; i++) {
        int row = (b * BATCH + i) % images.count();
        for (int p = 0; p < size; p++) {
          x[i * size + p] = (images.pixels()[row * size + p] & 0xff) / 255f;
        }
        y[i * classes + images.label(row)] = 1f;
      }
      INDArray features =
          Nd4j.create(
              x,
              layout == CNN2DFormat.NHWC
                  ? new long[] {BATCH, images.shape().height(), images.shape().width(), 1}
                  : new long[] {BATCH, 1, images.shape().height(), images.shape().width()},
              DataType.FLOAT);
      INDArray labels = Nd4j.create(y, new long[] {BATCH, classes}, DataType.FLOAT);
      out[b] = new DataSet(features, labels);
    }
    return out;
  }
}
