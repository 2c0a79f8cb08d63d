package io.bnsweep.trial;

import io.bnsweep.kernel.Kernels;
import io.bnsweep.network.Architecture;
import io.bnsweep.network.Network;
import java.util.Iterator;
import org.nd4j.linalg.dataset.DataSet;

/** Fits on the calling thread, one minibatch at a time, checking the loss after each. */
public final class LocalFitter implements Fitter {
  private final Network net;

  /**
   * A fitter for a new network initialised from {@code architecture} (and its seed), with bnsweep's
   * kernels installed.
   */
  public LocalFitter(Architecture architecture) {
    this.net = architecture.init();
    Kernels.install(net);
  }

  @Override
  public Network network() {
    return net;
  }

  @Override
  public double fitEpoch(int epoch, Iterator<DataSet> batches) {
    double lossSum = 0;
    int count = 0;
    while (batches.hasNext()) {
      net.fit(batches.next());
      double loss = net.score();
      count++;
      if (!Double.isFinite(loss)) {
        throw new NonFiniteLossException(epoch, count, loss);
      }
      lossSum += loss;
    }
    return lossSum / count;
  }
}
