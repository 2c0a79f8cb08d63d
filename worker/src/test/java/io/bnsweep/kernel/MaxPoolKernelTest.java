package io.bnsweep.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bnsweep.network.Network;
import io.bnsweep.testing.BuiltInLayers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The kernel against DL4J's built-in pooling layer (helpers off): the same output and input
 * gradient, for windows that tile the plane, leave a remainder, and overlap, whichever native path
 * the kernel takes on this machine (oneDNN's with AVX-512, ND4J's loops below it). Max pooling does
 * no arithmetic in the forward pass, and without overlap none in the backward pass either, so those
 * cases are compared exactly; inputs are distinct values (a shuffled ramp), so no window has a tie
 * for either side to break differently. Overlapping windows add gradients, whose order may differ.
 */
class MaxPoolKernelTest {
  private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

  @ParameterizedTest(name = "{0}x{1} window, stride {2}x{3}, {4}x{5} plane")
  @CsvSource({
    "2, 2, 2, 2, 8, 6", // the cnn's pooling: tiles the plane
    "2, 2, 2, 2, 7, 5", // a row and a column left over
    "3, 3, 2, 2, 9, 7", // overlapping windows
    "2, 3, 1, 2, 5, 8", // rectangular, overlapping in height
  })
  void forwardAndBackwardMatchDl4j(int kH, int kW, int sH, int sW, int height, int width) {
    org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer kernel =
        pooling(kH, kW, sH, sW, height, width, ConvolutionMode.Truncate, true);
    org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer reference =
        pooling(kH, kW, sH, sW, height, width, ConvolutionMode.Truncate, false);
    INDArray x = distinct(new long[] {3, 2, height, width}, 7);

    INDArray expected = forward(reference, x);
    INDArray actual = forward(kernel, x);
    assertEquals(expected, actual, "pooled output");

    INDArray epsilon = Nd4j.rand(DataType.FLOAT, expected.shape()).subi(0.5);
    INDArray expectedGrad = reference.backpropGradient(epsilon, NO_WORKSPACES).getSecond();
    INDArray actualGrad = kernel.backpropGradient(epsilon, NO_WORKSPACES).getSecond();
    boolean overlapping = kH > sH || kW > sW;
    if (overlapping) {
      KernelChecks.assertClose(expectedGrad, actualGrad, 1e-6, "input gradient");
    } else {
      assertEquals(expectedGrad, actualGrad, "input gradient");
    }
    assertEquals(new KernelUse(2, 0), use(kernel), "calls served");
  }

  @Test
  void aTiedWindowSendsItsWholeGradientToOneOfItsMaxima() {
    // which of the tied inputs takes it depends on the native path (oneDNN's or ND4J's loops),
    // and so on the instruction set: any one of them is a valid subgradient
    org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer kernel =
        pooling(2, 2, 2, 2, 2, 4, ConvolutionMode.Truncate, true);
    // left window: all equal; right window: its last two inputs tie for the maximum
    float[] values = {1, 1, 0, 0, 1, 1, 5, 5};
    INDArray x = Nd4j.createFromArray(values).reshape(1, 1, 2, 4);
    assertEquals(Nd4j.createFromArray(1f, 5f).reshape(1, 1, 1, 2), forward(kernel, x));
    float[] epsilon = {3, 4};
    float[] grad =
        kernel
            .backpropGradient(Nd4j.createFromArray(epsilon).reshape(1, 1, 1, 2), NO_WORKSPACES)
            .getSecond()
            .reshape(8)
            .toFloatVector();
    int[][] windows = {{0, 1, 4, 5}, {2, 3, 6, 7}};
    float[] maxima = {1, 5};
    for (int w = 0; w < 2; w++) {
      int receivers = 0;
      for (int i : windows[w]) {
        if (grad[i] != 0) {
          receivers++;
          assertEquals(maxima[w], values[i], "window " + w + ": the gradient went to a maximum");
          assertEquals(epsilon[w], grad[i], "window " + w + ": all of it");
        }
      }
      assertEquals(1, receivers, "window " + w + ": one input takes the gradient");
    }
  }

  @Test
  void sameModeIsLeftToDl4j() {
    org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer kernel =
        pooling(2, 2, 2, 2, 5, 5, ConvolutionMode.Same, true);
    org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer reference =
        pooling(2, 2, 2, 2, 5, 5, ConvolutionMode.Same, false);
    INDArray x = distinct(new long[] {2, 1, 5, 5}, 3);
    assertEquals(forward(reference, x), forward(kernel, x), "DL4J's path, through the kernel");
    assertEquals(new KernelUse(0, 1), use(kernel), "calls declined");
  }

  @Test
  void installGivesOnlyMaxPoolingLayersTheKernel() {
    assertInstanceOf(
        MaxPoolKernel.class, pooling(2, 2, 2, 2, 4, 4, ConvolutionMode.Truncate, true).getHelper());
    MultiLayerNetwork average = network(SubsamplingLayer.PoolingType.AVG, 2, 2, 2, 2, 4, 4, null);
    assertEquals(0, Kernels.installMaxPool(new Network.Stack(average)), "average pooling");
    assertNull(average.getLayer(0).getHelper(), "average pooling keeps DL4J's path");
  }

  /** The pooling layer of a network {@code pool -> softmax}, with or without the kernel. */
  private static org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer pooling(
      int kH, int kW, int sH, int sW, int height, int width, ConvolutionMode mode, boolean kernel) {
    MultiLayerNetwork net =
        network(SubsamplingLayer.PoolingType.MAX, kH, kW, sH, sW, height, width, mode);
    if (kernel) {
      assertEquals(1, Kernels.installMaxPool(new Network.Stack(net)), "pooling layers given one");
    }
    return (org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer) net.getLayer(0);
  }

  private static MultiLayerNetwork network(
      SubsamplingLayer.PoolingType type,
      int kH,
      int kW,
      int sH,
      int sW,
      int height,
      int width,
      ConvolutionMode mode) {
    SubsamplingLayer.Builder pool =
        new SubsamplingLayer.Builder(type).kernelSize(kH, kW).stride(sH, sW);
    if (mode != null) {
      pool.convolutionMode(mode);
    }
    return BuiltInLayers.network(
        new NeuralNetConfiguration.Builder()
            .dataType(DataType.FLOAT)
            .list()
            .layer(pool.build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .activation(org.nd4j.linalg.activations.Activation.SOFTMAX)
                    .nOut(3)
                    .build())
            .setInputType(InputType.convolutional(height, width, 2))
            .build());
  }

  private static INDArray forward(
      org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer layer, INDArray x) {
    layer.setInput(x, NO_WORKSPACES);
    return layer.activate(true, NO_WORKSPACES).dup();
  }

  private static KernelUse use(
      org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer layer) {
    return ((MaxPoolKernel) layer.getHelper()).use();
  }

  /** The values 0, 1, ... in a random order, scaled into [-1, 1): no two inputs are equal. */
  private static INDArray distinct(long[] shape, long seed) {
    int n = 1;
    for (long d : shape) {
      n *= (int) d;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = 2f * order.get(i) / n - 1f;
    }
    return Nd4j.createFromArray(values).reshape(shape);
  }
}
