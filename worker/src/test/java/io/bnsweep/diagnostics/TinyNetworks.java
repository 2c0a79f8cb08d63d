package io.bnsweep.diagnostics;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.InputShape;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.network.NetworkShape;
import io.bnsweep.network.ResNetFamily;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Networks and batches for diagnostics tests, small enough that outcomes are known in advance. */
final class TinyNetworks {
  /** The fixed BatchNorm map of {@link #identityConvs}: scale, shift, running mean and variance. */
  static final double GAMMA = 1.5;

  static final double BETA = -0.1;
  static final double MEAN = 0.2;
  static final double VARIANCE = 0.25;

  /** DL4J's default BatchNorm epsilon, added to the variance at use. */
  static final double EPS = 1e-5;

  private TinyNetworks() {}

  /**
   * The sweep's network for {@code placement} and {@code activation} with two blocks of one channel
   * and 1x1 kernels, for {@code side x side} images, where every conv is the identity (weight 1,
   * bias 0) and every BatchNorm is the fixed map {@code (x - MEAN) / sqrt(VARIANCE + EPS) * GAMMA +
   * BETA}: each block's output is then a function of the pixels computable by hand.
   */
  static MultiLayerNetwork identityConvs(Placement placement, ActivationKind activation, int side) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            NetworkFactory.configuration(
                new NetworkShape(List.of(1, 1), 1).applyTo(Variant.of(placement, activation)),
                new InputShape(1, side, side, 10),
                1));
    net.init();
    LayerKinds layers = new LayerKinds(net.getLayerWiseConfigurations());
    for (int i = 0; i < layers.size(); i++) {
      if (layers.isConv(i)) {
        net.setParam(i + "_W", Nd4j.ones(DataType.FLOAT, 1, 1, 1, 1));
        net.setParam(i + "_b", Nd4j.zeros(DataType.FLOAT, 1, 1));
      }
      if (layers.isBatchNorm(i)) {
        net.setParam(i + "_gamma", Nd4j.valueArrayOf(new long[] {1, 1}, GAMMA, DataType.FLOAT));
        net.setParam(i + "_beta", Nd4j.valueArrayOf(new long[] {1, 1}, BETA, DataType.FLOAT));
        net.setParam(i + "_mean", Nd4j.valueArrayOf(new long[] {1, 1}, MEAN, DataType.FLOAT));
        net.setParam(
            i + "_log10stdev",
            Nd4j.valueArrayOf(new long[] {1, 1}, Math.log10(Math.sqrt(VARIANCE)), DataType.FLOAT));
      }
    }
    return net;
  }

  /** Images {@code pixels[example][row][col]} as an NCHW batch of one channel. */
  static INDArray images(double[][][] pixels) {
    int n = pixels.length;
    int side = pixels[0].length;
    float[] values = new float[n * side * side];
    for (int e = 0; e < n; e++) {
      for (int r = 0; r < side; r++) {
        for (int c = 0; c < side; c++) {
          values[(e * side + r) * side + c] = (float) pixels[e][r][c];
        }
      }
    }
    return Nd4j.create(values, new long[] {n, 1, side, side}, DataType.FLOAT);
  }

  /** {@code pixels} with every example labelled class 0. */
  static DataSet batch(double[][][] pixels) {
    INDArray labels = Nd4j.zeros(DataType.FLOAT, pixels.length, 10);
    for (int e = 0; e < pixels.length; e++) {
      labels.putScalar(e, 0, 1);
    }
    return new DataSet(images(pixels), labels);
  }

  /**
   * The sweep's network for a variant with blocks of 4 and 8 channels and 3x3 kernels, for the
   * synthetic images, fitted on {@code steps} minibatches of 32 so that BatchNorm's statistics and
   * scales have moved from their initial values.
   */
  static MultiLayerNetwork trainedOnSynthetic(
      Placement placement, ActivationKind activation, int steps, long seed) {
    int side = SyntheticImages.SIDE;
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            NetworkFactory.configuration(
                new NetworkShape(List.of(4, 8), 3)
                    .applyTo(Variant.of(placement, activation))
                    .with(Axes.LEARNING_RATE, 1e-2),
                new InputShape(1, side, side, 10),
                seed));
    net.init();
    SyntheticImages.Split train = SyntheticImages.generate(32 * steps, 1);
    for (int s = 0; s < steps; s++) {
      net.fit(synthetic(train, s * 32, (s + 1) * 32));
    }
    return net;
  }

  /**
   * The sweep's depth-8 resnet (one unit per stage) with residual unit {@code unit}, for the
   * synthetic images, fitted on {@code steps} minibatches of 32 so that BatchNorm's statistics and
   * scales have moved from their initial values.
   */
  static ComputationGraph resnetOnSynthetic(
      Placement unit, ActivationKind activation, int steps, long seed) {
    ComputationGraph graph =
        ((Network.Graph)
                NetworkFactory.architecture(
                        Variant.of(ResNetFamily.NAME, unit, activation)
                            .with(ResNetFamily.DEPTH, 8)
                            .with(Axes.LEARNING_RATE, 1e-2),
                        SyntheticImages.SHAPE,
                        seed)
                    .init())
            .graph();
    SyntheticImages.Split train = SyntheticImages.generate(32 * steps, 1);
    for (int s = 0; s < steps; s++) {
      graph.fit(synthetic(train, s * 32, (s + 1) * 32));
    }
    return graph;
  }

  /** Examples {@code from..to-1} of a synthetic split, pixels scaled to [0, 1], labels one-hot. */
  static DataSet synthetic(SyntheticImages.Split split, int from, int to) {
    int size = SyntheticImages.SIDE * SyntheticImages.SIDE;
    int n = to - from;
    float[] features = new float[n * size];
    INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 10);
    for (int e = 0; e < n; e++) {
      for (int p = 0; p < size; p++) {
        features[e * size + p] = (split.pixels()[(from + e) * size + p] & 0xff) / 255f;
      }
      labels.putScalar(e, split.labels()[from + e], 1);
    }
    INDArray x =
        Nd4j.create(
            features,
            new long[] {n, 1, SyntheticImages.SIDE, SyntheticImages.SIDE},
            DataType.FLOAT);
    return new DataSet(x, labels);
  }
}
