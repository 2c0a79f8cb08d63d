package io.bnsweep.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.network.Network;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** BatchNorm folding in the depth-8 resnet (9 BatchNorms) and in graphs with nothing to fold. */
class GraphBatchNormFoldingTest {
  private static final INDArray TEST_IMAGES =
      TinyNetworks.synthetic(SyntheticImages.generate(300, 2), 0, 300).getFeatures();

  private static int batchNorms(ComputationGraph graph) {
    int count = 0;
    for (Layer layer : new Network.Graph(graph).layers()) {
      count +=
          layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization ? 1 : 0;
    }
    return count;
  }

  @ParameterizedTest
  @CsvSource({
    // left: bn-after-add's BN after each addition, act-preact's head, preact's first BN of each
    // unit (after an addition, or the stem's conv that is also the first shortcut) and the head's
    "original, relu, 0",
    "bn-after-add, relu, 3",
    "act-before-add, tanh, 0",
    "act-preact, relu, 1",
    "preact, relu, 4",
    "preact, sigmoid, 4",
  })
  void foldedGraphGivesTheSameOutputsWithoutTheFoldedBatchNorms(
      String unit, String act, int batchNormsLeft) {
    ComputationGraph graph =
        TinyNetworks.resnetOnSynthetic(Placement.parse(unit), ActivationKind.parse(act), 5, 1);
    float[] paramsBefore = Values.of(graph.params());

    ComputationGraph folded = GraphBatchNormFolding.fold(graph);

    double maxAbsDiff =
        InferenceCosts.maxAbsDiff(new Network.Graph(graph), new Network.Graph(folded), TEST_IMAGES);
    assertTrue(maxAbsDiff < 1e-4, "max abs diff " + maxAbsDiff);
    assertEquals(9, batchNorms(graph));
    assertEquals(batchNormsLeft, batchNorms(folded));
    assertEquals(graph.getVertices().length - (9 - batchNormsLeft), folded.getVertices().length);
    assertArrayEquals(paramsBefore, Values.of(graph.params()));
    assertFalse(GraphBatchNormFolding.canFold(folded), "a folded graph has nothing left to fold");
  }

  @Test
  void aFoldThatIgnoredTheRunningStatisticsWouldBeCaught() {
    ComputationGraph graph =
        TinyNetworks.resnetOnSynthetic(Placement.ORIGINAL, ActivationKind.RELU, 3, 1);
    ComputationGraph reference = GraphBatchNormFolding.fold(graph);
    graph.getParam("s2.u1.bn2_mean").addi(0.5);

    assertTrue(
        InferenceCosts.maxAbsDiff(
                new Network.Graph(graph), new Network.Graph(reference), TEST_IMAGES)
            > 1e-3);
  }

  @ParameterizedTest
  @CsvSource({"original", "preact"})
  void aResnetIsTimedFolded(String unit) {
    ComputationGraph graph =
        TinyNetworks.resnetOnSynthetic(Placement.parse(unit), ActivationKind.RELU, 3, 2);
    float[] paramsBefore = Values.of(graph.params());

    InferenceCost cost = InferenceCosts.measure(new Network.Graph(graph), TEST_IMAGES);

    assertTrue(cost.folded());
    assertTrue(cost.foldedMaxAbsDiff() < 1e-4, "max abs diff " + cost.foldedMaxAbsDiff());
    assertTrue(cost.microsPerImage() > 0 && Double.isFinite(cost.microsPerImage()));
    assertTrue(cost.microsPerImageBatched() > 0 && Double.isFinite(cost.microsPerImageBatched()));
    assertArrayEquals(paramsBefore, Values.of(graph.params()));
  }

  /**
   * conv - act - bn - conv2 - bn2, with conv2 added to bn2: the first BatchNorm reads an
   * activation, the second a conv that also feeds the addition.
   */
  @Test
  void aGraphWithNothingFoldableIsTimedUnfolded() {
    ComputationGraph graph = nothingFoldable();
    assertEquals(2, batchNorms(graph));
    assertFalse(GraphBatchNormFolding.canFold(graph));

    InferenceCost cost = InferenceCosts.measure(new Network.Graph(graph), TEST_IMAGES);

    assertFalse(cost.folded());
    assertNull(cost.foldedMaxAbsDiff());
    assertTrue(cost.microsPerImage() > 0 && Double.isFinite(cost.microsPerImage()));
  }

  private static ComputationGraph nothingFoldable() {
    ComputationGraph graph =
        new ComputationGraph(
            new NeuralNetConfiguration.Builder()
                .seed(4)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(
                    InputType.convolutional(SyntheticImages.SIDE, SyntheticImages.SIDE, 1))
                .addLayer("conv", conv(), "input")
                .addLayer(
                    "act",
                    new ActivationLayer.Builder().activation(Activation.RELU).build(),
                    "conv")
                .addLayer("bn", new BatchNormalization.Builder().build(), "act")
                .addLayer("conv2", conv(), "bn")
                .addLayer("bn2", new BatchNormalization.Builder().build(), "conv2")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn2", "conv2")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "add")
                .addLayer(
                    "output",
                    new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build(),
                    "pool")
                .setOutputs("output")
                .build());
    graph.init();
    return graph;
  }

  private static ConvolutionLayer conv() {
    return new ConvolutionLayer.Builder(3, 3)
        .nOut(4)
        .convolutionMode(ConvolutionMode.Same)
        .hasBias(false)
        .activation(Activation.IDENTITY)
        .build();
  }
}
