package io.bnsweep.testing;

import io.bnsweep.trial.NativeBackend;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reference networks on DL4J's built-in layers (no helpers), for tests that compare against them.
 */
public final class BuiltInLayers {
  private BuiltInLayers() {}

  /** A new network of {@code conf} whose layers got no helper (DL4J picks helpers at creation). */
  public static MultiLayerNetwork network(MultiLayerConfiguration conf) {
    return withoutHelpers(
        () -> {
          MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
          net.init();
          return net;
        });
  }

  /** A new graph of {@code conf} whose layers got no helper. */
  public static ComputationGraph network(ComputationGraphConfiguration conf) {
    return withoutHelpers(
        () -> {
          ComputationGraph graph = new ComputationGraph(conf.clone());
          graph.init();
          return graph;
        });
  }

  /** Runs a training-mode forward and backward pass; returns the loss (gradient: {@code net}'s). */
  public static double lossAfterBackprop(
      MultiLayerNetwork net, INDArray features, INDArray labels) {
    net.setInput(features);
    net.setLabels(labels);
    net.computeGradientAndScore();
    return net.score();
  }

  /** {@link #lossAfterBackprop(MultiLayerNetwork, INDArray, INDArray)} for a one-input graph. */
  public static double lossAfterBackprop(
      ComputationGraph graph, INDArray features, INDArray labels) {
    graph.setInputs(features);
    graph.setLabels(labels);
    graph.computeGradientAndScore();
    return graph.score();
  }

  private static <T> T withoutHelpers(Supplier<T> create) {
    String before = System.getProperty(NativeBackend.HELPERS_DISABLE_PROPERTY);
    System.setProperty(NativeBackend.HELPERS_DISABLE_PROPERTY, "true");
    try {
      return create.get();
    } finally {
      if (before == null) {
        System.clearProperty(NativeBackend.HELPERS_DISABLE_PROPERTY);
      } else {
        System.setProperty(NativeBackend.HELPERS_DISABLE_PROPERTY, before);
      }
    }
  }
}
