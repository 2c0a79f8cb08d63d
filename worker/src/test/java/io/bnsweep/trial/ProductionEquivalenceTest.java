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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.impl.ActivationReLU;
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
 * <p>Where the float differences come from (measured 2026-12-01; errors relative to the layer's
 * gradient scale). Against double, the gradients of a float network err in two ways. Smoothly, by
 * rounding, where DL4J's float BatchNorm is the least accurate layer: in the cases that cross no
 * kink (below), DL4J's built-in float layers err by up to W 2.8e-5, gamma 2.1e-5, beta 3.0e-5, the
 * production network by W 6.2e-6, gamma 2.2e-6, beta 2.4e-6, and the built-in layers with only
 * bnsweep's {@code BatchNormKernel} swapped in by W 6.6e-6, gamma 2.6e-6, beta 2.8e-6 (the oneDNN
 * build without bnsweep's kernels errs as the built-in layers do, W 2.8e-5, gamma 1.9e-5, beta
 * 3.0e-5: its BatchNorm helper sums the statistics with ND4J's float reductions). And discretely,
 * at a kink: a ReLU unit whose input is within float rounding of 0, or a max-pool window whose two
 * largest inputs are, can fall on the other side in float, and one unit's gradient then flows
 * elsewhere or not at all. The production network does so in 3 of the 36 cases (none/tanh/64 and
 * none/sigmoid/64: one pool window whose two largest inputs are 1.3e-8 and 6.2e-8 apart in double;
 * extra/relu/7: one ReLU unit 1.1e-7 from 0), the built-in float layers in 4, and the float
 * comparison's largest figures are such a kink: in before/relu/64 the built-in float layers put one
 * ReLU unit, 6.5e-8 from 0 in double, on the other side (so do they with bnsweep's BatchNorm kernel
 * swapped in, and so does the oneDNN build without bnsweep's kernels: it is not BatchNorm's error
 * but rounding luck), and their gradients err from double by gamma 6.4e-3, W 5.2e-3, beta 2.3e-3,
 * where the production network's err by gamma 1.1e-6, W 1.6e-6, beta 1.2e-6. Which float path
 * crosses a kink is a matter of rounding: none/tanh/64's pool window is crossed by all four. {@link
 * #dl4jsFloatLayersAreTheInaccurateSide} checks both findings on before/relu/64 and after/tanh/64.
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
   * largest gradient figures are one ReLU unit that DL4J's built-in float layers put on the other
   * side of 0 (before/relu/64, see the class comment); the tolerances are about twice them: a wrong
   * kernel errs by O(1).
   */
  private static final Map<String, Double> GRADIENT =
      Map.of("W", 1e-2, "b", 1e-4, "gamma", 1.3e-2, "beta", 5e-3, "mean", 1e-5, "log10stdev", 1e-6);

  private static final Map<String, Double> PARAMS =
      Map.of("W", 3e-3, "b", 2e-2, "gamma", 3e-4, "beta", 2e-3, "mean", 1e-3, "log10stdev", 1e-5);

  private static final double OUTPUT = 1e-2;

  private static final double LOSS = 1e-5;

  /**
   * The production loss and gradients against the built-in layers in double. Measured worst over
   * the 33 cases where the production network crosses no kink (2026-12-01): W 6.2e-6, b 1.2e-5 (a
   * conv bias before BatchNorm, whose true gradient is 0), gamma 2.2e-6, beta 2.4e-6, BatchNorm
   * mean 3.0e-7, log10 std 3.5e-7; loss 9.4e-7. The tolerances are about twice them.
   */
  private static final Map<String, Double> EXACT =
      Map.of(
          "W",
          1.2e-5,
          "b",
          2.5e-5,
          "gamma",
          4.5e-6,
          "beta",
          5e-6,
          "mean",
          6e-7,
          "log10stdev",
          7e-7);

  private static final double EXACT_LOSS = 2e-6;

  /**
   * The production gradients against double in a case beyond {@link #EXACT}: it must have crossed a
   * kink, at most {@link #KINKS} of them, each within {@link #KINK_MARGIN} of it in double (at most
   * one per case was measured, 1.1e-7 from it). One unit's gradient then goes elsewhere, which is
   * not a rounding error and has no rounding bound, so such a case is held to the float
   * comparison's tolerances ({@link #GRADIENT}, b doubled). Measured worst over the 3 such cases
   * (2026-12-01): W 4.6e-3, b 9.7e-5 (none/tanh/64), gamma 2.9e-5, beta 1.0e-4 (extra/relu/7), mean
   * 8e-8, log10 std 3e-8; loss 1.4e-7.
   */
  private static final Map<String, Double> ACROSS_A_KINK =
      Map.of("W", 1e-2, "b", 2e-4, "gamma", 1.3e-2, "beta", 5e-3, "mean", 1e-5, "log10stdev", 1e-6);

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
      List<Kink> kinks = kinks(production, exact, first.getFeatures());
      String across = "exact gradient, across the kinks " + kinks;
      assertFalse(kinks.isEmpty(), "beyond rounding without a kink: " + exactErrors);
      assertTrue(kinks.size() <= KINKS, across);
      kinks.forEach(k -> assertTrue(k.margin() <= KINK_MARGIN, across));
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
  }

  /**
   * Which side the float differences come from, on the main test's data: where they are largest
   * (before/relu/64), DL4J's built-in float layers cross a kink that the production network does
   * not, and err from double by over a thousand times more (measured 3300x on W, 5700x on gamma,
   * 2000x on beta); where no network crosses one (after/tanh/64), the built-in layers err from
   * double by over ten times more than the production network on BatchNorm's gamma and beta
   * (measured 23x and 58x), and swapping only bnsweep's {@code BatchNormKernel} into them brings
   * them to within twice the production network (measured 1.2x and 1.5x).
   */
  @Test
  void dl4jsFloatLayersAreTheInaccurateSide() {
    Sides largest = sides(Placement.BEFORE, ActivationKind.RELU, 64);
    assertTrue(largest.production().kinks().isEmpty(), "production: " + largest.production());
    assertFalse(largest.builtIn().kinks().isEmpty(), "built-in: " + largest.builtIn());
    for (String key : List.of("W", "gamma", "beta")) {
      assertTrue(
          largest.builtIn().worst(key) > 1000 * largest.production().worst(key),
          key + ": built-in " + largest.builtIn() + ", production " + largest.production());
    }

    Sides smooth = sides(Placement.AFTER, ActivationKind.TANH, 64);
    for (Side side : List.of(smooth.production(), smooth.builtIn(), smooth.withBatchNormKernel())) {
      assertTrue(side.kinks().isEmpty(), "no kinks: " + side);
    }
    for (String key : List.of("gamma", "beta")) {
      double production = smooth.production().worst(key);
      assertTrue(
          smooth.builtIn().worst(key) > 10 * production,
          key + ": built-in " + smooth.builtIn() + ", production " + smooth.production());
      assertTrue(
          smooth.withBatchNormKernel().worst(key) < 2 * production,
          key
              + ": built-in with the kernel "
              + smooth.withBatchNormKernel()
              + ", production "
              + smooth.production());
    }
  }

  /** A float network's gradients against double: the worst per kind of key, and its kinks. */
  private record Side(Map<String, Double> worst, List<Kink> kinks) {
    double worst(String kind) {
      return worst.get(kind);
    }
  }

  private record Sides(Side production, Side builtIn, Side withBatchNormKernel) {}

  private static Sides sides(Placement p, ActivationKind a, int batch) {
    MultiLayerConfiguration conf = NetworkFactory.configuration(Variant.of(p, a), SHAPE, 17);
    MultiLayerNetwork production =
        ((Network.Stack) new LocalFitter(Architecture.of(conf)).network()).net();
    MultiLayerNetwork builtIn = BuiltInLayers.network(conf);
    builtIn.setParams(production.params().dup());
    MultiLayerNetwork withKernel = BuiltInLayers.network(conf);
    withKernel.setParams(production.params().dup());
    assertTrue(Kernels.installBatchNorm(new Network.Stack(withKernel)) > 0, "BatchNorm kernels");
    MultiLayerNetwork exact = doubles(conf, production);
    DataSet first = firstBatch(p, a, batch);
    lossInDouble(exact, first);
    Map<String, INDArray> expected = exact.gradient().gradientForVariable();
    List<Side> sides = new ArrayList<>();
    for (MultiLayerNetwork net : List.of(production, builtIn, withKernel)) {
      BuiltInLayers.lossAfterBackprop(net, first.getFeatures(), first.getLabels());
      Map<String, Double> worst = new HashMap<>();
      errorsByLayer(expected, net.gradient().gradientForVariable())
          .forEach((key, error) -> worst.merge(kind(key), error, Math::max));
      sides.add(new Side(worst, kinks(net, exact, first.getFeatures())));
    }
    return new Sides(sides.get(0), sides.get(1), sides.get(2));
  }

  /** The network of {@code conf} on DL4J's built-in layers in double, with {@code net}'s params. */
  private static MultiLayerNetwork doubles(MultiLayerConfiguration conf, MultiLayerNetwork net) {
    MultiLayerConfiguration doubles = conf.clone();
    doubles.setDataType(DataType.DOUBLE);
    MultiLayerNetwork exact = BuiltInLayers.network(doubles);
    exact.setParams(net.params().castTo(DataType.DOUBLE));
    return exact;
  }

  private static double lossInDouble(MultiLayerNetwork exact, DataSet data) {
    return BuiltInLayers.lossAfterBackprop(
        exact,
        data.getFeatures().castTo(DataType.DOUBLE),
        data.getLabels().castTo(DataType.DOUBLE));
  }

  /**
   * A place where the network is not differentiable and a float network decided otherwise than the
   * same network in double: a ReLU unit on the other side of 0, or a max-pool window with another
   * maximum. {@code margin}: how far from the kink it is in double (the unit's input, or the gap
   * between the two inputs).
   */
  private record Kink(String where, double margin) {}

  /** The kinks {@code net} crosses on {@code x} (a training-mode forward pass of each network). */
  private static List<Kink> kinks(MultiLayerNetwork net, MultiLayerNetwork exact, INDArray x) {
    List<INDArray> floats = net.feedForward(x, true);
    List<INDArray> doubles = exact.feedForward(x.castTo(DataType.DOUBLE), true);
    List<Kink> kinks = new ArrayList<>();
    for (int i = 0; i < net.getnLayers(); i++) {
      Layer layer = net.getLayer(i);
      // element i of feedForward is layer i's input
      INDArray in = doubles.get(i);
      double[] d = in.dup('c').data().asDouble();
      float[] f = floats.get(i).dup('c').data().asFloat();
      if (layer instanceof ActivationLayer act
          && act.layerConf().getActivationFn() instanceof ActivationReLU) {
        for (int k = 0; k < d.length; k++) {
          if ((d[k] > 0) != (f[k] > 0)) {
            kinks.add(new Kink("relu of layer " + i, Math.abs(d[k])));
          }
        }
      } else if (layer instanceof SubsamplingLayer pool) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = pool.layerConf();
        assertEquals(PoolingType.MAX, c.getPoolingType(), "max pooling");
        assertEquals(ConvolutionMode.Truncate, c.getConvolutionMode(), "no padding");
        assertEquals("[0, 0]", Arrays.toString(c.getPadding()), "no padding");
        poolKinks(i, d, f, in.shape(), c.getKernelSize(), c.getStride(), kinks);
      }
    }
    return kinks;
  }

  /** Max-pool windows (NCHW, no padding) whose float maximum is elsewhere than their double one. */
  private static void poolKinks(
      int layer, double[] d, float[] f, long[] shape, int[] size, int[] stride, List<Kink> kinks) {
    int planes = (int) (shape[0] * shape[1]);
    int h = (int) shape[2];
    int w = (int) shape[3];
    for (int p = 0; p < planes; p++) {
      for (int y = 0; y + size[0] <= h; y += stride[0]) {
        for (int x = 0; x + size[1] <= w; x += stride[1]) {
          int atD = -1;
          int atF = -1;
          for (int i = 0; i < size[0]; i++) {
            for (int j = 0; j < size[1]; j++) {
              int at = (p * h + y + i) * w + x + j;
              atD = atD < 0 || d[at] > d[atD] ? at : atD;
              atF = atF < 0 || f[at] > f[atF] ? at : atF;
            }
          }
          // a window of zeros (after a ReLU) sends no gradient whichever element takes it
          if (atD != atF && f[atF] != 0f) {
            kinks.add(new Kink("max-pool of layer " + layer, Math.abs(d[atD] - d[atF])));
          }
        }
      }
    }
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
  private static Map<String, Double> errorsByLayer(
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

  private static String kind(String key) {
    return key.substring(key.indexOf('_') + 1);
  }

  private static double norm(INDArray a) {
    return a.castTo(DataType.DOUBLE).norm2Number().doubleValue();
  }

  private static double distance(INDArray expected, INDArray actual) {
    return norm(actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)));
  }

  /** The main test's first batch of a case; reseeds ND4J's generator. */
  private static DataSet firstBatch(Placement p, ActivationKind a, int batch) {
    Nd4j.getRandom().setSeed(batch * 31L + Placement.BLOCKS.indexOf(p) * 7L + a.ordinal());
    return data(batch);
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
    double against = Math.max(1e-12, scale);
    double error = distance(expected, actual);
    assertTrue(
        error <= tolerance * against,
        what + ": error " + error / against + " of the scale (tolerance " + tolerance + ")");
  }
}
