package io.bnsweep.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.testing.BuiltInLayers;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What the kernel tests share: reference networks without any helper, and close comparisons. */
final class KernelChecks {
  private KernelChecks() {}

  /**
   * A network of {@code conf} with DL4J's helpers off (its built-in layers), and bnsweep's kernels
   * installed if {@code withKernels}; {@code kernels} is how many layers must get one.
   */
  static MultiLayerNetwork network(MultiLayerConfiguration conf, boolean withKernels, int kernels) {
    MultiLayerNetwork net = BuiltInLayers.network(conf);
    if (withKernels) {
      assertEquals(kernels, Kernels.install(net), "layers given a kernel");
    }
    return net;
  }

  /** One-hot labels, example i of class i mod classes. */
  static INDArray labels(int batch, int classes) {
    INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes);
    for (int i = 0; i < batch; i++) {
      y.putScalar(i, i % classes, 1f);
    }
    return y;
  }

  /** Runs a training-mode forward and backward pass; returns the loss (gradient: net's). */
  static double score(MultiLayerNetwork net, INDArray x, INDArray y) {
    return BuiltInLayers.lossAfterBackprop(net, x, y);
  }

  /** The output of layer {@code layer} for {@code x}. */
  static INDArray activation(MultiLayerNetwork net, int layer, INDArray x, boolean training) {
    return net.feedForward(x, training).get(layer + 1).dup();
  }

  /** Same shape, and a relative L2 error (scale at least 1) within {@code tolerance}. */
  static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
    assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what);
    INDArray e = expected.castTo(DataType.DOUBLE);
    double error = actual.castTo(DataType.DOUBLE).sub(e).norm2Number().doubleValue();
    double scale = Math.max(1, e.norm2Number().doubleValue());
    assertTrue(error <= tolerance * scale, what + ": relative error " + error / scale);
  }
}
