package io.bnsweep.diagnostics;

import io.bnsweep.network.Network;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The diagnostics of a network that is a graph: so far only BatchNorm's scale sign flips, over
 * every BatchNorm layer. Conv inputs, activation health and gradient norms are measured per conv
 * block of a stack of layers ({@link DiagnosticsProbe}) and are empty for a graph.
 */
final class GraphDiagnostics {
  private GraphDiagnostics() {}

  static EpochDiagnostics measure(int epoch, Network network) {
    int flipped = 0;
    int count = 0;
    for (Layer layer : network.layers()) {
      if (layer instanceof BatchNormalization bn) {
        INDArray scale = bn.paramTable().get(BatchNormalizationParamInitializer.GAMMA);
        if (scale != null) {
          for (float g : Values.of(scale)) {
            if (g < 0) {
              flipped++;
            }
          }
          count += scale.length();
        }
      }
    }
    return new EpochDiagnostics(epoch, List.of(), List.of(), List.of(), flipped, count);
  }
}
