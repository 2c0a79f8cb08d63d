package io.bnsweep.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bnsweep.data.InputShape;
import io.bnsweep.kernel.KernelUse;
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
import java.util.HashMap;
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
 * batch is partial, and the inference output; and the loss and gradients against the built-in
 * layers in double precision (the same parameters and data cast to double), which pins them far
 * tighter. Tolerances are per kind of value, relative to each array's own scale.
 *
 * <p>Against double, a float network's gradients err in two ways. Smoothly, by rounding: each
 * gradient element and each BatchNorm statistic is a sum over examples and positions, and its error
 * is bounded by the arithmetic ({@link #ROUNDING}), whatever order the JIT's, oneDNN's or
 * OpenBLAS's SIMD lanes add the terms in. And discretely, at a kink ({@link Kinks}): a ReLU unit
 * whose input is within rounding of 0, or a max-pool window whose two largest inputs are, can fall
 * on the other side in float, and one unit's gradient then flows elsewhere; at a tie in double (an
 * input exactly 0, two equal inputs) any choice is right. Which float path crosses a kink, and
 * where, depends on rounding, so on the machine (its SIMD width) and the kernels: a case with kinks
 * crossed or ties is held to the float comparison's tolerances ({@link #ACROSS_A_KINK}), and this
 * test makes no claim about which network crosses which kink. How far each float path (the
 * production network, DL4J's built-in layers, those with only bnsweep's BatchNorm kernel) errs from
 * double on one machine is a benchmark, {@code FloatErrorBench} (BENCHMARKS.md).
 *
 * <p>The test also checks that bnsweep's kernels served every call made to them (none declined to
 * DL4J's path): a kernel that declined every call would compare DL4J with DL4J and pass.
 */
class ProductionEquivalenceTest {
  private static final InputShape SHAPE = new InputShape(1, 28, 28, 10);

  /**
   * The rounding bound against double: float's unit roundoff u = 2^-24 times the square root of the
   * longest sum in a case, N = 64 x 28 x 28 terms (a conv weight's gradient and a BatchNorm
   * statistic of the first block at batch 64), 1.3e-5. Rounding errors of a sum of N terms are
   * bounded by N u in the worst case (3e-3, far from reached), and, treated as independent
   * zero-mean errors, by about sqrt(N) u of the sum's scale with high probability (Higham and Mary,
   * SIAM J. Sci. Comput. 41, 2019), in any order of addition: which SIMD width adds them changes
   * which errors occur, not this bound. The gradients chain a few such sums (BatchNorm's two
   * reductions, then the conv's). Measured worst over the cases that cross no kink, in units of the
   * bound: W 0.46, b 0.90 (a conv bias before BatchNorm, whose true gradient is 0: its computed
   * gradient is pure rounding noise, hence twice the bound), gamma 0.16, beta 0.18, mean 0.02,
   * log10 std 0.03, loss 0.07 on an Intel Xeon (AVX-512), 2026-12-01; W 0.42, b 0.86, gamma 0.17,
   * beta 0.17, mean 0.02, log10 std 0.03 on an AMD EPYC Zen 5 (AVX-512), 2026-12-07, and W 0.37, b
   * 0.63, gamma 0.27, beta 0.21 on the same machine capped at AVX2 ({@code -Pavx2}). Which cases
   * cross a kink differs between the settings: uncapped none/sigmoid/64, none/tanh/64 (a pool
   * window) and extra/relu/7 (a ReLU unit); capped before/relu/64 (a ReLU unit 6.5e-8 from 0, and
   * the pool window it feeds, all zeros in double), as reported from an AMD EPYC Zen 3, and
   * extra/relu/7.
   */
  static final double ROUNDING = Math.sqrt(64 * 28 * 28) * 0x1p-24;

  /**
   * Tolerances per kind of key (DL4J's suffix: {@code 4_W} is W), each relative to the largest norm
   * among its layer's keys: a conv bias that feeds BatchNorm has a true gradient of 0, so its
   * computed gradient is rounding noise, and against its own norm it would never agree. Adam
   * divides each element's step by the root of its running squared gradient, so an element whose
   * gradient is near 0 moves by up to the learning rate in a direction set by that noise.
   *
   * <p>Measured worst over the 36 cases (Intel Xeon, 2026-12-01): gradients W 5.2e-3, b 5.6e-5,
   * gamma 6.4e-3, beta 2.3e-3, BatchNorm mean 7e-7 and log10 std 6e-8; parameters after three steps
   * W 1.5e-3, b 9.0e-3, gamma 1.2e-4, beta 8.2e-4, mean 3.7e-4, log10 std 3.9e-6; inference output
   * 4.2e-3. The largest gradient figures are a kink: one ReLU unit that DL4J's built-in float
   * layers put on the other side of 0 (before/relu/64 on that machine; which float path crosses
   * which kink depends on the machine, see {@code FloatErrorBench}), and one unit's gradient going
   * elsewhere has no rounding bound; the tolerances for W, b, gamma and beta are about twice those
   * figures (a wrong kernel errs by O(1)), and held on an AMD EPYC Zen 5 with and without the AVX2
   * cap. BatchNorm's mean and log10 std are forward statistics, which no kink moves: four times
   * {@link #ROUNDING}, the two float paths' rounding (DL4J's float BatchNorm, which sums them in
   * float, being the less accurate).
   */
  private static final Map<String, Double> GRADIENT =
      Map.of(
          "W",
          1e-2,
          "b",
          1e-4,
          "gamma",
          1.3e-2,
          "beta",
          5e-3,
          "mean",
          4 * ROUNDING,
          "log10stdev",
          4 * ROUNDING);

  private static final Map<String, Double> PARAMS =
      Map.of("W", 3e-3, "b", 2e-2, "gamma", 3e-4, "beta", 2e-3, "mean", 1e-3, "log10stdev", 1e-5);

  private static final double OUTPUT = 1e-2;

  private static final double LOSS = 1e-5;

  /** The production loss and gradients against the built-in layers in double: {@link #ROUNDING}. */
  private static final Map<String, Double> EXACT =
      Map.of(
          "W",
          ROUNDING,
          "b",
          2 * ROUNDING,
          "gamma",
          ROUNDING,
          "beta",
          ROUNDING,
          "mean",
          ROUNDING,
          "log10stdev",
          ROUNDING);

  private static final double EXACT_LOSS = ROUNDING;

  /**
   * The production gradients against double in a case beyond {@link #EXACT}: it must have crossed
   * kinks (at most {@link #KINKS}, each within {@link #KINK_MARGIN} of it in double, so that float
   * rounding explains the crossing) or met ties. One unit's gradient then goes elsewhere, which is
   * not a rounding error and has no rounding bound, so such a case is held to the float
   * comparison's tolerances ({@link #GRADIENT}, b doubled); BatchNorm's statistics, which no kink
   * moves, stay at {@link #ROUNDING}.
   */
  private static final Map<String, Double> ACROSS_A_KINK =
      Map.of(
          "W",
          1e-2,
          "b",
          2e-4,
          "gamma",
          1.3e-2,
          "beta",
          5e-3,
          "mean",
          ROUNDING,
          "log10stdev",
          ROUNDING);

  private static final int KINKS = 2;

  private static final double KINK_MARGIN = 1e-6;

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
    MultiLayerNetwork exact = doubles(conf, production);
    assertFalse(Kernels.describe(production).equals("none"), "the kernels are installed");

    // after the networks are made: making one reseeds ND4J's generator
    DataSet first = firstBatch(p, a, batch);

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

    // the same against double precision: within rounding, unless the network crossed a kink
    double exactLoss = lossInDouble(exact, first);
    assertEquals(
        exactLoss, productionLoss, EXACT_LOSS * Math.max(1, Math.abs(exactLoss)), "exact loss");
    Map<String, Double> exactErrors = errorsByLayer(exact.gradient().gradientForVariable(), actual);
    if (!within(exactErrors, EXACT)) {
      // a training-mode forward pass moves BatchNorm's running statistics: put them back
      INDArray params = production.params().dup();
      Kinks.Found kinks = Kinks.of(production, exact, first.getFeatures());
      production.setParams(params);
      String across = "exact gradient, across " + kinks;
      assertFalse(kinks.none(), "beyond rounding without a kink or tie: " + exactErrors);
      assertTrue(kinks.crossed().size() <= KINKS, across);
      kinks.crossed().forEach(k -> assertTrue(k.margin() <= KINK_MARGIN, across));
      assertWithin(exactErrors, ACROSS_A_KINK, across);
    }

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
    assertServed(new Network.Stack(production), Kernels.describe(production));
  }

  /**
   * Every kind of bnsweep kernel in {@code net} served calls and declined none: each of them is
   * meant to serve every call of these networks (float NCHW tensors, BatchNorm on convolutions).
   */
  static void assertServed(Network net, String kernels) {
    Map<String, KernelUse> calls = Kernels.calls(net);
    assertFalse(calls.isEmpty(), "no kernels: " + kernels);
    calls.forEach(
        (kind, use) -> {
          assertTrue(use.served() > 0, kind + " served no call: " + calls);
          assertEquals(0, use.declined(), kind + " declined calls: " + calls);
        });
  }

  /** The network of {@code conf} on DL4J's built-in layers in double, with {@code net}'s params. */
  static MultiLayerNetwork doubles(MultiLayerConfiguration conf, MultiLayerNetwork net) {
    MultiLayerConfiguration doubles = conf.clone();
    doubles.setDataType(DataType.DOUBLE);
    MultiLayerNetwork exact = BuiltInLayers.network(doubles);
    exact.setParams(net.params().castTo(DataType.DOUBLE));
    return exact;
  }

  static double lossInDouble(MultiLayerNetwork exact, DataSet data) {
    return BuiltInLayers.lossAfterBackprop(
        exact,
        data.getFeatures().castTo(DataType.DOUBLE),
        data.getLabels().castTo(DataType.DOUBLE));
  }

  /** Each key separately, relative to the largest norm among its layer's keys ({@code 4_W}...). */
  private static void compareByLayer(
      Map<String, INDArray> expected,
      Map<String, INDArray> actual,
      Map<String, Double> tolerance,
      String what) {
    assertWithin(errorsByLayer(expected, actual), tolerance, what);
  }

  private static void assertWithin(
      Map<String, Double> errors, Map<String, Double> tolerance, String what) {
    errors.forEach(
        (key, error) ->
            assertTrue(
                error <= tolerance.getOrDefault(kind(key), 1e-3),
                what
                    + " "
                    + key
                    + ": error "
                    + error
                    + " of the scale (tolerance "
                    + tolerance.getOrDefault(kind(key), 1e-3)
                    + ")"));
  }

  private static boolean within(Map<String, Double> errors, Map<String, Double> tolerance) {
    return errors.entrySet().stream()
        .allMatch(e -> e.getValue() <= tolerance.getOrDefault(kind(e.getKey()), 1e-3));
  }

  /** Each key's error, relative to the largest norm among its layer's keys. */
  static Map<String, Double> errorsByLayer(
      Map<String, INDArray> expected, Map<String, INDArray> actual) {
    Map<String, Double> layerScale = new HashMap<>();
    expected.forEach((key, e) -> layerScale.merge(layer(key), norm(e), Math::max));
    Map<String, Double> errors = new HashMap<>();
    expected.forEach(
        (key, e) -> {
          INDArray a = actual.get(key);
          assertEquals(Arrays.toString(e.shape()), Arrays.toString(a.shape()), key);
          errors.put(key, distance(e, a) / Math.max(1e-12, layerScale.get(layer(key))));
        });
    return errors;
  }

  private static String layer(String key) {
    return key.substring(0, key.indexOf('_'));
  }

  static String kind(String key) {
    return key.substring(key.indexOf('_') + 1);
  }

  private static double norm(INDArray a) {
    return a.castTo(DataType.DOUBLE).norm2Number().doubleValue();
  }

  private static double distance(INDArray expected, INDArray actual) {
    return norm(actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)));
  }

  /** The main test's first batch of a case; reseeds ND4J's generator. */
  static DataSet firstBatch(Placement p, ActivationKind a, int batch) {
    Nd4j.getRandom().setSeed(batch * 31L + Placement.BLOCKS.indexOf(p) * 7L + a.ordinal());
    return data(batch);
  }

  static DataSet data(int batch) {
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
    double against = Math.max(1e-12, scale);
    double error = distance(expected, actual);
    assertTrue(
        error <= tolerance * against,
        what + ": error " + error / against + " of the scale (tolerance " + tolerance + ")");
  }
}
