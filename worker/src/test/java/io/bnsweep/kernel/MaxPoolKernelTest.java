package io.bnsweep.kernel;

import static io.bnsweep.kernel.KernelChecks.assertClose;
import static io.bnsweep.kernel.KernelChecks.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The kernel's backward pass against DL4J's built-in max pooling (DL4J's helpers off in both
 * networks), on {@code conv -> 2 x 2 max pool -> softmax}, so that the gradient pooling passes back
 * shows in the convolution's weight gradient. The pooled input is 7 x 9 (odd: Truncate mode drops
 * the last row and column, which get no gradient).
 */
class MaxPoolKernelTest {
  private static final int BATCH = 5;
  private static final int CHANNELS = 3;
  private static final int HEIGHT = 7;
  private static final int WIDTH = 9;
  private static final int CLASSES = 4;

  @Test
  void gradientsMatchDl4j() {
    MultiLayerNetwork kernel = network(SubsamplingLayer.PoolingType.MAX, 2, true);
    MultiLayerNetwork reference = network(SubsamplingLayer.PoolingType.MAX, 2, false);
    assertInstanceOf(MaxPoolKernel.class, kernel.getLayer(1).getHelper());
    INDArray x = input(1);
    INDArray y = KernelChecks.labels(BATCH, CLASSES);
    INDArray pooled = KernelChecks.activation(kernel, 1, x, true);
    assertEquals(3, pooled.size(2), "rows: 7 pooled by 2, the last dropped");
    assertEquals(4, pooled.size(3), "columns: 9 pooled by 2, the last dropped");
    assertEquals(score(reference, x, y), score(kernel, x, y), 1e-6, "loss");
    INDArray expected = reference.gradient().getGradientFor("0_W");
    assertTrue(expected.norm2Number().doubleValue() > 0, "the gradient is not zero");
    assertClose(expected, kernel.gradient().getGradientFor("0_W"), 1e-5, "conv weight gradient");
    assertClose(reference.gradient().gradient(), kernel.gradient().gradient(), 1e-5, "gradient");
  }

  @Test
  void otherPoolingsKeepDl4jsPath() {
    network(SubsamplingLayer.PoolingType.AVG, 2, true);
    network(SubsamplingLayer.PoolingType.MAX, 3, true);
  }

  private static MultiLayerNetwork network(
      SubsamplingLayer.PoolingType type, int size, boolean withKernel) {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(3)
            .dataType(DataType.FLOAT)
            .updater(new Sgd(0.1))
            .weightInit(WeightInit.XAVIER)
            .convolutionMode(ConvolutionMode.Truncate)
            .list()
            .layer(
                new ConvolutionLayer.Builder(3, 3)
                    .nOut(CHANNELS)
                    .convolutionMode(ConvolutionMode.Same)
                    .activation(Activation.IDENTITY)
                    .build())
            .layer(
                new SubsamplingLayer.Builder(type)
                    .kernelSize(size, size)
                    .stride(size, size)
                    .build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(CLASSES)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.convolutional(HEIGHT, WIDTH, CHANNELS))
            .build();
    boolean supported = type == SubsamplingLayer.PoolingType.MAX && size == 2;
    return KernelChecks.network(conf, withKernel, supported ? 1 : 0);
  }

  private static INDArray input(long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.FLOAT, BATCH, CHANNELS, HEIGHT, WIDTH);
  }
}
