package io.bnsweep.trial;

import io.bnsweep.data.Dataset;
import io.bnsweep.data.Subsets;
import io.bnsweep.diagnostics.EpochDiagnostics;
import io.bnsweep.diagnostics.InferenceCost;
import io.bnsweep.kernel.KernelUse;
import java.io.IOException;
import java.util.Map;

/**
 * A trial's network and how it is trained, behind a framework-neutral face: {@link EpochLoop}
 * drives it an epoch at a time and never sees a tensor. One trainer is one trial's network, built
 * by a {@link Factory} and used from one thread. The one implementation today is DL4J's ({@link
 * io.bnsweep.trial.dl4j.Dl4jTrainer}); this interface imports nothing of DL4J or ND4J, which a test
 * checks.
 */
public interface Trainer {
  /**
   * Fits one pass over the training rows {@code order} (indices into the dataset's training split),
   * in that order, and returns the mean minibatch loss.
   *
   * @param deadline checked before every minibatch
   * @throws NonFiniteLossException if the loss stops being finite
   * @throws TimeLimitException if the deadline passes
   */
  double fitEpoch(int epoch, int[] order, Deadline deadline);

  /** The network's score on the trial's test subset, in inference mode. */
  Score test();

  /**
   * The network's accuracy on the validation split, in inference mode; {@code null} if the trial
   * has none.
   */
  Double validationAccuracy();

  /** The network's diagnostics after epoch {@code epoch}; changes nothing the training reads. */
  EpochDiagnostics diagnose(int epoch);

  /** What inference with the trained network costs. */
  InferenceCost inferenceCost();

  /**
   * Everything needed to continue training exactly from here: the network, the optimiser's state
   * and counters, and the random state training draws from (dropout). The data order is the loop's,
   * not the trainer's.
   */
  byte[] save();

  /**
   * Puts this trainer in the state {@code state} holds ({@link #save} of a trainer of the same
   * trial), including the random state; called once, before any epoch is fitted.
   *
   * @throws IOException if {@code state} does not fit this trainer; the trainer is then unchanged
   */
  void restore(byte[] state) throws IOException;

  /** The faster paths installed on the network, as the provenance names them. */
  String kernels();

  /** The calls each faster path served and declined so far. */
  Map<String, KernelUse> kernelCalls();

  /**
   * Accuracy in [0, 1] and mean negative log-likelihood.
   *
   * @param accuracy the fraction classified correctly
   * @param loss the mean negative log-likelihood
   */
  record Score(double accuracy, double loss) {}

  /** Builds the trainer of a trial. */
  interface Factory {
    /**
     * A new trainer for {@code trial}, initialised from its seed, over {@code data}'s subsets
     * {@code rows}.
     */
    Trainer build(Trial trial, Dataset data, Subsets.Rows rows);

    /**
     * Gives back what a trial that ran out of memory held, on the thread that ran it, before the
     * next trial runs; nothing by default.
     */
    default void afterMemoryFailure() {}
  }
}
