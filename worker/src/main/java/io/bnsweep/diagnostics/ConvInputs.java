package io.bnsweep.diagnostics;

import io.bnsweep.diagnostics.EpochDiagnostics.LayerInput;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean and standard deviation of the input of every conv layer after the first.
 *
 * <p>This is what the "BN is input normalisation for the next layer" argument is about: with
 * placement {@code after} the next conv's input is BatchNorm output (then max-pooled), with {@code
 * before} it is the activation of normalised values (then max-pooled).
 */
final class ConvInputs {
  private ConvInputs() {}

  /**
   * The statistics of each conv layer's input, over all examples, channels and positions
   * (population standard deviation).
   *
   * @param activations the result of {@code feedForward(probe, false)}: index 0 is the network's
   *     input and index {@code i + 1} the output of layer {@code i}, so index {@code i} is the
   *     input of layer {@code i}
   */
  static List<LayerInput> measure(LayerKinds layers, List<INDArray> activations) {
    List<LayerInput> inputs = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.isConv(i) && layers.block(i) > 1) {
        double[] moments = moments(Values.of(activations.get(i)));
        inputs.add(new LayerInput(i, layers.block(i), moments[0], moments[1]));
      }
    }
    return inputs;
  }

  /** Mean and population standard deviation of {@code values}, accumulated in double. */
  static double[] moments(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += v;
    }
    double mean = sum / values.length;
    double squares = 0;
    for (float v : values) {
      double d = v - mean;
      squares += d * d;
    }
    return new double[] {mean, Math.sqrt(squares / values.length)};
  }
}
