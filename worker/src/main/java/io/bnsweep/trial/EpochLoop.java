package io.bnsweep.trial;

import io.bnsweep.checkpoint.CheckpointStore;
import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetKey;
import io.bnsweep.data.Subsets;
import io.bnsweep.diagnostics.EpochDiagnostics;
import io.bnsweep.diagnostics.InferenceCost;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The epochs of a trial, whatever trains it: the data order, the time limit, the per-epoch results,
 * failures as data, and checkpoints. The network and its arithmetic are a {@link Trainer}'s; this
 * class imports nothing of DL4J or ND4J, which a test checks.
 *
 * <p>{@link #run} never throws for a trial's own reasons: an exception, or a loss that stops being
 * finite, becomes a FAILED result with the reason, so the rest of a sweep goes on. A trial that
 * fails keeps the metrics and diagnostics of the epochs it finished.
 *
 * <p>Per epoch: the training rows are shuffled by a {@link Random} seeded with the trial's seed,
 * the trainer fits them, the test subset is scored (unless the {@link Segment} says not to), then
 * the validation split, then the diagnostics; after the trial's last epoch (not a segment's that
 * stops earlier), the inference cost.
 *
 * <p>Checkpoints: with a {@link CheckpointStore}, a {@link TrialCheckpoint} is saved after an
 * epoch's evaluation and diagnostics (so that the random state saved is the one the next epoch
 * starts from), as often as the cadence allows and always at the end of a segment that stops short
 * of the trial's last epoch. A run of a trial that has a checkpoint continues from it and gives the
 * uninterrupted trial's result bit for bit (same native build, instruction set and threads):
 * per-epoch losses, accuracies and diagnostics. Times and usage sum the runs; the provenance
 * (kernel call counts included) is this run's.
 */
public final class EpochLoop {
  private static final System.Logger LOG = System.getLogger(EpochLoop.class.getName());

  private final Function<DatasetKey, Dataset> datasets;
  private final Trainer.Factory trainers;
  private final Duration timeLimit;
  private final CheckpointStore checkpoints;
  private final Duration cadence;

  /**
   * A loop over trainers made by {@code trainers}.
   *
   * @param datasets looks a dataset up by its key
   * @param timeLimit wall time after which a trial FAILS (summed over resumed runs), checked before
   *     every minibatch; {@code null} for none
   * @param checkpoints where trials' checkpoints are read and written; {@code null} for none
   * @param cadence the least time between two checkpoints of a trial ({@link Duration#ZERO}: after
   *     every epoch); a segment that ends before the trial's last epoch is checkpointed at its end
   *     whatever the cadence, since a search may continue it
   */
  public EpochLoop(
      Function<DatasetKey, Dataset> datasets,
      Trainer.Factory trainers,
      Duration timeLimit,
      CheckpointStore checkpoints,
      Duration cadence) {
    this.datasets = datasets;
    this.trainers = trainers;
    this.timeLimit = timeLimit;
    this.checkpoints = checkpoints;
    this.cadence = cadence;
  }

  /**
   * Trains {@code segment}'s trial up to its {@code untilEpoch}, continuing from the trial's
   * checkpoint if there is one at an epoch no later than that (a trial checkpointed at {@code
   * untilEpoch} itself trains nothing), and checkpoints it as the cadence says.
   *
   * <p>The result covers epochs 1..{@code untilEpoch}, restored and new alike, and is COMPLETE if
   * they all trained. Without {@code evaluateTest} nothing is scored on the test split: the epochs'
   * test fields are empty (null), as is the result's test accuracy. If the checkpoint is at {@code
   * untilEpoch} but its last epoch has no test score and this segment asks for one, the restored
   * network is scored then.
   *
   * <p>A checkpoint that cannot be read (truncated, altered, of another version or trial, or not
   * fitting the network) is ignored with a warning and the trial starts from scratch, overwriting
   * it in time; a checkpoint past {@code untilEpoch} is ignored too, and then not overwritten by
   * this run. A checkpoint that cannot be written is reported as a warning and training goes on.
   *
   * @param provenance where and with what the trial runs; the trainer's kernels are added
   */
  public SegmentResult run(Segment segment, Provenance provenance) {
    Progress progress = new Progress(segment.trial(), provenance, new UsageMeter());
    Resumption resumption = new Resumption();
    try {
      train(segment, progress, resumption);
      return resumption.of(progress.complete(segment.evaluateTest()));
    } catch (RuntimeException | OutOfMemoryError e) {
      // An OutOfMemoryError is caught here, on the trial's own thread, and nowhere else. Off-heap,
      // it is JavaCPP refusing an allocation over its limit (org.bytedeco.javacpp.maxphysicalbytes
      // or maxbytes) before making it: the heap is intact and the native memory was never taken.
      // A heap OOM thrown on this thread failed an allocation of this trial's, and what the trial
      // allocated is reachable only from train()'s frame, gone by now. Either way the memory is
      // the trial's to give back, which afterMemoryFailure does before the next trial runs: the
      // JVM stays usable. Not caught, the error would reach Spark's executor as a fatal one, which
      // kills the executor (the whole driver in local mode), and Spark would rerun the trial up to
      // spark.task.maxFailures times, failing each time. A heap OOM on another thread (Spark's
      // own) is not this trial's: Spark kills that executor and reruns its tasks.
      TrialResult failed = progress.failed(describe(e), Failure.of(e));
      if (FailureReason.outOfMemory(e)) {
        trainers.afterMemoryFailure();
      }
      return resumption.of(failed);
    }
  }

  private void train(Segment segment, Progress progress, Resumption resumption) {
    Trial trial = segment.trial();
    long datasetStart = System.nanoTime();
    Dataset data = datasets.apply(trial.datasetKey());
    progress.datasetTook(System.nanoTime() - datasetStart);
    Subsets.Rows rows = Subsets.of(data, trial.variant());
    int trainSize = rows.train().length;

    Trainer trainer = trainers.build(trial, data, rows);
    progress.trainer(trainer);

    Random shuffle = new Random(trial.seed());
    int[] order = rows.train().clone();
    TrialCheckpoint restored = restore(segment, trainer, resumption);
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
      double loss = trainer.fitEpoch(epoch, order, deadline);
      if (!Double.isFinite(loss)) {
        throw new NonFiniteLossException(epoch, 0, loss);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Trainer.Score test = segment.evaluateTest() ? trainer.test() : null;
      Double validationAccuracy = trainer.validationAccuracy();
      progress.epoch(metrics(epoch, loss, test, seconds, validationAccuracy), trainSize);
      progress.diagnostics(trainer.diagnose(epoch));
      resumption.epochsTrained++;
      boolean due = System.nanoTime() - lastCheckpoint >= cadence.toNanos();
      // never after the trial's last epoch: its result comes next, and a checkpoint then would
      // only be written to be deleted (a one-epoch trial writes none)
      boolean last = segment.isLast() && epoch == segment.untilEpoch();
      if (resumption.mayWrite
          && checkpoints != null
          && !last
          && (due || (epoch == segment.untilEpoch() && !segment.isLast()))) {
        checkpoint(trial, epoch, order, shuffle, progress, trainer, resumption);
        lastCheckpoint = System.nanoTime();
      }
    }
    if (segment.evaluateTest() && resumption.epochsTrained == 0 && progress.lacksLastTestScore()) {
      // checkpointed at untilEpoch by a segment that did not score the test split: score it now,
      // on the network exactly as that epoch left it
      progress.lastTestScore(trainer.test());
    }
    if (segment.isLast()) {
      progress.inference(trainer.inferenceCost());
    }
  }

  /** One epoch's metrics; without a test score its test fields are empty (null). */
  private static EpochMetrics metrics(
      int epoch, double loss, Trainer.Score test, double seconds, Double validationAccuracy) {
    return new EpochMetrics(
        epoch,
        loss,
        test == null ? null : test.accuracy(),
        test == null ? null : test.loss(),
        seconds,
        validationAccuracy);
  }

  /**
   * Restores the trial's checkpoint into {@code trainer} if it has a usable one no later than the
   * segment's end; returns it, or null to start from scratch.
   */
  private TrialCheckpoint restore(Segment segment, Trainer trainer, Resumption resumption) {
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
      trainer.restore(checkpoint.trainerState());
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
      Trainer trainer,
      Resumption resumption) {
    long start = System.nanoTime();
    try {
      byte[] bytes = progress.checkpoint(epoch, order, shuffle, trainer.save()).encode();
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
    private Trainer trainer;

    Progress(Trial trial, Provenance provenance, UsageMeter usage) {
      this.trial = trial;
      this.provenance = provenance;
      this.usage = usage;
    }

    /** The trial's trainer: its kernels now, and at the end the calls they served and declined. */
    void trainer(Trainer built) {
      trainer = built;
      provenance = provenance.withKernels(built.kernels());
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
      return !epochs.isEmpty() && epochs.get(epochs.size() - 1).testAccuracy() == null;
    }

    void lastTestScore(Trainer.Score score) {
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

    /** The checkpoint after {@code epoch}, with {@code trainerState} the trainer's. */
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
          ? result(TrialState.COMPLETE, null, last.testAccuracy(), last.testLoss(), null)
          : result(TrialState.COMPLETE, null, null, null, null);
    }

    TrialResult failed(String reason, Failure failure) {
      return result(TrialState.FAILED, reason, null, null, failure);
    }

    private TrialResult result(
        TrialState state, String reason, Double accuracy, Double loss, Failure failure) {
      if (trainer != null) {
        provenance = provenance.withKernelCalls(trainer.kernelCalls());
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
          provenance,
          failure);
    }
  }
}
