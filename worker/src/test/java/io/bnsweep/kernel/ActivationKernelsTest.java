package io.bnsweep.kernel;

import static io.bnsweep.kernel.KernelChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.data.InputShape;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.testing.BuiltInLayers;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ActivationKernelsTest {
  private static final double TOLERANCE = 1e-6;

  static Stream<Arguments> kernels() {
    return Stream.of(
        Arguments.of(new TanhKernel(), new ActivationTanH()),
        Arguments.of(new SigmoidKernel(), new ActivationSigmoid()),
        Arguments.of(new ReluKernel(), new ActivationReLU()));
  }

  /**
   * The layouts the kernels meet, filled from {@code seed} (the same seed gives equal, independent
   * arrays): an NCHW activation of 13,485 floats (one full 8,192-float chunk and a partial one), a
   * contiguous view at an offset, and a strided view, which the kernels leave to ND4J.
   */
  private static List<INDArray> arrays(long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray activation = Nd4j.randn(DataType.FLOAT, 5, 3, 31, 29).muli(4);
    INDArray rows = Nd4j.randn(DataType.FLOAT, 7, 1000).muli(4);
    return List.of(
        activation,
        rows.get(NDArrayIndex.interval(2, 6), NDArrayIndex.all()),
        rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 999)));
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void forwardMatchesNd4jInPlace(IActivation kernel, IActivation nd4j) {
    List<INDArray> expected = arrays(1);
    List<INDArray> actual = arrays(1);
    for (int i = 0; i < expected.size(); i++) {
      INDArray in = actual.get(i);
      assertSame(in, kernel.getActivation(in, true), "in place");
      assertClose(nd4j.getActivation(expected.get(i), true), in, TOLERANCE, kernel + " " + i);
    }
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void backwardMatchesNd4j(IActivation kernel, IActivation nd4j) {
    for (int i = 0; i < arrays(2).size(); i++) {
      // fresh arrays for each case: the views share one array, and a kernel may write into its
      // input (DL4J's activation layer passes a copy), ND4J's own ReLU into a new array
      INDArray expectedIn = arrays(2).get(i);
      INDArray actualIn = arrays(2).get(i);
      INDArray epsilon = gradientAtOffset(actualIn.shape());
      Pair<INDArray, INDArray> expected = nd4j.backprop(expectedIn, epsilon.dup());
      Pair<INDArray, INDArray> actual = kernel.backprop(actualIn, epsilon);
      assertClose(expected.getFirst(), actual.getFirst(), TOLERANCE, kernel + " " + i);
      assertNull(actual.getSecond(), "no parameters, no parameter gradient");
    }
  }

  /** A random gradient of {@code shape}: the second half of a larger array, so at an offset. */
  private static INDArray gradientAtOffset(long[] shape) {
    long[] both = new long[shape.length + 1];
    both[0] = 2;
    System.arraycopy(shape, 0, both, 1, shape.length);
    return Nd4j.randn(DataType.FLOAT, both).slice(1);
  }

  /**
   * The sigmoid kernel's output and gradient against double precision, relative to the true value
   * wherever that is a normal float, on every step of 2^-8 across [-100, 100] (several chunks): the
   * tails included, where {@code (1 + tanh(x/2)) / 2} in float was 0 or far off.
   */
  @Test
  void sigmoidKernelIsRelativelyAccurateInTheTailsForwardAndBackward() {
    int n = 200 * 256 + 1;
    float[] xs = new float[n];
    for (int i = 0; i < n; i++) {
      xs[i] = -100f + i / 256f;
    }
    INDArray forward = Nd4j.createFromArray(xs);
    INDArray backward = Nd4j.createFromArray(xs);
    SigmoidKernel kernel = new SigmoidKernel();

    kernel.getActivation(forward, true);
    INDArray gradient = kernel.backprop(backward, Nd4j.ones(DataType.FLOAT, n)).getFirst();

    double worstForward = 0;
    double worstGradient = 0;
    int normal = 0;
    for (int i = 0; i < n; i++) {
      double e = Math.exp(-Math.abs((double) xs[i]));
      double sigmoid = xs[i] >= 0 ? 1 / (1 + e) : e / (1 + e);
      double derivative = e / ((1 + e) * (1 + e));
      if (derivative >= Float.MIN_NORMAL) {
        normal++;
        worstForward = Math.max(worstForward, Math.abs(forward.getDouble(i) - sigmoid) / sigmoid);
        worstGradient =
            Math.max(worstGradient, Math.abs(gradient.getDouble(i) - derivative) / derivative);
      }
    }
    assertTrue(normal > 0.85 * n, normal + " of " + n + " points have normal values");
    assertTrue(worstForward < 1e-6, "worst relative error of the output " + worstForward);
    assertTrue(worstGradient < 1e-6, "worst relative error of the gradient " + worstGradient);
  }

  /**
   * The ReLU kernel's gradient is ND4J's {@code relu_bp} exactly, as numbers, at zero and on both
   * sides of it, for gradients of both signs: {@code z > 0 ? dL/da : 0}.
   */
  @Test
  void reluKernelGradientIsNd4jsAtAndAroundZero() {
    float[] z = {-2f, -0f, 0f, Float.MIN_VALUE, 1e-30f, 3f, -1e-30f, 0f};
    float[] g = {1f, -1f, 2f, -3f, 4f, -5f, 6f, -7f};
    INDArray expected =
        new ActivationReLU().backprop(Nd4j.createFromArray(z), Nd4j.createFromArray(g)).getFirst();
    INDArray actual =
        new ReluKernel().backprop(Nd4j.createFromArray(z), Nd4j.createFromArray(g)).getFirst();
    for (int i = 0; i < z.length; i++) {
      assertEquals(expected.getFloat(i), actual.getFloat(i), 0f, "at z = " + z[i]);
    }
  }

  @Test
  void theNetworksTanhSigmoidAndReluLayersGetKernels() {
    assertEquals(2, installed(ActivationKind.TANH, TanhKernel.class));
    assertEquals(2, installed(ActivationKind.SIGMOID, SigmoidKernel.class));
    assertEquals(2, installed(ActivationKind.RELU, ReluKernel.class));
  }

  private static int installed(ActivationKind kind, Class<?> expected) {
    MultiLayerNetwork net =
        BuiltInLayers.network(
            NetworkFactory.configuration(
                Variant.of(Placement.BEFORE, kind), new InputShape(1, 28, 28, 10), 1));
    assertEquals("none", Kernels.describe(net));
    int count = Kernels.installActivations(new Network.Stack(net));
    for (var layer : net.getLayers()) {
      if (layer instanceof ActivationLayer a) {
        IActivation fn = a.layerConf().getActivationFn();
        assertInstanceOf(expected, fn);
        assertSame(
            a.layerConf(),
            net.getLayerWiseConfigurations().getConf(layer.getIndex()).getLayer(),
            "the network's configuration is the layer's, so it names the kernel");
      }
    }
    return count;
  }
}
