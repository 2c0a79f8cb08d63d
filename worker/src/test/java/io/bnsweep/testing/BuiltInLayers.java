package io.bnsweep.testing;

import io.bnsweep.trial.NativeBackend;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reference networks on DL4J's built-in layers (no helpers), for tests that compare against them.
 */
public final class BuiltInLayers {
  private BuiltInLayers() {}

  /** A new network of {@code conf} whose layers got no helper (DL4J picks helpers at creation). */
  public static MultiLayerNetwork network(MultiLayerConfiguration conf) {
    String before = System.getProperty(NativeBackend.HELPERS_DISABLE_PROPERTY);
    System.setProperty(NativeBackend.HELPERS_DISABLE_PROPERTY, "true");
    try {
      MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
      net.init();
      return net;
    } finally {
      if (before == null) {
        System.clearProperty(NativeBackend.HELPERS_DISABLE_PROPERTY);
      } else {
        System.setProperty(NativeBackend.HELPERS_DISABLE_PROPERTY, before);
      }
    }
  }

  /** Runs a training-mode forward and backward pass; returns the loss (gradient: {@code net}'s). */
  public static double lossAfterBackprop(
      MultiLayerNetwork net, INDArray features, INDArray labels) {
    net.setInput(features);
    net.setLabels(labels);
    net.computeGradientAndScore();
    return net.score();
  }
}
