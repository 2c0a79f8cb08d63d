package io.bnsweep.trial.dl4j;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.Augment;
import io.bnsweep.data.Dataset;
import io.bnsweep.data.LabeledImages;
import io.bnsweep.data.Preprocessing;
import io.bnsweep.data.Subsets;
import io.bnsweep.diagnostics.DiagnosticsProbe;
import io.bnsweep.diagnostics.EpochDiagnostics;
import io.bnsweep.diagnostics.InferenceCost;
import io.bnsweep.diagnostics.InferenceCosts;
import io.bnsweep.kernel.KernelUse;
import io.bnsweep.kernel.Kernels;
import io.bnsweep.network.Architecture;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.trial.Deadline;
import io.bnsweep.trial.Fitter;
import io.bnsweep.trial.NativeThreads;
import io.bnsweep.trial.Trainer;
import io.bnsweep.trial.Trial;
import io.bnsweep.variant.Variant;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trial's network trained with DL4J, on the calling thread or wherever its {@link Fitter} fits.
 *
 * <p>The data: the trial's subsets ({@link Subsets}: validation, training and test rows, the same
 * for every trial of a sweep), converted to floats batch by batch through the trial's {@link
 * Preprocessing} (normalisation from the training subset), training batches augmented as the
 * variant says ({@link Batches}). The network: the variant's ({@link NetworkFactory}), initialised
 * from the trial's seed by the fitter, which installs bnsweep's kernels.
 *
 * <p>Diagnostics are measured on a fixed probe batch (the first {@link DiagnosticsProbe#SIZE}
 * training examples of the subset, the same for every variant and seed), the inference cost on the
 * first test images. Neither changes the network, so they do not change the trial's accuracy.
 *
 * <p>State ({@link #save}, {@link #restore}): see {@link ModelState}.
 */
public final class Dl4jTrainer implements Trainer {
  private final Fitter fitter;
  private final long seed;
  private final int batchSize;
  private final List<Augment> augment;
  private final LabeledImages train;
  private final Preprocessing pre;
  private final Evaluator test;
  private final Evaluator validation;
  private final DiagnosticsProbe probe;
  private final LabeledImages testImages;
  private final int[] testRows;

  private Dl4jTrainer(
      Function<Architecture, Fitter> fitters, Trial trial, Dataset data, Subsets.Rows rows) {
    Variant variant = trial.variant();
    this.seed = trial.seed();
    this.batchSize = variant.get(Axes.BATCH_SIZE);
    this.train = data.train();
    this.pre =
        Preprocessing.of(
            variant.find(Axes.NORMALIZE).orElse(data.defaultNormalize()), train, rows.train());
    this.augment = variant.find(Axes.AUGMENT).orElse(List.of());
    this.fitter = fitters.apply(NetworkFactory.architecture(variant, data.shape(), seed));
    this.testImages = data.test();
    this.testRows = rows.test();
    this.test = new Evaluator(testImages, testRows, pre);
    this.validation =
        rows.validation().length > 0 ? new Evaluator(train, rows.validation(), pre) : null;
    int trainSize = rows.train().length;
    this.probe =
        new DiagnosticsProbe(
            Batches.of(train, rows.train(), 0, Math.min(DiagnosticsProbe.SIZE, trainSize), pre));
  }

  /**
   * Trainers whose networks are fitted by {@code fitters}, each built with ND4J limited to {@code
   * threads} native threads on the calling thread.
   *
   * @param fitters makes the fitter of a new, seeded network architecture
   */
  public static Trainer.Factory factory(Function<Architecture, Fitter> fitters, int threads) {
    return new Trainer.Factory() {
      @Override
      public Trainer build(Trial trial, Dataset data, Subsets.Rows rows) {
        NativeThreads.limit(threads);
        return new Dl4jTrainer(fitters, trial, data, rows);
      }

      /**
       * Frees what a trial that ran out of memory held, so that the next trial in this JVM does not
       * run out in its turn: DL4J's workspaces are per thread and keep the size they learned, and a
       * Spark task thread runs trial after trial, so the next network would inherit the failed
       * one's activation workspaces (seen: a 4-channel network failing at 2.5 GB after a
       * 2048-channel one).
       */
      @Override
      public void afterMemoryFailure() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        System.gc(); // ND4J frees an array's native buffer once the collector finds it unreachable
      }
    };
  }

  /** The network, with every epoch fitted so far. */
  public Network network() {
    return fitter.network();
  }

  @Override
  public double fitEpoch(int epoch, int[] order, Deadline deadline) {
    Batches.Augmentation aug = Batches.Augmentation.of(augment, seed, epoch);
    return fitter.fitEpoch(
        epoch, deadline.guard(Batches.iterate(train, order, batchSize, pre, aug), epoch));
  }

  @Override
  public Score test() {
    return test.evaluate(network());
  }

  @Override
  public Double validationAccuracy() {
    return validation == null ? null : validation.evaluate(network()).accuracy();
  }

  @Override
  public EpochDiagnostics diagnose(int epoch) {
    return probe.measure(epoch, network());
  }

  @Override
  public InferenceCost inferenceCost() {
    int rows = Math.min(testRows.length, InferenceCosts.IMAGES);
    return InferenceCosts.measure(
        network(), Batches.of(testImages, testRows, 0, rows, pre).getFeatures());
  }

  @Override
  public byte[] save() {
    return ModelState.save(network());
  }

  @Override
  public void restore(byte[] state) throws IOException {
    ModelState.restore(state, network());
  }

  @Override
  public String kernels() {
    return Kernels.describe(network());
  }

  @Override
  public Map<String, KernelUse> kernelCalls() {
    return Kernels.calls(network());
  }
}
