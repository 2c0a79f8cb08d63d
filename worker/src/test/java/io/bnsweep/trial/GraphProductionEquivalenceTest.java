package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * graph on DL4J's built-in layers, from identical parameters, for each of the five residual units x
 * every activation at batch sizes 7 and 64 (and 1 for the original and the full pre-activation
 * unit): the loss, each parameter's gradient separately, every parameter (BatchNorm's running mean
 * and variance included) after three Adam steps whose last batch is partial, and the inference
 * output; and the gradients against the built-in layers in double precision, which pins them far
 * tighter, except where the graph crossed a ReLU kink or met a tie ({@link Kinks}); and that
 * bnsweep's kernels served every call made to them.
 */
class GraphProductionEquivalenceTest {
  private static final InputShape SHAPE = new InputShape(1, 28, 28, 10);

  /** The units at batch sizes 1, 7 and 64; the other three at 7 and 64, to save time. */
  private static final List<Placement> EVERY_BATCH = List.of(Placement.ORIGINAL, Placement.PREACT);

  /**
   * Tolerances per kind of key, each relative to the largest norm among its vertex's keys ({@code
   * s2.u1.bn1_gamma} is gamma of vertex {@code s2.u1.bn1}), for the reasons {@link
   * ProductionEquivalenceTest} gives.
   *
   * <p>Measured worst over the 18 cases of the original and preact units (Intel Xeon, 2026-12-01),
   * against DL4J's layers in float: gradients W 6.8e-3 (the stem's conv of preact/relu/64), b (the
   * output layer's) 4.0e-7, gamma 7.4e-3, beta 1.05e-2, BatchNorm mean 9.8e-6 and log10 std 9.7e-7;
   * parameters after three steps W 1.7e-3, b 3.6e-8, gamma 2.5e-4, beta 2.2e-4, mean 1.2e-4, log10
   * std 1.9e-5; inference output 2.8e-4; loss 3.7e-7. Against the same layers in double ({@link
   * #EXACT}) the production gradients err by W 1.7e-5, b 6.9e-8, gamma 1.7e-6, beta 4.5e-6, mean
   * 8.9e-7, log10 std 1.1e-6: the float differences are the error of DL4J's built-in BatchNorm in
   * float (the oneDNN build without bnsweep's kernels shows the same), not the kernels'. The
   * tolerances are about twice the figures, except BatchNorm's mean and log10 std: these are
   * forward statistics, which no kink moves, so their difference is the two float paths' rounding,
   * each within about twice {@link ProductionEquivalenceTest#ROUNDING} (DL4J's float BatchNorm
   * being the less accurate): four times it (the three units added on 2026-12-07 reach 2.2 times
   * it).
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
          4 * ProductionEquivalenceTest.ROUNDING,
          "log10stdev",
          4 * ProductionEquivalenceTest.ROUNDING);

  /**
   * The production gradients against DL4J's built-in layers in double precision: the rounding bound
   * {@link ProductionEquivalenceTest#ROUNDING} (sqrt(N) u for the longest sum, N = 64 x 28 x 28);
   * the output layer's bias gradient, a sum over the batch only, 3 sqrt(64) u. W gets twenty times
   * the bound: the bound holds relative to the sum of the terms' magnitudes, and a conv's weight
   * gradient can be far smaller than that sum. In the act-preact unit with sigmoid, a unit's first
   * conv reads a sigmoid's output (all positive, about 1/2) and feeds a BatchNorm, whose input
   * gradient sums to 0 over each channel: the terms cancel, and the error relative to the gradient
   * grows by the ratio (the sum's condition number). Measured worst over the cases that cross no
   * kink, in units of {@code ROUNDING}, on an AMD EPYC Zen 5, 2026-12-07: W 5.3 uncapped and 6.2
   * capped at AVX2 (act-preact/sigmoid; at most 1.4 in the other units), b 0.007, gamma 0.23, beta
   * 0.35, mean 0.07, log10 std 0.09. A case that crosses kinks is held to {@link #GRADIENT}
   * (act-preact/relu/64 crosses one or two ReLU units, 3e-8 and 1.6e-7 from 0).
   */
  private static final Map<String, Double> EXACT =
      Map.of(
          "W",
          20 * ProductionEquivalenceTest.ROUNDING,
          "b",
          3 * Math.sqrt(64) * 0x1p-24,
          "gamma",
          ProductionEquivalenceTest.ROUNDING,
          "beta",
          ProductionEquivalenceTest.ROUNDING,
          "mean",
          ProductionEquivalenceTest.ROUNDING,
          "log10stdev",
          ProductionEquivalenceTest.ROUNDING);

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

  /** As in {@link ProductionEquivalenceTest}: kinks a case may cross, and how close to each. */
  private static final int KINKS = 2;

  private static final double KINK_MARGIN = 1e-6;

  static Stream<Arguments> variants() {
    List<Arguments> cases = new ArrayList<>();
    for (Placement unit : Placement.UNITS) {
      for (ActivationKind a : ActivationKind.values()) {
        for (int batch : EVERY_BATCH.contains(unit) ? new int[] {1, 7, 64} : new int[] {7, 64}) {
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
        kernels.contains("conv x9") && kernels.contains("batch-norm x"),
        "the kernels are installed: " + kernels);

    // after the networks are made: making one reseeds ND4J's generator
    Nd4j.getRandom().setSeed(batch * 31L + Placement.UNITS.indexOf(unit) * 7L + a.ordinal());
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
    Map<String, Double> exactErrors =
        errorsByVertex(exact.gradient().gradientForVariable(), actual);
    if (!within(exactErrors, EXACT)) {
      // a training-mode forward pass moves BatchNorm's running statistics: put them back
      INDArray params = production.params().dup();
      Kinks.Found kinks = Kinks.of(production, exact, first.getFeatures());
      production.setParams(params);
      String across = "exact gradient, across " + kinks;
      assertFalse(kinks.none(), "beyond rounding without a kink or tie: " + exactErrors);
      assertTrue(kinks.crossed().size() <= KINKS, across);
      kinks.crossed().forEach(k -> assertTrue(k.margin() <= KINK_MARGIN, across));
      exactErrors.forEach(
          (key, error) ->
              assertTrue(
                  error <= GRADIENT.get(parameter(key)),
                  across + ": " + key + " error " + error + " of the scale"));
    }

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
    ProductionEquivalenceTest.assertServed(network, kernels);
  }

  /** Each key's error, relative to the largest norm among its vertex's keys. */
  private static Map<String, Double> errorsByVertex(
      Map<String, INDArray> expected, Map<String, INDArray> actual) {
    Map<String, Double> vertexScale = new HashMap<>();
    expected.forEach((key, e) -> vertexScale.merge(vertex(key), norm(e), Math::max));
    Map<String, Double> errors = new HashMap<>();
    expected.forEach(
        (key, e) -> {
          INDArray a = actual.get(key);
          assertEquals(Arrays.toString(e.shape()), Arrays.toString(a.shape()), key);
          double error = norm(a.castTo(DataType.DOUBLE).sub(e.castTo(DataType.DOUBLE)));
          errors.put(key, error / Math.max(1e-12, vertexScale.get(vertex(key))));
        });
    return errors;
  }

  private static boolean within(Map<String, Double> errors, Map<String, Double> tolerance) {
    return errors.entrySet().stream()
        .allMatch(e -> e.getValue() <= tolerance.get(parameter(e.getKey())));
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
