package io.bnsweep.diagnostics;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * What each layer of a network is, by index: convolution, BatchNorm, activation, and the conv block
 * it belongs to.
 *
 * <p>A block opens at each {@link ConvolutionLayer} (exactly that class, as {@link
 * io.bnsweep.network.NetworkFactory} builds them) and runs to the next one, so the numbering
 * matches the sweep's "conv block" without knowing the placement.
 */
final class LayerKinds {
  private final MultiLayerConfiguration conf;
  private final int[] blocks;

  LayerKinds(MultiLayerConfiguration conf) {
    this.conf = conf;
    int n = conf.getConfs().size();
    this.blocks = new int[n];
    int block = 0;
    for (int i = 0; i < n; i++) {
      if (isConv(i)) {
        block++;
      }
      blocks[i] = block;
    }
  }

  /** Number of layers. */
  int size() {
    return blocks.length;
  }

  /** The configuration of layer {@code i}. */
  Layer layer(int i) {
    return conf.getConf(i).getLayer();
  }

  /** True if layer {@code i} is a plain 2D convolution. */
  boolean isConv(int i) {
    return layer(i).getClass() == ConvolutionLayer.class;
  }

  /** True if layer {@code i} is a BatchNorm layer. */
  boolean isBatchNorm(int i) {
    return layer(i) instanceof BatchNormalization;
  }

  /** True if layer {@code i} is a stand-alone activation layer. */
  boolean isActivation(int i) {
    return layer(i) instanceof ActivationLayer;
  }

  /** The 1-based conv block layer {@code i} belongs to; 0 before the first convolution. */
  int block(int i) {
    return blocks[i];
  }
}
