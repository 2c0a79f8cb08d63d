package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.data.InputShape;
import io.bnsweep.kernel.Kernels;
import io.bnsweep.network.Architecture;
import io.bnsweep.network.Network;
import io.bnsweep.network.NetworkFactory;
import io.bnsweep.testing.BuiltInLayers;
import io.bnsweep.variant.ActivationKind;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network exactly as a trial trains it (a {@link LocalFitter}: DL4J's oneDNN helpers plus
 * bnsweep's kernels) against DL4J's built-in layers, from identical parameters, for every placement
 * x activation at batch sizes 1, 7 and 64: the loss, each parameter's gradient separately, every
 * parameter (BatchNorm's running mean and variance included) after three Adam steps whose last
 * batch is partial, and the inference output. Tolerances are per kind of value, relative to each
 * array's own scale: float32 kernels that sum in another order differ in the last bits, and Adam
 * divides by the root of a running square, which magnifies them a little.
 */
class ProductionEquivalenceTest {
  private static final InputShape SHAPE = new InputShape(1, 28, 28, 10);

  /**
   * Tolerances per kind of key (DL4J's suffix: {@code 4_W} is W), each relative to the largest norm
   * among its layer's keys: a conv bias that feeds BatchNorm has a true gradient of 0, so its
   * computed gradient is rounding noise, and against its own norm it would never agree. Adam
   * divides each element's step by the root of its running squared gradient, so an element whose
   * gradient is near 0 moves by up to the learning rate in a direction set by that noise.
   *
   * <p>Measured worst over the 36 cases (2026-12-01): gradients W 5.2e-3, b 5.6e-5, gamma 6.4e-3,
   * beta 2.3e-3, BatchNorm mean 7e-7 and log10 std 6e-8; parameters after three steps W 1.5e-3, b
   * 9.0e-3, gamma 1.2e-4, beta 8.2e-4, mean 3.7e-4, log10 std 3.9e-6; inference output 4.2e-3. The
   * production pairing (oneDNN's conv, pooling and BatchNorm, bnsweep's kernels) agrees with DL4J's
   * built-in layers to these figures, not to float rounding; which layer contributes most is not
   * yet measured. The tolerances are about twice them: a wrong kernel errs by O(1).
   */
  private static final Map<String, Double> GRADIENT =
      Map.of("W", 1e-2, "b", 1e-4, "gamma", 1.3e-2, "beta", 5e-3, "mean", 1e-5, "log10stdev", 1e-6);

  private static final Map<String, Double> PARAMS =
      Map.of("W", 3e-3, "b", 2e-2, "gamma", 3e-4, "beta", 2e-3, "mean", 1e-3, "log10stdev", 1e-5);

  private static final double OUTPUT = 1e-2;

  private static final double LOSS = 1e-5;

  static Stream<Arguments> variants() {
    List<Arguments> cases = new ArrayList<>();
    for (Placement p : Placement.BLOCKS) {
      for (ActivationKind a : ActivationKind.values()) {
        for (int batch : new int[] {1, 7, 64}) {
          cases.add(Arguments.of(p, a, batch));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}/{1} batch {2}")
  @MethodSource("variants")
  void theTrainedNetworkMatchesDl4jsBuiltInLayers(Placement p, ActivationKind a, int batch) {
    MultiLayerConfiguration conf = NetworkFactory.configuration(Variant.of(p, a), SHAPE, 17);
    MultiLayerNetwork production =
        ((Network.Stack) new LocalFitter(Architecture.of(conf)).network()).net();
    MultiLayerNetwork reference = BuiltInLayers.network(conf);
    reference.setParams(production.params().dup());
    assertFalse(Kernels.describe(production).equals("none"), "the kernels are installed");

    Nd4j.getRandom().setSeed(batch * 31L + Placement.BLOCKS.indexOf(p) * 7L + a.ordinal());
    DataSet first = data(batch);

    // the loss and every gradient, one key at a time
    double productionLoss =
        BuiltInLayers.lossAfterBackprop(production, first.getFeatures(), first.getLabels());
    double referenceLoss =
        BuiltInLayers.lossAfterBackprop(reference, first.getFeatures(), first.getLabels());
    assertEquals(
        referenceLoss, productionLoss, LOSS * Math.max(1, Math.abs(referenceLoss)), "loss");
    Map<String, INDArray> expected = reference.gradient().gradientForVariable();
    Map<String, INDArray> actual = production.gradient().gradientForVariable();
    assertEquals(expected.keySet(), actual.keySet(), "the same parameters get gradients");
    compareByLayer(expected, actual, GRADIENT, "gradient");

    // three Adam steps, the last on a partial batch (a third of the size, at least 1)
    List<DataSet> steps = List.of(first, data(batch), data(Math.max(1, batch / 3)));
    for (DataSet step : steps) {
      production.fit(step);
      reference.fit(step);
    }
    compareByLayer(reference.paramTable(), production.paramTable(), PARAMS, "parameter");
    assertClose(
        reference.output(first.getFeatures(), false),
        production.output(first.getFeatures(), false),
        OUTPUT,
        norm(reference.output(first.getFeatures(), false)),
        "inference output");
  }

  /** Each key separately, relative to the largest norm among its layer's keys ({@code 4_W}...). */
  private static void compareByLayer(
      Map<String, INDArray> expected,
      Map<String, INDArray> actual,
      Map<String, Double> tolerance,
      String what) {
    Map<String, Double> layerScale = new java.util.HashMap<>();
    expected.forEach(
        (key, e) -> layerScale.merge(key.substring(0, key.indexOf('_')), norm(e), Math::max));
    expected.forEach(
        (key, e) ->
            assertClose(
                e,
                actual.get(key),
                tolerance.getOrDefault(key.substring(key.indexOf('_') + 1), 1e-3),
                layerScale.get(key.substring(0, key.indexOf('_'))),
                what + " " + key));
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
