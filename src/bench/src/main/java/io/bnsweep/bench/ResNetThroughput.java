package io.bnsweep.bench;

import io.bnsweep.data.DatasetCache;
import io.bnsweep.data.InputShape;
import io.bnsweep.data.LabeledImages;
import io.bnsweep.data.Normalize;
import io.bnsweep.data.Preprocessing;
import io.bnsweep.kernel.Kernels;
import io.bnsweep.network.Architecture;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.network.ResNetFamily;
import io.bnsweep.trial.LocalFitter;
import io.bnsweep.trial.NativeBackend;
import io.bnsweep.trial.NativeThreads;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training samples/s of the CIFAR-style ResNet ({@code network.family: resnet}) on Fashion-MNIST,
 * one native thread, batch 64, as a trial trains it ({@link LocalFitter}: the family's graph,
 * DL4J's oneDNN helpers, bnsweep's kernels), and with each speed lever changed, the settings'
 * rounds interleaved in one JVM so that their ratios share the machine's conditions. The DL4J side
 * of {@code src/bench/torch_resnet.py}, which trains the same network in PyTorch.
 *
 * <p>Each setting's network is warmed up once (30 minibatches, as {@link TrainingThroughput}), then
 * timed in three rounds over the same minibatches; the median round is reported with every round.
 * Inputs are the pixels through the trial's {@link Preprocessing} ({@code normalize: unit}, the
 * default: byte / 255), NCHW, labels one-hot.
 *
 * <p>Usage:
 *
 * <ul>
 *   <li>{@code ResNetThroughput [samples] [depth] [unit,...] [setting,...]}: samples per round
 *       (3200), depth (20), units ({@code original,preact}), settings (all but {@code NONE} and
 *       {@code nohelpers}, which run only when named: see {@link #main}). Prints one line per unit
 *       and setting: {@code resnet<depth> <unit> <setting> <median> samples/s (rounds: ...)}, then
 *       the JVM's memory (RSS peak, JavaCPP's bytes, ND4J's workspaces).
 *   <li>{@code ResNetThroughput memory [samples] [depth] [unit]}: the production setting alone,
 *       trained on {@code samples} then predicting 2,000 test images in batches of 64, with a
 *       thread sampling memory every 2 ms: peak RSS, peak RSS minus the committed heap, JavaCPP's
 *       peak bytes; run it in its own JVM.
 *   <li>{@code ResNetThroughput profile [samples] [depth] [unit] [setting]}: where one training
 *       step of a setting goes: forward (training mode), forward + backward, the whole step (the
 *       rest is the updater), then ND4J's op profiler (time per native op) over {@code samples}.
 * </ul>
 *
 * <p>The settings: {@code production} (as a trial: {@link LocalFitter}); {@code nokernels} (DL4J's
 * oneDNN helpers, no bnsweep kernels); {@code nohelpers} (ND4J and DL4J helpers off, no kernels:
 * DL4J's built-in layers); {@code NONE} (workspaces off); {@code nocache} (cache mode NONE: the
 * convolution recomputes its forward output in the backward pass); {@code NHWC} (channels-last
 * activations); {@code nd4jrelu} (production, but ND4J's ReLU instead of bnsweep's {@code
 * ReluKernel}); {@code dl4jconv} (production, but DL4J's oneDNN convolution helper instead of
 * bnsweep's {@code ConvKernel}).
 */
public final class ResNetThroughput {
  private static final int BATCH = 64;
  private static final int WARMUP_BATCHES = 30;
  private static final int ROUNDS = 3;
  private static final InputShape INPUT = new InputShape(1, 28, 28, 10);
  private static final long SEED = 1;

  /** One way of training the same network. */
  private record Setting(
      String name,
      boolean helpers,
      boolean kernels,
      CNN2DFormat layout,
      WorkspaceMode memory,
      CacheMode cache) {}

  private static final Setting PRODUCTION =
      new Setting(
          "production",
          true,
          true,
          NetworkFactory.LAYOUT,
          WorkspaceMode.ENABLED,
          null /* as built */);

  private static final List<Setting> SETTINGS =
      List.of(
          PRODUCTION,
          new Setting("nokernels", true, false, NetworkFactory.LAYOUT, WorkspaceMode.ENABLED, null),
          new Setting(
              "nohelpers", false, false, NetworkFactory.LAYOUT, WorkspaceMode.ENABLED, null),
          new Setting("NONE", true, true, NetworkFactory.LAYOUT, WorkspaceMode.NONE, null),
          new Setting(
              "nocache", true, true, NetworkFactory.LAYOUT, WorkspaceMode.ENABLED, CacheMode.NONE),
          new Setting("NHWC", true, true, CNN2DFormat.NHWC, WorkspaceMode.ENABLED, null),
          new Setting("nd4jrelu", true, true, NetworkFactory.LAYOUT, WorkspaceMode.ENABLED, null),
          new Setting("dl4jconv", true, true, NetworkFactory.LAYOUT, WorkspaceMode.ENABLED, null));

  private ResNetThroughput() {}

  public static void main(String[] args) throws Exception {
    NativeBackend.select();
    NativeThreads.limit(1);
    if (args.length > 0 && args[0].equals("memory")) {
      memory(args);
      return;
    }
    if (args.length > 0 && args[0].equals("profile")) {
      profile(args);
      return;
    }
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 3200;
    int depth = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    List<String> units =
        args.length > 2 && !args[2].isEmpty()
            ? List.of(args[2].split(","))
            : List.of("original", "preact");
    List<String> only =
        args.length > 3 && !args[3].isEmpty() ? List.of(args[3].split(",")) : List.of();
    // NONE only when named: without workspaces ND4J frees arrays only when the garbage collector
    // runs, and a JVM holding every setting's network reached 12-16 GB of RSS with it (and was
    // killed once beside a CI run); nohelpers (~30 samples/s) only when named too, for time
    List<Setting> settings =
        SETTINGS.stream()
            .filter(
                s ->
                    only.isEmpty()
                        ? !s.name().equals("NONE") && !s.name().equals("nohelpers")
                        : only.contains(s.name()))
            .toList();
    LabeledImages train = DatasetCache.get("fashion-mnist").train();
    int count = samples / BATCH + WARMUP_BATCHES;
    DataSet[] nchw = batches(train, count, CNN2DFormat.NCHW);
    DataSet[] nhwc =
        settings.stream().anyMatch(s -> s.layout() == CNN2DFormat.NHWC)
            ? batches(train, count, CNN2DFormat.NHWC)
            : null;
    System.out.printf(
        Locale.ROOT,
        "dl4j %s%s, resnet%d, batch %d, 1 thread, float32, %d warm-up minibatches, %d rounds of"
            + " %d samples%n",
        Nd4j.getExecutioner().getEnvironmentInformation().getProperty("blas.vendor"),
        NativeBackend.helpersActive() ? " with DL4J's oneDNN layer helpers" : ", no layer helpers",
        depth,
        BATCH,
        WARMUP_BATCHES,
        ROUNDS,
        (count - WARMUP_BATCHES) * BATCH);
    for (String unit : units) {
      List<Trainer> trainers = new ArrayList<>();
      for (Setting s : settings) {
        trainers.add(new Trainer(depth, unit, s, s.layout() == CNN2DFormat.NHWC ? nhwc : nchw));
      }
      double[][] rates =
          FitTiming.interleaved(
              trainers.stream().map(t -> (DoubleSupplier) t::samplesPerSecond).toList(), ROUNDS);
      for (int i = 0; i < trainers.size(); i++) {
        System.out.printf(
            Locale.ROOT,
            "resnet%d %-8s %-10s %7.1f samples/s (rounds: %s)%n",
            depth,
            unit,
            settings.get(i).name(),
            FitTiming.median(rates[i]),
            FitTiming.rounds(rates[i], 1));
      }
      trainers.clear();
      Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
      System.gc();
    }
    System.out.println(memoryLine());
  }

  /** The network of a trial of {@code depth} and {@code unit} in {@code layout}. */
  static Architecture architecture(int depth, String unit, Setting s) {
    Variant variant =
        Variant.of(ResNetFamily.NAME, Placement.parse(unit), ActivationKind.RELU)
            .with(ResNetFamily.DEPTH, depth);
    Architecture arch = NetworkFactory.architecture(variant, INPUT, SEED, s.layout());
    if (arch instanceof Architecture.Graph g
        && (s.memory() != WorkspaceMode.ENABLED || s.cache() != null)) {
      ComputationGraphConfiguration conf = g.conf().clone();
      conf.setTrainingWorkspaceMode(s.memory());
      conf.setInferenceWorkspaceMode(s.memory());
      if (s.cache() != null) {
        conf.setCacheMode(s.cache());
      }
      return Architecture.of(conf);
    }
    return arch;
  }

  /** The initialised network of a setting (helpers already allowed or not by the caller). */
  static Network network(int depth, String unit, Setting setting) {
    Architecture arch = architecture(depth, unit, setting);
    if (setting.name().equals("dl4jconv")) {
      // bnsweep's kernels, except DL4J's own convolution helper in place of ConvKernel
      Network net = arch.init();
      Kernels.installFirstConv(net);
      Kernels.installBatchNorm(net);
      Kernels.installActivations(net);
      return net;
    }
    Network net = setting.kernels() ? new LocalFitter(arch).network() : arch.init();
    if (setting.cache() != null && net instanceof Network.Graph g) {
      g.graph().setCacheMode(setting.cache());
    }
    if (setting.name().equals("nd4jrelu")) {
      // bnsweep's kernels, except ND4J's ReLU in place of ReluKernel
      for (org.deeplearning4j.nn.api.Layer layer : net.layers()) {
        if (layer instanceof org.deeplearning4j.nn.layers.ActivationLayer a
            && a.layerConf().getActivationFn() instanceof ActivationReLU) {
          a.layerConf().setActivationFn(new ActivationReLU());
        }
      }
    }
    return net;
  }

  /** One network of one setting, warmed up once, timed per round. */
  private static final class Trainer {
    private final Setting setting;
    private final DataSet[] batches;
    private final Network net;

    Trainer(int depth, String unit, Setting setting, DataSet[] batches) {
      this.setting = setting;
      this.batches = batches;
      Nd4j.getEnvironment().allowHelpers(setting.helpers());
      try {
        net = network(depth, unit, setting);
        for (int i = 0; i < WARMUP_BATCHES; i++) {
          net.fit(batches[i]);
        }
      } finally {
        Nd4j.getEnvironment().allowHelpers(true);
      }
    }

    double samplesPerSecond() {
      return FitTiming.withHelpers(
          setting.helpers(),
          () -> FitTiming.samplesPerSecond(net::fit, batches, WARMUP_BATCHES, BATCH));
    }
  }

  /** {@code memory [samples] [depth] [unit] [setting]}: peak memory of one trial. */
  private static void memory(String[] args) throws Exception {
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 3200;
    int depth = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    String unit = args.length > 3 ? args[3] : "original";
    String name = args.length > 4 ? args[4] : "production";
    Setting setting = setting(name);
    var data = DatasetCache.get("fashion-mnist");
    DataSet[] train = batches(data.train(), samples / BATCH, setting.layout());
    DataSet[] test = batches(data.test(), 2000 / BATCH, setting.layout());
    Sampler sampler = new Sampler();
    Thread thread = new Thread(sampler, "memory-sampler");
    thread.setDaemon(true);
    thread.start();
    long start = System.nanoTime();
    Nd4j.getEnvironment().allowHelpers(setting.helpers());
    try {
      Network net = network(depth, unit, setting);
      for (DataSet batch : train) {
        net.fit(batch);
      }
      for (DataSet batch : test) {
        net.output(batch.getFeatures());
      }
    } finally {
      Nd4j.getEnvironment().allowHelpers(true);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.stop = true;
    thread.join();
    System.out.printf(
        Locale.ROOT,
        "resnet%d %s %s trial: %d training + %d test samples in %.1f s%n",
        depth,
        unit,
        setting.name(),
        train.length * BATCH,
        test.length * BATCH,
        seconds);
    System.out.printf(
        Locale.ROOT,
        "peak sampled every 2 ms: RSS %.0f MiB, RSS - committed heap %.0f MiB (committed heap at"
            + " that peak %.0f MiB), JavaCPP totalBytes %.0f MiB%n",
        mib(sampler.rss),
        mib(sampler.offHeap),
        mib(sampler.heapAtOffHeap),
        mib(sampler.javacpp));
    System.out.println(memoryLine());
  }

  /** Samples memory until stopped. */
  private static final class Sampler implements Runnable {
    volatile boolean stop;
    long rss;
    long offHeap;
    long heapAtOffHeap;
    long javacpp;

    @Override
    public void run() {
      while (!stop) {
        long physical = Pointer.physicalBytes();
        long heap = Runtime.getRuntime().totalMemory();
        rss = Math.max(rss, physical);
        if (physical - heap > offHeap) {
          offHeap = physical - heap;
          heapAtOffHeap = heap;
        }
        javacpp = Math.max(javacpp, Pointer.totalBytes());
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** {@code profile [samples] [depth] [unit] [setting]}: where a training step's time goes. */
  private static void profile(String[] args) {
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 1600;
    int depth = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    String unit = args.length > 3 ? args[3] : "original";
    String name = args.length > 4 ? args[4] : "production";
    Setting setting = setting(name);
    LabeledImages train = DatasetCache.get("fashion-mnist").train();
    int count = samples / BATCH + WARMUP_BATCHES;
    DataSet[] batches = batches(train, count, setting.layout());
    Trainer trainer = new Trainer(depth, unit, setting, batches);
    ComputationGraph graph = ((Network.Graph) trainer.net).graph();
    int steps = count - WARMUP_BATCHES;
    Nd4j.getEnvironment().allowHelpers(setting.helpers());
    try {
      // three phases, each over the same minibatches, interleaved over 3 rounds; medians
      double[][] ms = new double[3][ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        long t0 = System.nanoTime();
        for (int i = WARMUP_BATCHES; i < count; i++) {
          graph.feedForward(new INDArray[] {batches[i].getFeatures()}, true, true);
        }
        long t1 = System.nanoTime();
        for (int i = WARMUP_BATCHES; i < count; i++) {
          graph.setInputs(batches[i].getFeatures());
          graph.setLabels(batches[i].getLabels());
          graph.computeGradientAndScore();
        }
        long t2 = System.nanoTime();
        for (int i = WARMUP_BATCHES; i < count; i++) {
          graph.fit(batches[i]);
        }
        long t3 = System.nanoTime();
        ms[0][round] = (t1 - t0) / 1e6 / steps;
        ms[1][round] = (t2 - t1) / 1e6 / steps;
        ms[2][round] = (t3 - t2) / 1e6 / steps;
      }
      double forward = FitTiming.median(ms[0]);
      double gradient = FitTiming.median(ms[1]);
      double step = FitTiming.median(ms[2]);
      System.out.printf(
          Locale.ROOT,
          "resnet%d %s %s, ms per step of %d (median of %d rounds of %d steps):%n"
              + "  whole step %.2f (%.1f samples/s)%n"
              + "  forward, training mode %.2f (%.0f%%)%n"
              + "  backward (forward + backward - forward) %.2f (%.0f%%)%n"
              + "  updater and the rest (step - forward - backward) %.2f (%.0f%%)%n",
          depth,
          unit,
          setting.name(),
          BATCH,
          ROUNDS,
          steps,
          step,
          BATCH * 1000 / step,
          forward,
          100 * forward / step,
          gradient - forward,
          100 * (gradient - forward) / step,
          step - gradient,
          100 * (step - gradient) / step);

      // ND4J's op profiler: wall time per native op over the same steps
      Nd4j.getExecutioner()
          .setProfilingConfig(
              org.nd4j.linalg.profiler.ProfilerConfig.builder().checkElapsedTime(true).build());
      org.nd4j.linalg.profiler.OpProfiler.getInstance().reset();
      long t0 = System.nanoTime();
      for (int i = WARMUP_BATCHES; i < count; i++) {
        graph.fit(batches[i]);
      }
      double profiled = (System.nanoTime() - t0) / 1e6 / steps;
      Nd4j.getExecutioner()
          .setProfilingConfig(org.nd4j.linalg.profiler.ProfilerConfig.builder().build());
      System.out.printf(
          Locale.ROOT, "op profiler on: %.2f ms per step (it adds its own cost)%n", profiled);
      org.nd4j.linalg.profiler.OpProfiler.getInstance().printOutDashboard();
      System.out.println("vertices in topological order:");
      GraphVertex[] vertices = graph.getVertices();
      Map<String, Integer> kinds = new TreeMap<>();
      for (int index : graph.topologicalSortOrder()) {
        GraphVertex v = vertices[index];
        String kind =
            v.hasLayer() ? v.getLayer().getClass().getSimpleName() : v.getClass().getSimpleName();
        kinds.merge(kind, 1, Integer::sum);
      }
      System.out.println("  " + kinds + ", params " + graph.numParams());
    } finally {
      Nd4j.getEnvironment().allowHelpers(true);
    }
  }

  private static Setting setting(String name) {
    return SETTINGS.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no setting " + name));
  }

  /** RSS now and at its peak, JavaCPP's bytes, ND4J's workspaces of this thread. */
  private static String memoryLine() {
    long workspaces =
        Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread().stream()
            .mapToLong(MemoryWorkspace::getCurrentSize)
            .sum();
    return String.format(
        Locale.ROOT,
        "memory: VmRSS %s, VmHWM %s, heap committed %.0f MiB, JavaCPP totalBytes %.0f MiB,"
            + " physicalBytes %.0f MiB, ND4J workspaces (this thread) %.0f MiB",
        status("VmRSS"),
        status("VmHWM"),
        mib(Runtime.getRuntime().totalMemory()),
        mib(Pointer.totalBytes()),
        mib(Pointer.physicalBytes()),
        mib(workspaces));
  }

  private static String status(String key) {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith(key + ":"))
          .map(l -> l.substring(key.length() + 1).trim())
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  /**
   * {@code count} minibatches of {@code BATCH} consecutive training images (wrapping around), as a
   * trial makes them: {@link Preprocessing} of {@code normalize: unit}, labels one-hot.
   */
  static DataSet[] batches(LabeledImages images, int count, CNN2DFormat layout) {
    float[] table =
        Preprocessing.of(Normalize.UNIT, images, IntStream.range(0, images.count()).toArray())
            .table(0);
    int h = images.shape().height();
    int w = images.shape().width();
    int size = images.imageSize();
    int classes = images.shape().classes();
    DataSet[] out = new DataSet[count];
    for (int b = 0; b < count; b++) {
      float[] x = new float[BATCH * size];
      float[] y = new float[BATCH * classes];
      for (int i = 0; i < BATCH; i++) {
        int row = (b * BATCH + i) % images.count();
        for (int p = 0; p < size; p++) {
          x[i * size + p] = table[images.pixels()[row * size + p] & 0xff];
        }
        y[i * classes + images.label(row)] = 1f;
      }
      long[] shape =
          layout == CNN2DFormat.NHWC ? new long[] {BATCH, h, w, 1} : new long[] {BATCH, 1, h, w};
      out[b] =
          new DataSet(
              Nd4j.create(x, shape, DataType.FLOAT),
              Nd4j.create(y, new long[] {BATCH, classes}, DataType.FLOAT));
    }
    return out;
  }
}
