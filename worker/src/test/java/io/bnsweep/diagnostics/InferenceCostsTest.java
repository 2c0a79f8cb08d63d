package io.bnsweep.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.network.Network;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class InferenceCostsTest {
  private static final INDArray TEST_IMAGES =
      TinyNetworks.synthetic(SyntheticImages.generate(300, 2), 0, 300).getFeatures();

  @ParameterizedTest
  @CsvSource({
    "none, relu, false", "before, relu, true", "after, relu, false", "extra, relu, true",
    "none, tanh, false", "before, tanh, true", "after, tanh, false", "extra, tanh, true",
  })
  void everyPlacementGetsLatenciesAndFoldablePlacementsAFoldCheck(
      String placement, String act, boolean folded) {
    MultiLayerNetwork net =
        TinyNetworks.trainedOnSynthetic(
            Placement.parse(placement), ActivationKind.parse(act), 3, 2);
    float[] paramsBefore = Values.of(net.params());

    InferenceCost cost = InferenceCosts.measure(new Network.Stack(net), TEST_IMAGES);

    assertEquals(folded, cost.folded());
    if (folded) {
      assertTrue(cost.foldedMaxAbsDiff() < 1e-4, "max abs diff " + cost.foldedMaxAbsDiff());
    } else {
      assertNull(cost.foldedMaxAbsDiff());
    }
    assertTrue(cost.microsPerImage() > 0 && Double.isFinite(cost.microsPerImage()));
    assertTrue(cost.microsPerImageBatched() > 0 && Double.isFinite(cost.microsPerImageBatched()));
    assertArrayEquals(paramsBefore, Values.of(net.params()));
  }
}
