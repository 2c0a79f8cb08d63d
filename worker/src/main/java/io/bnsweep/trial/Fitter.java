package io.bnsweep.trial;

import io.bnsweep.network.Network;
import java.util.Iterator;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Fits a network one epoch at a time; where the arithmetic happens is the implementation's business
 * (this thread for {@link LocalFitter}, a Spark cluster for data-parallel training).
 *
 * <p>Not thread-safe: one trial drives one fitter.
 */
public interface Fitter {
  /** The network, with every epoch fitted so far; used for evaluation between epochs. */
  Network network();

  /**
   * Fits one pass over {@code batches}, in order, and returns the mean minibatch loss.
   *
   * @throws NonFiniteLossException if the loss becomes NaN or infinite
   */
  double fitEpoch(int epoch, Iterator<DataSet> batches);
}
