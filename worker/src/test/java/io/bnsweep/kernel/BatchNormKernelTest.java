package io.bnsweep.kernel;

import static io.bnsweep.kernel.KernelChecks.assertClose;
import static io.bnsweep.kernel.KernelChecks.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The kernel against DL4J's built-in BatchNorm layer (DL4J's helpers off in both networks): same
 * training-mode output, gradients, running statistics and inference-mode output. The network is
 * {@code conv -> BatchNorm -> softmax}, so that the gradient BatchNorm passes back shows in the
 * convolution's weight gradient; BatchNorm sees planes of 5 x 6 (not a multiple of the kernel's
 * four accumulators) with a bias far from zero. Plain SGD, because Adam's per-parameter
 * normalisation turns rounding-level differences of near-zero gradients into steps of full size.
 */
class BatchNormKernelTest {
  private static final int BATCH = 6;
  private static final int CHANNELS = 3;
  private static final int HEIGHT = 5;
  private static final int WIDTH = 6;
  private static final int CLASSES = 4;
  private static final double EPS = 1e-5;

  @Test
  void installReplacesTheHelperOfEveryBatchNormLayer() {
    assertInstanceOf(BatchNormKernel.class, batchNorm(network(true)).getHelper());
    assertNull(batchNorm(network(false)).getHelper(), "the reference is DL4J's built-in layer");
  }

  @Test
  void trainingForwardAndGradientsMatchDl4j() {
    MultiLayerNetwork kernel = network(true);
    MultiLayerNetwork reference = network(false);
    INDArray x = input(3);
    INDArray y = labels();
    assertClose(activation(reference, x, true), activation(kernel, x, true), 1e-5, "output");
    assertEquals(score(reference, x, y), score(kernel, x, y), 1e-5, "loss");
    INDArray expected = reference.gradient().gradient();
    INDArray actual = kernel.gradient().gradient();
    assertTrue(expected.norm2Number().doubleValue() > 0, "the gradient is not zero");
    assertClose(expected, actual, 1e-4, "gradient of every parameter");
    assertClose(
        reference.gradient().getGradientFor("0_W"),
        kernel.gradient().getGradientFor("0_W"),
        1e-4,
        "gradient of the convolution below BatchNorm");
  }

  @Test
  void runningStatisticsAndInferenceMatchDl4jAfterTraining() {
    MultiLayerNetwork kernel = network(true);
    MultiLayerNetwork reference = network(false);
    for (int step = 0; step < 5; step++) {
      DataSet batch = new DataSet(input(10 + step), labels());
      kernel.fit(batch);
      reference.fit(batch);
    }
    for (String stat : new String[] {"mean", "var", "log10stdev"}) {
      if (reference.getLayer(1).paramTable().containsKey(stat)) {
        assertClose(
            reference.getLayer(1).getParam(stat),
            kernel.getLayer(1).getParam(stat),
            1e-4,
            "running " + stat);
      }
    }
    assertClose(reference.params(), kernel.params(), 1e-4, "all parameters");
    INDArray x = input(99);
    assertClose(
        activation(reference, x, false), activation(kernel, x, false), 1e-4, "inference output");
  }

  @Test
  void viewsOfALargerArrayAreReadWhereTheyLie() {
    INDArray x = input(5);
    INDArray offsetView = Nd4j.concat(0, input(6), x).get(NDArrayIndex.interval(BATCH, 2 * BATCH));
    INDArray strided =
        Nd4j.concat(3, x, x)
            .get(
                NDArrayIndex.all(),
                NDArrayIndex.all(),
                NDArrayIndex.all(),
                NDArrayIndex.interval(0, WIDTH));
    assertEquals(BATCH * CHANNELS * HEIGHT * WIDTH, offsetView.offset(), "a view with an offset");
    INDArray expected = normalise(x.dup());
    assertClose(expected, normalise(offsetView), 0, "offset view");
    assertClose(expected, normalise(strided), 0, "strided view");
  }

  @Test
  void otherLayoutsAndTypesAreLeftToDl4j() {
    BatchNormKernel kernel = new BatchNormKernel();
    INDArray ones = Nd4j.ones(DataType.FLOAT, CHANNELS);
    LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
    INDArray nhwc = Nd4j.rand(DataType.FLOAT, BATCH, HEIGHT, WIDTH, CHANNELS);
    assertNull(
        kernel.preOutput(
            nhwc, true, nhwc.shape(), ones, ones, ones, ones, 0.9, EPS, CNN2DFormat.NHWC, none));
    INDArray doubles = Nd4j.rand(DataType.DOUBLE, BATCH, CHANNELS, HEIGHT, WIDTH);
    INDArray onesD = ones.castTo(DataType.DOUBLE);
    assertNull(
        kernel.preOutput(
            doubles,
            true,
            doubles.shape(),
            onesD,
            onesD,
            onesD,
            onesD,
            0.9,
            EPS,
            CNN2DFormat.NCHW,
            none));
  }

  /** Training-mode BatchNorm with gamma 1 and beta 0, straight through the kernel. */
  private static INDArray normalise(INDArray x) {
    INDArray ones = Nd4j.ones(DataType.FLOAT, CHANNELS);
    INDArray zeros = Nd4j.zeros(DataType.FLOAT, CHANNELS);
    return new BatchNormKernel()
        .preOutput(
            x,
            true,
            x.shape(),
            ones,
            zeros,
            zeros,
            ones,
            0.9,
            EPS,
            CNN2DFormat.NCHW,
            LayerWorkspaceMgr.noWorkspaces());
  }

  private static MultiLayerNetwork network(boolean withKernel) {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(5)
            .dataType(DataType.FLOAT)
            .updater(new Sgd(0.1))
            .weightInit(WeightInit.XAVIER)
            .list()
            .layer(
                new ConvolutionLayer.Builder(3, 3)
                    .nOut(CHANNELS)
                    .convolutionMode(ConvolutionMode.Same)
                    .activation(Activation.IDENTITY)
                    .biasInit(4)
                    .build())
            .layer(new BatchNormalization.Builder().eps(EPS).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(CLASSES)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.convolutional(HEIGHT, WIDTH, CHANNELS))
            .build();
    return KernelChecks.network(conf, withKernel, 2); // the BatchNorm and the convolution
  }

  private static org.deeplearning4j.nn.layers.normalization.BatchNormalization batchNorm(
      MultiLayerNetwork net) {
    return (org.deeplearning4j.nn.layers.normalization.BatchNormalization) net.getLayer(1);
  }

  /** Per-channel offsets and scales far from (0, 1). */
  private static INDArray input(long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.randn(DataType.FLOAT, BATCH, CHANNELS, HEIGHT, WIDTH);
    for (int c = 0; c < CHANNELS; c++) {
      x.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all())
          .muli(1 + 2 * c)
          .addi(5 - 4 * c);
    }
    return x;
  }

  /** BatchNorm's output for {@code x}. */
  private static INDArray activation(MultiLayerNetwork net, INDArray x, boolean training) {
    return KernelChecks.activation(net, 1, x, training);
  }

  private static INDArray labels() {
    return KernelChecks.labels(BATCH, CLASSES);
  }
}
