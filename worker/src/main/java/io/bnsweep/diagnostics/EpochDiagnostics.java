package io.bnsweep.diagnostics;

import java.util.List;

/**
 * Mechanism measurements on the trial's fixed probe batch at the end of one epoch.
 *
 * @param epoch 1-based epoch
 * @param convInputs the input of every conv layer after the first: is it zero-mean, unit-variance?
 * @param activations every activation layer's output: zero, dead and saturated fractions
 * @param gradients the gradient norm of every layer with parameters
 * @param bnScaleSignFlips BatchNorm scale (gamma) values whose sign differs from their sign at
 *     initialisation, over all BatchNorm layers
 * @param bnScaleCount number of BatchNorm scale values, the denominator of the above
 */
public record EpochDiagnostics(
    int epoch,
    List<LayerInput> convInputs,
    List<ActivationStats> activations,
    List<LayerGradient> gradients,
    int bnScaleSignFlips,
    int bnScaleCount) {

  public EpochDiagnostics {
    convInputs = List.copyOf(convInputs);
    activations = List.copyOf(activations);
    gradients = List.copyOf(gradients);
  }

  /**
   * Mean and standard deviation of the input to a conv layer, over the probe batch and all channels
   * and positions.
   *
   * @param layer index of the conv layer in the network
   * @param block 1-based conv block the layer opens
   * @param mean mean of its input
   * @param std standard deviation of its input
   */
  public record LayerInput(int layer, int block, double mean, double std) {}

  /**
   * What an activation layer's output looked like on the probe batch.
   *
   * @param layer index of the activation layer
   * @param block 1-based conv block it belongs to
   * @param zeroFraction fraction of outputs exactly zero (ReLU); 0 for other activations
   * @param deadFraction fraction of units (channel x position) zero for the whole probe batch
   *     (ReLU); 0 for other activations
   * @param saturatedFraction fraction of outputs where the activation's derivative is below 0.1 of
   *     its maximum (sigmoid, tanh); 0 for ReLU
   */
  public record ActivationStats(
      int layer, int block, double zeroFraction, double deadFraction, double saturatedFraction) {}

  /**
   * L2 norm of a layer's gradient on the probe batch (all its parameters together).
   *
   * @param layer index of the layer
   * @param type DL4J layer type, e.g. {@code ConvolutionLayer}
   * @param norm the gradient's L2 norm
   */
  public record LayerGradient(int layer, String type, double norm) {}
}
