package io.bnsweep.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.diagnostics.EpochDiagnostics.LayerGradient;
import io.bnsweep.network.Network;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.dataset.DataSet;

class DiagnosticsProbeTest {
  private static final SyntheticImages.Split DATA = SyntheticImages.generate(128, 5);
  private static final DataSet PROBE = TinyNetworks.synthetic(DATA, 0, 64);

  @ParameterizedTest
  @CsvSource({"before, relu", "extra, sigmoid", "after, tanh"})
  void measuringChangesNeitherTheNetworkNorHowItGoesOnTraining(String placement, String act) {
    Placement p = Placement.parse(placement);
    ActivationKind a = ActivationKind.parse(act);
    MultiLayerNetwork probed = TinyNetworks.trainedOnSynthetic(p, a, 3, 9);
    MultiLayerNetwork untouched = TinyNetworks.trainedOnSynthetic(p, a, 3, 9);
    float[] paramsBefore = Values.of(probed.params());
    float[] outputBefore = Values.of(probed.output(PROBE.getFeatures(), false));

    new DiagnosticsProbe(PROBE).measure(1, new Network.Stack(probed));

    assertArrayEquals(paramsBefore, Values.of(probed.params()));
    assertArrayEquals(outputBefore, Values.of(probed.output(PROBE.getFeatures(), false)));
    DataSet next = TinyNetworks.synthetic(DATA, 64, 128);
    probed.fit(next);
    untouched.fit(next);
    assertArrayEquals(Values.of(untouched.params()), Values.of(probed.params()));
    assertArrayEquals(
        Values.of(untouched.getUpdater().getStateViewArray()),
        Values.of(probed.getUpdater().getStateViewArray()));
  }

  @ParameterizedTest
  @CsvSource({
    "none,   relu,    0,  ConvolutionLayer ConvolutionLayer OutputLayer",
    "before, relu,    12, ConvolutionLayer BatchNormalization ConvolutionLayer BatchNormalization"
        + " OutputLayer",
    "after,  sigmoid, 12, ConvolutionLayer BatchNormalization ConvolutionLayer BatchNormalization"
        + " OutputLayer",
    "extra,  tanh,    24, ConvolutionLayer BatchNormalization BatchNormalization ConvolutionLayer"
        + " BatchNormalization BatchNormalization OutputLayer",
  })
  void reportsOneEntryPerConvInputActivationAndParameterLayer(
      String placement, String act, int scales, String gradientTypes) {
    MultiLayerNetwork net =
        TinyNetworks.trainedOnSynthetic(
            Placement.parse(placement), ActivationKind.parse(act), 2, 3);

    EpochDiagnostics d = new DiagnosticsProbe(PROBE).measure(4, new Network.Stack(net));

    assertEquals(4, d.epoch());
    assertEquals(1, d.convInputs().size());
    assertEquals(2, d.convInputs().get(0).block());
    assertEquals(2, d.activations().size());
    assertEquals(List.of(1, 2), d.activations().stream().map(s -> s.block()).toList());
    assertEquals(
        List.of(gradientTypes.split(" ")),
        d.gradients().stream().map(LayerGradient::type).toList());
    for (LayerGradient g : d.gradients()) {
      assertTrue(g.norm() > 0 && Double.isFinite(g.norm()), g.toString());
    }
    assertEquals(scales, d.bnScaleCount());
    assertEquals(0, d.bnScaleSignFlips());
  }

  @Test
  void countsNegativeBatchNormScalesAsSignFlips() {
    MultiLayerNetwork net =
        TinyNetworks.trainedOnSynthetic(Placement.BEFORE, ActivationKind.RELU, 1, 3);
    net.getParam("1_gamma").putScalar(0, -0.5);
    net.getParam("1_gamma").putScalar(3, -2);
    net.getParam("5_gamma").putScalar(7, -1e-3);
    net.getParam("5_gamma").putScalar(6, 0);

    EpochDiagnostics d = new DiagnosticsProbe(PROBE).measure(1, new Network.Stack(net));

    assertEquals(3, d.bnScaleSignFlips());
    assertEquals(4 + 8, d.bnScaleCount());
  }
}
