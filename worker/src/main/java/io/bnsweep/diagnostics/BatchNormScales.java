package io.bnsweep.diagnostics;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counts BatchNorm scale (gamma) values whose sign flipped during training.
 *
 * <p>DL4J initialises every gamma to 1 (the layer's default, which {@link
 * io.bnsweep.network.NetworkFactory} keeps), so a flipped value is a negative one.
 *
 * <p>A BatchNorm layer with locked scale and shift has no gamma to flip and is not counted.
 *
 * @param flipped scale values below zero, over all BatchNorm layers
 * @param count all scale values, over all BatchNorm layers
 */
record BatchNormScales(int flipped, int count) {
  /** The scales of every BatchNorm layer of {@code net}. */
  static BatchNormScales of(MultiLayerNetwork net, LayerKinds layers) {
    int flipped = 0;
    int count = 0;
    for (int i = 0; i < layers.size(); i++) {
      INDArray scale = net.getLayer(i).paramTable().get(BatchNormalizationParamInitializer.GAMMA);
      if (layers.isBatchNorm(i) && scale != null) {
        float[] gamma = Values.of(scale);
        for (float g : gamma) {
          if (g < 0) {
            flipped++;
          }
        }
        count += gamma.length;
      }
    }
    return new BatchNormScales(flipped, count);
  }

  /** The scales of every BatchNorm layer among {@code layers} (a graph's, say). */
  static BatchNormScales of(List<Layer> layers) {
    int flipped = 0;
    int count = 0;
    for (Layer layer : layers) {
      INDArray scale =
          layer instanceof BatchNormalization
              ? layer.paramTable().get(BatchNormalizationParamInitializer.GAMMA)
              : null;
      if (scale != null) {
        for (float g : Values.of(scale)) {
          if (g < 0) {
            flipped++;
          }
        }
        count += scale.length();
      }
    }
    return new BatchNormScales(flipped, count);
  }
}
