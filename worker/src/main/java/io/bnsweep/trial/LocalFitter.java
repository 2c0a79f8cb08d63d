package io.bnsweep.trial;

import io.bnsweep.kernel.Kernels;
import java.util.Iterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/** Fits on the calling thread, one minibatch at a time, checking the loss after each. */
public final class LocalFitter implements Fitter {
  private final MultiLayerNetwork net;

  /**
   * A fitter for a new network initialised from {@code conf} (and its seed), with bnsweep's kernels
   * installed.
   */
  public LocalFitter(MultiLayerConfiguration conf) {
    this.net = new MultiLayerNetwork(conf);
    net.init();
    Kernels.install(net);
  }

  @Override
  public MultiLayerNetwork network() {
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
