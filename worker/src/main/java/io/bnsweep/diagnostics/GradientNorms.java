package io.bnsweep.diagnostics;

import io.bnsweep.diagnostics.EpochDiagnostics.LayerGradient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The L2 norm of each layer's gradient of the mean loss over a batch, without training on it.
 *
 * <p>Uses {@link MultiLayerNetwork#calculateGradients} for a stack and {@link
 * ComputationGraph#computeGradientAndScore} for a graph, which run the forward pass in training
 * mode (BatchNorm normalises with the batch's own statistics, as during fitting) and change neither
 * the parameters nor BatchNorm's running statistics nor the updater's state (tested in {@code
 * DiagnosticsProbeTest} and {@code GraphDiagnosticsTest}). DL4J's gradients are sums over the batch
 * (its updater divides by the batch size), so each norm is divided by the examples. The "gradients"
 * DL4J reports for BatchNorm's running mean and variance are the moving-average updates of those
 * statistics, not derivatives of the loss, so they are left out: a BatchNorm layer's norm covers
 * its scale and shift only.
 */
final class GradientNorms {
  private static final Set<String> RUNNING_STATISTICS =
      Set.of(
          BatchNormalizationParamInitializer.GLOBAL_MEAN,
          BatchNormalizationParamInitializer.GLOBAL_VAR,
          BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

  private GradientNorms() {}

  /** One entry per layer with trainable parameters, in layer order. */
  static List<LayerGradient> measure(MultiLayerNetwork net, LayerKinds layers, DataSet batch) {
    Map<String, INDArray> gradients =
        net.calculateGradients(batch.getFeatures(), batch.getLabels(), null, null)
            .getFirst()
            .gradientForVariable();
    return norms(gradients, batch, Integer::parseInt, layers::layer);
  }

  /**
   * One entry per layer with trainable parameters, in the order of {@code layers}; the graph keeps
   * no reference to {@code batch} afterwards.
   */
  static List<LayerGradient> measure(ComputationGraph graph, GraphLayers layers, DataSet batch) {
    graph.setInputs(batch.getFeatures());
    graph.setLabels(batch.getLabels());
    try {
      graph.computeGradientAndScore();
      return norms(graph.gradient().gradientForVariable(), batch, layers::index, layers::layer);
    } finally {
      graph.clearLayersStates();
      graph.clear();
    }
  }

  /**
   * The norms of {@code gradients}, keyed {@code <layer>_<parameter>} as DL4J keys them.
   *
   * @param layerIndex the index of a layer from the part of a key before its first {@code _}
   * @param layer a layer's configuration by index
   */
  private static List<LayerGradient> norms(
      Map<String, INDArray> gradients,
      DataSet batch,
      ToIntFunction<String> layerIndex,
      IntFunction<Layer> layer) {
    double examples = batch.getFeatures().size(0);
    Map<Integer, Double> squares = new TreeMap<>();
    for (Map.Entry<String, INDArray> e : gradients.entrySet()) {
      String key = e.getKey();
      int separator = key.indexOf('_');
      int index = layerIndex.applyAsInt(key.substring(0, separator));
      if (layer.apply(index) instanceof BatchNormalization
          && RUNNING_STATISTICS.contains(key.substring(separator + 1))) {
        continue;
      }
      double norm = e.getValue().norm2Number().doubleValue();
      squares.merge(index, norm * norm, Double::sum);
    }
    List<LayerGradient> norms = new ArrayList<>();
    squares.forEach(
        (index, sum) ->
            norms.add(
                new LayerGradient(
                    index,
                    layer.apply(index).getClass().getSimpleName(),
                    Math.sqrt(sum) / examples)));
    return norms;
  }
}
