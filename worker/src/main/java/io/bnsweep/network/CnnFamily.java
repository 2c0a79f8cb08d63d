package io.bnsweep.network;

import io.bnsweep.axis.Axis;
import io.bnsweep.axis.Values;
import io.bnsweep.data.InputShape;
import io.bnsweep.variant.Variant;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * {@code cnn}, the default family: one block per entry of {@code network.channels}, each a {@code
 * kernel x kernel} convolution without padding, the placement's steps, and 2x2 max pooling; then a
 * softmax output layer ({@link NetworkShape}).
 */
public final class CnnFamily implements NetworkFamily {
  /** The family's name. */
  public static final String NAME = "cnn";

  /** Output channels of each conv block, in order; one block per entry. */
  public static final Axis<List<Integer>> CHANNELS =
      Axis.of("network.channels", Values.positiveInts(), List.of(List.of(16, 32)))
          .labelled("channels");

  /** Side of the square conv kernels. */
  public static final Axis<Integer> KERNEL =
      Axis.of("network.kernel", Values.positiveInt(), List.of(3)).labelled("kernel");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Axis<?>> settings() {
    return List.of(CHANNELS, KERNEL);
  }

  @Override
  public void check(Variant variant, InputShape input) {
    NetworkShape shape = NetworkShape.of(variant);
    if (shape.outputSide(input.height()) <= 0 || shape.outputSide(input.width()) <= 0) {
      throw new IllegalArgumentException(
          "network.channels: "
              + shape.channels()
              + " makes "
              + shape.channels().size()
              + " blocks of "
              + shape.kernel()
              + "x"
              + shape.kernel()
              + " conv and 2x2 pooling, which do not fit "
              + input.height()
              + "x"
              + input.width()
              + " images");
    }
  }

  @Override
  public Architecture build(NetworkRequest request) {
    Variant variant = request.variant();
    NetworkShape shape = NetworkShape.of(variant);
    NeuralNetConfiguration.ListBuilder layers = request.builder().list();
    for (int channels : shape.channels()) {
      layers.layer(
          new ConvolutionLayer.Builder(shape.kernel(), shape.kernel())
              .helperAllowFallback(false)
              .nOut(channels)
              .stride(1, 1)
              .convolutionMode(ConvolutionMode.Truncate)
              .dataFormat(request.layout())
              .activation(Activation.IDENTITY)
              .regularization(request.weightDecay())
              .build());
      request.layers(placement(variant.placement()).block()).forEach(layers::layer);
      layers.layer(
          new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
              .kernelSize(2, 2)
              .stride(2, 2)
              .dataFormat(request.layout())
              .helperAllowFallback(false)
              .build());
    }
    layers.layer(request.output());
    return Architecture.of(layers.setInputType(request.inputType()).build());
  }
}
