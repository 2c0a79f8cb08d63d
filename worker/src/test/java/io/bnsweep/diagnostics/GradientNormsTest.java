package io.bnsweep.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bnsweep.diagnostics.EpochDiagnostics.LayerGradient;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class GradientNormsTest {
  /** Two 2x2 images, flattened: x[example][pixel]. */
  private static final double[][] X = {{0.5, -1, 2, 0}, {1, 1, -0.5, 3}};

  private static final int[] LABELS = {2, 0};

  /** Weights w[pixel][class] and biases of a softmax layer over 3 classes. */
  private static final double[][] W = {
    {0.1, -0.2, 0.3}, {0.4, 0, -0.1}, {-0.3, 0.2, 0.1}, {0.05, -0.05, 0.2}
  };

  private static final double[] B = {0.1, -0.1, 0};

  @Test
  void softmaxLayerNormEqualsTheHandComputedGradientOfTheMeanLoss() {
    MultiLayerNetwork net = softmaxOnly();
    DataSet batch = batch();

    List<LayerGradient> norms =
        GradientNorms.measure(net, new LayerKinds(net.getLayerWiseConfigurations()), batch);

    assertEquals(1, norms.size());
    assertEquals(0, norms.get(0).layer());
    assertEquals("OutputLayer", norms.get(0).type());
    assertEquals(handComputedNorm(), norms.get(0).norm(), 1e-6);
  }

  /** d(mean NLL)/d logits = (softmax - onehot) / n; dW = x^T that; db = its column sums. */
  private static double handComputedNorm() {
    int n = X.length;
    double[][] dLogits = new double[n][3];
    for (int e = 0; e < n; e++) {
      double[] logits = B.clone();
      for (int p = 0; p < 4; p++) {
        for (int c = 0; c < 3; c++) {
          logits[c] += X[e][p] * W[p][c];
        }
      }
      double sum = 0;
      for (int c = 0; c < 3; c++) {
        sum += Math.exp(logits[c]);
      }
      for (int c = 0; c < 3; c++) {
        dLogits[e][c] = (Math.exp(logits[c]) / sum - (c == LABELS[e] ? 1 : 0)) / n;
      }
    }
    double squares = 0;
    for (int c = 0; c < 3; c++) {
      double db = 0;
      for (int e = 0; e < n; e++) {
        db += dLogits[e][c];
      }
      squares += db * db;
      for (int p = 0; p < 4; p++) {
        double dw = 0;
        for (int e = 0; e < n; e++) {
          dw += X[e][p] * dLogits[e][c];
        }
        squares += dw * dw;
      }
    }
    return Math.sqrt(squares);
  }

  private static MultiLayerNetwork softmaxOnly() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .dataType(DataType.FLOAT)
            .list()
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                    .nOut(3)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.convolutional(2, 2, 1))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    net.setParam("0_W", Nd4j.create(W).castTo(DataType.FLOAT));
    net.setParam("0_b", Nd4j.create(new double[][] {B}).castTo(DataType.FLOAT));
    return net;
  }

  private static DataSet batch() {
    float[] features = new float[X.length * 4];
    float[] labels = new float[X.length * 3];
    for (int e = 0; e < X.length; e++) {
      for (int p = 0; p < 4; p++) {
        features[e * 4 + p] = (float) X[e][p];
      }
      labels[e * 3 + LABELS[e]] = 1;
    }
    return new DataSet(
        Nd4j.create(features, new long[] {X.length, 1, 2, 2}, DataType.FLOAT),
        Nd4j.create(labels, new long[] {X.length, 3}, DataType.FLOAT));
  }
}
