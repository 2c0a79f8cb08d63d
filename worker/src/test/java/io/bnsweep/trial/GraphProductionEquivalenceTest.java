package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.data.InputShape;
import io.bnsweep.kernel.Kernels;
import io.bnsweep.network.Architecture;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.network.ResNetFamily;
import io.bnsweep.testing.BuiltInLayers;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ProductionEquivalenceTest} for the depth-8 resnet, a graph: the network exactly as a trial
 * trains it (a {@link LocalFitter}: DL4J's oneDNN helpers plus bnsweep's kernels) against the same
 * graph on DL4J's built-in layers, from identical parameters, for the original and the full
 * pre-activation unit x every activation at batch sizes 1, 7 and 64: the loss, each parameter's
 * gradient separately, every parameter (BatchNorm's running mean and variance included) after three
 * Adam steps whose last batch is partial, and the inference output; and the gradients against the
 * built-in layers in double precision, which pins them far tighter.
 */
class GraphProductionEquivalenceTest {
  private static final InputShape SHAPE = new InputShape(1, 28, 28, 10);

  private static final List<Placement> UNITS = List.of(Placement.ORIGINAL, Placement.PREACT);

  /**
   * Tolerances per kind of key, each relative to the largest norm among its vertex's keys ({@code
   * s2.u1.bn1_gamma} is gamma of vertex {@code s2.u1.bn1}), for the reasons {@link
   * ProductionEquivalenceTest} gives.
   *
   * <p>Measured worst over the 18 cases (2026-12-01), against DL4J's layers in float: gradients W
   * 6.8e-3 (the stem's conv of preact/relu/64), b (the output layer's) 4.0e-7, gamma 7.4e-3, beta
   * 1.05e-2, BatchNorm mean 9.8e-6 and log10 std 9.7e-7; parameters after three steps W 1.7e-3, b
   * 3.6e-8, gamma 2.5e-4, beta 2.2e-4, mean 1.2e-4, log10 std 1.9e-5; inference output 2.8e-4; loss
   * 3.7e-7. Against the same layers in double ({@link #EXACT}) the production gradients err by W
   * 1.7e-5, b 6.9e-8, gamma 1.7e-6, beta 4.5e-6, mean 8.9e-7, log10 std 1.1e-6: the float
   * differences are the error of DL4J's built-in BatchNorm in float (the oneDNN build without
   * bnsweep's kernels shows the same), not the kernels'. The tolerances are about twice the
   * figures.
   */
  private static final Map<String, Double> GRADIENT =
      Map.of(
          "W",
          1.4e-2,
          "b",
          1e-6,
          "gamma",
          1.5e-2,
          "beta",
          2.2e-2,
          "mean",
          2e-5,
          "log10stdev",
          2e-6);

  /** The production gradients against DL4J's built-in layers in double precision. */
  private static final Map<String, Double> EXACT =
      Map.of(
          "W",
          3.5e-5,
          "b",
          1.5e-7,
          "gamma",
          3.5e-6,
          "beta",
          1e-5,
          "mean",
          2e-6,
          "log10stdev",
          2.5e-6);

  private static final Map<String, Double> PARAMS =
      Map.of(
          "W",
          3.5e-3,
          "b",
          1e-7,
          "gamma",
          5e-4,
          "beta",
          4.5e-4,
          "mean",
          2.5e-4,
          "log10stdev",
          4e-5);

  private static final double OUTPUT = 6e-4;

  private static final double LOSS = 1e-6;

  static Stream<Arguments> variants() {
    List<Arguments> cases = new ArrayList<>();
    for (Placement unit : UNITS) {
      for (ActivationKind a : ActivationKind.values()) {
        for (int batch : new int[] {1, 7, 64}) {
          cases.add(Arguments.of(unit, a, batch));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}/{1} batch {2}")
  @MethodSource("variants")
  void theTrainedGraphMatchesDl4jsBuiltInLayers(Placement unit, ActivationKind a, int batch) {
    Architecture.Graph architecture =
        (Architecture.Graph)
            NetworkFactory.architecture(
                Variant.of(ResNetFamily.NAME, unit, a).with(ResNetFamily.DEPTH, 8), SHAPE, 17);
    Network network = new LocalFitter(architecture).network();
    ComputationGraph production = ((Network.Graph) network).graph();
    ComputationGraph reference = BuiltInLayers.network(architecture.conf());
    reference.setParams(production.params().dup());
    ComputationGraphConfiguration doubles = architecture.conf().clone();
    doubles.setDataType(DataType.DOUBLE);
    ComputationGraph exact = BuiltInLayers.network(doubles);
    exact.setParams(production.params().castTo(DataType.DOUBLE));
    String kernels = Kernels.describe(network);
    assertTrue(
        kernels.startsWith("conv x9, batch-norm x9"), "the kernels are installed: " + kernels);

    // after the networks are made: making one reseeds ND4J's generator
    Nd4j.getRandom().setSeed(batch * 31L + UNITS.indexOf(unit) * 7L + a.ordinal());
    DataSet first = data(batch);
    List<DataSet> steps = List.of(first, data(batch), data(Math.max(1, batch / 3)));

    // the loss and every gradient, one key at a time, against float and double built-in layers
    double productionLoss =
        BuiltInLayers.lossAfterBackprop(production, first.getFeatures(), first.getLabels());
    double referenceLoss =
        BuiltInLayers.lossAfterBackprop(reference, first.getFeatures(), first.getLabels());
    assertEquals(
        referenceLoss, productionLoss, LOSS * Math.max(1, Math.abs(referenceLoss)), "loss");
    Map<String, INDArray> expected = reference.gradient().gradientForVariable();
    Map<String, INDArray> actual = production.gradient().gradientForVariable();
    assertEquals(expected.keySet(), actual.keySet(), "the same parameters get gradients");
    compareByVertex(expected, actual, GRADIENT, "gradient");
    BuiltInLayers.lossAfterBackprop(
        exact,
        first.getFeatures().castTo(DataType.DOUBLE),
        first.getLabels().castTo(DataType.DOUBLE));
    compareByVertex(exact.gradient().gradientForVariable(), actual, EXACT, "exact");

    // three Adam steps, the last on a partial batch (a third of the size, at least 1)
    for (DataSet step : steps) {
      production.fit(step);
      reference.fit(step);
    }
    compareByVertex(reference.paramTable(), production.paramTable(), PARAMS, "parameter");
    INDArray expectedOutput = reference.outputSingle(false, first.getFeatures());
    assertClose(
        expectedOutput,
        production.outputSingle(false, first.getFeatures()),
        OUTPUT,
        norm(expectedOutput),
        "output");
  }

  /** Each key separately, relative to the largest norm among its vertex's keys. */
  private static void compareByVertex(
      Map<String, INDArray> expected,
      Map<String, INDArray> actual,
      Map<String, Double> tolerance,
      String what) {
    Map<String, Double> vertexScale = new HashMap<>();
    expected.forEach((key, e) -> vertexScale.merge(vertex(key), norm(e), Math::max));
    expected.forEach(
        (key, e) ->
            assertClose(
                e,
                actual.get(key),
                tolerance.get(parameter(key)),
                vertexScale.get(vertex(key)),
                what + " " + parameter(key) + " (" + key + ")"));
  }

  private static String vertex(String key) {
    return key.substring(0, key.lastIndexOf('_'));
  }

  private static String parameter(String key) {
    return key.substring(key.lastIndexOf('_') + 1);
  }

  private static double norm(INDArray a) {
    return a.castTo(DataType.DOUBLE).norm2Number().doubleValue();
  }

  private static DataSet data(int batch) {
    INDArray x = Nd4j.rand(DataType.FLOAT, batch, 1, 28, 28);
    INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
    for (int i = 0; i < batch; i++) {
      y.putScalar(i, (i * 3 + batch) % 10, 1f);
    }
    return new DataSet(x, y);
  }

  private static void assertClose(
      INDArray expected, INDArray actual, double tolerance, double scale, String what) {
    assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what);
    double error =
        actual
            .castTo(DataType.DOUBLE)
            .sub(expected.castTo(DataType.DOUBLE))
            .norm2Number()
            .doubleValue();
    double against = Math.max(1e-12, scale);
    assertTrue(
        error <= tolerance * against,
        what + ": error " + error / against + " of the scale (tolerance " + tolerance + ")");
  }
}
