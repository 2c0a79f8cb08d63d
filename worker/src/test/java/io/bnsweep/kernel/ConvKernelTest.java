package io.bnsweep.kernel;

import static io.bnsweep.kernel.KernelChecks.assertClose;
import static io.bnsweep.kernel.KernelChecks.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.network.Network;
import io.bnsweep.testing.BuiltInLayers;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
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
 * The convolution kernel against DL4J's built-in convolution (DL4J's helpers off in both networks):
 * loss, every gradient, and the parameters after training, on a stack that covers what a ResNet and
 * the cnn ask of it: one input channel, a kernel that is not square, Same and Truncate padding
 * (Same with padding on one side only), stride 2, a 1x1 stride-2 projection of an even size (which
 * skips the last row), layers with and without bias, a non-identity activation inside the layer,
 * and a last batch of another size (a second set of primitives).
 */
class ConvKernelTest {
  private static final int BATCH = 5;
  private static final int HEIGHT = 10;
  private static final int WIDTH = 9;
  private static final int CLASSES = 3;

  @Test
  void lossAndGradientsMatchDl4j() {
    MultiLayerConfiguration conf = configuration();
    MultiLayerNetwork kernel = network(conf);
    MultiLayerNetwork reference = KernelChecks.network(conf, false, 0);
    for (int batch : new int[] {BATCH, 3}) {
      INDArray x = input(batch, 2);
      INDArray y = KernelChecks.labels(batch, CLASSES);
      assertEquals(score(reference, x, y), score(kernel, x, y), 1e-5, "loss, batch " + batch);
      for (String param : reference.paramTable().keySet()) {
        INDArray expected = reference.gradient().getGradientFor(param);
        assertTrue(expected.norm2Number().doubleValue() > 0, param + " has a gradient");
        assertClose(expected, kernel.gradient().getGradientFor(param), 2e-5, param);
      }
    }
    KernelUse use = Kernels.calls(new Network.Stack(kernel)).get("conv");
    assertEquals(0, use.declined(), "calls left to DL4J");
    assertTrue(use.served() >= 2 * 4 * 2, "a forward and a backward pass per layer and batch");
  }

  @Test
  void trainingGivesDl4jsParameters() {
    MultiLayerConfiguration conf = configuration();
    MultiLayerNetwork kernel = network(conf);
    MultiLayerNetwork reference = KernelChecks.network(conf, false, 0);
    for (int step = 0; step < 5; step++) {
      DataSet batch = new DataSet(input(BATCH, 20 + step), KernelChecks.labels(BATCH, CLASSES));
      kernel.fit(batch);
      reference.fit(batch);
    }
    assertClose(reference.params(), kernel.params(), 2e-5, "parameters after 5 steps");
    INDArray x = input(BATCH, 99);
    assertClose(reference.output(x), kernel.output(x), 1e-5, "inference output");
  }

  @Test
  void dilationIsLeftToDl4j() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .dataType(DataType.FLOAT)
            .list()
            .layer(new ConvolutionLayer.Builder(3, 3).dilation(2, 2).nOut(2).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(CLASSES)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.convolutional(HEIGHT, WIDTH, 2))
            .build();
    MultiLayerNetwork net = BuiltInLayers.network(conf);
    assertEquals(0, Kernels.installConv(new Network.Stack(net)));
  }

  /** Kernels only in the convolutions, so that the comparison is of them alone. */
  private static MultiLayerNetwork network(MultiLayerConfiguration conf) {
    MultiLayerNetwork net = BuiltInLayers.network(conf);
    assertEquals(4, Kernels.installConv(new Network.Stack(net)), "convolutions given the kernel");
    for (int i = 0; i < 4; i++) {
      assertInstanceOf(ConvKernel.class, net.getLayer(i).getHelper(), "layer " + i);
    }
    return net;
  }

  private static MultiLayerConfiguration configuration() {
    return new NeuralNetConfiguration.Builder()
        .seed(11)
        .dataType(DataType.FLOAT)
        .updater(new Sgd(0.1))
        .weightInit(WeightInit.XAVIER)
        .list()
        .layer(
            new ConvolutionLayer.Builder(3, 2)
                .convolutionMode(ConvolutionMode.Truncate)
                .nOut(4)
                .activation(Activation.TANH)
                .biasInit(0.2)
                .build())
        .layer(
            new ConvolutionLayer.Builder(3, 3)
                .convolutionMode(ConvolutionMode.Same)
                .stride(2, 2)
                .nOut(6)
                .hasBias(false)
                .activation(Activation.IDENTITY)
                .build())
        .layer(
            new ConvolutionLayer.Builder(1, 1)
                .convolutionMode(ConvolutionMode.Same)
                .stride(2, 2)
                .nOut(5)
                .hasBias(false)
                .activation(Activation.IDENTITY)
                .build())
        .layer(
            new ConvolutionLayer.Builder(3, 3)
                .convolutionMode(ConvolutionMode.Truncate)
                .padding(1, 1)
                .nOut(4)
                .activation(Activation.RELU)
                .build())
        .layer(new BatchNormalization.Builder().build())
        .layer(
            new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2).build())
        .layer(
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(CLASSES)
                .activation(Activation.SOFTMAX)
                .build())
        .setInputType(InputType.convolutional(HEIGHT, WIDTH, 1))
        .build();
  }

  private static INDArray input(int batch, long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.FLOAT, batch, 1, HEIGHT, WIDTH);
  }
}
