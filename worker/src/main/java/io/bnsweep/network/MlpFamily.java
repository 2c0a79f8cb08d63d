package io.bnsweep.network;

import io.bnsweep.axis.Axis;
import io.bnsweep.axis.Values;
import io.bnsweep.variant.Variant;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * {@code mlp}: the image flattened, then one dense layer per entry of {@code network.hidden}, each
 * followed by the placement's steps, then a softmax output layer; the BN paper's MNIST network is
 * {@code hidden: [100, 100, 100]} with sigmoid.
 */
public final class MlpFamily implements NetworkFamily {
  /** The family's name. */
  public static final String NAME = "mlp";

  /** Units of each hidden dense layer, in order. */
  public static final Axis<List<Integer>> HIDDEN =
      Axis.of("network.hidden", Values.positiveInts(), List.of(List.of(100, 100, 100)))
          .labelled("hidden");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Axis<?>> settings() {
    return List.of(HIDDEN);
  }

  @Override
  public Architecture build(NetworkRequest request) {
    Variant variant = request.variant();
    NeuralNetConfiguration.ListBuilder layers = request.builder().list();
    for (int units : variant.get(HIDDEN)) {
      layers.layer(
          new DenseLayer.Builder()
              .nOut(units)
              .activation(Activation.IDENTITY)
              .regularization(request.weightDecay())
              .build());
      request.layers(placement(variant.placement()).block()).forEach(layers::layer);
    }
    layers.layer(request.output());
    return Architecture.of(layers.setInputType(request.inputType()).build());
  }
}
