package io.bnsweep.testing;

import io.bnsweep.kernel.ReluKernel;
import io.bnsweep.kernel.SigmoidKernel;
import io.bnsweep.kernel.TanhKernel;
import io.bnsweep.trial.NativeBackend;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reference networks on DL4J's built-in layers (no helpers) and ND4J's own activation functions,
 * for tests that compare against them.
 */
public final class BuiltInLayers {
  private BuiltInLayers() {}

  /**
   * A new network of {@code conf} whose layers got no helper (DL4J picks helpers at creation) and
   * whose activation layers run ND4J's functions, even where {@code conf} holds bnsweep's kernels:
   * installing them into a network replaces the function in its configuration, which a clone of the
   * configuration shares.
   */
  public static MultiLayerNetwork network(MultiLayerConfiguration conf) {
    MultiLayerConfiguration copy = conf.clone();
    copy.getConfs().forEach(c -> builtInActivation(c.getLayer()));
    return withoutHelpers(
        () -> {
          MultiLayerNetwork net = new MultiLayerNetwork(copy);
          net.init();
          return net;
        });
  }

  /** {@link #network(MultiLayerConfiguration)} for a graph. */
  public static ComputationGraph network(ComputationGraphConfiguration conf) {
    ComputationGraphConfiguration copy = conf.clone();
    copy.getVertices().values().stream()
        .filter(v -> v instanceof LayerVertex)
        .forEach(v -> builtInActivation(((LayerVertex) v).getLayerConf().getLayer()));
    return withoutHelpers(
        () -> {
          ComputationGraph graph = new ComputationGraph(copy);
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

  /** ND4J's own function in place of a bnsweep kernel (each extends the function it computes). */
  private static void builtInActivation(Layer layer) {
    if (layer instanceof ActivationLayer a) {
      IActivation fn = a.getActivationFn();
      if (fn instanceof TanhKernel) {
        a.setActivationFn(new ActivationTanH());
      } else if (fn instanceof SigmoidKernel) {
        a.setActivationFn(new ActivationSigmoid());
      } else if (fn instanceof ReluKernel) {
        a.setActivationFn(new ActivationReLU());
      }
    }
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
