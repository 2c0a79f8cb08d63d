package io.bnsweep.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.network.Network;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchNormFoldingTest {
  private static final INDArray TEST_IMAGES =
      TinyNetworks.synthetic(SyntheticImages.generate(300, 2), 0, 300).getFeatures();

  private static int batchNorms(MultiLayerNetwork net) {
    LayerKinds layers = new LayerKinds(net.getLayerWiseConfigurations());
    int count = 0;
    for (int i = 0; i < layers.size(); i++) {
      count += layers.isBatchNorm(i) ? 1 : 0;
    }
    return count;
  }

  /**
   * Gives every BatchNorm layer seeded random scales (some negative), shifts and running statistics
   * far from their initial values, so that a fold that ignored any of them would show.
   */
  private static void scrambleBatchNorms(MultiLayerNetwork net, long seed) {
    Random random = new Random(seed);
    LayerKinds layers = new LayerKinds(net.getLayerWiseConfigurations());
    for (int i = 0; i < layers.size(); i++) {
      if (layers.isBatchNorm(i)) {
        for (String key : new String[] {"gamma", "beta", "mean", "log10stdev"}) {
          INDArray p = net.getParam(i + "_" + key);
          for (int c = 0; c < p.length(); c++) {
            double value =
                switch (key) {
                  case "gamma" -> 3 * random.nextDouble() - 1;
                  case "log10stdev" -> 2 * random.nextDouble() - 1.5;
                  default -> random.nextGaussian();
                };
            p.putScalar(c, value);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "before, relu, 0",
    "before, sigmoid, 0",
    "before, tanh, 0",
    "extra, relu, 2",
    "extra, tanh, 2"
  })
  void foldedNetworkGivesTheSameOutputsWithoutTheFoldedBatchNorms(
      String placement, String act, int batchNormsLeft) {
    MultiLayerNetwork net =
        TinyNetworks.trainedOnSynthetic(
            Placement.parse(placement), ActivationKind.parse(act), 4, 1);
    scrambleBatchNorms(net, 17);
    float[] paramsBefore = Values.of(net.params());

    MultiLayerNetwork folded = BatchNormFolding.fold(net);

    double maxAbsDiff =
        InferenceCosts.maxAbsDiff(new Network.Stack(net), new Network.Stack(folded), TEST_IMAGES);
    assertTrue(maxAbsDiff < 1e-4, "max abs diff " + maxAbsDiff);
    assertEquals(batchNormsLeft, batchNorms(folded));
    assertEquals(net.getnLayers() - (batchNorms(net) - batchNormsLeft), folded.getnLayers());
    assertArrayEquals(paramsBefore, Values.of(net.params()));
  }

  @Test
  void aFoldThatIgnoredTheRunningStatisticsWouldBeCaught() {
    MultiLayerNetwork net =
        TinyNetworks.trainedOnSynthetic(Placement.BEFORE, ActivationKind.TANH, 2, 1);
    scrambleBatchNorms(net, 17);
    MultiLayerNetwork reference = BatchNormFolding.fold(net);
    net.getParam("1_mean").addi(0.5);

    assertTrue(
        InferenceCosts.maxAbsDiff(new Network.Stack(net), new Network.Stack(reference), TEST_IMAGES)
            > 1e-3);
  }

  @ParameterizedTest
  @CsvSource({"none, false", "before, true", "after, false", "extra, true"})
  void onlyBatchNormsRightAfterALinearConvCanBeFolded(String placement, boolean foldable) {
    MultiLayerNetwork net =
        TinyNetworks.trainedOnSynthetic(Placement.parse(placement), ActivationKind.RELU, 0, 1);

    assertEquals(foldable, BatchNormFolding.canFold(net));
    if (!foldable) {
      assertFalse(batchNorms(BatchNormFolding.fold(net)) < batchNorms(net));
    }
  }
}
