package io.bnsweep.trial;

import io.bnsweep.checkpoint.CheckpointStore;
import io.bnsweep.data.Dataset;
import io.bnsweep.data.DatasetKey;
import io.bnsweep.network.Architecture;
import io.bnsweep.trial.dl4j.Dl4jTrainer;
import java.time.Duration;
import java.util.function.Function;

/**
 * Trains and evaluates trials with DL4J: an {@link EpochLoop} over {@link Dl4jTrainer}s, with
 * ND4J's native backend selected and its threads limited per trial.
 *
 * <p>{@link #run} never throws for a trial's own reasons: an exception, or a loss that stops being
 * finite, becomes a FAILED result with the reason, so the rest of a sweep goes on. What a trial
 * does per epoch, and how checkpoints are saved and resumed, is {@link EpochLoop}'s; the data and
 * the network are {@link Dl4jTrainer}'s.
 *
 * <p>Reproducibility: the trial's seed seeds DL4J's weight initialisation and a {@link
 * java.util.Random} that shuffles the training subset before every epoch; with the native thread
 * count fixed, the same trial gives the same accuracy on every run, resumed from a checkpoint or
 * not.
 */
public final class TrialRunner {
  static {
    NativeBackend.select();
  }

  private final int threads;
  private final EpochLoop loop;

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
    this.threads = threads;
    this.loop =
        new EpochLoop(
            datasets, Dl4jTrainer.factory(fitters, threads), timeLimit, checkpoints, cadence);
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
   * Trains {@code segment}'s trial up to its {@code untilEpoch}, from its checkpoint if it has one
   * ({@link EpochLoop#run}).
   */
  public SegmentResult runSegment(Segment segment) {
    return loop.run(segment, ProvenanceProbe.current(threads));
  }
}
