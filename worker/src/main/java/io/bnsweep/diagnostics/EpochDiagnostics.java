package io.bnsweep.diagnostics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Mechanism measurements on the trial's fixed probe batch at the end of one epoch.
 *
 * @param epoch 1-based epoch
 * @param convInputs the input of every conv layer after the first (in a graph: every conv layer not
 *     fed by the network's input): is it zero-mean, unit-variance?
 * @param activations every activation layer's output: zero, dead and saturated fractions
 * @param gradients the gradient norm of every layer with parameters
 * @param bnScaleSignFlips BatchNorm scale (gamma) values whose sign differs from their sign at
 *     initialisation, over all BatchNorm layers
 * @param bnScaleCount number of BatchNorm scale values, the denominator of the above
 * @param residuals the residual branch against the shortcut at every addition of a residual
 *     network, in flow order; empty for a stack of layers (and in results written before it was
 *     measured)
 */
public record EpochDiagnostics(
    int epoch,
    List<LayerInput> convInputs,
    List<ActivationStats> activations,
    List<LayerGradient> gradients,
    int bnScaleSignFlips,
    int bnScaleCount,
    List<ResidualNorm> residuals) {

  /** Jackson's creator, named explicitly because the record has a second constructor. */
  @JsonCreator
  public EpochDiagnostics {
    convInputs = List.copyOf(convInputs);
    activations = List.copyOf(activations);
    gradients = List.copyOf(gradients);
    residuals = residuals == null ? List.of() : List.copyOf(residuals);
  }

  /** Diagnostics of a network without residual additions (a stack of layers). */
  public EpochDiagnostics(
      int epoch,
      List<LayerInput> convInputs,
      List<ActivationStats> activations,
      List<LayerGradient> gradients,
      int bnScaleSignFlips,
      int bnScaleCount) {
    this(epoch, convInputs, activations, gradients, bnScaleSignFlips, bnScaleCount, List.of());
  }

  /**
   * Mean and standard deviation of the input to a conv layer, over the probe batch and all channels
   * and positions.
   *
   * @param layer index of the conv layer in the network (in a graph, in the order of {@link
   *     io.bnsweep.network.Network#layers()})
   * @param block 1-based conv block the layer opens; in a residual network, the unit the layer
   *     belongs to (0 the stem, then 1, 2, ... in flow order)
   * @param mean mean of its input
   * @param std standard deviation of its input
   */
  public record LayerInput(int layer, int block, double mean, double std) {}

  /**
   * What an activation layer's output looked like on the probe batch.
   *
   * @param layer index of the activation layer (in a graph, in the order of {@link
   *     io.bnsweep.network.Network#layers()})
   * @param block 1-based conv block it belongs to; in a residual network, its unit (0 the stem,
   *     then 1, 2, ... in flow order, and the head after the last unit)
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
   * @param layer index of the layer (in a graph, in the order of {@link
   *     io.bnsweep.network.Network#layers()})
   * @param type DL4J layer type, e.g. {@code ConvolutionLayer}
   * @param norm the gradient's L2 norm
   */
  public record LayerGradient(int layer, String type, double norm) {}

  /**
   * The size of a residual unit's branch against its shortcut where they are added, on the probe
   * batch in inference mode: a ratio far below 1 means the unit barely changes what passes through
   * it, far above 1 that the shortcut is drowned.
   *
   * @param unit the residual unit, 1-based in flow order
   * @param name the addition's vertex, e.g. {@code s2.u1.add}
   * @param branchNorm root mean square over the probe batch of each example's L2 norm of the branch
   * @param shortcutNorm the same of the shortcut (the unit's input, or its projection)
   */
  public record ResidualNorm(int unit, String name, double branchNorm, double shortcutNorm) {
    /** {@code branchNorm / shortcutNorm}. */
    @JsonIgnore
    public double ratio() {
      return branchNorm / shortcutNorm;
    }
  }
}
