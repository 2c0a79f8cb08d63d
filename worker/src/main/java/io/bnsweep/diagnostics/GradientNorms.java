package io.bnsweep.diagnostics;

import io.bnsweep.diagnostics.EpochDiagnostics.LayerGradient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The L2 norm of each layer's gradient of the mean loss over a batch, without training on it.
 *
 * <p>Uses {@link MultiLayerNetwork#calculateGradients}, which runs the forward pass in training
 * mode (BatchNorm normalises with the batch's own statistics, as during fitting) and changes
 * neither the parameters nor BatchNorm's running statistics nor the updater's state (tested in
 * {@code DiagnosticsProbeTest}). The "gradients" DL4J reports for BatchNorm's running mean and
 * variance are the moving-average updates of those statistics, not derivatives of the loss, so they
 * are left out: a BatchNorm layer's norm covers its scale and shift only.
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
    double examples = batch.getFeatures().size(0);
    Map<Integer, Double> squares = new TreeMap<>();
    for (Map.Entry<String, INDArray> e : gradients.entrySet()) {
      String key = e.getKey();
      int separator = key.indexOf('_');
      int layer = Integer.parseInt(key.substring(0, separator));
      if (layers.isBatchNorm(layer) && RUNNING_STATISTICS.contains(key.substring(separator + 1))) {
        continue;
      }
      double norm = e.getValue().norm2Number().doubleValue();
      squares.merge(layer, norm * norm, Double::sum);
    }
    List<LayerGradient> norms = new ArrayList<>();
    squares.forEach(
        (layer, sum) ->
            norms.add(
                new LayerGradient(
                    layer,
                    layers.layer(layer).getClass().getSimpleName(),
                    Math.sqrt(sum) / examples)));
    return norms;
  }
}
