package io.bnsweep.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.diagnostics.EpochDiagnostics.ActivationStats;
import io.bnsweep.diagnostics.EpochDiagnostics.LayerGradient;
import io.bnsweep.diagnostics.EpochDiagnostics.LayerInput;
import io.bnsweep.diagnostics.EpochDiagnostics.ResidualNorm;
import io.bnsweep.network.Network;
import io.bnsweep.testing.SyntheticImages;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The diagnostics of the depth-8 resnet (stem, one unit per stage, head): 9 convs (stem, two per
 * unit, the projections of stages 2 and 3), 9 BatchNorms, 7 activations, 3 additions.
 */
class GraphDiagnosticsTest {
  private static final SyntheticImages.Split DATA = SyntheticImages.generate(128, 5);
  private static final DataSet PROBE = TinyNetworks.synthetic(DATA, 0, 64);

  private static EpochDiagnostics measure(int epoch, ComputationGraph graph) {
    return new DiagnosticsProbe(PROBE).measure(epoch, new Network.Graph(graph));
  }

  @ParameterizedTest
  @CsvSource({
    // units of the convs but the stem's (projections first), of the activations; BN scales:
    // original and preact 16 + 2x16 + 3x32 + 3x64, act-preact a BN after each conv and the head's
    "original,   relu, 1 1 2 2 2 3 3 3, 0 1 1 2 2 3 3, 336",
    "preact,     relu, 1 1 2 2 2 3 3 3, 1 1 2 2 3 3 4, 336",
    "original,   tanh, 1 1 2 2 2 3 3 3, 0 1 1 2 2 3 3, 336",
    "act-preact, relu, 1 1 2 2 2 3 3 3, 1 1 2 2 3 3 4, 384",
  })
  void reportsOneEntryPerConvInputActivationParameterLayerAndAddition(
      String unit, String act, String convUnits, String activationUnits, int scales) {
    ComputationGraph graph =
        TinyNetworks.resnetOnSynthetic(Placement.parse(unit), ActivationKind.parse(act), 2, 3);
    List<Layer> layers = new Network.Graph(graph).layers();

    EpochDiagnostics d = measure(4, graph);

    assertEquals(4, d.epoch());
    assertEquals(units(convUnits), d.convInputs().stream().map(LayerInput::block).toList());
    for (LayerInput in : d.convInputs()) {
      assertEquals("ConvolutionLayer", layers.get(in.layer()).getClass().getSimpleName());
      assertTrue(in.std() > 0 && Double.isFinite(in.mean()), in.toString());
    }
    assertEquals(
        units(activationUnits), d.activations().stream().map(ActivationStats::block).toList());
    for (ActivationStats a : d.activations()) {
      assertEquals("ActivationLayer", layers.get(a.layer()).getClass().getSimpleName());
    }
    assertEquals(19, d.gradients().size(), "9 convs, 9 BatchNorms and the output layer");
    int previous = -1;
    for (LayerGradient g : d.gradients()) {
      assertTrue(g.layer() > previous, "in layer order: " + d.gradients());
      previous = g.layer();
      assertEquals(layers.get(g.layer()).getClass().getSimpleName(), g.type());
      assertTrue(g.norm() > 0 && Double.isFinite(g.norm()), g.toString());
    }
    assertEquals(
        List.of("s1.u1.add", "s2.u1.add", "s3.u1.add"),
        d.residuals().stream().map(ResidualNorm::name).toList());
    assertEquals(List.of(1, 2, 3), d.residuals().stream().map(ResidualNorm::unit).toList());
    for (ResidualNorm r : d.residuals()) {
      assertTrue(r.ratio() > 0 && Double.isFinite(r.ratio()), r.toString());
    }
    assertEquals(scales, d.bnScaleCount());
  }

  /**
   * In the original unit no vertex that an addition or a conv reads feeds an activation layer, so
   * DL4J's own {@code feedForward} keeps those outputs intact and gives the expected figures.
   */
  @Test
  void convInputsAndResidualNormsAreThoseOfTheVerticesTheyRead() {
    ComputationGraph graph =
        TinyNetworks.resnetOnSynthetic(Placement.ORIGINAL, ActivationKind.RELU, 3, 5);
    GraphLayers layers = new GraphLayers(graph);

    EpochDiagnostics d = measure(1, graph);

    Map<String, INDArray> expected = graph.feedForward(PROBE.getFeatures(), false);
    for (LayerInput in : d.convInputs()) {
      String input = layers.inputs(layers.name(in.layer())).get(0);
      double[] moments = ConvInputs.moments(Values.of(expected.get(input)));
      assertEquals(moments[0], in.mean(), 1e-6, input);
      assertEquals(moments[1], in.std(), 1e-6, input);
    }
    for (ResidualNorm r : d.residuals()) {
      List<String> inputs = layers.inputs(r.name());
      double examples = PROBE.getFeatures().size(0);
      double branch = expected.get(inputs.get(0)).norm2Number().doubleValue();
      double shortcut = expected.get(inputs.get(1)).norm2Number().doubleValue();
      assertEquals(branch / Math.sqrt(examples), r.branchNorm(), 1e-5 * branch, r.name());
      assertEquals(shortcut / Math.sqrt(examples), r.shortcutNorm(), 1e-5 * shortcut, r.name());
      assertTrue(r.branchNorm() != r.shortcutNorm(), r.toString());
    }
  }

  /**
   * Where a unit starts with its activation ({@code act-preact}), the unit's input feeds the
   * activation and the shortcut: DL4J's {@code feedForward} would hand the shortcut the activated
   * values, this pass does not.
   */
  @ParameterizedTest
  @ValueSource(strings = {"original", "bn-after-add", "act-before-add", "act-preact", "preact"})
  void theForwardPassGivesTheNetworksOwnInferenceOutput(String unit) {
    ComputationGraph graph =
        TinyNetworks.resnetOnSynthetic(Placement.parse(unit), ActivationKind.RELU, 3, 7);

    Map<String, INDArray> outputs = GraphForward.inference(graph, PROBE.getFeatures());

    assertArrayEquals(
        Values.of(graph.outputSingle(false, PROBE.getFeatures())),
        Values.of(outputs.get("output")),
        1e-6f);
    assertEquals(graph.getVertices().length, outputs.size());
  }

  @ParameterizedTest
  @CsvSource({"original, relu", "preact, tanh"})
  void measuringChangesNeitherTheNetworkNorHowItGoesOnTraining(String unit, String act) {
    Placement p = Placement.parse(unit);
    ActivationKind a = ActivationKind.parse(act);
    ComputationGraph probed = TinyNetworks.resnetOnSynthetic(p, a, 3, 9);
    ComputationGraph untouched = TinyNetworks.resnetOnSynthetic(p, a, 3, 9);
    float[] paramsBefore = Values.of(probed.params());
    float[] outputBefore = Values.of(probed.outputSingle(false, PROBE.getFeatures()));

    measure(1, probed);

    assertArrayEquals(paramsBefore, Values.of(probed.params()));
    assertArrayEquals(outputBefore, Values.of(probed.outputSingle(false, PROBE.getFeatures())));
    DataSet next = TinyNetworks.synthetic(DATA, 64, 128);
    probed.fit(next);
    untouched.fit(next);
    assertArrayEquals(Values.of(untouched.params()), Values.of(probed.params()));
    assertArrayEquals(
        Values.of(untouched.getUpdater().getStateViewArray()),
        Values.of(probed.getUpdater().getStateViewArray()));
  }

  @Test
  void theSameNetworkGivesTheSameNumbers() {
    ComputationGraph graph =
        TinyNetworks.resnetOnSynthetic(Placement.ORIGINAL, ActivationKind.RELU, 2, 11);
    ComputationGraph twin =
        TinyNetworks.resnetOnSynthetic(Placement.ORIGINAL, ActivationKind.RELU, 2, 11);

    EpochDiagnostics first = measure(2, graph);

    assertEquals(first, measure(2, graph));
    assertEquals(first, measure(2, twin));
  }

  @Test
  void countsNegativeBatchNormScalesAsSignFlips() {
    ComputationGraph graph =
        TinyNetworks.resnetOnSynthetic(Placement.ORIGINAL, ActivationKind.RELU, 1, 3);
    graph.getParam("stem.bn1_gamma").putScalar(0, -0.5);
    graph.getParam("s3.u1.proj.bn_gamma").putScalar(63, -2);
    graph.getParam("s3.u1.proj.bn_gamma").putScalar(5, 0);

    assertEquals(2, measure(1, graph).bnScaleSignFlips());
  }

  private static List<Integer> units(String text) {
    return java.util.Arrays.stream(text.trim().split(" +")).map(Integer::valueOf).toList();
  }
}
