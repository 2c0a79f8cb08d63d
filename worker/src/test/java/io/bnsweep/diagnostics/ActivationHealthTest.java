package io.bnsweep.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bnsweep.diagnostics.EpochDiagnostics.ActivationStats;
import io.bnsweep.network.Network;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.factory.Nd4j;

class ActivationHealthTest {
  /**
   * The first block's activation statistics of the none/{@code activation} network with identity
   * convs: the activation's input is the image itself.
   */
  private static ActivationStats firstBlock(ActivationKind activation, double[][][] images) {
    MultiLayerNetwork net = TinyNetworks.identityConvs(Placement.NONE, activation, 4);
    EpochDiagnostics d =
        new DiagnosticsProbe(TinyNetworks.batch(images)).measure(1, new Network.Stack(net));
    ActivationStats first = d.activations().get(0);
    assertEquals(1, first.layer());
    assertEquals(1, first.block());
    return first;
  }

  @Test
  void reluCountsZeroOutputsAndUnitsZeroForEveryExample() {
    // 16 units; rows 0 negative or zero in both examples (4 dead units), row 1 negative in the
    // first example only (4 more zeros, alive), rows 2-3 positive in both.
    double[][][] images = {
      {{-1, -2, 0, -0.5}, {-1, -1, -3, -0.1}, {1, 2, 3, 4}, {0.5, 0.5, 0.5, 0.5}},
      {{-3, 0, -1, -2}, {1, 1, 2, 0.1}, {1, 1, 1, 1}, {2, 2, 2, 2}},
    };

    ActivationStats relu = firstBlock(ActivationKind.RELU, images);

    assertEquals(12.0 / 32, relu.zeroFraction(), 1e-12);
    assertEquals(4.0 / 16, relu.deadFraction(), 1e-12);
    assertEquals(0, relu.saturatedFraction());
  }

  @Test
  void sigmoidIsSaturatedWhereItsDerivativeIsBelowATenthOfItsMaximum() {
    // s(1-s) < 0.025 <=> |x| > 3.64: the six entries of magnitude 4 or more.
    double[][][] images = {{{-6, 5, 4, -4}, {3, -3, 2, 0}, {1, -1, 0.5, 8}, {-10, 3.5, -3.5, 0}}};

    ActivationStats sigmoid = firstBlock(ActivationKind.SIGMOID, images);

    assertEquals(6.0 / 16, sigmoid.saturatedFraction(), 1e-12);
    assertEquals(0, sigmoid.zeroFraction());
    assertEquals(0, sigmoid.deadFraction());
  }

  @Test
  void tanhIsSaturatedWhereItsDerivativeIsBelowATenthOfItsMaximum() {
    // 1 - t^2 < 0.1 <=> |x| > 1.82: the five entries of magnitude 2 or more.
    double[][][] images = {
      {{2, -2, 1.5, -1.5}, {1.7, -1.7, 0, 0}, {3, 0.2, -0.2, 1}, {-9, 2.5, 0, 0}}
    };

    ActivationStats tanh = firstBlock(ActivationKind.TANH, images);

    assertEquals(5.0 / 16, tanh.saturatedFraction(), 1e-12);
    assertEquals(0, tanh.zeroFraction());
  }

  @Test
  void anActivationWithoutASaturationRuleReportsZeros() {
    ActivationStats stats =
        ActivationHealth.measure(3, 2, new ActivationIdentity(), Nd4j.zeros(2, 1, 2, 2));

    assertEquals(new ActivationStats(3, 2, 0, 0, 0), stats);
  }
}
