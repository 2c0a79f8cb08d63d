package io.bnsweep.trial;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.Augment;
import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetKey;
import io.bnsweep.data.LabeledImages;
import io.bnsweep.data.Preprocessing;
import io.bnsweep.data.Subsets;
import io.bnsweep.diagnostics.DiagnosticsProbe;
import io.bnsweep.diagnostics.EpochDiagnostics;
import io.bnsweep.diagnostics.InferenceCost;
import io.bnsweep.diagnostics.InferenceCosts;
import io.bnsweep.kernel.Kernels;
import io.bnsweep.network.Architecture;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.variant.Variant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Trains and evaluates one trial with DL4J.
 *
 * <p>{@link #run} never throws for a trial's own reasons: an exception, or a loss that stops being
 * finite, becomes a FAILED result with the reason, so the rest of a sweep goes on.
 *
 * <p>The data: the trial's subsets ({@link Subsets}: validation, training and test rows, the same
 * for every trial of a sweep), converted to floats batch by batch through the trial's {@link
 * Preprocessing} (normalisation from the training subset), training batches augmented as the
 * variant says. After every epoch it scores the network on the test subset and, if there is one, on
 * the validation split.
 *
 * <p>After every epoch it measures the network's {@link EpochDiagnostics} on a fixed probe batch
 * (the first {@link DiagnosticsProbe#SIZE} training examples of the subset, the same for every
 * variant and seed); after the last, its {@link InferenceCost} on the first test images. Neither
 * changes the network, so they do not change the trial's accuracy; neither is counted in its
 * training time. A trial that fails keeps the diagnostics of the epochs it finished.
 *
 * <p>Reproducibility: the trial's seed seeds DL4J's weight initialisation and a {@link Random} that
 * shuffles the training subset before every epoch; with the native thread count fixed, the same
 * trial gives the same accuracy on every run.
 */
public final class TrialRunner {
  static {
    NativeBackend.select();
  }

  private final Function<DatasetKey, Dataset> datasets;
  private final int threads;

  private final Function<Architecture, Fitter> fitters;
  private final Duration timeLimit;

  /**
   * A runner that fits on the calling thread ({@link LocalFitter}).
   *
   * @param datasets looks a dataset up by its key (normally {@link
   *     io.bnsweep.data.DatasetCache#get(DatasetKey)})
   * @param threads native threads each trial may use
   */
  public TrialRunner(Function<DatasetKey, Dataset> datasets, int threads) {
    this(datasets, threads, LocalFitter::new, null);
  }

  /**
   * A runner whose networks are fitted by {@code fitters}.
   *
   * @param fitters makes the fitter of a new, seeded network architecture
   * @param timeLimit wall time after which a trial FAILS, checked before every minibatch; {@code
   *     null} for none
   */
  public TrialRunner(
      Function<DatasetKey, Dataset> datasets,
      int threads,
      Function<Architecture, Fitter> fitters,
      Duration timeLimit) {
    this.datasets = datasets;
    this.threads = threads;
    this.fitters = fitters;
    this.timeLimit = timeLimit;
  }

  /**
   * Runs {@code segment}; only whole trials for now (segments that continue from checkpoints come
   * with the checkpoint store).
   */
  public TrialResult run(Segment segment) {
    if (!segment.isLast() || !segment.evaluateTest()) {
      throw new UnsupportedOperationException("segments of a trial need checkpoints");
    }
    return run(segment.trial());
  }

  /** Runs {@code trial}; returns COMPLETE with its metrics or FAILED with the reason. */
  public TrialResult run(Trial trial) {
    Progress progress = new Progress(trial, ProvenanceProbe.current(threads), new UsageMeter());
    try {
      NativeThreads.limit(threads);
      train(trial, progress);
      return progress.complete();
    } catch (RuntimeException | OutOfMemoryError e) {
      // An OutOfMemoryError is caught here, on the trial's own thread, and nowhere else. Off-heap,
      // it is JavaCPP refusing an allocation over its limit (org.bytedeco.javacpp.maxphysicalbytes
      // or maxbytes) before making it: the heap is intact and the native memory was never taken.
      // A heap OOM thrown on this thread failed an allocation of this trial's, and what the trial
      // allocated is reachable only from train()'s frame, gone by now. Either way the memory is
      // the trial's to give back, which releaseAfterMemoryFailure does before the next trial
      // runs: the JVM stays usable. Not caught, the error would reach Spark's executor as a fatal
      // one, which kills the executor (the whole driver in local mode), and Spark would rerun the
      // trial up to spark.task.maxFailures times, failing each time. A heap OOM on another thread
      // (Spark's own) is not this trial's: Spark kills that executor and reruns its tasks.
      TrialResult failed = progress.failed(describe(e), Failure.of(e));
      if (FailureReason.outOfMemory(e)) {
        releaseAfterMemoryFailure();
      }
      return failed;
    }
  }

  /**
   * Frees what a trial that ran out of memory held, so that the next trial in this JVM does not run
   * out in its turn: DL4J's workspaces are per thread and keep the size they learned, and a Spark
   * task thread runs trial after trial, so the next network would inherit the failed one's
   * activation workspaces (seen: a 4-channel network failing at 2.5 GB after a 2048-channel one).
   */
  private static void releaseAfterMemoryFailure() {
    org.nd4j.linalg.factory.Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    System.gc(); // ND4J frees an array's native buffer once the collector has found it unreachable
  }

  private void train(Trial trial, Progress progress) {
    long datasetStart = System.nanoTime();
    Dataset data = datasets.apply(trial.datasetKey());
    progress.datasetTook(System.nanoTime() - datasetStart);
    Variant variant = trial.variant();
    int batchSize = variant.get(Axes.BATCH_SIZE);
    LabeledImages train = data.train();
    Subsets.Rows rows = Subsets.of(data, variant);
    int trainSize = rows.train().length;
    Preprocessing pre =
        Preprocessing.of(
            variant.find(Axes.NORMALIZE).orElse(data.defaultNormalize()), train, rows.train());
    List<Augment> augment = variant.find(Axes.AUGMENT).orElse(List.of());

    Fitter fitter = fitters.apply(NetworkFactory.architecture(variant, data.shape(), trial.seed()));
    progress.network(fitter.network());

    Deadline deadline = new Deadline(timeLimit);
    Evaluator evaluator = new Evaluator(data.test(), rows.test(), pre);
    Evaluator validation =
        rows.validation().length > 0 ? new Evaluator(train, rows.validation(), pre) : null;
    DiagnosticsProbe probe =
        new DiagnosticsProbe(
            Batches.of(train, rows.train(), 0, Math.min(DiagnosticsProbe.SIZE, trainSize), pre));
    Random shuffle = new Random(trial.seed());
    int[] order = rows.train().clone();
    for (int epoch = 1; epoch <= variant.get(Axes.EPOCHS); epoch++) {
      Subsets.shuffle(order, shuffle);
      long start = System.nanoTime();
      Batches.Augmentation aug = Batches.Augmentation.of(augment, trial.seed(), epoch);
      double loss =
          fitter.fitEpoch(
              epoch, deadline.guard(Batches.iterate(train, order, batchSize, pre, aug), epoch));
      if (!Double.isFinite(loss)) {
        throw new NonFiniteLossException(epoch, 0, loss);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Evaluator.Score score = evaluator.evaluate(fitter.network());
      Double validationAccuracy =
          validation == null ? null : validation.evaluate(fitter.network()).accuracy();
      progress.epoch(
          new EpochMetrics(
              epoch, loss, score.accuracy(), score.loss(), seconds, validationAccuracy),
          trainSize);
      progress.diagnostics(probe.measure(epoch, fitter.network()));
    }
    int inferenceRows = Math.min(rows.test().length, InferenceCosts.IMAGES);
    progress.inference(
        InferenceCosts.measure(
            fitter.network(),
            Batches.of(data.test(), rows.test(), 0, inferenceRows, pre).getFeatures()));
  }

  /**
   * The reason recorded for a failure: a limit's message alone, otherwise {@link FailureReason} (a
   * memory limit named first, then the cause chain with the top of each stack).
   */
  static String describe(Throwable e) {
    if (e instanceof NonFiniteLossException || e instanceof TimeLimitException) {
      return e.getMessage();
    }
    return FailureReason.of(e);
  }

  /** Accumulates what a trial has measured so far, so a failure keeps the epochs it finished. */
  private static final class Progress {
    private final Trial trial;
    private Provenance provenance;
    private final UsageMeter usage;
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private final List<EpochDiagnostics> diagnostics = new ArrayList<>();
    private InferenceCost inference;
    private double trainSeconds;
    private long samples;

    Progress(Trial trial, Provenance provenance, UsageMeter usage) {
      this.trial = trial;
      this.provenance = provenance;
      this.usage = usage;
    }

    private Network network;

    /** The trial's network: its kernels now, and at the end the calls they served and declined. */
    void network(Network net) {
      network = net;
      provenance = provenance.withKernels(Kernels.describe(net));
    }

    void datasetTook(long nanos) {
      usage.datasetTook(nanos);
    }

    void epoch(EpochMetrics metrics, int samplesSeen) {
      epochs.add(metrics);
      trainSeconds += metrics.trainSeconds();
      samples += samplesSeen;
    }

    void diagnostics(EpochDiagnostics measured) {
      diagnostics.add(measured);
    }

    void inference(InferenceCost measured) {
      inference = measured;
    }

    TrialResult complete() {
      EpochMetrics last = epochs.get(epochs.size() - 1);
      return result(TrialState.COMPLETE, null, last.testAccuracy(), last.testLoss(), null);
    }

    TrialResult failed(String reason, Failure failure) {
      return result(TrialState.FAILED, reason, null, null, failure);
    }

    private TrialResult result(
        TrialState state, String reason, Double accuracy, Double loss, Failure failure) {
      if (network != null) {
        provenance = provenance.withKernelCalls(Kernels.calls(network));
      }
      return new TrialResult(
          trial.id(),
          trial.variant(),
          trial.seed(),
          state,
          reason,
          accuracy,
          loss,
          epochs,
          trainSeconds,
          trainSeconds > 0 ? samples / trainSeconds : 0,
          diagnostics,
          inference,
          usage.stop(),
          provenance,
          failure);
    }
  }
}
