package io.bnsweep.variant;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.InputShape;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the DL4J network of a variant.
 *
 * <p>Every layer's activation is set explicitly (DL4J's global default is sigmoid): convolutions
 * are linear ({@code IDENTITY}) and the nonlinearity is its own {@link ActivationLayer}, so the
 * placement alone decides where BatchNorm sits relative to it. All variants share the weight
 * initialisation (Xavier); the optimiser, its learning rate and the other settings come from the
 * variant's axes ({@link Axes}), each axis's global option applied by its own declaration.
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
   * The configuration of {@code variant} for inputs of {@code input}'s channels and size and an
   * output over its classes, in {@link #LAYOUT}.
   *
   * @param seed seeds the weight initialisation
   * @throws IllegalArgumentException if the images are too small for the number of blocks
   */
  public static MultiLayerConfiguration configuration(
      Variant variant, InputShape input, long seed) {
    return configuration(variant, input, seed, LAYOUT);
  }

  /**
   * As {@link #configuration(Variant, InputShape, long)}, with the activations of every conv,
   * BatchNorm and pooling layer, and the input, in {@code layout}.
   */
  public static MultiLayerConfiguration configuration(
      Variant variant, InputShape input, long seed, CNN2DFormat layout) {
    int rows = input.height();
    int cols = input.width();
    NetworkShape shape = NetworkShape.of(variant);
    if (shape.outputSide(rows) <= 0 || shape.outputSide(cols) <= 0) {
      throw new IllegalArgumentException(
          rows
              + "x"
              + cols
              + " images are too small for "
              + shape.channels().size()
              + " blocks of "
              + shape.kernel()
              + "x"
              + shape.kernel()
              + " conv and 2x2 pooling");
    }
    NeuralNetConfiguration.Builder global =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .weightInit(WeightInit.XAVIER)
            .updater(variant.get(Axes.OPTIMIZER).updater(variant.get(Axes.LEARNING_RATE)))
            .cacheMode(CACHE);
    variant.settings().forEach((name, value) -> Axes.get(name).configure(value, global));
    NeuralNetConfiguration.ListBuilder layers = global.list();
    List<Regularization> decay = decay(variant.find(Axes.WEIGHT_DECAY).orElse(0.0));
    for (int channels : shape.channels()) {
      layers.layer(
          new ConvolutionLayer.Builder(shape.kernel(), shape.kernel())
              .helperAllowFallback(false)
              .nOut(channels)
              .stride(1, 1)
              .convolutionMode(ConvolutionMode.Truncate)
              .dataFormat(layout)
              .activation(Activation.IDENTITY)
              .regularization(decay)
              .build());
      for (Placement.Step step : variant.placement().block()) {
        layers.layer(
            switch (step) {
              case BATCH_NORM ->
                  new BatchNormalization.Builder()
                      .dataFormat(layout)
                      .helperAllowFallback(false)
                      .build();
              case ACTIVATION ->
                  new ActivationLayer.Builder().activation(variant.activation().dl4j()).build();
            });
      }
      layers.layer(
          new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
              .kernelSize(2, 2)
              .stride(2, 2)
              .dataFormat(layout)
              .helperAllowFallback(false)
              .build());
    }
    layers.layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
            .nOut(input.classes())
            .activation(Activation.SOFTMAX)
            .regularization(decay)
            .build());
    return layers
        .setInputType(InputType.convolutional(rows, cols, input.channels(), layout))
        .build();
  }

  /**
   * Decoupled weight decay at {@code coefficient} (scaled by the learning rate, applied after the
   * updater, as AdamW), for one weight layer; none at 0.
   */
  private static List<Regularization> decay(double coefficient) {
    return coefficient > 0 ? List.of(new WeightDecay(coefficient, true)) : List.of();
  }
}
