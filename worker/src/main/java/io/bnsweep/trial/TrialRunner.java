package io.bnsweep.trial;

import io.bnsweep.axis.Axes;
import io.bnsweep.checkpoint.CheckpointStore;
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
import java.io.IOException;
import java.lang.System.Logger.Level;
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
 * variant says. After every epoch it scores the network on the test subset (unless the {@link
 * Segment} says not to) and, if there is one, on the validation split.
 *
 * <p>After every epoch it measures the network's {@link EpochDiagnostics} on a fixed probe batch
 * (the first {@link DiagnosticsProbe#SIZE} training examples of the subset, the same for every
 * variant and seed); after the trial's last epoch, its {@link InferenceCost} on the first test
 * images (a segment that stops earlier does not measure it). Neither changes the network, so they
 * do not change the trial's accuracy; neither is counted in its training time. A trial that fails
 * keeps the diagnostics of the epochs it finished.
 *
 * <p>Reproducibility: the trial's seed seeds DL4J's weight initialisation and a {@link Random} that
 * shuffles the training subset before every epoch; with the native thread count fixed, the same
 * trial gives the same accuracy on every run.
 *
 * <p>Checkpoints: with a {@link CheckpointStore}, the runner saves a {@link TrialCheckpoint} after
 * an epoch's evaluation and diagnostics (so that the random state saved is the one the next epoch
 * starts from), as often as the cadence allows and always at the end of a segment that stops short
 * of the trial's last epoch. A run of a trial that has a checkpoint continues from it, and gives
 * the uninterrupted trial's result bit for bit (same native build, instruction set and threads):
 * per-epoch losses, accuracies and diagnostics. What it reports as times and usage sums the runs.
 * Kernel call counts in the provenance are this run's.
 */
public final class TrialRunner {
  static {
    NativeBackend.select();
  }

  private static final System.Logger LOG = System.getLogger(TrialRunner.class.getName());

  private final Function<DatasetKey, Dataset> datasets;
  private final int threads;

  private final Function<Architecture, Fitter> fitters;
  private final Duration timeLimit;
  private final CheckpointStore checkpoints;
  private final Duration cadence;

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
    this(datasets, threads, fitters, timeLimit, null, Duration.ZERO);
  }

  /**
   * A runner that checkpoints its trials into {@code checkpoints} and continues them from there.
   *
   * @param checkpoints where trials' checkpoints are read and written; {@code null} for none
   * @param cadence the least time between two checkpoints of a trial ({@link Duration#ZERO}: after
   *     every epoch); a segment that ends before the trial's last epoch is checkpointed at its end
   *     whatever the cadence, since a search may continue it
   */
  public TrialRunner(
      Function<DatasetKey, Dataset> datasets,
      int threads,
      Function<Architecture, Fitter> fitters,
      Duration timeLimit,
      CheckpointStore checkpoints,
      Duration cadence) {
    this.datasets = datasets;
    this.threads = threads;
    this.fitters = fitters;
    this.timeLimit = timeLimit;
    this.checkpoints = checkpoints;
    this.cadence = cadence;
  }

  /**
   * Runs the whole of {@code trial}, test split included ({@link Segment#whole}); returns COMPLETE
   * with its metrics or FAILED with the reason.
   */
  public TrialResult run(Trial trial) {
    return run(Segment.whole(trial));
  }

  /** {@link #runSegment}'s result alone. */
  public TrialResult run(Segment segment) {
    return runSegment(segment).result();
  }

  /**
   * Trains {@code segment}'s trial up to its {@code untilEpoch}, continuing from the trial's
   * checkpoint if there is one at an epoch no later than that (a trial checkpointed at {@code
   * untilEpoch} itself trains nothing), and checkpoints it as the cadence says.
   *
   * <p>The result covers epochs 1..{@code untilEpoch}, restored and new alike, and is COMPLETE if
   * they all trained. Without {@code evaluateTest} nothing is scored on the test split (the epochs'
   * test fields are empty, as is the result's test accuracy). The inference cost is measured only
   * when the segment ends at the trial's last epoch ({@link Segment#isFinal}).
   *
   * <p>A checkpoint that cannot be read (truncated, altered, of another version, or not fitting the
   * network) is ignored with a warning and the trial starts from scratch, overwriting it in time; a
   * checkpoint past {@code untilEpoch} is ignored too, and then not overwritten by this run. A
   * checkpoint that cannot be written is reported as a warning and training goes on.
   */
  public SegmentResult runSegment(Segment segment) {
    Trial trial = segment.trial();
    Progress progress = new Progress(trial, ProvenanceProbe.current(threads), new UsageMeter());
    Resumption resumption = new Resumption();
    try {
      NativeThreads.limit(threads);
      train(segment, progress, resumption);
      return resumption.of(progress.complete(segment.evaluateTest()));
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
      TrialResult failed = progress.failed(describe(e));
      if (FailureReason.outOfMemory(e)) {
        releaseAfterMemoryFailure();
      }
      return resumption.of(failed);
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

  private void train(Segment segment, Progress progress, Resumption resumption) {
    Trial trial = segment.trial();
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

    Evaluator evaluator =
        segment.evaluateTest() ? new Evaluator(data.test(), rows.test(), pre) : null;
    Evaluator validation =
        rows.validation().length > 0 ? new Evaluator(train, rows.validation(), pre) : null;
    DiagnosticsProbe probe =
        new DiagnosticsProbe(
            Batches.of(train, rows.train(), 0, Math.min(DiagnosticsProbe.SIZE, trainSize), pre));
    Random shuffle = new Random(trial.seed());
    int[] order = rows.train().clone();
    TrialCheckpoint restored = restore(segment, fitter.network(), resumption);
    if (restored != null) {
      shuffle = restored.shuffle();
      order = restored.order();
      progress.restore(restored);
    }
    Deadline deadline = new Deadline(timeLimit, progress.carriedWallSeconds());
    long lastCheckpoint = System.nanoTime();
    for (int epoch = resumption.resumedAfterEpoch + 1; epoch <= segment.untilEpoch(); epoch++) {
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
      Evaluator.Score score = evaluator == null ? null : evaluator.evaluate(fitter.network());
      Double validationAccuracy =
          validation == null ? null : validation.evaluate(fitter.network()).accuracy();
      progress.epoch(metrics(epoch, loss, score, seconds, validationAccuracy), trainSize);
      progress.diagnostics(probe.measure(epoch, fitter.network()));
      resumption.epochsTrained++;
      boolean due = (System.nanoTime() - lastCheckpoint) / 1e9 >= cadence.toNanos() / 1e9;
      if (resumption.mayWrite
          && checkpoints != null
          && (due || (epoch == segment.untilEpoch() && !segment.isFinal()))) {
        checkpoint(trial, epoch, order, shuffle, progress, fitter.network(), resumption);
        lastCheckpoint = System.nanoTime();
      }
    }
    if (evaluator != null && resumption.epochsTrained == 0 && progress.lacksLastTestScore()) {
      // checkpointed at untilEpoch by a segment that did not score the test split: score it now,
      // on the network exactly as that epoch left it
      progress.lastTestScore(evaluator.evaluate(fitter.network()));
    }
    if (segment.isFinal()) {
      int inferenceRows = Math.min(rows.test().length, InferenceCosts.IMAGES);
      progress.inference(
          InferenceCosts.measure(
              fitter.network(),
              Batches.of(data.test(), rows.test(), 0, inferenceRows, pre).getFeatures()));
    }
  }

  /** One epoch's metrics; without a test score its test fields are empty (NaN). */
  private static EpochMetrics metrics(
      int epoch, double loss, Evaluator.Score test, double seconds, Double validationAccuracy) {
    return new EpochMetrics(
        epoch,
        loss,
        test == null ? Double.NaN : test.accuracy(),
        test == null ? Double.NaN : test.loss(),
        seconds,
        validationAccuracy);
  }

  /**
   * Restores the trial's checkpoint into {@code net} (and this thread's random state) if it has a
   * usable one no later than the segment's end; returns it, or null to start from scratch.
   */
  private TrialCheckpoint restore(Segment segment, Network net, Resumption resumption) {
    if (checkpoints == null) {
      return null;
    }
    String id = segment.trial().id();
    byte[] bytes;
    try {
      bytes = checkpoints.read(id).orElse(null);
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "trial {0}: could not read its checkpoint ({1}); starting from scratch",
          id,
          e.toString());
      return null;
    }
    if (bytes == null) {
      return null;
    }
    TrialCheckpoint checkpoint;
    try {
      checkpoint = TrialCheckpoint.decode(bytes);
      if (!checkpoint.trialId().equals(id)) {
        throw new IOException("it belongs to trial " + checkpoint.trialId());
      }
      if (checkpoint.epoch() > segment.untilEpoch()) {
        LOG.log(
            Level.WARNING,
            "trial {0}: its checkpoint is of epoch {1}, past this run''s last epoch {2}; training"
                + " from scratch and keeping the checkpoint",
            id,
            checkpoint.epoch(),
            segment.untilEpoch());
        resumption.mayWrite = false;
        return null;
      }
      ModelState.restore(checkpoint.trainerState(), net);
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "trial {0}: ignoring its unreadable checkpoint ({1}); starting from scratch",
          id,
          e.getMessage());
      return null;
    }
    resumption.resumedAfterEpoch = checkpoint.epoch();
    LOG.log(Level.INFO, "trial {0}: resumed after epoch {1}", id, checkpoint.epoch());
    return checkpoint;
  }

  private void checkpoint(
      Trial trial,
      int epoch,
      int[] order,
      Random shuffle,
      Progress progress,
      Network net,
      Resumption resumption) {
    long start = System.nanoTime();
    try {
      byte[] bytes = progress.checkpoint(epoch, order, shuffle, ModelState.save(net)).encode();
      checkpoints.write(trial.id(), bytes);
      resumption.checkpointsWritten++;
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "trial {0}: could not write its checkpoint of epoch {1} ({2}); training goes on",
          trial.id(),
          epoch,
          e.toString());
    }
    resumption.checkpointNanos += System.nanoTime() - start;
  }

  /** How a run got to its result: resumed or not, epochs trained, checkpoints written. */
  private static final class Resumption {
    int resumedAfterEpoch;
    int epochsTrained;
    int checkpointsWritten;
    long checkpointNanos;
    boolean mayWrite = true;

    SegmentResult of(TrialResult result) {
      return new SegmentResult(
          result, resumedAfterEpoch, epochsTrained, checkpointsWritten, checkpointNanos / 1e9);
    }
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
    private Usage carried;

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

    /** Takes over what the runs up to {@code checkpoint} measured. */
    void restore(TrialCheckpoint checkpoint) {
      epochs.addAll(checkpoint.epochs());
      diagnostics.addAll(checkpoint.diagnostics());
      trainSeconds = checkpoint.trainSeconds();
      samples = checkpoint.samples();
      carried = checkpoint.usage();
    }

    double carriedWallSeconds() {
      return carried == null ? 0 : carried.wallSeconds();
    }

    boolean lacksLastTestScore() {
      return !epochs.isEmpty() && Double.isNaN(epochs.get(epochs.size() - 1).testAccuracy());
    }

    void lastTestScore(Evaluator.Score score) {
      EpochMetrics last = epochs.remove(epochs.size() - 1);
      epochs.add(
          new EpochMetrics(
              last.epoch(),
              last.trainLoss(),
              score.accuracy(),
              score.loss(),
              last.trainSeconds(),
              last.validationAccuracy()));
    }

    /** The checkpoint after {@code epoch}, with {@code trainerState} the network's. */
    TrialCheckpoint checkpoint(int epoch, int[] order, Random shuffle, byte[] trainerState) {
      return new TrialCheckpoint(
          trial.id(),
          epoch,
          order,
          shuffle,
          epochs,
          diagnostics,
          trainSeconds,
          samples,
          usage(),
          trainerState);
    }

    private Usage usage() {
      Usage now = usage.stop();
      return carried == null ? now : now.plus(carried);
    }

    TrialResult complete(boolean tested) {
      EpochMetrics last = epochs.get(epochs.size() - 1);
      return tested
          ? result(TrialState.COMPLETE, null, last.testAccuracy(), last.testLoss())
          : result(TrialState.COMPLETE, null, null, null);
    }

    TrialResult failed(String reason) {
      return result(TrialState.FAILED, reason, null, null);
    }

    private TrialResult result(TrialState state, String reason, Double accuracy, Double loss) {
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
          usage(),
          provenance);
    }
  }
}
