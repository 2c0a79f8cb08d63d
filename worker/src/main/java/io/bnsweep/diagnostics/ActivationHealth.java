package io.bnsweep.diagnostics;

import io.bnsweep.diagnostics.EpochDiagnostics.ActivationStats;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How much of an activation layer's output is switched off: exactly-zero and dead units for ReLU,
 * saturated outputs for sigmoid and tanh.
 *
 * <p>Saturated means the derivative, computed from the output, is below {@link #SATURATION} of its
 * maximum: {@code s(1 - s) < 0.025} for sigmoid (maximum 1/4), {@code 1 - t^2 < 0.1} for tanh
 * (maximum 1). Other activations report zeros: no threshold is defined for them.
 */
final class ActivationHealth {
  /** Fraction of the derivative's maximum below which an output counts as saturated. */
  static final double SATURATION = 0.1;

  private static final double SIGMOID_MAX_DERIVATIVE = 0.25;
  private static final double TANH_MAX_DERIVATIVE = 1;

  private ActivationHealth() {}

  /**
   * The statistics of {@code output}, the output of an activation layer applying {@code fn} to a
   * batch of examples (first dimension); a unit is one element of one example (channel x position).
   */
  static ActivationStats measure(int layer, int block, IActivation fn, INDArray output) {
    float[] values = Values.of(output);
    int examples = (int) output.size(0);
    if (fn instanceof ActivationReLU) {
      return zeros(layer, block, values, examples);
    }
    if (fn instanceof ActivationSigmoid) {
      double threshold = SATURATION * SIGMOID_MAX_DERIVATIVE;
      int saturated = 0;
      for (float s : values) {
        if ((double) s * (1 - s) < threshold) {
          saturated++;
        }
      }
      return new ActivationStats(layer, block, 0, 0, (double) saturated / values.length);
    }
    if (fn instanceof ActivationTanH) {
      double threshold = SATURATION * TANH_MAX_DERIVATIVE;
      int saturated = 0;
      for (float t : values) {
        if (1 - (double) t * t < threshold) {
          saturated++;
        }
      }
      return new ActivationStats(layer, block, 0, 0, (double) saturated / values.length);
    }
    return new ActivationStats(layer, block, 0, 0, 0);
  }

  private static ActivationStats zeros(int layer, int block, float[] values, int examples) {
    int units = values.length / examples;
    boolean[] alive = new boolean[units];
    int zeros = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] == 0f) {
        zeros++;
      } else {
        alive[i % units] = true;
      }
    }
    int dead = 0;
    for (boolean a : alive) {
      if (!a) {
        dead++;
      }
    }
    return new ActivationStats(
        layer, block, (double) zeros / values.length, (double) dead / units, 0);
  }
}
