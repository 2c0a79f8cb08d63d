package io.bnsweep.network;

import io.bnsweep.axis.Axes;
import io.bnsweep.data.InputShape;
import io.bnsweep.network.layer.ChannelScaling;
import io.bnsweep.variant.Placement;
import io.bnsweep.variant.Variant;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * What a {@link NetworkFamily} builds from: the variant, the shape of its inputs, and a builder
 * already set with what bnsweep controls (seed, updater, Xavier initialisation, float data, the
 * convolution cache, every axis's global option), plus the layers of bnsweep's steps, so that every
 * family builds {@code bn}, {@code act}, {@code cs} and {@code drop} the same way.
 *
 * @param variant the trial's settings
 * @param input the shape of the dataset's examples and its classes
 * @param builder the global configuration to build on ({@code builder.list()} for a stack, {@code
 *     builder.graphBuilder()} for a graph)
 * @param layout the layout of convolutional activations
 */
public record NetworkRequest(
    Variant variant, InputShape input, NeuralNetConfiguration.Builder builder, CNN2DFormat layout) {

  /** The activation axis's function. */
  public Activation activation() {
    return variant.activation().dl4j();
  }

  /**
   * Decoupled weight decay for one weight layer (conv or dense, never a bias or BatchNorm's scale
   * and shift): scaled by the learning rate and applied after the updater, as AdamW; none at 0.
   */
  public List<Regularization> weightDecay() {
    double coefficient = variant.find(Axes.WEIGHT_DECAY).orElse(0.0);
    return coefficient > 0 ? List.of(new WeightDecay(coefficient, true)) : List.of();
  }

  /** The probability of dropping a unit at a {@code drop} step, 0 if the variant has none. */
  public double dropout() {
    return variant.find(Axes.NETWORK_DROPOUT).orElse(0.0);
  }

  /**
   * The layer of one step: BatchNorm, the activation, channel scaling or dropout; none for {@code
   * drop} at rate 0.
   *
   * @throws IllegalArgumentException for {@code conv} and {@code add}, which only a family knows
   *     how to build
   */
  public List<Layer> layers(Placement.Step step) {
    return switch (step) {
      case BATCH_NORM ->
          List.of(
              new BatchNormalization.Builder()
                  .dataFormat(layout)
                  .helperAllowFallback(false)
                  .build());
      case ACTIVATION -> List.of(new ActivationLayer.Builder().activation(activation()).build());
      case CHANNEL_SCALING -> List.of(new ChannelScaling());
      case DROPOUT ->
          dropout() > 0
              // DL4J's argument is the probability of keeping a unit
              ? List.of(new DropoutLayer.Builder(1 - dropout()).build())
              : List.of();
      case CONV, ADD ->
          throw new IllegalArgumentException(
              "step '" + step.token() + "' is built by the network family, not as a layer");
    };
  }

  /**
   * The output layer every family ends with: softmax over the input's classes, trained on the
   * negative log-likelihood, its weights decayed as {@link #weightDecay()} says.
   */
  public Layer output() {
    return new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
        .nOut(input.classes())
        .activation(Activation.SOFTMAX)
        .regularization(weightDecay())
        .build();
  }

  /** The input's images as DL4J's input type, in {@link #layout()}. */
  public InputType inputType() {
    return InputType.convolutional(input.height(), input.width(), input.channels(), layout);
  }

  /** The layers of {@code steps}, in order ({@link #layers(Placement.Step)} of each). */
  public List<Layer> layers(List<Placement.Step> steps) {
    List<Layer> layers = new ArrayList<>();
    steps.forEach(step -> layers.addAll(layers(step)));
    return layers;
  }
}
