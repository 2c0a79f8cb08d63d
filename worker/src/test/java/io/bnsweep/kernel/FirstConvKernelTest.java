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
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The kernel's weight and bias gradients against DL4J's built-in convolution (DL4J's helpers off in
 * both networks), on {@code conv 3 x 2 (2 input channels, 5 outputs, tanh) -> conv 3 x 3 ->
 * softmax}: a kernel that is not square, more than one input channel, and a second convolution that
 * the conv kernel serves alone (as it serves the first one's forward pass).
 */
class FirstConvKernelTest {
  private static final int BATCH = 4;
  private static final int IN = 2;
  private static final int HEIGHT = 8;
  private static final int WIDTH = 7;
  private static final int CLASSES = 3;

  @Test
  void weightAndBiasGradientsMatchDl4j() {
    MultiLayerConfiguration conf = configuration(IN);
    MultiLayerNetwork kernel = KernelChecks.network(conf, true, 2);
    MultiLayerNetwork reference = KernelChecks.network(conf, false, 0);
    FirstConvKernel first = assertInstanceOf(FirstConvKernel.class, kernel.getLayer(0).getHelper());
    assertInstanceOf(ConvKernel.class, first.forward(), "its forward pass");
    assertInstanceOf(ConvKernel.class, kernel.getLayer(1).getHelper());
    INDArray x = input(2);
    INDArray y = KernelChecks.labels(BATCH, CLASSES);
    assertEquals(score(reference, x, y), score(kernel, x, y), 1e-6, "loss");
    for (String param : new String[] {"0_W", "0_b", "1_W", "1_b"}) {
      INDArray expected = reference.gradient().getGradientFor(param);
      assertTrue(expected.norm2Number().doubleValue() > 0, param + " has a gradient");
      assertClose(expected, kernel.gradient().getGradientFor(param), 1e-5, param);
    }
    assertClose(reference.gradient().gradient(), kernel.gradient().gradient(), 1e-5, "gradient");
  }

  @Test
  void trainingGivesDl4jsParameters() {
    MultiLayerConfiguration conf = configuration(IN);
    MultiLayerNetwork kernel = KernelChecks.network(conf, true, 2);
    MultiLayerNetwork reference = KernelChecks.network(conf, false, 0);
    for (int step = 0; step < 4; step++) {
      DataSet batch = new DataSet(input(20 + step), KernelChecks.labels(BATCH, CLASSES));
      kernel.fit(batch);
      reference.fit(batch);
    }
    assertClose(reference.params(), kernel.params(), 1e-5, "parameters after 4 steps");
  }

  @Test
  void manyInputChannelsKeepTheConvKernel() {
    MultiLayerNetwork net =
        KernelChecks.network(configuration((int) FirstConvKernel.MAX_INPUT_CHANNELS + 1), true, 2);
    assertInstanceOf(ConvKernel.class, net.getLayer(0).getHelper());
  }

  private static MultiLayerConfiguration configuration(int inputChannels) {
    return new NeuralNetConfiguration.Builder()
        .seed(9)
        .dataType(DataType.FLOAT)
        .updater(new Sgd(0.1))
        .weightInit(WeightInit.XAVIER)
        .convolutionMode(ConvolutionMode.Truncate)
        .list()
        .layer(
            new ConvolutionLayer.Builder(3, 2)
                .nOut(5)
                .activation(Activation.TANH)
                .biasInit(0.3)
                .build())
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
        .layer(
            new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2).build())
        .layer(
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(CLASSES)
                .activation(Activation.SOFTMAX)
                .build())
        .setInputType(InputType.convolutional(HEIGHT, WIDTH, inputChannels))
        .build();
  }

  private static INDArray input(long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.FLOAT, BATCH, IN, HEIGHT, WIDTH);
  }
}
