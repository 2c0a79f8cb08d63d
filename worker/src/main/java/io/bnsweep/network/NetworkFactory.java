package io.bnsweep.network;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.InputShape;
import io.bnsweep.variant.Variant;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds the DL4J network of a variant: sets what bnsweep controls on a global builder, then hands
 * it to the variant's {@link NetworkFamily} ({@link NetworkFamilies#of}).
 *
 * <p>What bnsweep controls: the seed, float data, Xavier initialisation for every variant, the
 * optimiser and its learning rate, the convolution cache, and each axis's global option ({@link
 * io.bnsweep.axis.Axis#configure}). Families set every layer's activation explicitly (DL4J's global
 * default is sigmoid): weight layers are linear and the nonlinearity is its own layer, so the
 * placement alone decides where BatchNorm sits relative to it.
 *
 * <p>Conv, BatchNorm and pooling layers do not fall back from their helper: DL4J M2 would catch a
 * helper's exception (oneDNN's or bnsweep's kernel's), log a warning and run its built-in layer
 * from then on, so the trial's provenance would name a path that did not run. With {@code
 * helperAllowFallback(false)} the exception fails the trial, with the helper's error in its reason.
 */
public final class NetworkFactory {
  /**
   * The activation layout the sweep trains in. Channels-last ({@code NHWC}) was measured as a speed
   * lever and did not win (BENCHMARKS.md), so it is only used by the benchmark.
   */
  public static final CNN2DFormat LAYOUT = CNN2DFormat.NCHW;

  /**
   * Convolutions keep their forward output for the backward pass ({@code DEVICE}) instead of
   * recomputing it (DL4J's default, {@code NONE}): the same gradients for one more activation-sized
   * copy per convolution, and faster (BENCHMARKS.md, the {@code nocache} lever).
   */
  public static final CacheMode CACHE = CacheMode.DEVICE;

  private NetworkFactory() {}

  /**
   * The network of {@code variant} for inputs of {@code input}'s channels and size and an output
   * over its classes, in {@link #LAYOUT}.
   *
   * @param seed seeds the weight initialisation
   * @throws IllegalArgumentException if the variant's family cannot build it for these inputs
   */
  public static Architecture architecture(Variant variant, InputShape input, long seed) {
    return architecture(variant, input, seed, LAYOUT);
  }

  /** As {@link #architecture(Variant, InputShape, long)}, with activations in {@code layout}. */
  public static Architecture architecture(
      Variant variant, InputShape input, long seed, CNN2DFormat layout) {
    NeuralNetConfiguration.Builder global =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .weightInit(WeightInit.XAVIER)
            .updater(variant.get(Axes.OPTIMIZER).updater(variant.get(Axes.LEARNING_RATE)))
            .cacheMode(CACHE);
    variant.settings().forEach((name, value) -> Axes.get(name).configure(value, global));
    NetworkFamily family = NetworkFamilies.of(variant);
    family.check(variant, input);
    return family.build(new NetworkRequest(variant, input, global, layout));
  }

  /**
   * The configuration of a variant whose family builds a stack of layers ({@code cnn}, {@code
   * mlp}), for code that needs DL4J's {@code MultiLayerConfiguration} itself.
   *
   * @throws IllegalArgumentException if the family builds a graph
   */
  public static MultiLayerConfiguration configuration(
      Variant variant, InputShape input, long seed) {
    return configuration(variant, input, seed, LAYOUT);
  }

  /** As {@link #configuration(Variant, InputShape, long)}, with activations in {@code layout}. */
  public static MultiLayerConfiguration configuration(
      Variant variant, InputShape input, long seed, CNN2DFormat layout) {
    if (architecture(variant, input, seed, layout) instanceof Architecture.Stack stack) {
      return stack.conf();
    }
    throw new IllegalArgumentException(
        "network.family " + NetworkFamilies.of(variant).name() + " builds a graph, not a stack");
  }
}
