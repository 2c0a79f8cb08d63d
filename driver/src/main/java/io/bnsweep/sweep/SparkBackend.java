package io.bnsweep.sweep;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetKey;
import io.bnsweep.network.NetworkFamilies;
import io.bnsweep.spec.CpusPerTrial;
import io.bnsweep.spec.ExecutionMode;
import io.bnsweep.spec.SpecException;
import io.bnsweep.trial.NativeThreads;
import io.bnsweep.trial.Segment;
import io.bnsweep.trial.Trial;
import io.bnsweep.trial.TrialResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark as a {@link TrialBackend}: one SparkContext for the sweep; each submitted batch is one
 * Spark job (one per group of trials that take the same cores, run one group after another), on a
 * thread of its own, so several batches run at once and share the executors' slots (a search
 * submits one single-task job per segment, as results free slots). Each result is queued the moment
 * its task ends. In data-parallel mode a batch's trials run one after another, each on the whole
 * cluster.
 */
public final class SparkBackend implements TrialBackend {
  /** How long a cluster's first executor may take to register before cores are checked. */
  static final long EXECUTOR_WAIT_MILLIS = 60_000;

  /** What the backend runs with. */
  public record Settings(
      String appName,
      String master,
      ExecutionMode mode,
      CpusPerTrial cpus,
      List<Trial> planned,
      Duration timeLimit,
      CheckpointLocation checkpoints,
      boolean checkpointsGiven,
      Duration checkpointEvery,
      PrintWriter log) {}

  private final Settings settings;
  private final JavaSparkContext jsc;
  private final SweepProgress progress;
  private final int threads;
  private final Optional<Integer> localCores;
  private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
  private final ExecutorService jobs = Executors.newCachedThreadPool(SparkBackend::jobThread);
  private final SlotUse slotUse = new SlotUse();
  private final int slots;
  private DatasetRef shipped;
  private Dataset onDriver;

  private SparkBackend(Settings settings, SweepProgress progress) {
    this.settings = settings;
    SparkConf conf =
        SweepContexts.conf(
            settings.appName(),
            settings.master(),
            settings.planned().stream()
                .mapToInt(t -> settings.cpus().of(t.variant()).orElse(1))
                .max()
                .orElse(1));
    this.jsc = SweepContexts.start(conf);
    this.progress = progress;
    this.threads = SweepContexts.threadsPerTrial(conf);
    this.localCores = TrialCores.localCores(jsc.master());
    requireCoresFit();
    // a location given in the spec is checked from every slot before any trial runs (the default,
    // under the output directory, is the driver's own and is made when the first trial saves)
    if (settings.checkpointsGiven() && settings.mode() != ExecutionMode.DATA_PARALLEL) {
      try {
        CheckpointProbe.check(jsc, settings.checkpoints());
      } catch (SpecException e) {
        jsc.stop();
        throw e;
      }
    }
    // the cores Spark reports (the embedded master's N, or the executors' cores) over one task's;
    // 1 in data-parallel mode, where a trial takes the whole cluster
    this.slots =
        settings.mode() == ExecutionMode.DATA_PARALLEL
            ? 1
            : Math.max(1, jsc.defaultParallelism() / threads);
    jsc.sc().addSparkListener(progress.listener());
    jsc.sc().addSparkListener(slotUse);
  }

  /**
   * Starts Spark for a sweep and checks that every planned trial's cores fit.
   *
   * @throws SpecException if some trial's cores fit no executor (Spark is stopped again)
   */
  public static SparkBackend start(Settings settings, SweepProgress progress) {
    return new SparkBackend(settings, progress);
  }

  private static Thread jobThread(Runnable r) {
    Thread t = new Thread(r, "bnsweep-job");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void submit(List<Segment> segments) {
    DatasetKey dataset = segments.get(0).trial().datasetKey();
    if (settings.mode() != ExecutionMode.DATA_PARALLEL && shipped == null) {
      // the dataset is checked on the executors before anything is run
      shipped = DatasetShipping.prepare(jsc, dataset, settings.log());
    }
    if (settings.mode() == ExecutionMode.DATA_PARALLEL && onDriver == null) {
      onDriver = DatasetShipping.loadOnDriver(dataset);
    }
    jobs.submit(
        () -> {
          try {
            runBatch(segments);
          } catch (Throwable e) { // Spark's SparkException is a checked one, thrown from Scala
            arrived.add(e);
          }
        });
  }

  private void runBatch(List<Segment> segments) {
    if (settings.mode() == ExecutionMode.DATA_PARALLEL) {
      DataParallelSweep.run(
          jsc,
          segments.stream().map(Segment::trial).toList(),
          threads,
          settings.timeLimit(),
          onDriver,
          arrived::add);
      return;
    }
    // the stage of a tuned comparison the batch belongs to, for SlotUse (a local property is the
    // submitting thread's, and this pool's threads are reused: set it, or clear it, every time)
    jsc.setLocalProperty(
        SlotUse.STAGE,
        segments.stream()
            .map(s -> s.trial().variant().find(Axes.STAGE).orElse("fixed"))
            .distinct()
            .reduce((a, b) -> a + "+" + b)
            .orElse(null));
    Map<Integer, List<Segment>> groups = TrialCores.groups(segments, settings.cpus(), threads);
    for (Map.Entry<Integer, List<Segment>> group : groups.entrySet()) {
      int cpus = group.getKey();
      if (groups.size() > 1) {
        settings
            .log()
            .printf(
                Locale.ROOT,
                "[bnsweep] %d trials of %d core%s each%n",
                group.getValue().size(),
                cpus,
                cpus == 1 ? "" : "s");
        settings.log().flush();
      }
      SparkSweep.runJob(
          jsc,
          group.getValue(),
          new RunTrial(
              cpus,
              shipped,
              settings.timeLimit(),
              localCores.map(n -> cpus == threads ? 0 : n).orElse(0),
              settings.checkpoints(),
              settings.checkpointEvery()),
          TrialCores.profile(cpus, threads, localCores.isPresent()),
          arrived::add);
    }
  }

  /** How many segments run at once (see the constructor). */
  @Override
  public int slots() {
    return slots;
  }

  @Override
  public Optional<TrialResult> poll(Duration timeout) throws InterruptedException {
    Object next = arrived.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (next instanceof RuntimeException e) {
      throw e;
    }
    if (next instanceof Error e) {
      throw e;
    }
    if (next instanceof Throwable e) {
      throw new java.util.concurrent.CompletionException(e);
    }
    return Optional.ofNullable((TrialResult) next);
  }

  @Override
  public void close() {
    jobs.shutdownNow();
    jsc.sc().removeSparkListener(progress.listener());
    jsc.sc().removeSparkListener(slotUse);
    slotUse.describe(slots()).forEach(line -> settings.log().println("[bnsweep] " + line));
    settings.log().flush();
    jsc.stop();
  }

  /** Every trial's cores fit on some executor (or the embedded master), checked before any runs. */
  private void requireCoresFit() {
    CpusPerTrial cpus = settings.cpus();
    // each family checked once, with the most cores any of its trials takes
    Map<String, Integer> most = new java.util.TreeMap<>();
    for (Trial t : settings.planned()) {
      most.merge(
          NetworkFamilies.of(t.variant()).name(), cpus.of(t.variant()).orElse(threads), Math::max);
    }
    for (Map.Entry<String, Integer> entry : most.entrySet()) {
      int c = entry.getValue();
      String family = " (network.family " + entry.getKey() + ")";
      if (localCores.isPresent() && c > localCores.get()) {
        jsc.stop();
        throw new SpecException(
            "cpusPerTrial: "
                + c
                + family
                + " is more than the "
                + localCores.get()
                + " cores of the embedded master "
                + jsc.master());
      }
      if (localCores.isPresent() && c > NativeThreads.pool()) {
        jsc.stop();
        throw new SpecException(
            "cpusPerTrial: "
                + c
                + family
                + " needs "
                + c
                + " native threads, and this JVM's native pool has "
                + NativeThreads.pool()
                + " (sized once from OMP_NUM_THREADS): run bnsweep with OMP_NUM_THREADS="
                + c
                + " or more");
      }
      if (localCores.isEmpty() && c != threads) {
        try {
          TrialCores.requireFits(jsc, c, family, EXECUTOR_WAIT_MILLIS);
        } catch (SpecException e) {
          jsc.stop();
          throw e;
        }
      }
    }
  }
}
